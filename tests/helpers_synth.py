"""Seeded synthetic entity workloads (gold + perturbed predictions) for tests and benchmarks.

Each document is a row of disjoint *zones*; a zone holds one gold entity (with margin ``MARGIN``
characters on both sides) and at most one prediction that stays inside the zone. So every
prediction overlaps at most one gold entity and vice versa: the inputs on which greedy matchers
(nervaluate) and optimal matching (newsgold) must agree. Spans are short (< 100 characters) so
nervaluate's 1% minimum overlap never bites.

Usage: ``make_corpus(n_docs, spans_per_doc, seed)`` -> list of ``(Document, gold, pred)``.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from newsgold.schema import Document, Entity

# A realistic label mix for news (weights roughly as in OntoNotes newswire).
LABELS: tuple[str, ...] = ("PERSON", "ORG", "GPE", "DATE", "NORP", "CARDINAL", "LOC", "MONEY",
                           "EVENT", "FAC", "WORK_OF_ART", "PERCENT")
LABEL_WEIGHTS: tuple[float, ...] = (20, 18, 18, 14, 8, 6, 4, 3, 3, 2, 2, 2)
# what happens to a gold entity in the prediction
OUTCOMES: tuple[str, ...] = ("exact", "shift", "type", "shift_type", "missing")
OUTCOME_WEIGHTS: tuple[float, ...] = (62, 13, 9, 4, 12)
SPURIOUS_RATE = 0.12  # spurious-only zones per gold zone
MARGIN = 3
MAX_LEN = 30


def _other_label(rng: random.Random, label: str, labels: Sequence[str]) -> str:
    while True:
        new = rng.choice(labels)
        if new != label:
            return new


def _shift(rng: random.Random, start: int, end: int) -> tuple[int, int]:
    """A different span inside the zone that still overlaps ``[start, end)``."""
    while True:
        s = start + rng.randint(-MARGIN, MARGIN)
        e = end + rng.randint(-MARGIN, MARGIN)
        if (s, e) != (start, end) and s < e and s < end and e > start:
            return s, e


def make_document(
    rng: random.Random, doc_id: str, n_gold: int, labels: Sequence[str] = LABELS,
    weights: Sequence[float] | None = LABEL_WEIGHTS, type_errors: bool = True,
) -> tuple[Document, list[Entity], list[Entity]]:
    """One synthetic document with ``n_gold`` gold entities and perturbed predictions.

    ``type_errors=False`` keeps every prediction's label equal to its gold label (and spurious
    predictions then still get random labels).
    """
    weights = weights if weights is not None and len(weights) == len(labels) else None
    gold: list[Entity] = []
    pred: list[Entity] = []
    cursor = 0
    placed = 0
    while placed < n_gold:
        start = cursor + MARGIN
        end = start + rng.randint(1, MAX_LEN)
        cursor = end + MARGIN
        label = rng.choices(labels, weights)[0]
        if rng.random() < SPURIOUS_RATE / (1 + SPURIOUS_RATE):
            pred.append(Entity(doc_id, f"p{len(pred)}", start, end, "", label))
            continue
        gold.append(Entity(doc_id, f"g{placed}", start, end, "", label))
        placed += 1
        outcome = rng.choices(OUTCOMES, OUTCOME_WEIGHTS)[0]
        if not type_errors and outcome in ("type", "shift_type"):
            outcome = "exact" if outcome == "type" else "shift"
        if outcome == "missing":
            continue
        s, e = _shift(rng, start, end) if outcome in ("shift", "shift_type") else (start, end)
        plabel = _other_label(rng, label, labels) if outcome in ("type", "shift_type") else label
        pred.append(Entity(doc_id, f"p{len(pred)}", s, e, "", plabel))
    rng.shuffle(pred)  # record order must not matter
    return Document(doc_id, ""), gold, pred


def gold_counts(n_docs: int, mean: int, rng: random.Random) -> list[int]:
    """Per-document gold counts varying around ``mean`` and summing to exactly ``n_docs * mean``.

    >>> counts = gold_counts(5, 20, random.Random(0))
    >>> sum(counts), min(counts) >= 10
    (100, True)
    """
    spread = mean // 2
    half = [rng.randint(-spread, spread) for _ in range(n_docs // 2)]
    deltas = half + [-d for d in half] + [0] * (n_docs % 2)
    rng.shuffle(deltas)
    return [mean + d for d in deltas]


def make_corpus(
    n_docs: int, spans_per_doc: int = 20, seed: int = 0, type_errors: bool = True,
) -> list[tuple[Document, list[Entity], list[Entity]]]:
    """``n_docs`` seeded synthetic documents with ``n_docs * spans_per_doc`` gold entities in all."""
    rng = random.Random(seed)
    return [make_document(rng, f"d{k}", n, type_errors=type_errors)
            for k, n in enumerate(gold_counts(n_docs, spans_per_doc, rng))]


def to_nervaluate(ents: Sequence[Entity]) -> list[dict]:
    """nervaluate's dict format: ends are *inclusive* there."""
    return [{"label": e.label, "start": e.start, "end": e.end - 1} for e in ents]
