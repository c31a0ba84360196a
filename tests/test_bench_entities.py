"""Entity scoring speed and agreement with nervaluate on a large seeded synthetic workload.

The benchmark (20,000 documents, 400,000 gold entities) runs only on request::

    pytest -m benchmark --benchmark-enable tests/test_bench_entities.py

and records both timings in ``benchmark.extra_info`` (no wall-clock assertion). The same
comparison on 200 documents runs in the default suite so equality is always checked.
"""

from __future__ import annotations

import time
from collections import Counter
from typing import Any

import numpy as np
import pytest

from helpers_synth import LABELS, make_corpus, to_nervaluate
from newsgold.tasks.base import DocContext, Settings, Totals
from newsgold.tasks.entities import KINDS, EntitiesTask

NERVALUATE_SCHEME = {"strict": "strict", "exact": "exact", "partial": "partial", "type": "ent_type"}
NERVALUATE_FIELD = {"COR": "correct", "INC": "incorrect", "PAR": "partial", "MIS": "missed", "SPU": "spurious"}


def newsgold_scores(corpus: list, settings: Settings = Settings()) -> dict[str, Any]:
    """count() per document with one trivial unit, sum the rows, score once."""
    task = EntitiesTask()
    total: Counter = Counter()

    def unit_of(offset: int) -> str:
        return "u"

    for doc, gold, pred in corpus:
        counts = task.count(DocContext(doc, {"entities": gold}, {"entities": pred}, unit_of), settings)
        for row in counts.rows.values():
            total.update(row)
    columns = sorted(total)
    return task.score(Totals(columns, np.array([total[c] for c in columns], dtype=float)))


def nervaluate_inputs(corpus: list) -> tuple[list, list]:
    return [to_nervaluate(g) for _, g, _ in corpus], [to_nervaluate(p) for _, _, p in corpus]


def nervaluate_scores(true: list, pred: list) -> dict[str, Any]:
    from nervaluate.evaluator import Evaluator

    return Evaluator(true, pred, tags=list(LABELS), loader="dict").evaluate()


def assert_same_overall(ours: dict[str, Any], theirs: dict[str, Any]) -> None:
    for scheme, nv in NERVALUATE_SCHEME.items():
        res = theirs["overall"][nv]
        for kind in KINDS:
            assert ours[f"{scheme}.{kind}"] == getattr(res, NERVALUATE_FIELD[kind]), (scheme, kind)
        for metric, attr in (("precision", "precision"), ("recall", "recall"), ("f1", "f1")):
            assert ours[f"{scheme}.{metric}"] == pytest.approx(getattr(res, attr), abs=1e-12), (scheme, metric)


def test_equal_to_nervaluate_on_200_documents() -> None:
    corpus = make_corpus(200, 20, seed=7)
    ours = newsgold_scores(corpus)
    assert ours["strict.possible"] == 4000
    # the workload really exercises every count
    for kind in KINDS:
        assert ours[f"strict.{kind}"] > 0 or kind == "PAR"
    assert ours["partial.PAR"] > 0
    assert_same_overall(ours, nervaluate_scores(*nervaluate_inputs(corpus)))


@pytest.fixture(scope="module")
def big_corpus() -> list:
    return make_corpus(20_000, 20, seed=2024)


@pytest.mark.benchmark
def test_bench_entities_vs_nervaluate(benchmark, big_corpus: list) -> None:
    assert sum(len(g) for _, g, _ in big_corpus) == 400_000
    true, pred = nervaluate_inputs(big_corpus)
    t0 = time.perf_counter()
    theirs = nervaluate_scores(true, pred)
    nervaluate_s = time.perf_counter() - t0

    ours = benchmark.pedantic(newsgold_scores, args=(big_corpus,), rounds=3, iterations=1)
    assert_same_overall(ours, theirs)

    runs = []  # our own timing too: benchmark.stats is empty under --benchmark-disable
    for _ in range(3):
        t0 = time.perf_counter()
        newsgold_scores(big_corpus)
        runs.append(time.perf_counter() - t0)
    newsgold_s = min(runs)
    benchmark.extra_info.update(
        documents=len(big_corpus), gold_entities=400_000,
        predictions=sum(len(p) for _, _, p in big_corpus),
        nervaluate_seconds=round(nervaluate_s, 3), newsgold_seconds=round(newsgold_s, 3),
        newsgold_seconds_max=round(max(runs), 3), speedup=round(nervaluate_s / newsgold_s, 1),
    )
