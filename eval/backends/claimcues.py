"""Status and check-worthiness of a claim from general cue lists (guidelines §3).

Shared by the rules and spaCy backends so both decide "hedged", "denied" and check-worthiness the
same way; only the clause spans and claimants differ between them.
"""

from __future__ import annotations

import re

from eval.backends.lexicon import (
    DENIAL_VERBS, EVENT_VERBS, HEDGES, MONTHS, OPINION_WORDS, RELATIVE_DATES, WEEKDAYS,
)
from eval.schema import ARTICLE_VOICE

_HEDGE = re.compile(r"\b(?:" + "|".join(re.escape(h) for h in HEDGES) + r")\b")
_DATE = re.compile(r"\b(?:" + "|".join(MONTHS + WEEKDAYS + RELATIVE_DATES) + r")\b")
_FALSE = re.compile(r"\b(?:is|was|are|were) (?:not true|false|untrue|baseless)\b", re.I)
_WORD = re.compile(r"[\w’']+")


def status(span_text: str, claimant: str | None, cue: str | None = None) -> str:
    """First rule that applies: denied, hedged, reported, asserted.

    >>> status("he may resign", "ARTICLE")
    'hedged'
    >>> status("the plant closed", "acme", cue="denied")
    'denied'
    >>> status("the plant closed", None)
    'reported'
    """
    if (cue and cue.lower() in DENIAL_VERBS) or _FALSE.search(span_text):
        return "denied"
    if _HEDGE.search(span_text[:1].lower() + span_text[1:]):  # case-sensitive: "May 2013" is a date
        return "hedged"
    if claimant != ARTICLE_VOICE:
        return "reported"
    return "asserted"


def checkworthy(span_text: str) -> bool:
    """Would a fact-checker verify it? Opinion / stance / intention words say no; numbers, dates,
    named participants and event words say yes.

    >>> checkworthy("The minister visited Paris on May 3")
    True
    >>> checkworthy("this is a very important moment")
    False
    """
    words = _WORD.findall(span_text)
    low = {w.lower() for w in words}
    if low & OPINION_WORDS:
        return False
    has_number = any(ch.isdigit() for ch in span_text)
    has_date = bool(_DATE.search(span_text))
    has_name = any(w[:1].isupper() for w in words[1:])
    has_event = bool(low & EVENT_VERBS)
    return has_number or has_date or has_name or has_event
