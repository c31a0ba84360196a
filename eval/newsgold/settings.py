"""Scoring settings: every knob that changes a score (all of them enter the report signature).

Kept in a module of its own, free of numpy, so command-line parsing stays fast.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    """Every knob that changes a score. It is part of the report signature."""

    quote_overlap: float = 0.5  # token-overlap threshold for matching quote content
    claim_jaccard: float = 0.5  # token Jaccard threshold for matching claim spans
    min_overlap: float = 0.0  # entity partial matching: share of the gold span a prediction must cover (0 = one character)
    label_map: str | None = None  # name of a shipped label map (eval/newsgold/data/labelmap_<name>.json) or a path
    unit: str = "auto"  # "document", "sentence", or "auto" (= sentence when there is one document)
    bootstrap: int = 1000  # number of bootstrap resamples
    confidence: float = 0.95
    seed: int = 12345
