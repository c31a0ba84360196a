"""The gold of ``score``, ``compare`` and ``benchmark``: a JSONL folder with its corpus, or a Hub export.

``--gold DIR`` (with ``--corpus PATH``, default ``corpus/documents.jsonl``) reads the JSONL gold;
``--gold hf:SOURCE[@REVISION][#SPLIT]`` reads a Hub export (a local ``newsgold export-hf`` folder
or a Hub dataset repository), which carries its own documents, so ``--corpus`` is refused with it
(see :mod:`newsgold.hf.read`). Either way the result is validated documents, validated
annotations, the gold checksum for the report signature and the name reports show.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from newsgold.errors import InputError, Problem
from newsgold.load import DEFAULT_CORPUS, Annotations, load_annotations, load_corpus
from newsgold.schema import Document


@dataclass
class Gold:
    documents: list[Document]
    annotations: Annotations
    checksum: str  # newsgold.signature.gold_checksum (or the export's equivalent)
    name: str  # the gold as reports show it (no absolute path)
    corpus: str  # the corpus as reports show it


def load_gold(gold: str | Path, corpus: str | Path | None = None, tasks: list[str] | None = None) -> Gold:
    """Load the gold named ``gold``; ``corpus`` is for a JSONL gold only (default: the article);
    ``tasks`` limits a JSONL gold to those task files (default: all)."""
    from newsgold.hf.read import is_hub_gold
    from newsgold.report import display_path

    if is_hub_gold(gold):
        if corpus is not None:
            raise InputError(Problem("--corpus", 0, "corpus", f"not used with --gold {gold}: a Hub export "
                                     "carries its documents"))
        from newsgold.hf.read import load

        hub = load(str(gold))
        return Gold(hub.documents, hub.annotations, hub.checksum, hub.name, f"{hub.name}:documents")
    from newsgold.signature import gold_checksum

    corpus = Path(corpus) if corpus is not None else DEFAULT_CORPUS
    documents = load_corpus(corpus)
    annotations = load_annotations(gold, documents, tasks=tasks)
    return Gold(documents, annotations, gold_checksum(gold, corpus), display_path(gold), display_path(corpus))


def gold_paths(gold: str | Path) -> list[str]:
    """The local paths a ``--gold`` value reads: the folder, or a local ``hf:`` export folder (a
    Hub repository id names nothing on this machine). Used to keep every write away from them.

    >>> gold_paths("annotations"), gold_paths("hf:alice/newsgold@v1#test")
    (['annotations'], [])
    """
    g = str(gold)
    if not g.startswith("hf:"):
        return [g]
    source = g[3:].split("#")[0]
    return next(([c] for c in (source, source.split("@")[0]) if c and Path(c).exists()), [])
