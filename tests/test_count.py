"""The count stage: units, row alignment, error context, and the fake task used by the stage tests.

:class:`FakeTask` implements the :class:`newsgold.tasks.base.Task` protocol on entity records with
exact (start, end, label) matching, so counts are easy to compute by hand. The other test modules
of the generic stages import it from here.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from newsgold.count import Table, count, doc_units, error_context, resolve_unit
from newsgold.errors import InputError
from newsgold.load import Annotations
from newsgold.schema import Document, Entity
from newsgold.tasks import TASKS
from newsgold.tasks.base import DocContext, ErrorItem, Settings, TaskBase, TaskCounts, Totals, prf


class FakeTask(TaskBase):
    """Exact-match entity scoring: columns ``tp``, ``n_gold``, ``n_pred``, ``tp.<LABEL>`` ... ."""

    name = "entities"
    headline = "f1"

    def __init__(self) -> None:
        self.seen_tasks: list[set[str]] = []

    def count(self, ctx: DocContext, settings: Settings) -> TaskCounts:
        self.seen_tasks.append(set(ctx.gold) & set(ctx.pred))
        out = TaskCounts()
        gold = {(e.start, e.end, e.label) for e in ctx.gold["entities"]}
        pred = {(e.start, e.end, e.label) for e in ctx.pred["entities"]}
        for s, e, label in gold:
            unit = ctx.unit_of(s)
            out.add(unit, "n_gold")
            out.add(unit, f"n_gold.{label}")
            if (s, e, label) in pred:
                out.add(unit, "tp")
                out.add(unit, f"tp.{label}")
                out.pairs.append((label, label))
            else:
                out.errors.append(ErrorItem(self.name, ctx.doc.id, "FN", s, e, ctx.doc.text[s:e], f"missed {label}"))
                out.pairs.append((label, "O"))
        for s, e, label in pred:
            unit = ctx.unit_of(s)
            out.add(unit, "n_pred")
            out.add(unit, f"n_pred.{label}")
            if (s, e, label) not in gold:
                out.errors.append(ErrorItem(self.name, ctx.doc.id, "FP", s, e, ctx.doc.text[s:e], f"spurious {label}"))
                out.pairs.append(("O", label))
        return out

    def score(self, totals: Totals) -> dict[str, Any]:
        p, r, f = prf(totals["tp"], totals["n_pred"], totals["n_gold"])
        labels = sorted({c.split(".", 1)[1] for c in totals if "." in c})
        per_label = {}
        for label in labels:
            lp, lr, lf = prf(totals[f"tp.{label}"], totals[f"n_pred.{label}"], totals[f"n_gold.{label}"])
            per_label[label] = {"precision": lp, "recall": lr, "f1": lf}
        return {"precision": p, "recall": r, "f1": f, "tp": totals["tp"], "per_label": per_label}


class LoopTask(FakeTask):
    """The same scores, but ``score`` is not vectorised (Python ``if`` on the totals)."""

    def score(self, totals: Totals) -> dict[str, Any]:
        tp, n_pred, n_gold = (float(totals[c]) for c in ("tp", "n_pred", "n_gold"))
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_gold if n_gold else 0.0
        return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "tp": tp}


TEXT_A = "Kerry met Lavrov. Nothing here. Putin spoke in Sochi."
TEXT_B = "Obama visited Paris."


def ent(doc: Document, sub: str, label: str, i: int = 0, nth: int = 0) -> Entity:
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(sub, start + 1)
    return Entity(doc.id, f"e{i:03d}", start, start + len(sub), sub, label)


def corpus2() -> list[Document]:
    return [Document("a", TEXT_A), Document("b", TEXT_B)]


def annotations(path: str, entities: list[Entity] | None, **other: Any) -> Annotations:
    return Annotations(path=Path(path), entities=entities, **other)


def gold_pred_2docs() -> tuple[list[Document], Annotations, Annotations]:
    """Gold 5 entities; pred: 3 right, 1 wrong label (1 FN + 1 FP), 1 spurious, 1 missed."""
    a, b = corpus2()
    gold = [ent(a, "Kerry", "PERSON"), ent(a, "Lavrov", "PERSON"), ent(a, "Putin", "PERSON"),
            ent(a, "Sochi", "GPE"), ent(b, "Paris", "GPE")]
    pred = [ent(a, "Kerry", "PERSON"), ent(a, "Lavrov", "PERSON"), ent(a, "Sochi", "ORG"),
            ent(a, "Nothing", "ORG"), ent(b, "Paris", "GPE")]
    return [a, b], annotations("gold", gold, quotes=[], claims=[]), annotations("pred", pred)


# ------------------------------------------------------------------------------------------------
def test_resolve_unit() -> None:
    assert resolve_unit("auto", 1) == "sentence"
    assert resolve_unit("auto", 2) == "document"
    assert resolve_unit("sentence", 5) == "sentence"
    with pytest.raises(ValueError):
        resolve_unit("paragraph", 1)


def test_doc_units_sentence_and_document() -> None:
    doc = Document("a", TEXT_A)
    ids, unit_of = doc_units(doc, "sentence")
    assert ids == ["a#s001", "a#s002", "a#s003"]
    assert unit_of(0) == "a#s001" and unit_of(TEXT_A.index("Nothing")) == "a#s002"
    assert unit_of(len(TEXT_A) - 1) == "a#s003"
    ids, unit_of = doc_units(doc, "document")
    assert ids == ["a"] and unit_of(40) == "a"
    # whitespace-only text still has one unit, so the document keeps its row
    assert doc_units(Document("w", "   "), "sentence")[0] == ["w#s001"]


def test_document_units_hand_computed() -> None:
    docs, gold, pred = gold_pred_2docs()
    (table,) = count(docs, gold, pred, Settings(unit="document"), tasks=[FakeTask()]).values()
    assert isinstance(table, Table) and table.task == "entities"
    assert table.unit_ids == ["a", "b"]
    assert table.columns == sorted(table.columns)
    col = {c: j for j, c in enumerate(table.columns)}
    a, b = table.matrix
    assert (a[col["n_gold"]], a[col["n_pred"]], a[col["tp"]]) == (4, 4, 2)
    assert (b[col["n_gold"]], b[col["n_pred"]], b[col["tp"]]) == (1, 1, 1)
    assert a[col["tp.PERSON"]] == 2 and b[col["tp.GPE"]] == 1
    assert table.totals()[col["tp"]] == 3
    assert sorted(e.kind for e in table.errors) == ["FN", "FN", "FP", "FP"]
    assert Counter(table.pairs) == Counter({("PERSON", "PERSON"): 2, ("GPE", "GPE"): 1,
                                            ("PERSON", "O"): 1, ("GPE", "O"): 1, ("O", "ORG"): 2})


def test_every_sentence_gets_a_row_and_units_align() -> None:
    docs, gold, pred = gold_pred_2docs()
    settings = Settings(unit="sentence")
    (t1,) = count(docs, gold, pred, settings, tasks=[FakeTask()]).values()
    empty = annotations("empty", [])
    (t2,) = count(docs, gold, empty, settings, tasks=[FakeTask()]).values()
    assert t1.unit_ids == t2.unit_ids == ["a#s001", "a#s002", "a#s003", "b#s001"]
    assert t1.matrix.shape[0] == t2.matrix.shape[0] == 4
    col = {c: j for j, c in enumerate(t1.columns)}
    # sentence 2 ("Nothing here.") has only the spurious ORG
    assert t1.matrix[1, col["n_gold"]] == 0 and t1.matrix[1, col["n_pred"]] == 1
    # the empty system still has every row; only gold columns are non-zero
    assert t2.matrix[:, t2.columns.index("n_gold")].tolist() == [2, 0, 2, 1]
    assert "n_pred" not in t2.columns


def test_auto_unit_is_sentence_for_one_document() -> None:
    docs, gold, pred = gold_pred_2docs()
    only_a = annotations("g", [e for e in gold.entities if e.doc_id == "a"])
    (t,) = count(docs[:1], only_a, annotations("p", []), Settings(), tasks=[FakeTask()]).values()
    assert t.unit_ids == ["a#s001", "a#s002", "a#s003"]
    (t,) = count(docs, gold, pred, Settings(), tasks=[FakeTask()]).values()
    assert t.unit_ids == ["a", "b"]


def test_context_gets_every_task() -> None:
    docs, gold, pred = gold_pred_2docs()
    task = FakeTask()
    count(docs, gold, pred, Settings(), tasks=[task])
    assert task.seen_tasks == [set(TASKS), set(TASKS)]


def test_missing_pred_task_is_skipped_missing_gold_task_is_an_error() -> None:
    docs, gold, pred = gold_pred_2docs()
    assert count(docs, gold, annotations("p", None), Settings(), tasks=[FakeTask()]) == {}
    with pytest.raises(InputError) as e:
        count(docs, annotations("g", None), pred, Settings(), tasks=[FakeTask()])
    assert str(e.value).startswith("g/entities.jsonl:0: file:")


def test_unknown_doc_id_is_input_error() -> None:
    docs, gold, pred = gold_pred_2docs()
    pred.entities.append(Entity("zzz", "e999", 0, 3, "Ker", "PERSON"))
    pred.files["entities"] = Path("pred/entities.jsonl")
    with pytest.raises(InputError) as e:
        count(docs, gold, pred, Settings(), tasks=[FakeTask()])
    assert len(e.value.problems) == 1
    assert str(e.value) == "pred/entities.jsonl:6: doc_id: unknown document id 'zzz' (not in the corpus)"


def test_errors_sorted_with_context() -> None:
    docs, gold, pred = gold_pred_2docs()
    (t,) = count(docs, gold, pred, Settings(), tasks=[FakeTask()]).values()
    assert [(e.doc_id, e.start) for e in t.errors] == sorted((e.doc_id, e.start) for e in t.errors)
    first = t.errors[0]
    assert first.text == "Nothing" and first.context == "Kerry met Lavrov. «Nothing» here. Putin spoke in Sochi."


def test_error_context_trims_and_collapses() -> None:
    text = "x" * 100 + " \n\t " + "SPAN" + "\u00a0\u00a0" + "y" * 100
    s = text.index("SPAN")
    ctx = error_context(text, s, s + 4)
    assert ctx.startswith("…") and ctx.endswith("…")
    assert " «SPAN» " in ctx and "\n" not in ctx and "\u00a0" not in ctx
    assert len(ctx) <= 4 + 2 * 60 + 4


def test_task_counting_outside_the_document_is_a_bug() -> None:
    class Stray(FakeTask):
        def count(self, ctx: DocContext, settings: Settings) -> TaskCounts:
            out = TaskCounts()
            out.add("nowhere", "tp")
            return out

    docs, gold, pred = gold_pred_2docs()
    with pytest.raises(ValueError, match="unknown unit"):
        count(docs, gold, pred, Settings(), tasks=[Stray()])


def test_columns_union_over_documents_and_zero_fill() -> None:
    docs, gold, pred = gold_pred_2docs()
    (t,) = count(docs, gold, pred, Settings(unit="document"), tasks=[FakeTask()]).values()
    j = t.columns.index("n_pred.ORG")
    assert t.matrix[:, j].tolist() == [2.0, 0.0]  # column only seen in doc a, zero for b
    assert t.matrix.dtype == np.float64
