"""Typing a name by what it is, shared by every backend: gazetteers and head nouns (guidelines §5.2).

A statistical tagger (or a capitalisation rule) decides *that* a span is a name; the type of many
names is fixed by general knowledge or by their head noun, whatever the context: a country or U.S.
state is GPE, the Moon is LOC, "... Fishing Treaty" is LAW, "Pier Launch Complex 7" is FAC,
"... Committee" is ORG. Only general lexicons are used (no name from any
text).
"""

from __future__ import annotations

import functools
import re

from newsgold.backends.lexicon import (
    CELESTIAL_BODIES,
    COUNTRIES,
    CRAFT_NOUNS,
    FAC_HEADS,
    FREQUENCY_ADVERBS,
    LAW_HEADS,
    NATIONALITIES,
    ORG_HEADS,
    PRODUCT_HEADS,
    PROGRAMME_NOUNS,
    PROGRAMME_PARTS,
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
    if " " not in name or not name.split():
        return label
    if not name.split()[-1][:1].isupper() and not name.split()[-1][:1].isdigit():
        return label
    head = head_word(name)
    if head in LAW_HEADS and label != "PERSON":
        return "LAW"
    if head in FAC_HEADS:
        return "FAC"
    if head in PRODUCT_HEADS:
        return "PRODUCT"
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


_QUOTED_DEF = re.compile(r"\(\s*[\"“]([A-Z][^\"“”()]{1,40})[\"”]\s*\)")
_EXPANSION = re.compile(r"\b([A-Z][A-Z0-9&-]*[A-Z0-9])\s+\(([A-Z][^()]{4,100}?)\)")


_ACRONYM_IN_PARENS = re.compile(r"\s+\(([A-Z]{2,6})s?\)")
_LOWER_RUN = re.compile(r"\b([a-z][a-z-]+(?:\s+[a-z][a-z-]+){1,5})$")


def common_acronyms(text: str) -> set[str]:
    """Acronyms the text defines from a lower-case phrase ("a small tidal turbine (STT)") name a
    kind of thing, not a name: never a mention.

    >>> sorted(common_acronyms("a small tidal turbine (STT) and the Harbor Office (HO)"))
    ['STT']
    """
    out = set()
    for m in _ACRONYM_IN_PARENS.finditer(text):  # look back from each "(ACR)": no scan of every word
        run = _LOWER_RUN.search(text, max(0, m.start() - 120), m.start())
        if run is None:
            continue
        words = run.group(1).split()
        initials = "".join(w[0] for w in words[-len(m.group(1)):]).upper()
        if initials == m.group(1):
            out.add(m.group(1))
    return out


def _without_common(text: str, s: int, e: int, lab: str, common: set[str]) -> Mention:
    """A mention ending in a common-noun acronym ("U.S. STT") is what comes before it; empty when
    nothing does."""
    words = text[s:e].split()
    if not common or not words or words[-1].rstrip("s") not in common:
        return s, e, lab
    rest = text[s:e].rsplit(None, 1)[0] if len(words) > 1 else ""
    return s, s + len(rest), retype(rest, lab) if rest else lab


def defined_acronyms(text: str, ents: list[Mention]) -> dict[str, str]:
    """Short forms defined in parentheses -> the type of the name they stand for: after the name
    ("Harbor Safety Office (HSO)", "the Fishing Treaty (“New FT”)") they take that mention's type
    (ORG when the name was not tagged); before its expansion ("HSO (Harbor Safety Office)") the type
    the expansion's head gives (ORG by default).

    >>> defined_acronyms("The HSO (Harbor Safety Office) met.", [])
    {'HSO': 'ORG'}
    """
    out: dict[str, str] = {}
    ending: dict[int, list[int]] = {}  # end offset -> indices of the mentions ending there
    for i, (_, e, _) in enumerate(ents):
        ending.setdefault(e, []).append(i)
    defs = sorted([(m.start(), m.group(1), False) for m in _ACRONYM_DEF.finditer(text)]
                  + [(m.start(), m.group(1), True) for m in _QUOTED_DEF.finditer(text)])
    for start, short, quoted in defs:
        near = sorted(i for e in range(start - 2, start + 1) for i in ending.get(e, ()))
        before = [ents[i] for i in near]  # the mentions ending 0-2 characters before "(", in order
        words = text[max(0, start - 120):start].split()
        initials = "".join(w[0] for w in words[-len(short) - 3:] if w[:1].isupper())
        if before:
            out.setdefault(short, retype(text[before[-1][0]:before[-1][1]], before[-1][2]))
        elif not quoted and short[0] in initials and len(short) >= 2:
            out.setdefault(short, "ORG")
    for m in _EXPANSION.finditer(text):
        short, full = m.group(1), m.group(2)
        initials = "".join(w[0] for w in re.findall(r"[A-Za-z]+", full) if w[0].isupper())
        if len(short) >= 2 and initials[:1] == short[0] and len(initials) >= 2:
            out.setdefault(short, retype(full, "ORG"))
    return out


DATELINE_PLACE = r"[A-Z][A-Z.’' -]*[A-Z]"
"""A wire dateline's place in capitals ("OSLO", "ST. PAUL"): shared by the name and claim rules."""
_DATELINE = re.compile(rf"(?:^|\n)({DATELINE_PLACE})(?=\s*[—–]|,\s)")
_COMPOUND = re.compile(r"^([A-Z][\w.]*?)-(?:based|born|led|bred|made|area)$")


def datelines(text: str) -> list[Mention]:
    """A capitalised place opening a paragraph before a dash or comma ("CITY —", "CITY, …") is GPE.

    >>> datelines("Title" + chr(10) * 2 + "OSLO — The talks ended.")
    [(7, 11, 'GPE')]
    """
    return [(m.start(1), m.end(1), "GPE") for m in _DATELINE.finditer(text) if len(m.group(1)) >= 3]


_FORMAL_COUNTRY = re.compile(r"(?<![\w-])(?:(?:People|Democratic|Islamic|Federal|Socialist|Arab|United)(?:['’]s)?[\s\xa0]+)*"
                             r"(?:Republic|Kingdom|Federation|Commonwealth)[\s\xa0]+of[\s\xa0]+(?:the[\s\xa0]+)?"
                             r"([A-Z][\w]*(?:[\s\xa0][A-Z][\w]*)?)")


def formal_countries(text: str) -> list[Mention]:
    """A country's formal name is one GPE: "People’s Republic of <country>", "Republic of <country>".

    >>> t = "the Democratic Republic of the Congo and the Republic of Nowhere"
    >>> [t[s:e] for s, e, _ in formal_countries(t)]
    ['Democratic Republic of the Congo']
    """
    out: list[Mention] = []
    for m in _FORMAL_COUNTRY.finditer(text):
        place = m.group(1).replace("\xa0", " ")
        if place in COUNTRIES or place.split()[0] in COUNTRIES:
            end = m.end(1) if place in COUNTRIES else m.start(1) + len(place.split()[0])
            out.append((m.start(), end, "GPE"))
    return out


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
    * not mentions: a lone title or generic head word ("Committee", "Co-Chair"), plural offices
      ("Secretaries of Labor"), frequency adverbs and "every day"-style phrases typed DATE;
    * re-spanned: a place before "-based" or a hyphen; a name never spans a parenthesis; two dates
      joined by "and" are two; a decade takes its "the" (guidelines §2: "the 1940s");
    * added: datelines, party-state tags, acronyms defined in parentheses, and every further occurrence of
      a name the document already tagged (one name, every mention -- a tagger often misses a
      repeated surname), with the type that name has most often; a short form defined in
      parentheses has its definition's type everywhere;
    * typed by the generic noun after the name: craft and instruments PRODUCT, missions and
      programmes EVENT (:func:`by_generic_noun`); a facility head after a name extends it.
    """
    kept: list[Mention] = []
    in_lower_case = _common_words(text, ents)
    for s, e, lab in [piece for m in ents for piece in _pieces(text, *m)]:
        if not _not_a_mention(text[s:e], lab) and not _pronoun_one(text, s, e, lab):
            s, e, lab = _respan(text, s, e, lab)
            lab = retype(text[s:e], lab)
            if not (lab in ("PERSON", "ORG") and text[s:e].lower() in in_lower_case):  # (the type a name has, not the tagger's)
                kept.append((s, e, lab))
    kept = _replaced_by(text, kept, party_tags(text) + datelines(text) + formal_countries(text))
    kept = _headed_runs(text, _not_titles(text, kept))
    acronyms = defined_acronyms(text, kept)
    common = common_acronyms(text)
    kept = [_without_common(text, s, e, acronyms.get(text[s:e], lab), common) for s, e, lab in kept]
    kept = [m for m in kept if m[1] > m[0]]
    kept = _headline_types(text, kept)
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
    return by_generic_noun(text, sorted(kept + added), found)


_TITLE_BEFORE = re.compile(r"\b(?:Secretary|Minister|Ministers|Secretaries)[\s\xa0]+(?:of|for)[\s\xa0]+$")
_PERSON_NEXT = re.compile(r"[\s\xa0]+$")


def _not_titles(text: str, ents: list[Mention]) -> list[Mention]:
    """An office is not an organisation: an ORG that heads a person's title ("Special Envoy for
    Trade Ann Lee": a title word, then the person) or follows "Secretary of" ("Secretary of State
    for Trade") is dropped.

    >>> t = "Special Envoy for Trade Ann Lee and the Harbor Agency"
    >>> [t[s:e] for s, e, _ in _not_titles(t, [(0, 23, "ORG"), (24, 31, "PERSON"), (40, 53, "ORG")])]
    ['Ann Lee', 'Harbor Agency']
    """
    starts = {s for s, _, lab in ents if lab == "PERSON"}
    out = []
    for s, e, lab in ents:
        if lab == "ORG":
            head = re.split(r"\s+(?:for|of)\s+", text[s:e])[0].split()[-1].lower()
            after = len(text[e:e + 2]) - len(text[e:e + 2].lstrip(" \xa0"))
            if (head in TITLE_WORDS and head not in ("state", "of", "the") and after and e + after in starts) \
                    or _TITLE_BEFORE.search(text, max(0, s - 20), s):
                continue
        out.append((s, e, lab))
    return out


_HEADED_RUN = re.compile(r"(?<![\w’'-])((?:[A-Z][\w&-]*[ \xa0]+){1,4}(?:"
                         + "|".join(sorted(w.capitalize() for w in ORG_HEADS)) + r"))\b")


def _headed_runs(text: str, ents: list[Mention]) -> list[Mention]:
    """A run of capitalised words ending in an organisation head ("Harbor Safety Directorate") that no
    mention touches is an ORG (a facility by its head: :func:`retype`); a sentence's first word
    "The" is left out.

    >>> t = "Funds went to the Corvane Flight Center."
    >>> _headed_runs(t, [])
    [(18, 39, 'ORG')]
    """
    cover = _cover(len(text), ents)
    out = list(ents)
    for m in _HEADED_RUN.finditer(text):
        s, e = m.span(1)
        if text[s:e].startswith("The "):
            s += 4
        if " " in text[s:e].replace("\xa0", " ") and cover.find(1, max(0, s - 1), min(len(text), e + 1)) < 0:
            out.append((s, e, retype(text[s:e], "ORG")))
    return sorted(out)


def headline_end(text: str) -> int:
    """End of a title-case headline line (most words capitalised) before a blank line, else 0.

    Headline capitals are typographic: a headline word counts as a name only when the body also
    writes it capitalised inside a sentence."""
    nl = text.find("\n")
    if nl <= 0:
        return 0
    words = re.findall(r"[A-Za-z][\w’'\-]*", text[:nl])
    caps = [w for w in words if w[0].isupper()]
    return nl if len(words) >= 3 and len(caps) >= 0.6 * len(words) else 0


def _headline_types(text: str, ents: list[Mention]) -> list[Mention]:
    """A title-case headline misleads a tagger: a name in it takes the type the body gives the
    same name most often ("Visit to Harbor City Sparks Debate" ORG, body GPE -> GPE).

    >>> t = "Visit to Corvane Sparks Debate\\n\\nThe mayor of Corvane spoke."
    >>> _headline_types(t, [(9, 16, "ORG"), (45, 52, "GPE")])
    [(9, 16, 'GPE'), (45, 52, 'GPE')]
    """
    end = headline_end(text)
    if not end:
        return ents
    body: dict[str, dict[str, int]] = {}
    for s, e, lab in ents:
        if s > end:
            body.setdefault(text[s:e], {}).setdefault(lab, 0)
            body[text[s:e]][lab] += 1
    return [(s, e, max(sorted(body[text[s:e]]), key=body[text[s:e]].__getitem__)
             if e <= end and text[s:e] in body and lab in _NAME_TYPES else lab) for s, e, lab in ents]


_NAME_TYPES = frozenset({"ORG", "PERSON", "GPE", "LOC", "FAC", "NORP"})
"""The types a tagger confuses in a title-case headline (a type set by a rule -- "Cyclone X"
EVENT -- is kept)."""


def _not_a_mention(name: str, lab: str) -> bool:
    """A title or generic head alone ("Committee", "Senators"), a plural acronym ("STTs"), plural
    offices ("Secretaries of Labor", "Trade Advisors"), a frequency adverb or "every day" typed DATE."""
    low = name.lower()
    if lab in ("ORG", "PERSON", "GPE", "FAC", "LOC", "PRODUCT", "NORP") and " " not in name:
        return bool(low in ORG_HEADS or low in TITLE_WORDS or low.replace("-", "") in {"cochair", "vicechair"}
                    or _plural_title(low) or _PLURAL_ACRONYM.match(name))
    if lab in ("ORG", "PERSON", "NORP", "GPE") and " " in name:
        return _plural_title(low.split()[0]) or _plural_title(low.split()[-1])
    return lab == "DATE" and bool(low in FREQUENCY_ADVERBS or _NOT_DATES.match(name))


_WORD_AFTER = re.compile(r"\s*([\w’']*)")
_WORD_BEFORE = re.compile(r"([\w’']*)\s*$")
_ONE_DETERMINERS = frozenset("the this that our their his her its my your each any no every which".split())


def _pronoun_one(text: str, s: int, e: int, lab: str) -> bool:
    """Is a CARDINAL "one" the pronoun, not the numeral? "asking for one either", "one of many",
    "our one policy" -- no noun after it, "of"/"either"/"another" after it, or a determiner before.

    >>> t = "They are not asking for one either. One of many. In one session, ten left."
    >>> [_pronoun_one(t, i, i + 3, "CARDINAL") for i in (t.index("one"), t.index("One"), t.index("one s"))]
    [True, True, False]
    """
    if lab != "CARDINAL" or text[s:e].lower() != "one":
        return False
    after = _WORD_AFTER.match(text, e).group(1).lower()  # type: ignore[union-attr]  # matches the empty word
    before = _WORD_BEFORE.search(text, max(0, s - 20), s)
    return after in ("", "of", "either", "another", "or", "and") or bool(before and before.group(1).lower() in _ONE_DETERMINERS)


_TITLECASE_WORD = re.compile(r"[A-Z][a-z]+")
_LOWER_WORD = re.compile(r"(?<![\w’'-])[a-z]+(?![\w’'-])")


def _common_words(text: str, ents: list[Mention]) -> frozenset[str]:
    """The lower-case words of the text that some single capitalised PERSON/ORG mention spells
    ("Oxygen is …" beside "dissolved oxygen"): the document uses the word as a common noun, so a
    capitalised one is a sentence or title opening, not a name (one pass over the text).

    >>> sorted(_common_words("Oxygen fell. The oxygen level and Ann spoke.", [(0, 6, "PERSON"), (35, 38, "PERSON")]))
    ['oxygen']
    """
    candidates = {text[s:e].lower() for s, e, lab in ents
                  if lab in ("PERSON", "ORG") and _TITLECASE_WORD.fullmatch(text[s:e])}
    if not candidates:
        return frozenset()
    return frozenset(w for w in _LOWER_WORD.findall(text) if w in candidates)


def _plural_title(word: str) -> bool:
    """ "senators", "secretaries" -> True: the plural of a title word."""
    # "state" and "official" are title words ("Secretary of State"), but "United States" and
    # "Officials" are no plural office
    return word not in ("states", "officials") and ((word.endswith("ies") and word[:-3] + "y" in TITLE_WORDS)
                                                   or (word.endswith("s") and word[:-1] in TITLE_WORDS))


_SUFFIX = re.compile(r",?\s(?:Jr|Sr)\.|,?\s(?:II|III|IV)\b")
_DURATION_APPROX = re.compile(r"(?<![\w-])(nearly|almost|about|around|roughly|approximately|approximate|over|"
                              r"more than|less than|some|at least|up to)\s+$", re.I)
_DATE_PAIR = re.compile(r"^(.*\d.*?)(?:,\s+|\s+and\s+)(.*\d.*)$")


def _starts_with(name: str, word: str) -> bool:
    """Does ``name`` start with ``word`` (any case)?"""
    return name[:len(word) + 1].lower() == word + " "


def _pieces(text: str, s: int, e: int, lab: str) -> list[Mention]:
    """Span edges every tagger gets wrong the same way. A name never spans a parenthesis
    ("Harbor Safety Office (HSO" -> the name + the short form); two dates are two mentions
    ("spring 2031, fall 2032", "the 1920s and 1930s"); a decade takes its "the"; a city followed by
    ", D.C." takes it.

    >>> t = "Harbor Safety Office (HSO) in the 1920s and 1930s"
    >>> [t[a:b] for a, b, _ in _pieces(t, 0, 25, "ORG") + _pieces(t, 34, 49, "DATE")]
    ['Harbor Safety Office', 'HSO', 'the 1920s', '1930s']
    """
    name = text[s:e]
    if "(" in name or ")" in name:
        out = []
        for m in re.finditer(r"[^()]+", name):
            a, b = s + m.start(), s + m.end()
            while a < b and not text[a].isalnum():
                a += 1
            while b > a and not (text[b - 1].isalnum() or text[b - 1] == "."):
                b -= 1
            if b - a >= 2 and text[a].isupper():
                out.append((a, b, lab))
        return out
    if lab == "DATE":
        pair = _DATE_PAIR.match(name)
        if pair and not _starts_with(name, "between") \
                and (" and " in name or all(re.search(r"[A-Za-z]", p) for p in pair.groups())):  # a range is one
            return _pieces(text, s, s + pair.end(1), lab) + _pieces(text, s + pair.start(2), e, lab)
        if re.match(r"^\d{4}s$", name) and text[max(0, s - 4):s].lower() == "the ":
            return [(s - 4, e, lab)]
    if lab == "GPE" and text.startswith(", D.C.", e):
        return [(s, e + 6, lab)]
    while e > s and text[e - 1] in " -–—,;:":  # trailing punctuation is never part of a name
        e -= 1
    if lab == "PERSON" and (suffix := _SUFFIX.match(text, e)):
        e = suffix.end()  # "Ann B. Lee, Jr."
    if lab == "DATE":
        if (approx := _DURATION_APPROX.search(text, max(0, s - 16), s)) and re.match(r"\d", name) \
                and re.search(r"\b(?:day|week|month|year|decade|centur)", name, re.I):
            s = approx.start(1)  # "nearly 40-year", "over 90 days": a duration keeps its approximator
        if text.startswith(" to come", e):
            e += len(" to come")  # "the years to come"
    return [(s, e, lab)] if e > s else []


_CONTEXT_TYPED = ("ORG", "PERSON", "NORP", "WORK_OF_ART", "PRODUCT", "EVENT", "FAC")
_NUMERAL_AFTER = re.compile(r"(?:\s+#?\s?(?:\d+|[IVX]+)\b(?![.,]\d))?")
_NEXT_WORD = re.compile(r"\s+([a-z]+)\b")
_APPOSITIVE = re.compile(r",\s+(?:the|an?)\s+([^.;:!?\n]{0,80}?)\b(" + "|".join(sorted(CRAFT_NOUNS | PROGRAMME_NOUNS))
                         + r")\b")
_NOT_IN_A_NAME_PHRASE = re.compile(r"\b(?:the|an?|of|for|to|in|on|at|by|with|from|behind|that|which|who|whose|"
                                   r"is|was|has|have|had|will|and)\b")
_FAC_AFTER = re.compile(r"\s+(" + "|".join(sorted(w.capitalize() for w in FAC_HEADS)) + r")(?:\s+\d+[A-Z]?)?\b")


def _numeral_end(text: str, end: int) -> int:
    """Where a numeral right after a name ends ("... 5", "... II", "... #2"); ``end`` when none."""
    m = _NUMERAL_AFTER.match(text, end)
    return m.end() if m else end


def _cue(text: str, end: int) -> str:
    """What the words after a name make it: "craft", "mission", "part" (of a mission: "team") or ""."""
    m = _NEXT_WORD.match(text, _numeral_end(text, end))
    if m:
        word = m.group(1)
        if word in CRAFT_NOUNS:
            return "craft"
        if word in PROGRAMME_NOUNS:
            return "mission"
        if word in PROGRAMME_PARTS:
            return "part"
    m = _APPOSITIVE.match(text, end)  # "X, the <modifiers> satellite": the noun heads the appositive
    if m and not _NOT_IN_A_NAME_PHRASE.search(m.group(1)) and len(re.findall(r"\b[a-z]", m.group(1))) <= 3:
        return "craft" if m.group(2) in CRAFT_NOUNS else "mission"
    return ""


def by_generic_noun(text: str, ents: list[Mention], found: dict[str, list[int]] | None = None) -> list[Mention]:
    """Guidelines §5.2: a name followed by a craft noun ("the Corvane capsule", "a Corvane 5 rocket")
    is PRODUCT, by a mission or programme noun ("the Heron program") EVENT, a numeral after it
    inside ("Corvane 5", "Heron II"). A name the document uses that way often (at least one
    mention in four carries the noun) keeps the type on its bare mentions -- a craft's name
    alone is the craft, a mission's the mission; an organisation that runs missions ("a Harbor
    Agency mission") is mostly named alone and is not retyped. A facility head after a name
    ("Pier Launch Complex 7", "X Headquarters") makes the whole FAC. ``found``: name -> where it
    occurs (:func:`_occurrences`), for the names the caller has looked up already.

    >>> t = "The Corvane satellite launched. Corvane works. The Corvane team cheered."
    >>> [(t[s:e], lab) for s, e, lab in by_generic_noun(t, [(4, 11, "PERSON"), (32, 39, "PERSON"), (51, 58, "ORG")])]
    [('Corvane', 'PRODUCT'), ('Corvane', 'PRODUCT'), ('Corvane', 'EVENT')]
    >>> t = "The Corvane Agency’s budget grew. A Corvane Agency mission flew."
    >>> by_generic_noun(t, [(4, 18, "ORG"), (36, 50, "ORG")])  # an organisation stays one
    [(4, 18, 'ORG'), (36, 50, 'ORG')]
    """
    if not _ANY_GENERIC_NOUN.search(text):
        return _retyped(text, ents, {})  # no craft or mission noun anywhere (fast path)
    votes: dict[str, dict[str, int]] = {}
    for s, e, lab in ents:
        votes.setdefault(text[s:e], {}).setdefault(lab, 0)
        votes[text[s:e]][lab] += 1
    typed = {name: max(sorted(v), key=lambda k: v[k]) for name, v in votes.items()}  # the usual type
    names = {name for name, lab in typed.items() if lab in _CONTEXT_TYPED and name not in COUNTRIES
             and name not in NATIONALITIES and name[:1].isupper()}
    ents = ents + _untagged_before_noun(text, ents)
    kind: dict[str, str] = {}
    known = found or {}  # occurrences the caller has already looked up (finish: its propagated names)
    where = {**{n: known[n] for n in names if n in known}, **_occurrences(text, sorted(n for n in names if n not in known))}
    for name in sorted(names):
        starts = where[name]
        cues = [_cue(text, start + len(name)) for start in starts]
        strong = [c for c in cues if c in ("craft", "mission")]
        # mentions inside a longer name ("X Generation", "X II") say nothing either way
        alone = [c for c, start in zip(cues, starts) if c or not _LONGER_NAME.match(text, start + len(name))]
        # "a Corvane 5 rocket": a model number, not an organisation
        numbered = any(c == "craft" and _numeral_end(text, start + len(name)) > start + len(name)
                       for c, start in zip(cues, starts))
        if typed[name] == "ORG" and not numbered \
                and (len(strong) < 2 or re.search(re.escape(name) + r"['’]s\b", text)):
            continue  # an organisation runs missions ("a Harbor Agency mission") and owns things
        if strong and 4 * len(strong) >= len(alone):
            kind[name] = "craft" if "craft" in strong else "mission"
    return _retyped(text, ents, kind)


def _retyped(text: str, ents: list[Mention], kind: dict[str, str]) -> list[Mention]:
    """The mentions typed by the noun after them (``kind``: name -> craft / mission) and grown
    over a numeral or a facility head; flat again."""
    out: list[Mention] = []
    for s, e, lab in ents:
        name = text[s:e]
        if name in kind and lab in _CONTEXT_TYPED:
            cue = _cue(text, e)
            lab = "EVENT" if cue in ("mission", "part") or (not cue and kind[name] == "mission") else "PRODUCT"
            e = _numeral_end(text, e)
        elif lab in ("ORG", "FAC", "PRODUCT") and (m := _FAC_AFTER.match(text, e)):
            e, lab = m.end(), "FAC"
        elif lab == "PRODUCT" and (m := _HASH_NUMBER.match(text, e)):
            e = m.end()  # "Corvane Polarimeter #2"
        out.append((s, e, lab))
    return _drop_overlapped(out)


_ANY_GENERIC_NOUN = re.compile(r"\b(?:" + "|".join(sorted(CRAFT_NOUNS | PROGRAMME_NOUNS)) + r")\b")
_HASH_NUMBER = re.compile(r"[ \xa0]#\s?\d+\b")
_LONGER_NAME = re.compile(r"[\s\xa0]+(?:[A-Z]|#?\d)")
_BEFORE_NOUN = re.compile(r"(?:\b(?:the|a|an)|['’]s)\s+((?:[A-Z][\w-]*[\s\xa0]+){1,3})(?="
                          + "|".join(sorted(CRAFT_NOUNS | PROGRAMME_NOUNS)) + r")\b")


def _untagged_before_noun(text: str, ents: list[Mention]) -> list[Mention]:
    """A capitalised name no tagger saw, between a determiner and a craft or mission noun
    ("the agency’s Corvane mission"): the noun types it."""
    cover = _cover(len(text), ents)
    out: list[Mention] = []
    for m in _BEFORE_NOUN.finditer(text):
        s, e = m.start(1), m.start(1) + len(m.group(1).rstrip())
        name = text[s:e]
        if cover.find(1, s, e) < 0 and name not in COUNTRIES and name not in NATIONALITIES \
                and not any(w.lower() in TITLE_WORDS for w in name.split()):
            out.append((s, e, "PRODUCT" if _cue(text, e) == "craft" else "EVENT"))
    return out


def _drop_overlapped(ents: list[Mention]) -> list[Mention]:
    """Flat again after spans grew: a mention inside (or crossing) an earlier, grown one is dropped."""
    out: list[Mention] = []
    for m in sorted(ents, key=lambda m: (m[0], -m[1])):
        if out and m[0] < out[-1][1]:
            continue
        out.append(m)
    return out


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


@functools.lru_cache(maxsize=4096)
def _whole_name(name: str) -> re.Pattern[str]:
    """The pattern of ``name`` standing as a whole name (compiled once per name)."""
    return re.compile(r"(?<![\w.-])" + re.escape(name) + r"(?![\w-]|\.\w)")


@functools.lru_cache(maxsize=256)
def _first_words(words: tuple[str, ...]) -> re.Pattern[str]:
    """Whole words that are one of ``words`` (the starts :data:`_WORD_START` would give for them)."""
    return re.compile(r"(?<![\w.-])(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
                      + r")(?!\w)")


def _occurrences(text: str, names: list[str]) -> dict[str, list[int]]:
    """Where each name occurs as a whole name (what ``re.finditer`` of its bounded pattern finds:
    left to right, not overlapping itself), in one pass over the text's word starts, not one pass
    per name: a name can only start where its first word does."""
    first: dict[str, list[str]] = {}
    for name in names:
        w = re.match(r"\w+", name)
        first.setdefault(w.group() if w else "", []).append(name)
    pattern = {name: _whole_name(name) for name in names}
    out: dict[str, list[int]] = {name: [] for name in names}
    until = dict.fromkeys(names, 0)  # end of the name's last match: finditer does not overlap them
    words = [w for w in first if w]
    starts = _first_words(tuple(sorted(words))).finditer(text) if len(words) <= 256 else _WORD_START.finditer(text)
    for w in starts:  # the word starts whose word is a name's first word (an alternation when they are few)
        for name in first.get(w.group(), ()):
            if w.start() >= until[name] and pattern[name].match(text, w.start()):
                out[name].append(w.start())
                until[name] = w.start() + len(name)
    for name in first.get("", ()):  # a name not starting with a word character: searched on its own
        out[name] = [m.start() for m in pattern[name].finditer(text)]
    return out
