"""Stage "match": one-to-one assignment between gold and predicted items of one document.

Matching is an optimal assignment (scipy's ``linear_sum_assignment``, Hungarian algorithm): the
largest number of pairs above the threshold, then the highest total similarity. The result does
not depend on the order of either input list -- unlike greedy first-come matching (nervaluate).
Also here: the canonical-key helpers that decide whether a speaker / claimant names the right
referent.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

import numpy as np

from newsgold.keys import norm_key
from newsgold.schema import Span

G = TypeVar("G")
P = TypeVar("P")

_TOKEN = re.compile(r"\w+", re.UNICODE)




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


def match_pairs(
    eligible: np.ndarray, sim: np.ndarray, bonus: np.ndarray | None = None
) -> list[tuple[int, int]]:
    """Maximum-cardinality one-to-one matching over ``eligible`` (gold x pred booleans); among
    those, maximum total ``sim``; exact ties go to pairs with more ``bonus`` (e.g. right attributes).

    Why not plain max-sum over the raw similarities: it maximises the total *before* dropping
    pairs below a threshold, so two sub-threshold pairs can beat one good pair (0.45 + 0.45 > 0.6),
    and one excellent pair can beat two good ones. Eligible pairs get a weight larger than any
    total similarity, so the number of pairs always comes first.

    >>> sim = np.array([[0.6, 0.45], [0.45, 0.0]])
    >>> match_pairs(sim >= 0.5, sim)
    [(0, 0)]
    >>> sim = np.array([[1.0, 0.5], [0.5, 0.0]])
    >>> match_pairs(sim >= 0.5, sim)  # two pairs beat one better pair
    [(0, 1), (1, 0)]
    >>> match_pairs(np.array([[False, True], [False, False]]), sim)  # isolated pairs: no solver
    [(0, 1)]
    """
    n, m = eligible.shape
    if not n or not m:
        return []
    rows, cols = np.nonzero(eligible)
    if len(set(rows.tolist())) == len(rows) and len(set(cols.tolist())) == len(cols):
        # no item is in two eligible pairs (the usual case, and no pair at all): every pair is in
        # the one optimal matching, so SciPy's solver is not needed for it
        return sorted(zip(rows.tolist(), cols.tolist()))
    from scipy.optimize import linear_sum_assignment

    big = float(min(n, m) + 1)  # > any total similarity: cardinality first
    weight = np.where(eligible, big + sim + 1e-9 * (0 if bonus is None else bonus), 0.0)
    rows, cols = linear_sum_assignment(weight, maximize=True)
    return sorted((int(i), int(j)) for i, j in zip(rows, cols) if eligible[i, j])




def linked_units(
    gold_offsets: Sequence[int],
    pred_offsets: Sequence[int],
    links: Iterable[tuple[int, int]],
    unit_of: Callable[[int], str],
) -> tuple[list[str], list[str]]:
    """The unit each gold and each predicted item counts in, such that every linked (matched)
    pair shares one unit.

    Why: bootstrap resampling draws units. If a true positive counted in the gold's sentence but
    its prediction in another, a resample could hold the hit without the prediction, and
    precision could exceed 1. Items connected through any link form one group, counted in the
    unit of the group's earliest gold item (of its earliest prediction when it holds no gold).

    >>> unit = lambda off: "s1" if off < 10 else "s2"
    >>> linked_units([0, 20], [12, 25], [(0, 0)], unit)   # pred 0 (in s2) matched gold 0 (in s1)
    (['s1', 's2'], ['s1', 's2'])
    """
    n = len(gold_offsets)
    offsets = list(gold_offsets) + list(pred_offsets)
    parent = list(range(len(offsets)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in links:
        a, b = find(i), find(n + j)
        if a != b:
            parent[max(a, b)] = min(a, b)
    anchor: dict[int, tuple[bool, int]] = {}
    for k, off in enumerate(offsets):
        key, root = (k >= n, off), find(k)
        if root not in anchor or key < anchor[root]:
            anchor[root] = key
    units = [unit_of(anchor[find(k)][1]) for k in range(len(offsets))]
    return units[:n], units[n:]


# --------------------------------------------------------------------------------------------
# Mentions by canonical key (newsgold.keys): "is this the same referent?" for speakers and claimants
# --------------------------------------------------------------------------------------------
def mentions_by_key(entities: Iterable[Any]) -> dict[str, list[Span]]:
    """Gold entity mention spans grouped by normalised ``entity`` key (mentions without one skipped)."""
    out: dict[str, list[Span]] = {}
    for e in entities:
        if e.entity:
            out.setdefault(norm_key(e.entity), []).append(Span(e.start, e.end, e.text))
    return out


def overlaps_mention(span: Span | None, key: str | None, mentions: dict[str, list[Span]]) -> bool:
    """Does ``span`` overlap a gold mention of the referent ``key``?"""
    if span is None or not key:
        return False
    return any(span.overlaps(m) for m in mentions.get(norm_key(key), ()))
