"""Bootstrap confidence intervals and paired significance tests over count tables.

Everything works on the per-unit count matrices of :mod:`newsgold.count`: a resample is a weight per
unit (how often it was drawn), so the counts of ``B`` resamples are one matrix product
``weights (B, n) @ matrix (n, k)`` and the task scores all of them in a single vectorised
``task.score`` call on ``(B, k)`` totals. Nothing is re-matched.

Randomness comes only from ``numpy.random.default_rng(seed)``: the same tables, ``n`` and seed give
the same numbers on every run.

* :func:`bootstrap` -- percentile interval of every top-level metric and the headline.
* :func:`paired_bootstrap` -- Koehn (2004)-style paired bootstrap: both systems are scored on the
  same resampled units; ``p`` = (number of resamples in which the observed winner does *not* win,
  ties included, + 1) / (n + 1). Identical systems give ``p = 1``. Also the percentile interval of
  the difference ``b - a``.
* :func:`approximate_randomization` -- paired approximate randomization (Noreen 1989; the
  sacrebleu / MultEval test): each unit's counts are swapped between the systems with probability
  0.5; ``p = (#{|delta_shuffled| >= |delta_observed|} + 1) / (n + 1)`` (two-sided).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np

from newsgold.count import Table
from newsgold.errors import InputError, Problem
from newsgold.metrics import flatten, is_number, lookup
from newsgold.score import score_totals
from newsgold.tasks.base import Task, Totals

CHUNK_ELEMENTS = 2_000_000
"""Resample weights are built this many ``(resample, unit)`` cells at a time (bounded memory)."""
TIE_TOLERANCE = 1e-12


# ------------------------------------------------------------------------------------------------
# vectorised scoring
# ------------------------------------------------------------------------------------------------
def score_many(task: Task, columns: list[str], counts: np.ndarray) -> dict[str, np.ndarray]:
    """Score ``B`` total vectors (``counts`` shape ``(B, k)``) -> flat metric name -> ``(B,)`` array.

    One ``task.score`` call on ``(B,)``-shaped totals: the contract requires ``score`` to be
    element-wise (a constant may come back as a scalar). There is deliberately no row-by-row
    fallback: an exception inside a task's ``score`` is a bug and must surface. Non-numeric
    metrics are dropped.
    """
    counts = np.asarray(counts, dtype=float)
    b = counts.shape[0]
    out = flatten(task.score(Totals(list(columns), counts)))
    result: dict[str, np.ndarray] = {}
    for k, v in out.items():
        if not is_number(v):
            continue
        arr = np.asarray(v, dtype=float)
        if arr.shape not in ((), (b,)):
            raise ValueError(f"task {task.name!r}: score() returned shape {arr.shape} for metric {k!r} "
                             f"on {b} resamples; score must be element-wise over the totals")
        result[k] = np.broadcast_to(arr, (b,)).copy()
    return result


def default_metrics(metrics: dict[str, Any], headline: str) -> list[str]:
    """Metrics that get an interval: every number (nested dicts flattened to dotted names) no deeper
    than the headline -- the overall figures, not the per-label ones.

    >>> default_metrics({"f1": 1.0, "p": 1.0, "per_label": {"X": {"f1": 1.0}}}, "f1")
    ['f1', 'p']
    >>> default_metrics({"strict.f1": 1.0, "strict.PER.f1": 1.0, "type": {"f1": 0.5}}, "strict.f1")
    ['strict.f1', 'type.f1']
    """
    depth = headline.count(".")
    return sorted(k for k, v in flatten(metrics).items() if is_number(v) and k.count(".") <= depth)


# ------------------------------------------------------------------------------------------------
# resampling
# ------------------------------------------------------------------------------------------------
def _weight_chunks(n_units: int, n_resamples: int, rng: np.random.Generator) -> Iterator[np.ndarray]:
    """Bootstrap weights: ``(c, n_units)`` float arrays, row = how often each unit was drawn."""
    chunk = max(1, CHUNK_ELEMENTS // max(1, n_units))
    for start in range(0, n_resamples, chunk):
        c = min(chunk, n_resamples - start)
        idx = rng.integers(0, n_units, size=(c, n_units))
        idx += np.arange(c)[:, None] * n_units
        yield np.bincount(idx.ravel(), minlength=c * n_units).reshape(c, n_units).astype(float)


def resample_counts(matrices: list[np.ndarray], n: int, seed: int) -> list[np.ndarray]:
    """Column totals of ``n`` bootstrap resamples of the rows, the *same* resamples for every
    matrix (they must share their rows): one ``(n, k_i)`` array per matrix.

    >>> m = np.array([[1.0], [0.0]])
    >>> [c.shape for c in resample_counts([m, np.ones((2, 3))], 5, seed=0)]
    [(5, 1), (5, 3)]
    """
    n_units = matrices[0].shape[0]
    rng = np.random.default_rng(seed)
    parts: list[list[np.ndarray]] = [[] for _ in matrices]
    for w in _weight_chunks(n_units, n, rng):
        for part, m in zip(parts, matrices):
            part.append(w @ m)
    return [np.concatenate(p) if p else np.zeros((0, m.shape[1])) for p, m in zip(parts, matrices)]


def _interval(values: np.ndarray, confidence: float) -> tuple[float, float]:
    alpha = 1.0 - confidence
    lo, hi = np.percentile(values, [100 * alpha / 2, 100 * (1 - alpha / 2)])
    return float(lo), float(hi)


def bootstrap(
    task: Task, table: Table, n: int = 1000, confidence: float = 0.95, seed: int = 12345,
    metrics: list[str] | None = None,
) -> dict[str, tuple[float, float]]:
    """Percentile bootstrap interval per metric (default: :func:`default_metrics`).

    ``n <= 0`` means no intervals (``{}``); a table without units has no spread (the interval is
    the point value).
    """
    if n <= 0:
        return {}
    point = score_totals(task, table.columns, table.totals())
    keys = metrics if metrics is not None else default_metrics(point, task.headline)
    if table.matrix.shape[0] == 0:
        return {k: (float(lookup(point, k)), float(lookup(point, k))) for k in keys}
    (counts,) = resample_counts([table.matrix], n, seed)
    scores = score_many(task, table.columns, counts)
    return {k: _interval(scores[k], confidence) for k in keys if k in scores}


# ------------------------------------------------------------------------------------------------
# paired tests
# ------------------------------------------------------------------------------------------------
def align(table_a: Table, table_b: Table) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Both matrices over the union of their columns; the tables must have the same units."""
    if table_a.task != table_b.task:
        raise ValueError(f"cannot pair {table_a.task} with {table_b.task}")
    if table_a.unit_ids != table_b.unit_ids:
        diff = next((i for i, (x, y) in enumerate(zip(table_a.unit_ids, table_b.unit_ids)) if x != y),
                    min(len(table_a.unit_ids), len(table_b.unit_ids)))
        raise InputError(Problem(table_b.source or "B", 0, "units",
                                 f"{table_a.task}: units differ from {table_a.source or 'A'} "
                                 f"({len(table_b.unit_ids)} vs {len(table_a.unit_ids)} units, "
                                 f"first difference at position {diff})"))
    columns = sorted(set(table_a.columns) | set(table_b.columns))

    def widen(t: Table) -> np.ndarray:
        m = np.zeros((t.matrix.shape[0], len(columns)))
        m[:, [columns.index(c) for c in t.columns]] = t.matrix
        return m

    return columns, widen(table_a), widen(table_b)


