"""Rule-based entity mentions: dates and numbers by pattern, names from capitalised-token runs.

Names are typed from general cues only: organisation suffix words (Ministry, News, Times, ...),
nationality adjectives (NORP), a few country acronyms, titles/honorifics (PERSON follows), place
endings (-ia, -stan, -land) and prepositions of place. Titles, a leading "the" and a possessive
stay outside the span (guidelines §1).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsgold.backends.lexicon import (
    APPROXIMATORS,
    CARDINAL_WORDS,
    CURRENCY_WORDS,
    DATE_MODIFIERS,
    EVENT_NAME_CUES,
    FAC_CUES,
    GPE_SUFFIXES,
    HONORIFICS,
    LOC_CUES,
    MONTHS,
    NATIONALITIES,
    ORDINAL_WORDS,
    ORG_CUES,
    PLACE_TITLE_WORDS,
    RELATIVE_DATES,
    STORM_WORDS,
    TITLE_WORDS,
    UNITS,
    WEEKDAYS,
)
from newsgold.backends.names import finish, headline_end
from newsgold.backends.rules.text import Tok, tokenize


def _after(words) -> str:
    """A look-behind for any of ``words`` followed by one space (Python needs fixed widths)."""
    return "(?:" + "|".join(rf"(?<=\b{w} )" for w in words) + ")"


def _alt(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


_M = "|".join(MONTHS)
_MOD = rf"(?:(?:[Ee]arly|[Ll]ate|[Mm]id)[\s-]+)?(?:(?:{_alt(DATE_MODIFIERS)})\s+)?"
_DATE = re.compile(
    rf"\b{_MOD}(?:(?:{_M})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,\s*\d{{4}})?|\d{{1,2}}\s+(?:{_M})(?:\s+\d{{4}})?"
    rf"|(?:{_M})\s+\d{{4}}|(?:{'|'.join(WEEKDAYS)})|(?:{'|'.join(RELATIVE_DATES)})"
    rf"|(?:{'|'.join(m for m in MONTHS if len(m) > 4)})|(?:19|20)\d\d)\b"
    rf"|\b(?:[Ss]pring|[Ss]ummer|[Ff]all|[Aa]utumn|[Ww]inter)\s+(?:of\s+)?(?:19|20)\d\d\b"
    rf"|\b(?:{_alt(DATE_MODIFIERS)})\s+(?:{_MOD})?(?:week|month|year|weekend|spring|summer|autumn|fall|winter)\b"
    rf"|{_after(('in', 'by', 'since', 'until', 'from', 'of', 'last', 'next'))}May\b"
)
_NUM = r"\d+(?:[.,]\d+)*"
_APPROX = rf"(?:(?:{_alt(APPROXIMATORS)}|{_alt(a.capitalize() for a in APPROXIMATORS)})\s+)?"
_CARD = rf"(?:{_NUM}|{_alt(CARDINAL_WORDS - {'hundreds', 'thousands', 'millions', 'billions', 'dozens'})})"
_DUR_PRE = r"(?:(?:next|last|past|first|coming|previous|final)\s+)"
_DATE_UNITS = r"(?:days?|weeks?|months?|years?|decades?|centur(?:y|ies))"
_TIME_UNITS = r"(?:hours?|minutes?|seconds?)"
_MEASURE_UNITS = sorted(UNITS - {"day", "days", "week", "weeks", "month", "months", "year", "years",
                                 "hour", "hours", "minute", "minutes", "second", "seconds"}, key=len, reverse=True)
_NUMBERS: list[tuple[str, re.Pattern]] = [
    # clock times ("3:40 a.m.", "7 p.m."); ages and durations (OntoNotes: DATE / TIME)
    ("TIME", re.compile(rf"{_APPROX}\b\d{{1,2}}(?:[:.]\d\d)?\s?(?:a\.m\.|p\.m\.|am\b|pm\b)")),
    ("DATE", re.compile(rf"\b\d+-year-old\b|\b(?:{_alt(CARDINAL_WORDS)})-year-old\b")),
    ("DATE", re.compile(rf"{_APPROX}(?:\b{_DUR_PRE})?\b{_CARD}[-\s]{_DATE_UNITS}(?:\s+(?:ago|later|earlier))?\b"
                        rf"|{_after(('in', 'for', 'within', 'over'))}an?\s+(?:day|week|month|year|decade)\b")),
    ("TIME", re.compile(rf"{_APPROX}(?:\b{_DUR_PRE})?\b{_CARD}[-\s]{_TIME_UNITS}\b"
                        rf"|{_after(('in', 'for', 'within', 'over'))}an?\s+(?:hour|minute)\b")),
    ("MONEY", re.compile(rf"{_APPROX}(?:(?<![A-Za-z])[A-Z]{{1,3}})?[$€£¥]\s?{_NUM}(?:\s+(?:million|billion|trillion))?"
                         rf"|{_APPROX}\b{_NUM}\s+(?:million\s+|billion\s+)?(?:{'|'.join(CURRENCY_WORDS)})\b")),
    ("PERCENT", re.compile(rf"{_APPROX}\b{_NUM}\s?(?:%|percent\b|per cent\b)")),
    ("QUANTITY", re.compile(rf"{_APPROX}\b(?:{_NUM}|an?)[-\s](?:{'|'.join(_MEASURE_UNITS)})\b"
                            r"(?:\s+(?:per|an|a)\s+(?:hour|second|minute|day|year)\b)?")),
    ("ORDINAL", re.compile(rf"\b\d+(?:st|nd|rd|th)\b|\b(?:{'|'.join(ORDINAL_WORDS)})\b")),
    ("CARDINAL", re.compile(rf"{_APPROX}\b{_NUM}(?:\s+(?:million|billion|trillion|thousand|hundred))?\b(?!:)|{_APPROX}\b(?:{'|'.join(CARDINAL_WORDS)})\b")),
]
GPE_ACRONYMS = frozenset({"US", "U.S.", "USA", "UK", "U.K.", "UAE", "DRC", "PRC"})
FUNCTION_WORDS = frozenset("""the a an this that these those but and or however earlier later
according reportedly whether when while if as in on at for with from by of to after before since
it he she they we i you his her their our its there here what who which where why how some many
most all no not yesterday today meanwhile also still despite although though during""".split())
_CONNECT = frozenset({"of", "de", "al", "bin", "van", "von", "&"})
_ORG_RUN_HEADS = ORG_CUES | frozenset("association institute chamber council university commission securities".split())
"""Heads after which an organisation name runs on through of/for/and ("... Association of the X")."""
PORTFOLIO_TITLES = frozenset({"minister", "secretary", "commissioner"})
_PLACE_PREP = frozenset({"in", "to", "from", "at", "near", "across", "into", "toward", "towards", "over", "outside"})


def _cap(t: Tok) -> bool:
    return t.text[:1].isupper() and t.text not in ("I",)


def _candidates(text: str) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    for m in _DATE.finditer(text):
        out.append((m.start(), m.end(), "DATE"))
    for label, rx in _NUMBERS:
        for m in rx.finditer(text):
            if label in ("ORDINAL", "CARDINAL") and not any(ch.isdigit() for ch in m.group()) \
                    and m.group() != m.group().lower():
                continue
            out.append((m.start(), m.end(), label))
    return out


def _runs(text: str, toks: list[Tok], cap=None) -> list[tuple[int, int]]:
    """Capitalised-token runs (joined by "of", "de", "&" ... when a capital follows)."""
    cap = cap or _cap
    runs, i = [], 0
    while i < len(toks):
        if not cap(toks[i]) or not toks[i].is_word:
            i += 1
            continue
        j = i + 1
        while j < len(toks) and not toks[j - 1].text.endswith(("’s", "'s")):
            if toks[j - 1].end < toks[j].start and "\n" in text[toks[j - 1].end:toks[j].start]:
                break
            if toks[j].is_word and cap(toks[j]):
                j += 1
            elif toks[j].low in _CONNECT and j + 1 < len(toks) and cap(toks[j + 1]):
                j += 2
            elif toks[j].text == "." and (toks[j - 1].low in HONORIFICS
                                           or (len(toks[j - 1].text) == 1 and toks[j - 1].text.isupper())):
                j += 1  # "Mr." and a middle initial: "Ann B. Lee"
            elif (toks[j].low in ("of", "for", "and") and j + 1 < len(toks) and cap(toks[j + 1])
                  and toks[j - 1].low in _ORG_RUN_HEADS):
                j += 2  # an organisation name goes on: "... Association of the X", "... Institute for Y"
            elif (toks[j].low == "of" and j + 2 < len(toks) and toks[j + 1].low == "the" and cap(toks[j + 2])
                  and toks[j - 1].low in _ORG_RUN_HEADS):
                j += 3  # "... Association of the United States"
            else:
                break
        runs.append((i, j))
        i = j
    return runs


def _type(words: list[str], prev: str, known_people: set[str]) -> tuple[str, bool]:
    """Label of a name and whether a general cue decided it (``False``: the PERSON fallback)."""
    if "of" in words[1:-1] and any(w.lower() in ORG_CUES for w in words[:words.index("of")]):
        return "ORG", True  # "X Association of the United States": typed by its head, before "of"
    last = words[-1].lower()
    if len(words) > 1 and words[0].lower() in STORM_WORDS:
        return "EVENT", True
    if len(words) > 1 and last in EVENT_NAME_CUES:
        return "EVENT", True
    if len(words) > 1 and last in GPE_SUFFIXES:
        return "GPE", True
    if any(w.lower() in ORG_CUES for w in words):
        return "ORG", True
    if len(words) == 1 and (words[0] in NATIONALITIES):
        return "NORP", True
    if len(words) == 1 and words[0] in GPE_ACRONYMS:
        return "GPE", True
    if last in LOC_CUES:
        return "LOC", True
    if last in FAC_CUES:
        return "FAC", True
    if len(words) == 1 and words[0].isupper() and len(words[0]) <= 5:
        return "ORG", True
    if prev == "the":
        return "ORG", True  # "the X": an institution or outlet, not a person
    if " ".join(words) in known_people or words[-1] in known_people:
        return "PERSON", False
    if len(words) == 1 and (prev in _PLACE_PREP or re.search(r"(ia|stan|land)$", words[0])):
        return "GPE", True
    return "PERSON", False


def _sentence_initial(text: str, toks: list[Tok], i: int) -> bool:
    """Token ``i`` opens a sentence, a line or a quotation."""
    if i == 0:
        return True
    p = toks[i - 1]
    return p.text in (".", "!", "?", ":", "“", '"', "—") or "\n" in text[p.end:toks[i].start]


def _dateline(text: str, toks: list[Tok]) -> dict[int, str]:
    """Forced labels of a wire dateline at a line start: "CITY, Region, Month D —" -> GPE, GPE."""
    forced: dict[int, str] = {}
    for i, t in enumerate(toks):
        if not (t.is_word and t.text.isupper() and len(t.text) >= 3 and _sentence_initial(text, toks, i)
                and (i == 0 or "\n" in text[toks[i - 1].end:t.start])):
            continue
        j = i
        while j < len(toks) and toks[j].is_word and toks[j].text.isupper():
            j += 1
        if j >= len(toks) or toks[j].text != ",":
            continue
        forced[t.start] = "GPE"
        k = j + 1
        if k < len(toks) and _cap(toks[k]) and toks[k].text not in MONTHS and toks[k].text.rstrip(".") not in MONTHS:
            forced[toks[k].start] = "GPE"
    return forced


def _split_title(words: list[Tok]) -> list[list[Tok]] | None:
    """An organisation-led role before a name: "Emergency Services Minister Ann Lee" ->
    [head, name]; ``None`` when the run does not end in a name after a title word."""
    ks = [k for k, w in enumerate(words) if w.low in TITLE_WORDS and w.text[:1].isupper()]
    if not ks or ks[-1] == len(words) - 1:
        return None
    tail = words[ks[-1] + 1:]
    if any(w.low in ORG_CUES or w.low in TITLE_WORDS for w in tail):
        return None
    first = ks[-1]
    while first > 0 and words[first - 1].low in TITLE_WORDS:
        first -= 1
    return [words[:first], tail]


@dataclass
class _Doc:
    """What every capitalised run of one document is read against."""

    text: str
    toks: list[Tok]
    index: dict[int, int]
    head_end: int
    inner_caps: set[str]
    forced: dict[int, str]
    people: set[str]


def find_entities(text: str) -> list[tuple[int, int, str]]:
    """Flat ``(start, end, label)`` mentions in text order."""
    cands = _candidates(text)
    toks = tokenize(text)
    head_end = headline_end(text)
    inner_caps = {t.text for k, t in enumerate(toks) if t.start > head_end and _cap(t) and t.is_word
                  and not _sentence_initial(text, toks, k)}
    body_caps = inner_caps | {t.text for k, t in enumerate(toks[:-1]) if t.start > head_end and _cap(t)
                              and t.is_word and _cap(toks[k + 1]) and toks[k + 1].is_word}

    def cap(t: Tok) -> bool:
        return _cap(t) and (t.start >= head_end or t.text in body_caps
                            or re.sub(r"['’]s$", "", t.text) in body_caps or t.text in NATIONALITIES)

    d = _Doc(text, toks, {t.start: k for k, t in enumerate(toks)}, head_end, inner_caps, _dateline(text, toks), set())
    names: list[tuple[int, int, str, bool]] = []
    for a, b in _runs(text, toks, cap):
        names.extend(_run_names(d, a, b))
    cands.extend(_propagate(text, names))
    return finish(text, _flat(cands))


def _run_names(d: _Doc, a: int, b: int) -> list[tuple[int, int, str, bool]]:
    """The names in the capitalised run ``toks[a:b]``: function words and honorifics dropped,
    titles and nationalities peeled off, each piece typed."""
    words = _trim_run(d, a, d.toks[a:b])
    if not words:
        return []
    has_org = any(w.low in ORG_CUES for w in words)
    split = _split_title(words) if has_org else None
    place_head = False
    if split:
        place_head = any(w.low in PLACE_TITLE_WORDS for w in words)
        title_start = words[len(split[0])].low if len(split[0]) < len(words) else ""
        if title_start in PORTFOLIO_TITLES:
            split = [[], split[1]]  # "Health Ministry Minister"-style portfolio: part of the title
        pieces = [p for p in split if p]
    else:
        pieces = _pieces(words, has_org)
    out = []
    for n, piece in enumerate(pieces):
        while piece and piece[-1].low in _CONNECT:
            piece = piece[:-1]
        if piece:
            named = _piece_name(d, piece, last_of_split=bool(split) and n == len(pieces) - 1, place_head=place_head)
            if named:
                out.append(named)
    return out


def _trim_run(d: _Doc, a: int, words: list[Tok]) -> list[Tok]:
    """Drop sentence-initial function words, honorifics and a lone capitalised sentence opener."""
    text, toks = d.text, d.toks
    while words and (re.split("[’']", words[0].low)[0] in FUNCTION_WORDS or words[0].low.rstrip(".") in HONORIFICS
                     or words[0].text == "."):
        words = words[1:]
    opener = (words and words[0].start == toks[a].start and _sentence_initial(text, toks, a)
              and words[0].text not in d.inner_caps and words[0].text not in NATIONALITIES
              and not words[0].text.isupper() and not words[0].text.endswith(("’s", "'s"))
              and words[0].start not in d.forced and words[0].start >= d.head_end)
    if opener and len(words) == 1:
        return []  # a capitalised sentence-opening word never written capitalised mid-sentence
    if opener and len(words) > 2 and words[1].low in _CONNECT:
        return words[2:]  # "Shares of Acme" -> Acme
    return words


def _pieces(words: list[Tok], has_org: bool) -> list[list[Tok]]:
    """Split a run at title words and before a leading nationality or place acronym."""
    pieces: list[list[Tok]] = []
    cur: list[Tok] = []
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
    return pieces


_LEADER_HEADS = frozenset({"administration", "government"})
"""Lower-case heads whose capitalised modifier is the leader or the country, not the
organisation's name ("the Lee administration", "the Harbor government")."""


