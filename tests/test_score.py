"""The score stage: summing tables, plain values, metric paths, ``evaluate``, and the contract that
every real task's ``score`` is vectorised (``(B,)`` totals give the same numbers as ``B`` calls)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsgold.count import Table, count
from newsgold.load import Annotations, load_annotations, load_corpus
from newsgold.metrics import flatten, lookup, to_plain, unflatten
from newsgold.pipeline import evaluate
from newsgold.score import score_table, score_totals
from newsgold.stats import resample_counts
from newsgold.tasks import TASKS, get_task
from newsgold.tasks.base import Settings, Totals
from test_count import FakeTask, gold_pred_2docs

ROOT = Path(__file__).resolve().parent.parent


def test_score_table_hand_computed() -> None:
    t = Table("entities", ["u1", "u2"], ["n_gold", "n_pred", "tp"], np.array([[3.0, 2, 1], [1, 1, 1]]))
    m = score_table(FakeTask(), t)
    # tp 2, predicted 3, gold 4: P 2/3, R 1/2, F 4/7
    assert m["precision"] == pytest.approx(2 / 3) and m["recall"] == 0.5 and m["f1"] == pytest.approx(4 / 7)
    assert all(type(m[k]) is float for k in ("precision", "recall", "f1", "tp"))


def test_score_of_an_empty_table_is_zero_not_nan() -> None:
    t = Table("entities", ["u1"], [], np.zeros((1, 0)))
    assert score_table(FakeTask(), t) == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "tp": 0.0, "per_label": {}}


def test_to_plain_handles_numpy() -> None:
    out = to_plain({"a": np.float32(0.5), "b": np.array(2.0), "c": np.bool_(True), "d": [np.int8(1)]})
    assert out == {"a": 0.5, "b": 2.0, "c": True, "d": [1]}
    assert type(out["a"]) is float and type(out["c"]) is bool and type(out["d"][0]) is int


_keys = st.text("abc", min_size=1, max_size=3)
_trees = st.recursive(st.floats(0, 1), lambda inner: st.dictionaries(_keys, inner, min_size=1, max_size=3),
                      max_leaves=12)


@given(st.dictionaries(_keys, _trees, max_size=4))
def test_flatten_unflatten_round_trip(tree: dict) -> None:
    assert unflatten(flatten(tree)) == tree
    flat = flatten(tree)
    for k, v in flat.items():
        assert lookup(tree, k) == v


def test_evaluate_one_call() -> None:
    docs, gold, pred = gold_pred_2docs()
    report, tables = evaluate(docs, gold, pred, Settings(bootstrap=50), gold_checksum="a" * 64, tasks=[FakeTask()])
    assert list(tables) == ["entities"] and tables["entities"].unit_ids == ["a", "b"]
    assert report["tasks"]["entities"]["metrics"] == score_table(FakeTask(), tables["entities"])
    assert report["unit"] == "document" and "|unit:document|ci:bs50|" in report["signature"]


# ------------------------------------------------------------------------------------------------
# the real tasks
# ------------------------------------------------------------------------------------------------
def _perturbed(records: list, name: str) -> list:
    """Drop every third record; relabel every fourth entity (so FP, FN and type errors occur)."""
    out = []
    for i, r in enumerate(records):
        if i % 3 == 0:
            continue
        if name == "entities" and i % 4 == 0:
            r = dataclasses.replace(r, label="ORG" if r.label != "ORG" else "GPE")
        out.append(r)
    return out


@pytest.mark.parametrize("name", TASKS)
def test_real_task_score_is_vectorised(name: str) -> None:
    docs = load_corpus(ROOT / "corpus" / "documents.jsonl")
    gold = load_annotations(ROOT / "annotations", docs)
    pred = Annotations(Path("pred"), **gold.records)
    pred.set(name, _perturbed(gold.task(name), name))
    task = get_task(name)
    (table,) = count(docs, gold, pred, Settings(), tasks=[task]).values()
    counts = resample_counts([table.matrix], 40, seed=5)[0]
    vector = flatten(to_plain(task.score(Totals(table.columns, counts))))
    for b in range(len(counts)):
        single = flatten(score_totals(task, table.columns, counts[b]))
        for key, value in single.items():
            if isinstance(value, float):
                got = np.broadcast_to(np.asarray(vector[key], dtype=float), (len(counts),))[b]
                assert got == pytest.approx(value, abs=1e-12), (key, b)
    headline = lookup(score_table(task, table), task.headline)
    assert 0.0 < headline < 1.0
