"""Typing a name by what it is, shared by every backend: gazetteers and head nouns (guidelines §5.2).

A statistical tagger (or a capitalisation rule) decides *that* a span is a name; the type of many
names is fixed by general knowledge or by their head noun, whatever the context: a country or U.S.
state is GPE, the Moon is LOC, "... Fishing Treaty" is LAW, "Pier Launch Complex 7" is FAC,
"... Committee" is ORG. Only general lexicons are used (no name from any
text).
"""

from __future__ import annotations

import re

from newsgold.backends.lexicon import (
    CELESTIAL_BODIES,
    COUNTRIES,
    FAC_HEADS,
    FREQUENCY_ADVERBS,
    LAW_HEADS,
    ORG_HEADS,
    TITLE_WORDS,
    US_STATE_CODES,
)

_NAMED = ("ORG", "PERSON", "GPE", "LOC", "FAC", "PRODUCT", "EVENT", "LAW", "WORK_OF_ART", "NORP")
_NUMBERED = re.compile(r"^(.*?)\s+(?:#\s?)?[0-9IVX]+[A-Z]?$")


def head_word(name: str) -> str:
    """The head of a name: its last word, skipping a trailing number ("Complex 7" -> complex).

    >>> head_word("Pier Launch Complex 7"), head_word("Harbor Fishing Treaty")
    ('complex', 'treaty')
    """
    m = _NUMBERED.match(name)
    words = (m.group(1) if m else name).split()
    return words[-1].lower().strip(".,") if words else ""


def retype(name: str, label: str) -> str:
    """The type a name has whatever its context, else ``label`` unchanged.

    >>> retype("Japan", "ORG"), retype("Moon", "PERSON"), retype("Harbor Fishing Treaty", "ORG")
    ('GPE', 'LOC', 'LAW')
    >>> retype("Pier Launch Complex 7", "ORG")
    'FAC'
    >>> retype("Harbor Safety Committee", "PERSON"), retype("Ann Lee", "PERSON")
    ('ORG', 'PERSON')
    """
    if label not in _NAMED:
        return label
    if name in COUNTRIES and label != "NORP":
        return "GPE"
    if name in CELESTIAL_BODIES:
        return "LOC"
    if " " not in name:
        return label
    if not name.split()[-1][:1].isupper() and not name.split()[-1][:1].isdigit():
        return label
    head = head_word(name)
    if head in LAW_HEADS and label != "PERSON":
        return "LAW"
    if head in FAC_HEADS:
        return "FAC"
    if head in ORG_HEADS and label in ("PERSON", "FAC", "GPE", "NORP", "WORK_OF_ART", "LOC"):
        return "ORG"
    return label


Mention = tuple[int, int, str]
_PARTY_TAG = re.compile(r"\((?P<party>[DRI])-(?P<state>[A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?)\)")
_PLURAL_ACRONYM = re.compile(r"^[A-Z]{2,}s$")
_ACRONYM_DEF = re.compile(r"\(([A-Z][A-Za-z0-9&-]*[A-Z0-9])\)")
_NOT_DATES = re.compile(r"^(?:(?:every|each|one|those|these|some)\s+(?:day|days|night|nights|week|weeks)"
                        r"(?:\s+of\s+the\s+year)?)$", re.I)
_PROPAGATE = ("PERSON", "ORG", "GPE", "NORP", "LAW", "FAC", "EVENT", "PRODUCT", "LOC")


def _free(taken: list[Mention], s: int, e: int) -> bool:
    return not any(a < e and s < b for a, b, _ in taken)


def party_tags(text: str) -> list[Mention]:
    """A legislator's party-state tag: "(D-NY)" / "(R-South Carolina)" -> party NORP + state GPE.

    >>> party_tags("said Senator Ann Lee (D-NY) and (R-South Carolina).")
    [(22, 23, 'NORP'), (24, 26, 'GPE'), (33, 34, 'NORP'), (35, 49, 'GPE')]
    """
    out: list[Mention] = []
    for m in _PARTY_TAG.finditer(text):
        state = m.group("state")
        if state in US_STATE_CODES or state in COUNTRIES:
            out += [(m.start("party"), m.end("party"), "NORP"), (m.start("state"), m.end("state"), "GPE")]
    return out


