"""Publishing the gold set as a Hugging Face Hub dataset (``newsgold export-hf`` / ``push-hf``).

* :mod:`newsgold.hf.features` the ``datasets.Features`` of every config, derived from
  :data:`newsgold.schema.FIELDS` (one definition, no per-config copies)
* :mod:`newsgold.hf.export`   records -> deterministic Parquet files + a Hub-ready folder
* :mod:`newsgold.hf.card`     the README.md dataset card (YAML metadata + body computed from the data)
* :mod:`newsgold.hf.push`     create the Hub repo and upload the folder

``datasets``, ``huggingface_hub`` and ``pyarrow`` are imported inside functions only, so importing
this package (and ``newsgold --help``) stays fast.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from datasets import Features

    from newsgold.load import Annotations
    from newsgold.schema import Document

CONFIGS: tuple[str, ...] = ("documents", "entities", "quotes", "claims", "spans")
"""Hub configs: one row per record for the first four; one row per document for ``spans``."""

DEFAULT_CONFIG = "spans"
"""Loaded by ``load_dataset(repo)`` without a name: the self-contained view (text + all spans)."""

SPLIT = "train"
"""The gold is one article: a single split. Users who train on it must hold out themselves."""


def data_file(config: str) -> str:
    """Path of a config's Parquet file inside the export, in the Hub's sharded naming.

    >>> data_file("entities")
    'data/entities/train-00000-of-00001.parquet'
    """
    return f"data/{config}/{SPLIT}-00000-of-00001.parquet"


@dataclass
class ExportData:
    """Everything the card and the Parquet files are made from (so the card is computed, not typed)."""

    documents: list[Document]
    annotations: Annotations
    rows: dict[str, list[dict[str, Any]]]
    features: dict[str, "Features"]
    num_bytes: dict[str, int] = field(default_factory=dict)  # Arrow size per config
    file_sizes: dict[str, int] = field(default_factory=dict)  # Parquet size per config