def _observed(task: Task, columns: list[str], ma: np.ndarray, mb: np.ndarray, metric: str) -> tuple[float, float]:
    a = float(lookup(score_totals(task, columns, ma.sum(0)), metric))
    b = float(lookup(score_totals(task, columns, mb.sum(0)), metric))
    return a, b


def paired_bootstrap(
    task: Task, table_a: Table, table_b: Table, n: int = 1000, seed: int = 12345,
    confidence: float = 0.95, metric: str | None = None,
) -> dict[str, Any]:
    """Paired bootstrap on the headline (or ``metric``): ``{"metric", "a", "b", "delta", "p_value",
    "ci": (low, high)}`` with ``delta = b - a``; see the module docstring for ``p``."""
    metric = metric or task.headline
    columns, ma, mb = align(table_a, table_b)
    a, b = _observed(task, columns, ma, mb, metric)
    delta = b - a
    if n <= 0 or ma.shape[0] < 2:
        # with one unit every resample is that unit: the observed winner always "wins", which says
        # nothing about significance -- report p = 1 rather than a spurious p = 1/(n+1)
        note = "no resamples: --bootstrap 0" if n <= 0 else "fewer than 2 units: no test possible"
        return {"metric": metric, "a": a, "b": b, "delta": delta, "p_value": 1.0, "ci": (delta, delta),
                "note": note}
    ca, cb = resample_counts([ma, mb], n, seed)
    deltas = score_many(task, columns, cb)[metric] - score_many(task, columns, ca)[metric]
    if delta > TIE_TOLERANCE:
        losses = int(np.sum(deltas <= TIE_TOLERANCE))
    elif delta < -TIE_TOLERANCE:
        losses = int(np.sum(deltas >= -TIE_TOLERANCE))
    else:
        losses = n  # no observed winner: nothing to be significant about
    return {"metric": metric, "a": a, "b": b, "delta": delta, "p_value": (losses + 1) / (n + 1),
            "ci": _interval(deltas, confidence)}


def approximate_randomization(
    task: Task, table_a: Table, table_b: Table, n: int = 1000, seed: int = 12345,
    metric: str | None = None,
) -> dict[str, Any]:
    """Paired approximate randomization on the headline (or ``metric``): ``{"metric", "a", "b",
    "delta", "p_value"}``; see the module docstring."""
    metric = metric or task.headline
    columns, ma, mb = align(table_a, table_b)
    a, b = _observed(task, columns, ma, mb, metric)
    delta = b - a
    if n <= 0:
        return {"metric": metric, "a": a, "b": b, "delta": delta, "p_value": 1.0,
                "note": "no resamples: --bootstrap 0"}
    rng = np.random.default_rng(seed)
    diff = mb - ma
    total_a, total_b = ma.sum(0), mb.sum(0)
    n_units = ma.shape[0]
    chunk = max(1, CHUNK_ELEMENTS // max(1, n_units))
    hits = 0
    for start in range(0, n, chunk):
        c = min(chunk, n - start)
        swap = (rng.random((c, n_units)) < 0.5).astype(float)
        moved = swap @ diff
        sa = score_many(task, columns, total_a + moved)[metric]
        sb = score_many(task, columns, total_b - moved)[metric]
        hits += int(np.sum(np.abs(sb - sa) >= abs(delta) - TIE_TOLERANCE))
    return {"metric": metric, "a": a, "b": b, "delta": delta, "p_value": (hits + 1) / (n + 1)}