def defined_acronyms(text: str, ents: list[Mention]) -> dict[str, str]:
    """Acronyms defined in parentheses right after a name ("Harbor Safety Office (HSO)")
    -> the type of that name (ORG when the name was not tagged)."""
    out: dict[str, str] = {}
    for m in _ACRONYM_DEF.finditer(text):
        before = [(s, e, lab) for s, e, lab in ents if e <= m.start() and m.start() - e <= 2]
        words = text[max(0, m.start() - 120):m.start()].split()
        initials = "".join(w[0] for w in words[-len(m.group(1)) - 3:] if w[:1].isupper())
        if before:
            out.setdefault(m.group(1), before[-1][2])
        elif m.group(1)[0] in initials and len(m.group(1)) >= 2:
            out.setdefault(m.group(1), "ORG")
    return out


_DATELINE = re.compile(r"(?:^|\n)([A-Z][A-Z.’' -]*[A-Z])(?=\s*[—–]|,\s)")
_COMPOUND = re.compile(r"^([A-Z][\w.]*?)-(?:based|born|led|bred|made|area)$")


def datelines(text: str) -> list[Mention]:
    """A capitalised place opening a paragraph before a dash or comma ("CITY —", "CITY, …") is GPE.

    >>> datelines("Title" + chr(10) * 2 + "OSLO — The talks ended.")
    [(7, 11, 'GPE')]
    """
    return [(m.start(1), m.end(1), "GPE") for m in _DATELINE.finditer(text) if len(m.group(1)) >= 3]


def _respan(text: str, s: int, e: int, lab: str) -> Mention:
    """A place before a hyphenated modifier is the place alone ("Oslo-based" -> Oslo GPE; a
    country before a hyphen: "Norway-Chile talks" -> Norway)."""
    name = text[s:e]
    m = _COMPOUND.match(name)
    if m:
        return s, s + len(m.group(1)), "GPE"
    head, dash, _ = name.partition("-")
    if dash and head in COUNTRIES:
        return s, s + len(head), "GPE"
    return s, e, lab


def finish(text: str, ents: list[Mention]) -> list[Mention]:
    """Document-level completion shared by the backends (flat, sorted output):

    * types fixed by the name itself (:func:`retype`);
    * not mentions: a lone title or generic head word ("Committee", "Co-Chair"), frequency
      adverbs and "every day"-style phrases typed DATE;
    * re-spanned: a place before "-based" or a hyphen;
    * added: datelines, party-state tags, acronyms defined in parentheses, and every further occurrence of
      a name the document already tagged (one name, every mention -- a tagger often misses a
      repeated surname), with the type that name has most often.
    """
    kept: list[Mention] = []
    for s, e, lab in ents:
        name = text[s:e]
        low = name.lower()
        single = lab in ("ORG", "PERSON", "GPE", "FAC", "LOC", "PRODUCT", "NORP") and " " not in name
        if single and (low in ORG_HEADS or low in TITLE_WORDS or low.replace("-", "") in {"cochair", "vicechair"}
                       or (low.endswith("s") and low[:-1] in TITLE_WORDS) or _PLURAL_ACRONYM.match(name)):
            continue  # a title or generic head alone ("Committee", "Senators"), a plural acronym ("SMRs")
        if lab == "DATE" and (low in FREQUENCY_ADVERBS or _NOT_DATES.match(name)):
            continue
        s, e, lab = _respan(text, s, e, lab)
        kept.append((s, e, retype(text[s:e], lab)))
    for s, e, lab in party_tags(text) + datelines(text):
        kept = [m for m in kept if not (m[0] < e and s < m[1])] + [(s, e, lab)]
    acronyms = defined_acronyms(text, kept)
    votes: dict[str, dict[str, int]] = {}
    for s, e, lab in kept:
        if lab in _PROPAGATE and len(text[s:e]) >= 2 and text[s].isupper():
            votes.setdefault(text[s:e], {}).setdefault(lab, 0)
            votes[text[s:e]][lab] += 1
    for name, lab in acronyms.items():
        votes.setdefault(name, {lab: 1})
    for s, e, lab in kept:  # a surname alone names the same person ("Dora Vance" ... "Vance")
        words = text[s:e].split()
        if lab == "PERSON" and len(words) >= 2 and len(words[-1]) >= 3 and words[-1][0].isupper() \
                and words[-1] not in COUNTRIES and words[-1].isalpha():
            votes.setdefault(words[-1], {}).setdefault("PERSON", 0)
    kept.sort()
    added: list[Mention] = []
    for name, counts in votes.items():
        lab = max(sorted(counts), key=lambda k: counts[k])
        for m in re.finditer(r"(?<![\w.-])" + re.escape(name) + r"(?![\w-]|\.\w)", text):
            if _free(kept, m.start(), m.end()) and _free(added, m.start(), m.end()):
                added.append((m.start(), m.end(), lab))
    return sorted(kept + added)