def _piece_name(d: _Doc, piece: list[Tok], last_of_split: bool, place_head: bool
                ) -> tuple[int, int, str, bool] | None:
    """``(start, end, label, strong)`` of one name piece (possessive outside)."""
    text, toks, index = d.text, d.toks, d.index
    s, e = piece[0].start, piece[-1].end
    if text[s:e].endswith(("’s", "'s")):
        e -= 2
    nm = [t.text for t in piece]
    nm[-1] = re.sub(r"['’]s$", "", nm[-1])
    k = index[piece[0].start]
    prev = toks[k - 1].low if k else ""
    nxt = toks[index[piece[-1].start] + 1] if index[piece[-1].start] + 1 < len(toks) else None
    label, strong = _type(nm, prev, d.people)
    if nxt is not None and re.split("[’']", nxt.low)[0] in _LEADER_HEADS and prev == "the" and label == "ORG" \
            and len(piece) == 1:
        label, strong = _type(nm, "", d.people)  # "the X administration": not "the X" the institution
    if nxt is not None and nxt.low in ORG_CUES and nxt.text.islower() and label in ("PERSON", "GPE") \
            and re.split("[’']", nxt.low)[0] not in _LEADER_HEADS:
        label, strong = "ORG", True  # "the X party", "the X group" (not "the X administration": X leads it)
    if last_of_split:
        label, strong = "PERSON", True
    elif s in d.forced:
        label, strong = d.forced[s], True
    elif (place_head or (nxt is not None and nxt.low in PLACE_TITLE_WORDS and nxt.text[:1].isupper())) \
            and len(piece) == 1 and not strong:
        label, strong = "GPE", True  # "<City> Mayor X"
    if label == "PERSON":
        d.people.add(" ".join(nm))
        d.people.add(nm[-1])
    return (s, e, label, strong) if e > s else None


