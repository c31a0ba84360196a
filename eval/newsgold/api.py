"""The in-memory API: score records held in Python (a notebook, a test) in one call.

``newsgold.evaluate(gold, pred, docs, tasks=..., **settings)`` builds the same inputs the command
line reads from files and runs them through :func:`newsgold.pipeline.evaluate` -- the one pipe --
so the numbers, intervals and signature are those ``newsgold score`` would print for the same
records written to files.

* ``docs``: corpus documents as dicts (``id``, ``text``; the other corpus fields optional),
  :class:`newsgold.schema.Document` s or spaCy ``Doc`` s; may be left out when ``gold`` is a list of
  spaCy ``Doc`` s (their texts are the documents, their ids ``doc.user_data["doc_id"]`` or
  ``doc1``, ``doc2``, … in order).
* ``gold`` / ``pred``: a list of records of one task (entities unless ``tasks`` names one other
  task, or the records look like quotes -- a ``content`` -- or claims -- a ``span``), a dict
  ``task -> records``, or a list of spaCy ``Doc`` s (their ``ents``; a ``Doc`` is matched to a
  document by ``user_data["doc_id"]``, else by its text).
* Records need only the fields the metric uses (an entity: ``doc_id``, ``start``, ``end``,
  ``label``); unknown fields are ignored and named in ``Report.notes``. Prediction labels are
  checked after the label map; gold labels, offsets, texts given and flatness are checked as in
  the gold files. Bad input raises :class:`newsgold.errors.InputError` whose lines read
  ``gold entities:3: label: …`` (the record's position, 1-based).
* ``settings``: the fields of :class:`newsgold.settings.Settings` (``label_map``, ``min_overlap``,
  ``bootstrap``, ``seed``, ``confidence``, ``unit``, ``quote_overlap``, ``claim_jaccard``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from newsgold.errors import InputError, Problem
from newsgold.load import Annotations, complete_predictions
from newsgold.schema import Document
from newsgold.settings import Settings
from newsgold.tasks import TASKS

__all__ = ["Report", "evaluate"]


@dataclass(frozen=True)
class Report:
    """The result of :func:`evaluate`: the report ``newsgold score --json`` writes, as an object."""

    report: dict[str, Any]
    tables: dict[str, Any] = field(repr=False)
    notes: list[str] = field(default_factory=list)

    @property
    def signature(self) -> str:
        return str(self.report["signature"])

    @property
    def headline(self) -> dict[str, dict[str, Any]]:
        """Per task: the headline metric's name, F1, precision, recall and CI (rounded as in the JSON)."""
        from newsgold.metrics import headline_prf

        out = {}
        for task, result in self.to_dict()["tasks"].items():
            p, r, f = headline_prf(result)
            out[task] = {"metric": result["headline"], "f1": f, "precision": p, "recall": r,
                         "ci": result["ci"].get(result["headline"])}
        return out

    @property
    def ci(self) -> dict[str, dict[str, list[float]]]:
        """Per task: ``metric -> [low, high]`` bootstrap intervals (empty with ``bootstrap=0``)."""
        return {task: result["ci"] for task, result in self.to_dict()["tasks"].items()}

    @property
    def errors(self) -> list[dict[str, Any]]:
        """Every error item (FP, FN, INC, PAR, SPEAKER, …) of every task, with its context."""
        return [e for result in self.to_dict()["tasks"].values() for e in result["errors"]]

    def metrics(self, task: str) -> dict[str, Any]:
        """Every metric of one task, by name (``"strict.f1"``), as in the JSON report."""
        return dict(self.to_dict()["tasks"][task]["metrics"])

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON values, floats rounded to 6 places: exactly ``json.load`` of ``to_json()``."""
        return dict(json.loads(self.to_json()))

    def to_json(self) -> str:
        from newsgold.report import to_json

        return to_json(self.report)

    def to_markdown(self, errors: int = 20) -> str:
        from newsgold.report import to_markdown

        return to_markdown(self.report, errors=errors)

    def __str__(self) -> str:
        from newsgold.report import to_terminal

        return to_terminal(self.report)

    def _repr_markdown_(self) -> str:  # Jupyter shows the Markdown report
        return self.to_markdown()


def evaluate(gold: Any, pred: Any, docs: Any = None, tasks: Iterable[str] | None = None, **settings: Any) -> Report:
    """Score ``pred`` against ``gold`` over ``docs`` (module docstring) with bootstrap CIs.

    >>> docs = [{"id": "d", "text": "Kerry met Lavrov."}]
    >>> gold = [{"doc_id": "d", "start": 0, "end": 5, "label": "PERSON"}, {"doc_id": "d", "start": 10, "end": 16, "label": "PERSON"}]
    >>> r = evaluate(gold, [{"doc_id": "d", "start": 0, "end": 5, "label": "PERSON", "score": 0.9}], docs, bootstrap=0)
    >>> r.headline["entities"]["f1"], [e["kind"] for e in r.errors], r.notes
    (0.666667, ['FN'], ['note: pred entities: ignored fields the scorer does not use: score (1 of 1 records)'])
    """
    from newsgold.pipeline import evaluate as run_pipe
    from newsgold.signature import checksum
    from newsgold.tasks import get_task

    wanted = list(tasks) if tasks is not None else None
    if wanted is not None:
        unknown = [t for t in wanted if t not in TASKS]
        if unknown:
            raise ValueError(f"unknown task(s) {unknown} (tasks: {', '.join(TASKS)})")
    config = make_settings(**settings)
    documents = _documents(docs, gold)
    notes: list[str] = []
    gold_wanted = None if wanted is None else list(dict.fromkeys(  # and the gold those tasks read (speakers)
        n for t in wanted for n in (t, *get_task(t).needs_gold)))
    gold_ann = _annotations("gold", gold, documents, gold_wanted, None, notes)
    pred_ann = _annotations("pred", pred, documents, wanted, config, notes)
    scored = [t for t in (wanted or TASKS) if pred_ann.task(t) is not None]
    if not scored:
        raise InputError(Problem("pred", 0, "tasks", f"no records of any task to score ({', '.join(wanted or TASKS)})"))
    missing = [t for t in scored if gold_ann.task(t) is None]
    if missing:
        raise InputError(Problem("gold", 0, "tasks", f"no gold {', '.join(missing)} to score the predictions against"))
    parts = [(f"{t}.jsonl", _jsonl(r.to_dict() for r in gold_ann.task(t) or [])) for t in TASKS if gold_ann.task(t) is not None]
    parts.append(("corpus", _jsonl(d.to_dict() for d in documents)))
    report, tables = run_pipe(documents, gold_ann, pred_ann, config, gold_checksum=checksum(parts), tasks=scored)
    return Report(report, tables, notes)


def make_settings(**settings: Any) -> Settings:
    """:class:`Settings` from keyword arguments, each value checked as the command line checks it."""
    names = [f.name for f in fields(Settings)]
    unknown = sorted(set(settings) - set(names))
    if unknown:
        raise TypeError(f"unknown setting(s) {', '.join(unknown)} (settings: {', '.join(names)})")
    s = Settings(**settings)
    checks = [
        ("quote_overlap", 0 < s.quote_overlap <= 1), ("claim_jaccard", 0 < s.claim_jaccard <= 1),
        ("min_overlap", 0 <= s.min_overlap <= 1), ("confidence", 0 < s.confidence < 1),
        ("bootstrap", isinstance(s.bootstrap, int) and s.bootstrap >= 0), ("seed", isinstance(s.seed, int) and s.seed >= 0),
        ("unit", s.unit in ("auto", "document", "sentence")),
    ]
    bad = [name for name, ok in checks if not ok]
    if bad:
        raise ValueError(f"bad setting {bad[0]}={getattr(s, bad[0])!r} (see newsgold.settings.Settings)")
    if s.label_map:
        from newsgold.tasks.entities import load_label_map

        load_label_map(s.label_map)  # a missing or malformed map is an InputError now, not mid-count
    return s


def _jsonl(rows: Iterable[dict]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode("utf-8")


def _is_spacy_docs(x: Any) -> bool:
    return isinstance(x, Sequence) and bool(x) and all(hasattr(d, "ents") and hasattr(d, "user_data") for d in x)


def _documents(docs: Any, gold: Any) -> list[Document]:
    """The corpus documents, from ``docs`` or from the gold's spaCy ``Doc`` s."""
    if docs is None:
        if not _is_spacy_docs(gold):
            raise TypeError("docs are needed: a list of {'id', 'text'} dicts (or pass spaCy Docs as gold)")
        docs = gold
    out: list[Document] = []
    problems: list[Problem] = []
    for n, d in enumerate(docs, start=1):
        if isinstance(d, Document):
            out.append(d)
        elif hasattr(d, "user_data") and hasattr(d, "text"):
            out.append(Document(str(d.user_data.get("doc_id", f"doc{n}")), d.text))
        elif isinstance(d, Mapping) and isinstance(d.get("id"), str) and d["id"] and isinstance(d.get("text"), str):
            extra = {k: d[k] for k in ("title", "published", "language", "source", "sha256") if isinstance(d.get(k), str)}
            out.append(Document(d["id"], d["text"], **extra))
        else:
            problems.append(Problem("docs", n, "document", "expected {'id': str, 'text': str}, a Document or a spaCy Doc"))
    seen: set[str] = set()
    for n, d in enumerate(out, start=1):
        if d.id in seen:
            problems.append(Problem("docs", n, "id", f"duplicate document id {d.id!r}"))
        seen.add(d.id)
    if problems:
        raise InputError(problems)
    return out


