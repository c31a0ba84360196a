"""The contract between the pipeline stages and the tasks (entities, quotes, claims).

A task plugs into the generic stages; the stages know nothing task-specific::

    match + count   Task.count(ctx)      -> TaskCounts   per unit (document or sentence) sufficient
                                                         statistics + error-analysis items
    score           Task.score(totals)   -> metrics      pure arithmetic on summed counts,
                                                         vectorised so the bootstrap can pass a
                                                         (B,) array per column in one call

Keeping counts apart from scores (as sacrebleu does) makes bootstrap resampling and paired tests
"resample the rows, sum, score" -- no re-matching.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from newsgold.schema import Document, FieldSpec
from newsgold.settings import Settings


@dataclass
class DocContext:
    """Everything a task may look at for one document.

    ``gold`` / ``pred`` map task name -> that document's records (lists, possibly empty). The gold
    of *other* tasks is available too (e.g. quotes use gold entity mentions to resolve speakers).
    ``unit_of(offset)`` maps a character offset to the unit id that counts go to.
    """

    doc: Document
    gold: Mapping[str, list]
    pred: Mapping[str, list]
    unit_of: Callable[[int], str]


@dataclass
class ErrorItem:
    """One false positive / false negative / mismatch, for the error-analysis listing.

    ``start``/``end`` are offsets of the *gold* record the error is about, except for ``FP`` (a
    prediction without a gold counterpart), whose offsets are the prediction's: the HTML report
    marks an ``FP`` in the predicted text and every other kind in the gold text.
    """

    task: str
    doc_id: str
    kind: str  # e.g. "FP", "FN", "INC" (wrong type), "PAR" (partial), "SPEAKER", "STATUS"
    start: int
    end: int
    text: str
    detail: str = ""  # e.g. "gold ORG, predicted GPE"
    context: str = ""  # the surrounding text, filled in by the count stage

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class TaskCounts:
    """Output of :meth:`Task.count` for one document: unit id -> column -> count, plus errors and
    optional task-specific pairs (e.g. (gold_label, pred_label) for a confusion matrix)."""

    rows: dict[str, Counter[str]] = field(default_factory=dict)
    errors: list[ErrorItem] = field(default_factory=list)
    pairs: list[tuple[str, str]] = field(default_factory=list)

    def add(self, unit: str, column: str, value: float = 1.0) -> None:
        row = self.rows.get(unit)
        if row is None:  # (not setdefault: that builds a Counter on every call)
            row = self.rows[unit] = Counter()
        row[column] += value  # type: ignore[assignment]


class Totals(Mapping[str, Any]):
    """Summed counts handed to :meth:`Task.score`; a missing column reads as zero (scalar or an
    array of the right shape), so a task never special-cases empty inputs."""

    def __init__(self, columns: list[str], values: np.ndarray):
        self._index = {c: i for i, c in enumerate(columns)}
        self._values = values  # shape (k,) or (B, k)

    def __getitem__(self, key: str) -> Any:
        i = self._index.get(key)
        if i is None:
            return np.zeros(self._values.shape[:-1]) if self._values.ndim > 1 else 0.0
        return self._values[..., i]

    def __iter__(self):
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)


@dataclass(slots=True)
class Mark:
    """One highlighted span of a record in the HTML report (:mod:`newsgold.html_report`).

    A record shows as a list of marks: the first is its main span (an entity, a quote's content, a
    claim), the others are its parts (a quote's speaker and cue, a claim's claimant), which the
    main span links to. ``role`` names the part (``"speaker"``); ``label`` is the badge text
    (``"PERSON"``, ``"direct"``); ``colour`` the key its colour is chosen by; ``note`` more badge
    text (``"claimant: ARTICLE"``).
    """

    start: int
    end: int
    role: str
    label: str
    colour: str
    note: str = ""


class Task(Protocol):
    """Everything the stages need to know about a task, in one place.

    * ``name`` -- also its file stem (``<name>.jsonl``); ``headline`` -- an ``….f1`` metric used
      for CIs, significance, the benchmark table and the quality gate (its ``….precision`` /
      ``….recall`` siblings exist, :func:`newsgold.metrics.headline_keys`);
    * ``record`` / ``fields`` -- the record type (``from_dict``/``to_dict``) and its field specs
      (validation, JSON Schema, Hub features are generated from them); a spec with
      ``pred_optional`` may be left out of a prediction (the metric does not need it);
      ``prediction_fields(settings)`` -- the specs predictions are checked against under those
      settings (e.g. entity labels after the label map);
    * ``flat`` -- records are spans that must not overlap within a document (flat NER);
      ``apart`` -- ``(main span, parts)`` that must not overlap it (a quote's speaker and cue);
      ``check_record(obj)`` -- any further per-record rule, as ``(field, message)`` pairs;
    * ``count`` / ``score`` -- the two pure functions of the pipe; ``signature(settings)`` -- this
      task's fragment of the report signature (the settings it reads);
    * ``marks(record, settings, side)`` -- how a record shows in the HTML report's text
      (:class:`Mark`); ``side`` is ``"gold"`` or ``"pred"``.
    * ``needs_gold`` -- the other tasks whose gold ``count`` reads (``DocContext.gold``), so a
      command scoring only some tasks loads just those files.
    """

    name: str
    headline: str
    record: Any  # the record class: ``record.from_dict(obj)`` / ``instance.to_dict()``
    fields: dict[str, FieldSpec]
    flat: bool
    apart: tuple[str, tuple[str, ...]] | None
    needs_gold: tuple[str, ...]

    def check_record(self, obj: dict[str, Any]) -> list[tuple[str, str]]: ...

    def prediction_fields(self, settings: Settings) -> dict[str, FieldSpec]: ...

    def signature(self, settings: Settings) -> str: ...

    def count(self, ctx: DocContext, settings: Settings) -> TaskCounts: ...

    def score(self, totals: Totals) -> dict[str, Any]: ...

    def marks(self, record: Any, settings: Settings, side: str) -> list[Mark]: ...


class TaskBase:
    """Defaults for the optional parts of the contract (no extra rules)."""

    flat: bool = False
    apart: tuple[str, tuple[str, ...]] | None = None
    needs_gold: tuple[str, ...] = ()

    name: str

    fields: dict[str, FieldSpec]

    def check_record(self, obj: dict[str, Any]) -> list[tuple[str, str]]:
        return []

    def prediction_fields(self, settings: Settings) -> dict[str, FieldSpec]:
        """Predictions are checked against the gold's field specs unless a task says otherwise."""
        return self.fields

    def signature(self, settings: Settings) -> str:
        """A task that reads no settings is identified by its name."""
        return self.name

    def marks(self, record: Any, settings: Settings, side: str) -> list[Mark]:
        """Default display, read from the field specs: the record's own ``start``/``end`` (or its
        first span field) is the main mark, every other non-null span field a part; the badge is
        the value of the first field with fixed choices (else the task name).

        >>> from newsgold.tasks import get_task
        >>> from newsgold.schema import Span, Quote
        >>> q = Quote("d", "q1", "direct", Span(5, 9, "abcd"), Span(0, 3, "Kim"), "kim", None)
        >>> [(m.role, m.start, m.label) for m in TaskBase.marks(get_task("quotes"), q, Settings(), "gold")]
        [('content', 5, 'direct'), ('speaker', 0, 'speaker')]
        """
        d = record.to_dict()
        fields: dict[str, FieldSpec] = getattr(self, "fields", {})
        label = next((str(d[k]) for k, spec in fields.items() if spec.choices and d.get(k) is not None), self.name)
        spans = [(k, v) for k, spec in fields.items() if spec.kind == "span" and isinstance(v := d.get(k), dict)]
        out: list[Mark] = []
        if isinstance(d.get("start"), int) and isinstance(d.get("end"), int):
            out.append(Mark(d["start"], d["end"], self.name, label, label))
        for k, v in spans:
            main = not out
            out.append(Mark(v["start"], v["end"], k, label if main else k, label if main else k))
        return out


def prf(tp: Any, n_pred: Any, n_gold: Any) -> tuple[Any, Any, Any]:
    """Precision, recall, F1 with 0/0 := 0, element-wise on scalars or arrays.

    >>> prf(3, 4, 6)
    (0.75, 0.5, 0.6)
    """
    tp, n_pred, n_gold = (np.asarray(x, dtype=float) for x in (tp, n_pred, n_gold))
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.where(n_pred > 0, tp / np.where(n_pred > 0, n_pred, 1), 0.0)
        r = np.where(n_gold > 0, tp / np.where(n_gold > 0, n_gold, 1), 0.0)
        f = np.where(p + r > 0, 2 * p * r / np.where(p + r > 0, p + r, 1), 0.0)
    if p.ndim == 0:
        return float(p), float(r), float(f)
    return p, r, f


def ratio(num: Any, den: Any) -> Any:
    """``num / den`` with x/0 := 0, element-wise (scalars stay Python floats).

    >>> ratio(1, 4), ratio(3, 0)
    (0.25, 0.0)
    """
    num, den = np.asarray(num, dtype=float), np.asarray(den, dtype=float)
    out = np.where(den > 0, num / np.where(den > 0, den, 1), 0.0)
    return float(out) if out.ndim == 0 else out