def _propagate(text: str, names: list[tuple[int, int, str, bool]]) -> list[tuple[int, int, str]]:
    """One name, one type per document: a mention typed only by the PERSON fallback takes the type
    a general cue gave the same name elsewhere, or an organisation's type when it is that
    organisation's first word ("Acme Holdings" ... "Acme"), or the type of the name it is
    coordinated with ("in Chile, Peru and X")."""
    strong: dict[str, str] = {}
    for s, e, label, is_strong in names:
        name = text[s:e]
        if is_strong and label != "PERSON":
            strong.setdefault(name, label)
        if is_strong and label == "ORG" and " " in name:
            strong.setdefault(name.split()[0], "ORG")
    out = []
    prev_end, prev_label = -10, ""
    for s, e, label, is_strong in names:
        name = text[s:e]
        if not is_strong and name in strong:
            label = strong[name]
        elif not is_strong and prev_label in ("GPE", "ORG") and re.fullmatch(r",\s*|\s+and\s+|,\s+and\s+", text[prev_end:s]):
            label = prev_label
        out.append((s, e, label))
        prev_end, prev_label = e, label
    return out


def _flat(cands: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Keep the earliest-listed (pattern) candidates, then the longest, never overlapping."""
    import bisect

    taken: list[tuple[int, int, str]] = []  # non-overlapping, sorted by start: one bisect per candidate
    for c in cands:
        k = bisect.bisect_left(taken, (c[0],))
        if (k and taken[k - 1][1] > c[0]) or (k < len(taken) and taken[k][0] < c[1]):
            continue
        taken.insert(k, c)
    return taken
