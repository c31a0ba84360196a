"""spaCy ``doc.ents`` post-processed to the guideline conventions (guidelines §1).

The statistical NER is kept as is, except for span edges and obvious non-names:
a leading "the", a trailing possessive and leading titles/honorifics go outside the span; a
mention that is only a title word ("State" of "Secretary of State") is dropped. Then general,
document-level rules:

* numeric edges: a currency symbol or word and an approximator ("about", "up to") go inside a
  numeric span; "as early as" before a date goes outside;
* a possessive inside a span splits it ("X’s Social Democratic Party" -> X + the party);
* a trailing lower-case descriptor goes outside ("the X party" -> X);
* headline capitals are typographic: headline words the body never writes capitalised are cut;
* a wire dateline in capitals ("CITY, Region, Month D —") is GPE;
* event names by their head ("Hurricane X", "... Conference") are EVENT;
* one name, one type: a surname of a PERSON mention is PERSON, the first word of an
  organisation name alone is ORG.
"""

from __future__ import annotations

import re

from newsgold.backends.lexicon import (
    APPROXIMATORS,
    COUNTRIES,
    CURRENCY_WORDS,
    EVENT_NAME_CUES,
    HONORIFICS,
    NATIONALITIES,
    STORM_WORDS,
    TITLE_WORDS,
)
from newsgold.backends.names import finish, headline_end

_LEAD = re.compile(r"^(?:the|The|THE)\s+")
_POSS = re.compile(r"\s*['’]s?$")
_NUMERIC = ("MONEY", "CARDINAL", "QUANTITY", "PERCENT", "TIME")
_APPROX = re.compile(r"(?:" + "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in
                                       sorted(APPROXIMATORS, key=len, reverse=True)) + r")\s+$", re.I)
_CURRENCY_BEFORE = re.compile(r"(?:(?<![A-Za-z])[A-Z]{1,3})?[$€£¥]\s?$")
_CURRENCY_AFTER = re.compile(r"^\s+(?:" + "|".join(sorted(CURRENCY_WORDS, key=len, reverse=True)) + r")\b")
_INNER_POSSESSIVE = re.compile(r"['’]s\s+(?=[A-Z])")
_WORD_BEFORE = re.compile(r"\b([A-Z][a-z]+)\s+$")
_TRAILING_LOWER = re.compile(r"\s+([a-z]+)$")
_DATE_LEAD = re.compile(r"^(?:as\s+(?:early|late|soon)\s+as|since|until|by)\s+", re.I)


def _edges(text: str, s: int, e: int, label: str) -> tuple[int, int, str]:
    """Guideline span edges of one mention."""
    m = _LEAD.match(text[s:e])
    if m and e - s > m.end():
        s += m.end()
    m = _POSS.search(text[s:e])
    if m and m.start() > 0 and label not in ("DATE", "TIME", "CARDINAL"):
        e = s + m.start()
    if label == "PERSON":
        words = list(re.finditer(r"\S+", text[s:e]))
        k = 0
        while k < len(words) - 1 and (words[k].group().lower().rstrip(".") in HONORIFICS
                                      or words[k].group().lower() in TITLE_WORDS):
            k += 1
        s += words[k].start() if words else 0
    if label in ("ORG", "PERSON", "GPE", "NORP", "EVENT", "FAC", "LOC"):
        while True:  # a trailing lower-case descriptor: "the X party"
            m = _TRAILING_LOWER.search(text[s:e])
            if not m or m.start() == 0:
                break
            e = s + m.start()
    if label == "MONEY":
        m = _CURRENCY_BEFORE.search(text[max(0, s - 4):s])
        if m:
            s -= len(m.group())
        m = _CURRENCY_AFTER.match(text[e:e + 12])
        if m:
            e += m.end()
    if label in _NUMERIC:
        m = _APPROX.search(text[max(0, s - 20):s])
        if m and (m.start() + max(0, s - 20) == 0 or not text[m.start() + max(0, s - 20) - 1].isalnum()):
            s -= len(m.group())
    if label == "DATE":
        m = _DATE_LEAD.match(text[s:e])
        if m and e - s > m.end():
            s += m.end()
    return s, e, label


def _words(doc, text: str) -> list[tuple[str, int, bool]]:
    """``(text, offset, starts a sentence)`` of every token, read off the Doc's IDX/LENGTH/SENT_START
    arrays: no Python Token object per word (iterating a Doc is the costly part of :func:`convert`).
    ``text`` is the Doc's text (``doc.text`` itself rebuilds it token by token)."""
    from spacy.attrs import IDX, LENGTH, SENT_START

    return [(text[idx:idx + n], idx, start == 1) for idx, n, start in doc.to_array([IDX, LENGTH, SENT_START]).tolist()]


