"""Publishing the gold set as a Hugging Face Hub dataset (``newsgold export-hf`` / ``push-hf``) and
reading such an export back as a gold (``--gold hf:...``).

* :mod:`newsgold.hf.features` the ``datasets.Features`` of every config, derived from
  :data:`newsgold.schema.FIELDS` (one definition, no per-config copies)
* :mod:`newsgold.hf.ner`      the ``ner`` config: sentences, spaCy tokens, IOB2 tags, and back
* :mod:`newsgold.hf.export`   records -> deterministic Parquet files + a Hub-ready folder
* :mod:`newsgold.hf.card`     the README.md dataset card (huggingface_hub's template, filled from the data)
* :mod:`newsgold.hf.cardcheck` offline validation of the card's metadata
* :mod:`newsgold.hf.read`     an export (local folder or Hub repo) back into documents + annotations
* :mod:`newsgold.hf.push`     create the Hub repo, upload the folder, tag the commit

``datasets``, ``huggingface_hub``, ``pyarrow`` and ``spacy`` are imported inside functions only, so
importing this package (and ``newsgold --help``) stays fast.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsgold.tasks import TASKS

if TYPE_CHECKING:  # pragma: no cover
    from datasets import Features

    from newsgold.load import Annotations
    from newsgold.schema import Document

PASS_CONFIGS: tuple[str, ...] = ("pass1", "pass2")
"""The two blind annotation passes, one config each (in the ``spans`` layout)."""

CONFIGS: tuple[str, ...] = (*TASKS, "documents", "spans", "ner", *PASS_CONFIGS)
"""Hub configs: one row per record (``entities``, ``quotes``, ``claims``, ``documents``); one row per
document (``spans``, ``pass1``, ``pass2``); one row per sentence (``ner``)."""

DEFAULT_CONFIG = "entities"
"""Shown first by the Hub viewer and loaded by ``load_dataset(repo)`` without a name."""

METADATA_FILE = "newsgold.json"
"""Per split: the gold checksum of the JSONL files it was exported from and a checksum of its records,
so a gold read back from the export carries the same report signature as the JSONL gold."""


@dataclass(frozen=True)
class SplitSource:
    """Where one split's data comes from: a corpus file and its gold annotation folder. Next to them,
    when present: ``<annotations>/pass1/``, ``pass2/`` (the blind passes), ``<annotations>/agreement.json``
    (written by ``scripts/agreement.py --json``) and ``provenance.json`` beside the corpus file."""

    name: str
    corpus: Path
    annotations: Path


DEFAULT_SPLITS: tuple[SplitSource, ...] = (
    SplitSource("test", Path("corpus/documents.jsonl"), Path("annotations")),
    SplitSource("validation", Path("corpus/realdev/documents.jsonl"), Path("annotations/realdev")),
)
"""The article is the test split; the real development set is the validation split. The synthetic
sets (``tests/data/``) are not published."""


def data_file(config: str, split: str) -> str:
    """Path of one config's split inside the export, in the Hub's sharded naming.

    >>> data_file("entities", "test")
    'data/entities/test-00000-of-00001.parquet'
    """
    return f"data/{config}/{split}-00000-of-00001.parquet"


@dataclass
class SplitData:
    """One split's inputs and the rows of every config computed from them."""

    source: SplitSource
    documents: list[Document]
    annotations: Annotations
    passes: dict[str, Annotations] = field(default_factory=dict)  # "pass1"/"pass2" when present
    agreement: dict[str, Any] | None = None  # agreement.json as written by scripts/agreement.py
    provenance: dict[str, Any] | None = None  # provenance.json beside the corpus
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # config -> rows
    notes: list[str] = field(default_factory=list)  # what the ner config had to adapt (token splits, merges)
    gold_sha256: str = ""  # newsgold.signature.gold_checksum of the JSONL files
    records_sha256: str = ""  # newsgold.hf.read.records_checksum of the records

    @property
    def name(self) -> str:
        return self.source.name


@dataclass
class ExportData:
    """Everything the card and the Parquet files are made from (so the card is computed, not typed)."""

    splits: dict[str, SplitData]
    features: dict[str, "Features"]
    num_bytes: dict[tuple[str, str], int] = field(default_factory=dict)  # (config, split) -> Arrow size
    file_sizes: dict[tuple[str, str], int] = field(default_factory=dict)  # (config, split) -> Parquet size

    @property
    def configs(self) -> list[str]:
        """The configs that have data in at least one split, in :data:`CONFIGS` order."""
        return [c for c in CONFIGS if any(c in s.rows for s in self.splits.values())]

    def config_splits(self, config: str) -> list[str]:
        """The splits a config has data for (a pass config only where the passes exist)."""
        return [name for name, s in self.splits.items() if config in s.rows]
