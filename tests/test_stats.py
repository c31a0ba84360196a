"""Bootstrap intervals and paired tests on synthetic count tables (fake task from test_count)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from newsgold.count import Table
from newsgold.errors import InputError
from newsgold.score import score_table
from newsgold.stats import (
    approximate_randomization,
    bootstrap,
    default_metrics,
    paired_bootstrap,
    resample_counts,
    score_many,
)
from newsgold.tasks.base import Totals
from test_count import FakeTask, LoopTask

COLUMNS = ["n_gold", "n_pred", "tp"]


def system(n_units: int, recall: float, precision: float, seed: int, gold_seed: int = 0) -> Table:
    """A synthetic system: the same gold per unit (``gold_seed``), its own hits and predictions."""
    g = np.random.default_rng(gold_seed).integers(0, 6, n_units)
    rng = np.random.default_rng(seed)
    tp = rng.binomial(g, recall)
    fp = rng.binomial(np.maximum(g, 1), 1 - precision)
    m = np.stack([g, tp + fp, tp], axis=1).astype(float)
    return Table("entities", [f"u{i}" for i in range(n_units)], list(COLUMNS), m, source=f"sys{seed}")


def test_resample_counts_preserve_unit_count_and_pairing() -> None:
    m = np.ones((50, 1))
    (c,) = resample_counts([m], 200, seed=3)
    assert c.shape == (200, 1) and np.all(c == 50)  # every resample draws n units
    a, b = resample_counts([np.arange(50.0)[:, None], 2 * np.arange(50.0)[:, None]], 100, seed=3)
    assert np.array_equal(b, 2 * a)  # the same units are drawn for both matrices


def test_resample_counts_do_not_depend_on_chunking(monkeypatch: pytest.MonkeyPatch) -> None:
    m = np.random.default_rng(0).random((40, 3))
    (whole,) = resample_counts([m], 30, seed=1)
    monkeypatch.setattr("newsgold.stats.CHUNK_ELEMENTS", 40 * 7)  # 7 resamples per chunk
    (chunked,) = resample_counts([m], 30, seed=1)
    # chunks draw from the same stream in order: identical resamples
    assert np.allclose(whole, chunked)


def test_bootstrap_contains_point_and_is_deterministic() -> None:
    t = system(300, 0.7, 0.8, seed=1)
    task = FakeTask()
    point = score_table(task, t)
    ci = bootstrap(task, t, n=500, confidence=0.95, seed=7)
    assert set(ci) == {"f1", "precision", "recall", "tp"}
    for k, (lo, hi) in ci.items():
        assert lo <= point[k] <= hi, k
    assert 0 < ci["f1"][1] - ci["f1"][0] < 0.2
    assert bootstrap(task, t, n=500, confidence=0.95, seed=7) == ci
    assert bootstrap(task, t, n=500, confidence=0.95, seed=8) != ci
    narrow = bootstrap(task, t, n=500, confidence=0.5, seed=7)
    assert ci["f1"][0] <= narrow["f1"][0] <= narrow["f1"][1] <= ci["f1"][1]


def test_bootstrap_edge_cases() -> None:
    t = system(10, 0.5, 0.5, seed=1)
    assert bootstrap(FakeTask(), t, n=0) == {}
    empty = Table("entities", [], list(COLUMNS), np.zeros((0, 3)))
    assert bootstrap(FakeTask(), empty, n=10) == {k: (0.0, 0.0) for k in ("f1", "precision", "recall", "tp")}
    perfect = Table("entities", ["u0", "u1"], list(COLUMNS), np.array([[2.0, 2, 2], [1, 1, 1]]))
    assert bootstrap(FakeTask(), perfect, n=50)["f1"] == (1.0, 1.0)


def test_nonvectorised_task_is_an_error_not_a_silent_fallback() -> None:
    """A score() that is not element-wise raises (a bug in the task must surface); a vectorised
    one gives per-resample arrays equal to scoring each resample alone."""
    t = system(100, 0.6, 0.9, seed=2)
    counts = resample_counts([t.matrix], 50, seed=0)[0]
    with pytest.raises(TypeError):
        score_many(LoopTask(), t.columns, counts)
    fast = score_many(FakeTask(), t.columns, counts)
    for b in (0, 17, 49):
        one = LoopTask().score(Totals(list(t.columns), counts[b]))
        for k in ("precision", "recall", "f1"):
            assert fast[k][b] == pytest.approx(one[k])


def test_default_metrics_stop_at_headline_depth() -> None:
    m = score_table(FakeTask(), system(20, 0.5, 0.5, seed=1))
    assert default_metrics(m, "f1") == ["f1", "precision", "recall", "tp"]
    assert "per_label" in m  # nested per-label metrics exist but get no interval


def test_identical_systems_are_not_significant() -> None:
    a = system(200, 0.7, 0.8, seed=1)
    b = Table(a.task, list(a.unit_ids), list(a.columns), a.matrix.copy())
    pb = paired_bootstrap(FakeTask(), a, b, n=300, seed=1)
    ar = approximate_randomization(FakeTask(), a, b, n=300, seed=1)
    assert pb["delta"] == 0 and pb["p_value"] == 1.0 and pb["ci"] == (0.0, 0.0)
    assert ar["delta"] == 0 and ar["p_value"] == 1.0


def test_clearly_better_system_is_significant() -> None:
    a, b = system(300, 0.5, 0.6, seed=1), system(300, 0.9, 0.95, seed=2)
    pb = paired_bootstrap(FakeTask(), a, b, n=1000, seed=1)
    ar = approximate_randomization(FakeTask(), a, b, n=1000, seed=1)
    assert pb["delta"] > 0.2 and pb["ci"][0] > 0
    assert pb["p_value"] == pytest.approx(1 / 1001) and ar["p_value"] == pytest.approx(1 / 1001)
    # the direction does not matter for the p-values; the delta flips sign
    back = paired_bootstrap(FakeTask(), b, a, n=1000, seed=1)
    assert back["delta"] == pytest.approx(-pb["delta"]) and back["p_value"] == pb["p_value"]
    assert approximate_randomization(FakeTask(), b, a, n=1000, seed=1)["p_value"] == ar["p_value"]


def test_no_resamples_means_no_test_and_the_report_says_so() -> None:
    from newsgold.benchmark_render import significance_lines

    a, b = system(300, 0.5, 0.6, seed=1), system(300, 0.9, 0.95, seed=2)
    pb = paired_bootstrap(FakeTask(), a, b, n=0, seed=1)
    ar = approximate_randomization(FakeTask(), a, b, n=0, seed=1)
    assert pb["note"] == ar["note"] == "no resamples: --bootstrap 0"
    report = {"significance": {"t": {"a": "x", "b": "y", "metric": "f1", "paired_bootstrap": pb,
                                     "approximate_randomization": ar}}}
    (line,) = significance_lines(report)
    assert "p=" not in line and line.count("not computed (no resamples: --bootstrap 0)") == 2


def test_close_systems_are_not_significant() -> None:
    a, b = system(60, 0.70, 0.8, seed=1), system(60, 0.71, 0.8, seed=2)
    assert paired_bootstrap(FakeTask(), a, b, n=500, seed=3)["p_value"] > 0.05
    assert approximate_randomization(FakeTask(), a, b, n=500, seed=3)["p_value"] > 0.05


def test_paired_tests_need_the_same_units() -> None:
    a, b = system(20, 0.5, 0.5, seed=1), system(21, 0.5, 0.5, seed=2)
    with pytest.raises(InputError, match="units differ"):
        paired_bootstrap(FakeTask(), a, b, n=10)
    with pytest.raises(InputError, match="units differ"):
        approximate_randomization(FakeTask(), a, b, n=10)


def test_paired_tests_align_different_columns() -> None:
    a = system(30, 0.6, 0.8, seed=1)
    # B never predicts anything: no n_pred / tp columns at all
    b = Table("entities", list(a.unit_ids), ["n_gold"], a.matrix[:, :1].copy())
    pb = paired_bootstrap(FakeTask(), a, b, n=200, seed=1)
    assert pb["b"] == 0.0 and pb["delta"] == -pb["a"] < 0 and pb["p_value"] < 0.01


@hsettings(max_examples=25, deadline=None)
@given(st.integers(1, 40), st.integers(0, 2**32 - 1), st.floats(0.5, 0.99))
def test_interval_is_ordered_and_bounded(n_units: int, seed: int, confidence: float) -> None:
    t = system(n_units, 0.6, 0.7, seed=seed % 1000)
    ci = bootstrap(FakeTask(), t, n=50, confidence=confidence, seed=seed)
    for k in ("precision", "recall", "f1"):
        lo, hi = ci[k]
        assert 0.0 <= lo <= hi <= 1.0
    p = paired_bootstrap(FakeTask(), t, system(n_units, 0.5, 0.7, seed=seed % 1000 + 1), n=50, seed=seed)
    assert 1 / 51 <= p["p_value"] <= 1.0


@pytest.mark.benchmark
def test_bootstrap_speed_20000_units_100_columns(benchmark) -> None:
    rng = np.random.default_rng(0)
    cols = ["n_gold", "n_pred", "tp"] + [f"x{i:02d}" for i in range(97)]
    m = rng.integers(0, 4, size=(20_000, 100)).astype(float)
    m[:, 2] = np.minimum(m[:, 0], m[:, 1])
    t = Table("entities", [f"u{i}" for i in range(20_000)], cols, m)
    ci = benchmark.pedantic(bootstrap, args=(FakeTask(), t, 1000, 0.95, 12345), rounds=3, iterations=1)
    benchmark.extra_info.update(units=20_000, columns=100, resamples=1000,
                                mean_seconds=round(benchmark.stats.stats.mean, 3))
    assert ci["f1"][0] < score_table(FakeTask(), t)["f1"] < ci["f1"][1]


def test_paired_bootstrap_with_one_unit_is_no_evidence() -> None:
    """Every resample of a one-unit table is that unit: the winner always wins, which proves nothing."""
    from newsgold.count import Table
    from newsgold.stats import paired_bootstrap
    from newsgold.tasks.entities import EntitiesTask

    cols = ["n.PER.cor", "n.PER.mis"]
    a = Table("entities", ["d"], cols, np.array([[1.0, 1.0]]))
    b = Table("entities", ["d"], cols, np.array([[2.0, 0.0]]))
    result = paired_bootstrap(EntitiesTask(), a, b, n=200, seed=1)
    assert result["delta"] > 0 and result["p_value"] == 1.0 and "fewer than 2 units" in result["note"]