def convert(doc, text: str | None = None) -> list[tuple[int, int, str]]:
    """``(start, end, label)`` character spans of one spaCy Doc, flat and in order (``text``:
    the Doc's text when the caller has it)."""
    text = doc.text if text is None else text
    head_end = headline_end(text)
    toks = _words(doc, text)
    body_caps: set[str] = set()
    for i, (word, idx, sent_start) in enumerate(toks):
        if idx <= head_end or not word[:1].isupper():
            continue
        if (not sent_start and i > 0 and toks[i - 1][0] not in ("“", '"', "—", "\n\n")) \
                or (i + 1 < len(toks) and toks[i + 1][0][:1].isupper()):
            body_caps.add(word)
    out: list[tuple[int, int, str]] = []
    for ent in doc.ents:
        s, e, label = ent.start_char, ent.end_char, ent.label_
        if s < head_end:  # keep the longest trusted prefix of a headline mention
            trusted = [t for t in ent if t.text in body_caps or t.text in NATIONALITIES or not t.text[:1].isalpha()]
            k = 0
            while k < len(ent) and ent[k] in trusted:
                k += 1
            if k == 0:
                continue
            e = ent[k - 1].idx + len(ent[k - 1])
        # a possessive inside: "X’s Social Democratic Party" -> X + the rest
        m = _INNER_POSSESSIVE.search(text[s:e])
        if m and label in ("ORG", "GPE", "FAC", "EVENT", "LAW", "WORK_OF_ART"):
            out.append((s, s + m.start(), "OWNER"))
            s = s + m.end()
        s, e, label = _edges(text, s, e, label)
        words = text[s:e].split()
        if label in ("ORG", "GPE", "PERSON") and all(w.lower() in TITLE_WORDS for w in words):
            continue  # a title is never an entity by itself
        if label != "NORP" and len(words) == 1 and words[0] in NATIONALITIES:
            label = "NORP"
        if words and (words[-1].lower() in EVENT_NAME_CUES and len(words) > 1):
            label = "EVENT"
        before = _WORD_BEFORE.search(text[max(0, s - 20):s])
        if before and before.group(1).lower() in STORM_WORDS and label in ("PERSON", "ORG", "GPE"):
            s, label = s - len(before.group()), "EVENT"  # "Hurricane X"
        if e > s:
            out.append((s, e, label))
    out = _datelines(text, out)
    return finish(text, _consistent(text, out))


def _datelines(text: str, ents: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Add a capitalised wire dateline ("CITY, Region, …") as GPE where the model missed it."""
    for m in re.finditer(r"(?:^|\n)([A-Z][A-Z .’'\-]*[A-Z])(?=,)", text):
        s, e = m.start(1), m.end(1)
        if len(text[s:e]) >= 3 and not any(a < e and s < b for a, b, _ in ents):
            ents.append((s, e, "GPE"))
        elif any(a == s and b == e for a, b, _ in ents):
            ents = [(a, b, "GPE" if (a, b) == (s, e) else lab) for a, b, lab in ents]
    return sorted(ents)


def _consistent(text: str, ents: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """One name, one type: the surname of a PERSON mention is PERSON; the first word of a
    multi-word ORG name, alone, is ORG; a possessor split off a name takes the type the document
    gives that name elsewhere (PERSON when it gives none)."""
    surnames = {text[s:e].split()[-1] for s, e, lab in ents if lab == "PERSON" and len(text[s:e].split()) > 1}
    org_heads = {text[s:e].split()[0] for s, e, lab in ents if lab == "ORG" and len(text[s:e].split()) > 1} - COUNTRIES
    typed: dict[str, str] = {}
    for s, e, lab in ents:
        if lab != "OWNER":
            typed.setdefault(text[s:e], lab)
    out = []
    for s, e, lab in ents:
        name = text[s:e]
        if " " not in name and name in surnames and lab in ("ORG", "GPE", "OWNER", "NORP"):
            lab = "PERSON"
        elif " " not in name and name in org_heads and name not in surnames and lab in ("PERSON", "GPE", "OWNER"):
            lab = "ORG"
        elif lab == "OWNER":
            lab = typed.get(name, "PERSON")
        if e > s:
            out.append((s, e, lab))
    return out
