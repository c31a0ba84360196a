"""Stage "count": run every task over every document and stack the per-unit counts into a table.

The output is one :class:`Table` per task: a dense ``units x columns`` matrix of sufficient
statistics (the sacrebleu idea: keep per-item statistics apart from the final score), so scoring,
bootstrap resampling and paired tests are "pick rows, sum, score" -- nothing is re-matched.

Every unit of every document gets a row, even with all-zero counts: two systems scored on the same
corpus then have identical ``unit_ids`` and their rows can be paired.

Units (``Settings.unit``):

* ``document`` -- one unit per document, id = the document id;
* ``sentence`` -- one unit per sentence of :func:`newsgold.sentences.split_sentences`, id
  ``<doc_id>#s001`` (1-based, zero-padded to at least 3 digits);
* ``auto``     -- ``sentence`` when the corpus has exactly one document (a single document gives
  no spread to resample), else ``document``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from newsgold.errors import InputError, Problem
from newsgold.load import Annotations
from newsgold.schema import Document
from newsgold.sentences import sentence_locator, split_sentences
from newsgold.tasks import TASKS
from newsgold.tasks.base import DocContext, ErrorItem, Settings, Task

UNITS = ("auto", "document", "sentence")
CONTEXT_CHARS = 60


@dataclass
class Table:
    """Per-unit sufficient statistics of one task for one system.

    ``matrix[i, j]`` is the count of ``columns[j]`` in unit ``unit_ids[i]``; ``columns`` is sorted.
    ``source`` names the prediction folder, for messages.
    """

    task: str
    unit_ids: list[str]
    columns: list[str]
    matrix: np.ndarray
    errors: list[ErrorItem] = field(default_factory=list)
    pairs: list[tuple[str, str]] = field(default_factory=list)
    source: str = ""

    def totals(self) -> np.ndarray:
        """Column sums, shape ``(k,)``."""
        return self.matrix.sum(axis=0)


def resolve_unit(unit: str, n_documents: int) -> str:
    """The effective unit for ``Settings.unit``.

    >>> resolve_unit("auto", 1), resolve_unit("auto", 7), resolve_unit("document", 1)
    ('sentence', 'document', 'document')
    """
    if unit not in UNITS:
        raise ValueError(f"unknown unit {unit!r} (choose from {', '.join(UNITS)})")
    if unit == "auto":
        return "sentence" if n_documents == 1 else "document"
    return unit


def doc_units(doc: Document, unit: str) -> tuple[list[str], Callable[[int], str]]:
    """The unit ids of one document and the ``offset -> unit id`` function for it.

    >>> from newsgold.schema import Document
    >>> ids, unit_of = doc_units(Document("d", "One. Two here."), "sentence")
    >>> ids, unit_of(6)
    (['d#s001', 'd#s002'], 'd#s002')
    """
    if unit == "document":
        return [doc.id], lambda offset: doc.id
    sentences = split_sentences(doc.text) or [(0, len(doc.text))]
    width = max(3, len(str(len(sentences))))
    ids = [f"{doc.id}#s{i + 1:0{width}d}" for i in range(len(sentences))]
    locate = sentence_locator(sentences)
    return ids, lambda offset: ids[locate(offset)]


def error_context(text: str, start: int, end: int, chars: int = CONTEXT_CHARS) -> str:
    """About ``chars`` characters either side of ``text[start:end]``, whitespace collapsed, the
    span itself marked with guillemets and cut ends marked with an ellipsis.

    >>> error_context("a  b\\ncc dd ee", 5, 7, chars=3)
    '…b «cc» dd…'
    """
    lo, hi = max(0, start - chars), min(len(text), end + chars)
    if "  " not in text[lo:hi] and text[lo:hi].isprintable():  # no whitespace but single spaces
        return (f"{'…' if lo > 0 else ''}{text[lo:start].lstrip()}«{text[start:end]}»"
                f"{text[end:hi].rstrip()}{'…' if hi < len(text) else ''}")
    left = ("…" if lo > 0 else "") + _collapse(text[lo:start]).lstrip()
    right = _collapse(text[end:hi]).rstrip() + ("…" if hi < len(text) else "")
    return f"{left}«{_collapse(text[start:end])}»{right}"


def _collapse(s: str) -> str:
    """``re.sub(r"\\s+", " ", s)`` -- every run of whitespace one space -- through ``str.split``
    (which splits on the same characters), three times faster on error contexts.

    >>> _collapse(" a \\n\\t b  "), _collapse("ab"), _collapse("  ")
    (' a b ', 'ab', ' ')
    """
    words = s.split()
    if not words:
        return " " if s else ""
    out = " ".join(words)
    if s[0].isspace():
        out = " " + out
    if s[-1].isspace():
        out += " "
    return out


def _check_doc_ids(ann: Annotations, name: str, known: set[str]) -> None:
    """Backstop for unvalidated input: records must point at corpus documents."""
    path = str(ann.files.get(name, ann.path / f"{name}.jsonl"))
    problems = [
        Problem(path, i, "doc_id", f"unknown document id {r.doc_id!r} (not in the corpus)")
        for i, r in enumerate(ann.task(name) or [], start=1)
        if r.doc_id not in known
    ]
    if problems:
        raise InputError(problems)


def resolve_tasks(tasks: Iterable[str | Task] | None, pred: Annotations | None = None) -> list[Task]:
    """Task objects for names (default: every registered task); with ``pred``, only the tasks it
    has a file for -- a task module is imported only when it is going to be used."""
    from newsgold.tasks import get_task

    out: list[Task] = []
    for t in TASKS if tasks is None else tasks:
        name = t if isinstance(t, str) else t.name
        if pred is None or pred.task(name) is not None:
            out.append(get_task(t) if isinstance(t, str) else t)
    return out


def count(
    documents: Sequence[Document],
    gold: Annotations,
    pred: Annotations,
    settings: Settings,
    tasks: Iterable[str | Task] | None = None,
) -> dict[str, Table]:
    """Count every task that ``pred`` does, over every document in corpus order.

    ``tasks`` are task names or task objects (default: all registered tasks). A task whose
    prediction file is missing is skipped (not done); the gold must have every task that is scored.
    """
    unit = resolve_unit(settings.unit, len(documents))
    known = {d.id for d in documents}
    chosen = resolve_tasks(tasks, pred)
    for t in chosen:
        if gold.task(t.name) is None:
            raise InputError(Problem(str(gold.path / f"{t.name}.jsonl"), 0, "file",
                                     f"the gold has no {t.name} file, so {t.name} cannot be scored"))
        _check_doc_ids(gold, t.name, known)
        _check_doc_ids(pred, t.name, known)
    names = list(dict.fromkeys([*TASKS, *(t.name for t in chosen)]))
    gold_by = {n: gold.by_doc(n) for n in names}
    pred_by = {n: pred.by_doc(n) for n in names}

    unit_ids: list[str] = []
    per_task: dict[str, list[dict]] = {t.name: [] for t in chosen}
    errors: dict[str, list[ErrorItem]] = {t.name: [] for t in chosen}
    pairs: dict[str, list[tuple[str, str]]] = {t.name: [] for t in chosen}
    for doc in documents:
        ids, unit_of = doc_units(doc, unit)
        unit_ids.extend(ids)
        ctx = DocContext(doc=doc, gold={n: gold_by[n].get(doc.id, []) for n in names},
                         pred={n: pred_by[n].get(doc.id, []) for n in names}, unit_of=unit_of)
        for t in chosen:
            counts = t.count(ctx, settings)
            stray = set(counts.rows) - set(ids)
            if stray:
                raise ValueError(f"task {t.name} counted into unknown unit(s) {sorted(stray)} of {doc.id!r}")
            per_task[t.name].append(counts.rows)
            for e in sorted(counts.errors, key=lambda e: (e.start, e.end, e.kind, e.text, e.detail)):
                e.context = error_context(doc.text, e.start, e.end)
                errors[t.name].append(e)
            pairs[t.name].extend((str(g), str(p)) for g, p in counts.pairs)

    index = {u: i for i, u in enumerate(unit_ids)}
    tables: dict[str, Table] = {}
    for t in chosen:
        columns = sorted({c for rows in per_task[t.name] for row in rows.values() for c in row})
        col = {c: j for j, c in enumerate(columns)}
        cells, values = [], []  # flat cell index (unit x column) and count, summed by bincount
        width = len(columns)
        for rows in per_task[t.name]:
            for u, row in rows.items():
                base = index[u] * width
                cells.extend([base + col[c] for c in row])
                values.extend(row.values())
        matrix = np.bincount(np.asarray(cells, dtype=np.int64), weights=np.asarray(values, dtype=float),
                             minlength=len(unit_ids) * width).reshape(len(unit_ids), width)
        tables[t.name] = Table(t.name, list(unit_ids), columns, matrix, errors[t.name], pairs[t.name],
                               source=str(pred.path))
    return tables
