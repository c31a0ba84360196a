"""Rule-based entity mentions: dates and numbers by pattern, names from capitalised-token runs.

Names are typed from general cues only: organisation suffix words (Ministry, News, Times, ...),
nationality adjectives (NORP), a few country acronyms, titles/honorifics (PERSON follows), place
endings (-ia, -stan, -land) and prepositions of place. Titles, a leading "the" and a possessive
stay outside the span (guidelines §1).
"""

from __future__ import annotations

import re

from eval.backends.lexicon import (
    CARDINAL_WORDS, CURRENCY_WORDS, HONORIFICS, MONTHS, NATIONALITIES, ORDINAL_WORDS, ORG_CUES,
    RELATIVE_DATES, TITLE_WORDS, UNITS, WEEKDAYS, LOC_CUES, FAC_CUES,
)
from eval.backends.rules.text import Tok, tokenize

_M = "|".join(MONTHS)
_DATE = re.compile(
    rf"\b(?:(?:{_M})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,\s*\d{{4}})?|\d{{1,2}}\s+(?:{_M})(?:\s+\d{{4}})?"
    rf"|(?:{_M})\s+\d{{4}}|(?:{'|'.join(WEEKDAYS)})|(?:{'|'.join(RELATIVE_DATES)})|(?:19|20)\d\d)\b"
)
_NUM = r"\d+(?:[.,]\d+)*"
_NUMBERS: list[tuple[str, re.Pattern]] = [
    ("MONEY", re.compile(rf"[$€£¥]\s?{_NUM}(?:\s+(?:million|billion|trillion))?|\b{_NUM}\s+(?:million\s+|billion\s+)?(?:{'|'.join(CURRENCY_WORDS)})\b")),
    ("PERCENT", re.compile(rf"\b{_NUM}\s?(?:%|percent\b|per cent\b)")),
    ("QUANTITY", re.compile(rf"\b{_NUM}[-\s](?:{'|'.join(UNITS)})\b")),
    ("ORDINAL", re.compile(rf"\b\d+(?:st|nd|rd|th)\b|\b(?:{'|'.join(ORDINAL_WORDS)})\b")),
    ("CARDINAL", re.compile(rf"\b{_NUM}(?:\s+(?:million|billion|trillion|thousand|hundred))?\b|\b(?:{'|'.join(CARDINAL_WORDS)})\b")),
]
GPE_ACRONYMS = frozenset({"US", "U.S.", "USA", "UK", "U.K.", "UAE", "DRC", "PRC"})
FUNCTION_WORDS = frozenset("""the a an this that these those but and or however earlier later
according reportedly whether when while if as in on at for with from by of to after before since
it he she they we i you his her their our its there here what who which where why how some many
most all no not yesterday today meanwhile also still despite although though during""".split())
_CONNECT = frozenset({"of", "de", "al", "bin", "van", "von", "&"})
_PLACE_PREP = frozenset({"in", "to", "from", "at", "near", "across", "into", "toward", "towards"})


def _cap(t: Tok) -> bool:
    return t.text[:1].isupper() and t.text not in ("I",)


def _candidates(text: str) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    for m in _DATE.finditer(text):
        out.append((m.start(), m.end(), "DATE"))
    for label, rx in _NUMBERS:
        for m in rx.finditer(text):
            if label in ("ORDINAL", "CARDINAL") and m.group()[:1].isalpha() and m.group() != m.group().lower():
                continue
            out.append((m.start(), m.end(), label))
    return out


def _runs(text: str, toks: list[Tok]) -> list[tuple[int, int]]:
    """Capitalised-token runs (joined by "of", "de", "&" ... when a capital follows)."""
    runs, i = [], 0
    while i < len(toks):
        if not _cap(toks[i]) or not toks[i].is_word:
            i += 1
            continue
        j = i + 1
        while j < len(toks) and not toks[j - 1].text.endswith(("’s", "'s")):
            if toks[j - 1].end < toks[j].start and "\n" in text[toks[j - 1].end:toks[j].start]:
                break
            if toks[j].is_word and _cap(toks[j]):
                j += 1
            elif toks[j].low in _CONNECT and j + 1 < len(toks) and _cap(toks[j + 1]):
                j += 2
            elif toks[j].text == "." and toks[j - 1].low in HONORIFICS:
                j += 1
            else:
                break
        runs.append((i, j))
        i = j
    return runs


def _type(words: list[str], prev: str, known_people: set[str]) -> str:
    last = words[-1].lower()
    if any(w.lower() in ORG_CUES for w in words):
        return "ORG"
    if len(words) == 1 and (words[0] in NATIONALITIES):
        return "NORP"
    if len(words) == 1 and words[0] in GPE_ACRONYMS:
        return "GPE"
    if last in LOC_CUES:
        return "LOC"
    if last in FAC_CUES:
        return "FAC"
    if len(words) == 1 and words[0].isupper() and len(words[0]) <= 5:
        return "ORG"
    if prev == "the":
        return "ORG"  # "the X": an institution or outlet, not a person
    if " ".join(words) in known_people or words[-1] in known_people:
        return "PERSON"
    if len(words) == 1 and (prev in _PLACE_PREP or re.search(r"(ia|stan|land)$", words[0])):
        return "GPE"
    return "PERSON"


def find_entities(text: str) -> list[tuple[int, int, str]]:
    """Flat ``(start, end, label)`` mentions in text order."""
    cands = _candidates(text)
    toks = tokenize(text)
    people: set[str] = set()
    for a, b in _runs(text, toks):
        words = toks[a:b]
        # drop sentence-initial function words and honorifics, then peel titles / nationalities
        while words and (re.split("[’']", words[0].low)[0] in FUNCTION_WORDS or words[0].low.rstrip(".") in HONORIFICS
                         or words[0].text == "."):
            words = words[1:]
        pieces: list[list[Tok]] = []
        cur: list[Tok] = []
        has_org = any(w.low in ORG_CUES for w in words)
        for w in words:
            if not has_org and (w.low in TITLE_WORDS):
                if cur:
                    pieces.append(cur)
                cur = []
            elif not has_org and not cur and (w.text in NATIONALITIES or w.text in GPE_ACRONYMS) and len(words) > 1:
                pieces.append([w])
            else:
                cur.append(w)
        if cur:
            pieces.append(cur)
        for piece in pieces:
            while piece and piece[-1].low in _CONNECT:
                piece = piece[:-1]
            if not piece:
                continue
            s, e = piece[0].start, piece[-1].end
            span_text = text[s:e]
            if span_text.endswith(("’s", "'s")):
                e -= 2
            names = [t.text for t in piece]
            names[-1] = re.sub(r"['’]s$", "", names[-1])
            prev = toks[toks.index(piece[0]) - 1].low if toks.index(piece[0]) else ""
            label = _type(names, prev, people)
            if label == "PERSON":
                people.add(" ".join(names))
                people.add(names[-1])
            if e > s:
                cands.append((s, e, label))
    return _flat(cands)


def _flat(cands: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Keep the earliest-listed (pattern) candidates, then the longest, never overlapping."""
    taken: list[tuple[int, int, str]] = []
    for c in cands:
        if not any(c[0] < t[1] and t[0] < c[1] for t in taken):
            taken.append(c)
    return sorted(taken)
