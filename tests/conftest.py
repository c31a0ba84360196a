"""Shared fixtures: a tiny one-document corpus with a valid gold folder, and JSONL writers.

Everything is built in ``tmp_path`` and returned as fresh copies, so a test may corrupt a record
without affecting another test. Nothing here reads the shipped gold (it is still being written).

* ``write_jsonl(path, rows, bom=False, crlf=False)`` -> Path   write records (or raw str lines)
* ``span_of(sub, nth=0)``                          -> dict     {"start", "end", "text"} in TINY_TEXT
* ``tiny_doc`` (dict), ``tiny_document`` (Document), ``tiny_records`` (task -> list of dicts)
* ``tiny_corpus`` -> Path of a corpus file; ``tiny_gold`` -> Path of a valid gold folder
* ``find_span(sub, nth, text)`` -> Span; ``run_cli(capsys, *argv)``; ``LINE`` (the error-line regex)
* ``score_one_doc(task, doc, gold, pred, entities, **settings)`` -> (metrics, TaskCounts); ``totals_of``
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest

from newsgold.schema import Document, Span

TINY_ID = "tiny"
TINY_TEXT = "Kerry met Lavrov in Sochi on Tuesday.\n“We are ready,” Lavrov said."


def span_of(sub: str, nth: int = 0, text: str = TINY_TEXT) -> dict[str, Any]:
    """The span of the ``nth`` occurrence of ``sub`` in ``text``.

    >>> span_of("Lavrov", 1)
    {'start': 54, 'end': 60, 'text': 'Lavrov'}
    """
    start = -1
    for _ in range(nth + 1):
        start = text.index(sub, start + 1)
    return {"start": start, "end": start + len(sub), "text": sub}


def find_span(sub: str, nth: int = 0, text: str = TINY_TEXT) -> Span:
    """:func:`span_of` as a :class:`newsgold.schema.Span` (for tests that build records directly)."""
    d = span_of(sub, nth, text)
    return Span(d["start"], d["end"], d["text"])


LINE = re.compile(r"^[^:\n]+:\d+: [\w.]+: \S.*$")
"""The one-line error format ``path:line: field: what is wrong``."""


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``newsgold ARGV`` in-process: (exit code, stdout, stderr)."""
    from newsgold.cli import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def totals_of(tc: Any) -> Any:
    """The summed counts of a :class:`newsgold.tasks.base.TaskCounts` as :class:`Totals`."""
    from collections import Counter

    import numpy as np

    from newsgold.tasks.base import Totals

    summed: Counter = Counter()
    for row in tc.rows.values():
        summed.update(row)
    cols = sorted(summed)
    return Totals(cols, np.array([summed[k] for k in cols], dtype=float))


def score_one_doc(task: Any, doc: Document, gold: list, pred: list, entities: list = (), **settings: Any):
    """Count one document with ``task`` (every count in one unit) and score the sums.
    Returns ``(metrics, TaskCounts)``; ``settings`` are :class:`newsgold.settings.Settings` fields."""
    from newsgold.settings import Settings
    from newsgold.tasks.base import DocContext

    ctx = DocContext(doc=doc, gold={"entities": list(entities), task.name: list(gold)},
                     pred={task.name: list(pred)}, unit_of=lambda off: "d")
    tc = task.count(ctx, Settings(**settings))
    return task.score(totals_of(tc)), tc


def make_doc(text: str = TINY_TEXT, doc_id: str = TINY_ID) -> dict[str, Any]:
    """A valid corpus record for ``text`` (sha256 computed)."""
    return {
        "id": doc_id, "text": text, "title": "Tiny", "published": "2015-05-11", "language": "en",
        "source": "tiny.txt", "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
    }


def _entity(i: int, sub: str, label: str, key: str, nth: int = 0) -> dict[str, Any]:
    return {"doc_id": TINY_ID, "id": f"e{i:03d}", **span_of(sub, nth), "label": label, "entity": key}


