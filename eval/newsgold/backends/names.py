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
    ending: dict[int, list[int]] = {}  # end offset -> indices of the mentions ending there
    for i, (_, e, _) in enumerate(ents):
        ending.setdefault(e, []).append(i)
    for m in _ACRONYM_DEF.finditer(text):
        near = sorted(i for e in range(m.start() - 2, m.start() + 1) for i in ending.get(e, ()))
        before = [ents[i] for i in near]  # the mentions ending 0-2 characters before "(", in order
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
    kept = _replaced_by(text, kept, party_tags(text) + datelines(text))
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
    taken = _cover(len(text), kept)  # characters of every mention so far: "is it free" in O(length)
    found = _occurrences(text, list(votes))
    for name, counts in votes.items():
        lab = max(sorted(counts), key=lambda k: counts[k])
        for start in found[name]:
            end = start + len(name)
            if taken.find(1, start, end) < 0:
                added.append((start, end, lab))
                taken[start:end] = b"\x01" * (end - start)
    return sorted(kept + added)


def _cover(n: int, mentions: list[Mention]) -> bytearray:
    """One byte per character of the text, 1 where a mention covers it."""
    cover = bytearray(n)
    for s, e, _ in mentions:
        cover[s:e] = b"\x01" * (e - s)
    return cover


def _replaced_by(text: str, kept: list[Mention], tags: list[Mention]) -> list[Mention]:
    """Put each tag in place of the mentions it overlaps, in order: a tag also replaces an earlier
    tag it overlaps. (The same as replacing one tag at a time, in time linear in the mentions.)"""
    later = bytearray(len(text))  # characters of the tags after the one looked at
    survivors = []
    for s, e, lab in reversed(tags):
        if later.find(1, s, e) < 0:
            survivors.append((s, e, lab))
        later[s:e] = b"\x01" * (e - s)
    return [m for m in kept if later.find(1, m[0], m[1]) < 0] + survivors[::-1]


_WORD_START = re.compile(r"(?<![\w.-])\w+")


def _occurrences(text: str, names: list[str]) -> dict[str, list[int]]:
    """Where each name occurs as a whole name (what ``re.finditer`` of its bounded pattern finds:
    left to right, not overlapping itself), in one pass over the text's word starts, not one pass
    per name: a name can only start where its first word does."""
    first: dict[str, list[str]] = {}
    for name in names:
        w = re.match(r"\w+", name)
        first.setdefault(w.group() if w else "", []).append(name)
    pattern = {name: re.compile(r"(?<![\w.-])" + re.escape(name) + r"(?![\w-]|\.\w)") for name in names}
    out: dict[str, list[int]] = {name: [] for name in names}
    until = dict.fromkeys(names, 0)  # end of the name's last match: finditer does not overlap them
    for w in _WORD_START.finditer(text):
        for name in first.get(w.group(), ()):
            if w.start() >= until[name] and pattern[name].match(text, w.start()):
                out[name].append(w.start())
                until[name] = w.start() + len(name)
    for name in first.get("", ()):  # a name not starting with a word character: searched on its own
        out[name] = [m.start() for m in pattern[name].finditer(text)]
    return out
