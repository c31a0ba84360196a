"""spaCy ``doc.ents`` post-processed to the guideline conventions (guidelines §1).

The statistical NER is kept as is, except for span edges and obvious non-names:
a leading "the", a trailing possessive and leading titles/honorifics go outside the span; a
mention that is only a title word ("State" of "Secretary of State") is dropped.
"""

from __future__ import annotations

import re

from eval.backends.lexicon import HONORIFICS, NATIONALITIES, TITLE_WORDS

_LEAD = re.compile(r"^(?:the|The|THE)\s+")
_POSS = re.compile(r"\s*['’]s?$")


def convert(doc) -> list[tuple[int, int, str]]:
    """``(start, end, label)`` character spans of one spaCy Doc, flat and in order."""
    text = doc.text
    out: list[tuple[int, int, str]] = []
    for ent in doc.ents:
        s, e, label = ent.start_char, ent.end_char, ent.label_
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
        words = text[s:e].split()
        if label in ("ORG", "GPE", "PERSON") and all(w.lower() in TITLE_WORDS for w in words):
            continue  # a title is never an entity by itself
        if label != "NORP" and len(words) == 1 and words[0] in NATIONALITIES:
            label = "NORP"
        if e > s:
            out.append((s, e, label))
    return out