def _by_task(side: str, records: Any, wanted: list[str] | None, documents: list[Document]) -> dict[str, list]:
    """``task -> list of record dicts`` from any accepted shape of ``gold`` / ``pred``."""
    if records is None:
        return {}
    if isinstance(records, Mapping):
        unknown = [t for t in records if t not in TASKS]
        if unknown:
            raise ValueError(f"{side}: unknown task(s) {unknown} (tasks: {', '.join(TASKS)})")
        return {t: list(v) for t, v in records.items() if v is not None}
    records = list(records)
    if _is_spacy_docs(records):
        return {"entities": _spacy_entities(side, records, documents)}
    if wanted is not None and len(wanted) == 1:
        return {wanted[0]: records}
    first = records[0] if records and isinstance(records[0], Mapping) else {}
    task = "quotes" if "content" in first else "claims" if "span" in first else "entities"
    return {task: records}


def _spacy_entities(side: str, docs: list[Any], documents: list[Document]) -> list[dict]:
    from newsgold.convert.common import DocFinder, Reading
    from newsgold.convert.spacy_docbin import read_docs

    r = Reading(f"{side} spaCy Docs", DocFinder(documents))
    read_docs(docs, r)
    r.raise_problems()
    return [{"doc_id": m.doc_id, "start": m.start, "end": m.end, "label": m.label, "entity": m.key} for m in r.mentions]


def _annotations(side: str, records: Any, documents: list[Document], wanted: list[str] | None,
                 predictions: Settings | None, notes: list[str]) -> Annotations:
    """Checked, completed records of one side as :class:`Annotations`."""
    from newsgold.tasks import get_task
    from newsgold.validate import check_records

    docs = {d.id: d for d in documents}
    out = Annotations(f"<{side}>")
    problems: list[Problem] = []
    for name, recs in _by_task(side, records, wanted, documents).items():
        if wanted is not None and name not in wanted:
            continue
        task = get_task(name)
        fields_ = task.fields if predictions is None else task.prediction_fields(predictions)
        where = f"{side} {name}"
        rows: list[tuple[int, object]] = [(n, dict(r) if isinstance(r, Mapping) else r) for n, r in enumerate(recs, start=1)]
        found = check_records(name, where, rows, docs, fields_, lenient=True)
        if found:
            problems += found
            continue
        rows, note = complete_predictions(where, rows, fields_, docs)
        notes += note
        out.set(name, [task.record.from_dict(obj) for _, obj in rows])
    if problems:
        raise InputError(problems)
    return out
