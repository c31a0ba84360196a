"""Stage "match": one-to-one assignment between gold and predicted items of one document.

Matching is an optimal assignment (scipy's ``linear_sum_assignment``, Hungarian algorithm) on a
similarity matrix, so the result does not depend on the order of either input list -- unlike greedy
first-come matching (nervaluate). Pairs below the threshold are left unmatched.
"""

from __future__ import annotations

import re
from typing import Callable, Sequence, TypeVar

import numpy as np

G = TypeVar("G")
P = TypeVar("P")

_TOKEN = re.compile(r"\w+", re.UNICODE)


def token_set(text: str) -> frozenset[str]:
    """Lower-cased word tokens (``\\w+``): punctuation and quotation marks do not count.

    >>> sorted(token_set("“Very symbolic,” he said."))
    ['he', 'said', 'symbolic', 'very']
    """
    return frozenset(m.group().lower() for m in _TOKEN.finditer(text))


def token_positions(text: str, start: int, end: int) -> frozenset[int]:
    """Start offsets of the word tokens of ``text[start:end]`` -- position-aware tokens, so two
    spans overlap only where they cover the same occurrence of a word.

    >>> sorted(token_positions("a b c d", 2, 7))
    [2, 4, 6]
    """
    return frozenset(start + m.start() for m in _TOKEN.finditer(text[start:end]))


def jaccard(a: frozenset, b: frozenset) -> float:
    """|a & b| / |a | b|, 0 for two empty sets.

    >>> jaccard(frozenset({1, 2}), frozenset({2, 3}))
    0.3333333333333333
    """
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def overlap_coefficient(gold: frozenset, pred: frozenset) -> float:
    """Token overlap used for quotes: |g & p| / max(|g|, |p|) -- symmetric, 1 only when equal.

    >>> overlap_coefficient(frozenset({1, 2, 3, 4}), frozenset({1, 2}))
    0.5
    """
    denom = max(len(gold), len(pred))
    return len(gold & pred) / denom if denom else 0.0


def assign(
    gold: Sequence[G],
    pred: Sequence[P],
    similarity: Callable[[G, P], float],
    threshold: float,
) -> list[tuple[int, int, float]]:
    """Optimal one-to-one matching maximising total similarity; returns ``(gold_i, pred_j, sim)``
    for pairs with ``sim >= threshold`` (and ``sim > 0``), sorted by gold index.

    Ties are broken deterministically by position (lower indices first), and the matching is the
    same whatever order the records came in, up to such exact ties.

    >>> assign(["ab"], ["xab", "ab"], lambda g, p: float(g == p), 0.5)
    [(0, 1, 1.0)]
    """
    if not gold or not pred:
        return []
    sim = np.array([[similarity(g, p) for p in pred] for g in gold], dtype=float)
    from scipy.optimize import linear_sum_assignment

    rows, cols = linear_sum_assignment(sim, maximize=True)
    out = [
        (int(i), int(j), float(sim[i, j]))
        for i, j in zip(rows, cols)
        if sim[i, j] >= threshold and sim[i, j] > 0
    ]
    return sorted(out)
