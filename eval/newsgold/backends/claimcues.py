"""Status and check-worthiness of a claim from general cue lists (guidelines §3).

Shared by the rules and spaCy backends so both decide "hedged", "denied" and check-worthiness the
same way; only the clause spans and claimants differ between them.
"""

from __future__ import annotations

import re

from newsgold.backends.lexicon import (
    DENIAL_VERBS,
    EVENT_NOUNS,
    EVENT_VERBS,
    HEDGES,
    MONTHS,
    OPINION_WORDS,
    RAISING_PARTICIPLES,
    RELATIVE_DATES,
    WEEKDAYS,
)
from newsgold.schema import ARTICLE_VOICE

_HEDGE = re.compile(r"\b(?:" + "|".join(re.escape(h) for h in HEDGES) + r")\b")
_DATE = re.compile(r"\b(?:" + "|".join(MONTHS + WEEKDAYS + RELATIVE_DATES) + r")\b")
_FALSE = re.compile(r"\b(?:is|was|are|were) (?:not true|false|untrue|baseless)\b", re.I)
_WORD = re.compile(r"[\w’']+")
_EVENT_WORDS = EVENT_VERBS | EVENT_NOUNS


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


def opinion_cues(words: list[str]) -> list[str]:
    """The evaluation / stance / intention / belief words among lower-cased ``words`` -- except a
    raising participle before "to" ("is expected to arrive"), which is a hedge on a fact.

    >>> opinion_cues("the talks are expected to resume".split())
    []
    >>> opinion_cues("officials expected the talks to resume".split())
    ['expected']
    """
    return [w for i, w in enumerate(words) if w in OPINION_WORDS
            and not (w in RAISING_PARTICIPLES and words[i + 1:i + 2] == ["to"])]


def checkworthy(span_text: str) -> bool:
    """Would a fact-checker verify it? Opinion / stance / intention words say no; numbers, dates,
    named participants and event words say yes.

    >>> checkworthy("The minister visited Paris on May 3")
    True
    >>> checkworthy("this is a very important moment")
    False
    """
    words = _WORD.findall(span_text)
    low = [w.lower() for w in words]
    if opinion_cues(low):
        return False
    has_number = any(ch.isdigit() for ch in span_text)
    has_date = bool(_DATE.search(span_text))
    has_name = any(w[:1].isupper() for w in words[1:])
    has_event = not _EVENT_WORDS.isdisjoint(low)
    return has_number or has_date or has_name or has_event
