"""Shared by the converter tests: the fixture corpus of tests/data/convert/ and a reader that
returns what a converter found as readable tuples."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newsgold.errors import InputError
from newsgold.load import load_corpus

DATA = Path(__file__).resolve().parent / "data" / "convert"
DOCS = load_corpus(DATA / "documents.jsonl")
D1, D2 = DOCS[0].text, DOCS[1].text

# the entities of the fixtures, in OntoNotes labels (doc id, text, label)
D1_GOLD = [("d1", "John Kerry", "PERSON"), ("d1", "Russian", "NORP"), ("d1", "Sergey Lavrov", "PERSON"),
           ("d1", "Sochi", "GPE"), ("d1", "Tuesday", "DATE")]
D2_GOLD = [("d2", "Lavrov", "PERSON"), ("d2", "Moscow", "GPE"), ("d2", "U.S.", "GPE"), ("d2", "Kerry", "PERSON"),
           ("d2", "Ann Lee", "PERSON")]


def read(fmt: str, path: str | Path, docs: list | None = None, **options: Any) -> list[tuple[str, str, str]]:
    """``(doc_id, text, label)`` of every entity ``fmt`` reads from ``path`` (options as Options fields)."""
    from newsgold.convert import read_predictions
    from newsgold.convert.common import Options

    records = read_predictions(fmt, path, docs or DOCS, Options(**options)).entities
    return [(e.doc_id, e.text, e.label) for e in records]


def notes(fmt: str, path: str | Path, **options: Any) -> list[str]:
    from newsgold.convert import read_predictions
    from newsgold.convert.common import Options

    return read_predictions(fmt, path, DOCS, Options(**options)).notes


def problems(fmt: str, path: str | Path, docs: list | None = None, **options: Any) -> list[str]:
    """The problem lines ``fmt`` reports for ``path``."""
    with pytest.raises(InputError) as e:
        read(fmt, path, docs, **options)
    return [str(p) for p in e.value.problems]