TINY_RECORDS: dict[str, list[dict[str, Any]]] = {
    "entities": [
        _entity(1, "Kerry", "PERSON", "john-kerry"),
        _entity(2, "Lavrov", "PERSON", "sergey-lavrov"),
        _entity(3, "Sochi", "GPE", "sochi"),
        _entity(4, "Tuesday", "DATE", "2015-05-12"),
        _entity(5, "Lavrov", "PERSON", "sergey-lavrov", nth=1),
    ],
    "quotes": [
        {"doc_id": TINY_ID, "id": "q01", "type": "direct", "content": span_of("We are ready,"),
         "speaker": span_of("Lavrov", 1), "speaker_entity": "sergey-lavrov",
         "cue": span_of("said"), "via": None},
    ],
    "claims": [
        {"doc_id": TINY_ID, "id": "c01", "span": span_of("Kerry met Lavrov in Sochi on Tuesday"),
         "claimant": "ARTICLE", "claimant_span": None, "status": "asserted", "checkworthy": True},
        {"doc_id": TINY_ID, "id": "c02", "span": span_of("We are ready"),
         "claimant": "sergey-lavrov", "claimant_span": span_of("Lavrov", 1), "status": "reported",
         "checkworthy": False},
    ],
}


def write_jsonl(path: str | Path, rows: Iterable[Any], bom: bool = False, crlf: bool = False) -> Path:
    """Write one JSON value per line (a ``str`` row is written as is, for broken lines)."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    nl = "\r\n" if crlf else "\n"
    body = "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + nl for r in rows)
    p.write_bytes((b"\xef\xbb\xbf" if bom else b"") + body.encode("utf-8"))
    return p


@pytest.fixture(name="write_jsonl")
def write_jsonl_fixture() -> Callable[..., Path]:
    return write_jsonl


@pytest.fixture(name="span_of")
def span_of_fixture() -> Callable[..., dict[str, Any]]:
    return span_of


@pytest.fixture
def tiny_doc() -> dict[str, Any]:
    return make_doc()


@pytest.fixture
def tiny_document() -> Document:
    return Document.from_dict(make_doc())


@pytest.fixture
def tiny_records() -> dict[str, list[dict[str, Any]]]:
    return copy.deepcopy(TINY_RECORDS)


@pytest.fixture
def tiny_corpus(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "corpus" / "documents.jsonl", [make_doc()])


@pytest.fixture
def tiny_gold(tmp_path: Path, tiny_records: dict[str, list[dict[str, Any]]]) -> Path:
    folder = tmp_path / "gold"
    for task, rows in tiny_records.items():
        write_jsonl(folder / f"{task}.jsonl", rows)
    return folder


REPO_ROOT = Path(__file__).resolve().parents[1]


def tree_sums(root: Path) -> dict[str, str]:
    """sha256 of every file under ``root`` (symlinks by their target text): a snapshot to compare
    before and after a command that must not change anything."""
    import os

    out = {}
    for p in sorted(root.rglob("*")):
        rel = p.relative_to(root).as_posix()
        if p.is_symlink():
            out[rel] = "link:" + os.readlink(p)
        elif p.is_file():
            out[rel] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


@pytest.fixture
def sandbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """cwd = a copy of the project's data: ``annotations/`` and ``corpus/`` (the shipped gold and
    corpus), ``preds/`` (a user's predictions folder: the gold's task files), and ``mine/`` (a
    user's own files: notes.txt, thesis.tex, in/a.txt)."""
    import shutil

    project = tmp_path / "project"
    project.mkdir()
    shutil.copytree(REPO_ROOT / "annotations", project / "annotations")
    shutil.copytree(REPO_ROOT / "corpus", project / "corpus")
    (project / "preds").mkdir()
    for name in ("entities.jsonl", "quotes.jsonl", "claims.jsonl"):
        shutil.copy(REPO_ROOT / "annotations" / name, project / "preds" / name)
    (project / "mine" / "in").mkdir(parents=True)
    (project / "mine" / "notes.txt").write_text("my notes\n")
    (project / "mine" / "thesis.tex").write_text("\\documentclass{article}\n")
    (project / "mine" / "in" / "a.txt").write_text("a\n")
    monkeypatch.chdir(project)
    return project


def first_line(err: str) -> str:
    return err.splitlines()[0] if err else ""
