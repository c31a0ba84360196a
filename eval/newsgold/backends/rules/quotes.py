"""Rule-based quote finder: quotation-mark pairs plus speech-verb attribution patterns.

Per sentence (merged across a quote that spans sentences) it looks for:

* a trailing attribution ``…, X said[ in …]`` / ``…, said X`` / ``…, X quoted Y``;
* a leading ``According to X, …`` or report adverb ``Reportedly, …``;
* inline ``X said [adverbials] that …``, ``X quoted Y as saying [that] …``, ``…, adding that …``;
* ``X said: “…”`` and ``X said, “…”``;

then types each quote: the whole utterance in marks -> direct, a clause with a quoted fragment
-> mixed (content ends on the closing mark), no marks -> indirect.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from functools import cached_property

from newsgold.backends.base import clause_span
from newsgold.backends.lexicon import (
    CONJUNCTIVE_ADVERBS,
    HONORIFICS,
    MONTHS,
    REPORT_ADVERBS,
    SPEECH_VERBS,
    TITLE_WORDS,
    WEEKDAYS,
)
from newsgold.backends.marks import MarkIndex, pair_marks
from newsgold.backends.rules.text import (
    DETERMINERS,
    FINITE_AUX,
    PREPOSITIONS,
    STOP,
    Tok,
    is_speech,
    np_after,
    np_before,
    speaker_key,
    tokenize,
)
from newsgold.schema import overlaps
from newsgold.sentences import split_sentences

BARE_COMPLEMENT_VERBS = frozenset("""say says said saying tell tells told telling add adds added
adding""".split())
"""Speech verbs that commonly drop the complementiser "that" ("she said the talks failed")."""
DETERMINERS_AND_PRONOUNS = DETERMINERS | frozenset("he she it they we i you".split())
QUOTE_CHARS = "\"“”„"


@dataclass
class Found:
    """A quote before it becomes a record; also the claimant source for claims."""

    type: str
    content: tuple[int, int]
    speaker: tuple[int, int] | None
    cue: tuple[int, int] | None
    via: str | None = None
    key: str | None = None  # resolved speaker key, when a backend knows better than the text

    def speaker_key(self, text: str) -> str | None:
        if self.key or not self.speaker:
            return self.key
        return speaker_key(text[self.speaker[0]:self.speaker[1]])


@dataclass
class _Attr:
    speaker: tuple[int, int] | None
    cue: tuple[int, int]
    via: str | None
    start: int  # first token index of the attribution
    end: int  # token index after it


_ABBREV_END = re.compile(r"\b(?:" + "|".join(m for m in MONTHS if len(m) <= 4) + "|"
                         + "|".join(re.escape(h.rstrip(".").capitalize()) for h in HONORIFICS) + r")\.\s*$")


_ABBREV_LONGEST = max(len(w) for w in [*(m for m in MONTHS if len(m) <= 4), *HONORIFICS])


def _abbreviation_before(text: str, a: int, s: int) -> bool:
    """``_ABBREV_END`` matches ``text[a:s]``: searched only in the few characters a match can span
    (an abbreviation, its period, the spaces up to ``s``), so a long unit costs nothing extra."""
    j = s
    while j > a and text[j - 1].isspace():
        j -= 1
    return _ABBREV_END.search(text, max(a, j - 1 - _ABBREV_LONGEST), s) is not None


def units(text: str, pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentences, merged where a quotation-mark pair crosses a sentence boundary."""
    out: list[tuple[int, int]] = []
    marks = MarkIndex(pairs)
    for s, e in split_sentences(text):
        if out and (text[s:s + 1].isdigit() or text[s:s + 1].islower()) and _abbreviation_before(text, out[-1][0], s):
            out[-1] = (out[-1][0], e)  # "Oct. | 3, …": an abbreviation, not a sentence end
            continue
        a, b = out[-1] if out else (0, 0)
        # a pair opening before s that reaches the previous unit's end b or this start s
        if out and (marks.reach(min(b, s)) >= max(a, b) or marks.reach(s) >= max(a, s)):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _rng(toks: list[Tok], r: tuple[int, int] | None) -> tuple[int, int] | None:
    return (toks[r[0]].start, toks[r[1] - 1].end) if r else None


def _parse_attr(toks: list[Tok], i: int) -> _Attr | None:
    """An attribution starting at token ``i``: ``X [aux] VERB [Y]`` or ``VERB X``."""
    if i >= len(toks):
        return None
    if is_speech(toks[i]) and not toks[i].low.endswith("ing"):
        sp = np_after(toks, i + 1)
        if not sp:
            return None
        sp = (sp[0], _title_run(toks, sp[1]))
        return _Attr(_rng(toks, sp), (toks[i].start, toks[i].end), None, i, sp[1])
    j = i
    while j < len(toks) and j - i < 10 and toks[j].is_word and not is_speech(toks[j]):
        j += 1
    if j >= len(toks) or not is_speech(toks[j]) or toks[j - 1].low in ("been", "being", "to"):
        return None
    sp = np_before(toks, j)
    if not sp or sp[0] != _skip_det(toks, i):
        return None
    verb = toks[j]
    if verb.low in ("quoted", "cited", "told"):
        obj = np_after(toks, j + 1)
        if obj and verb.low != "told":
            via = speaker_key(" ".join(t.text for t in toks[sp[0]:sp[1]]))
            return _Attr(_rng(toks, obj), (verb.start, verb.end), via, i, obj[1])
        if obj:
            return _Attr(_rng(toks, sp), (verb.start, verb.end), None, i, obj[1])
    return _Attr(_rng(toks, sp), (verb.start, verb.end), None, i, j + 1)




def _title_run(toks: list[Tok], b: int) -> int:
    """End of a capitalised speaker phrase that goes on through "of", "for", "and", "the" ("said
    Deputy Secretary of State for Eastern Affairs Ann Lee"): past ``b`` while every word is
    capitalised or one of those, ending on a capitalised word before punctuation."""
    end, k = b, b
    while k < len(toks) and k - b < 12 and toks[k].is_word and (toks[k].text[0].isupper() or toks[k].low in ("of", "for", "and", "the")):
        k += 1
        if toks[k - 1].text[0].isupper():
            end = k
    if end > b and (end >= len(toks) or not toks[end].is_word) and toks[b].low in ("of", "for", "and"):
        return end
    return b


def _bare_complement(toks: list[Tok], j: int, after_comma: bool) -> int | None:
    """Start of a complement clause without "that" after the speech verb at ``j``: "X said the
    talks failed", "X told reporters the plant will close", ", saying 90 percent …"."""
    bare = toks[j].low in BARE_COMPLEMENT_VERBS  # other verbs take noun-phrase objects ("confirmed the
    k = j + 1  # meeting"): for them only a noun phrase followed by a finite auxiliary is a clause
    if toks[j].low in ("told", "tells", "tell", "telling") and k < len(toks) and toks[k].is_word \
            and toks[k].low not in DETERMINERS_AND_PRONOUNS:
        k += 1  # a one-word addressee: "told reporters"
    while k + 1 < len(toks) and (toks[k].text in WEEKDAYS or toks[k].low in _DAY_WORDS):
        k += 1  # "said Tuesday the talks failed": the time belongs to the saying
    lead = k  # the content starts here; an opening mark before its first word is part of it
    if k + 2 < len(toks) and toks[k].text in ("“", '"'):
        k += 1  # 'said “a silence culture” exists …': a mixed quote
    if k + 1 >= len(toks) or not toks[k].is_word or toks[k].low in PREPOSITIONS or toks[k].low == "that":
        return None
    if bare and toks[k].low in DETERMINERS_AND_PRONOUNS and toks[k].low not in ("this", "that", "these", "those"):
        return lead
    if bare and after_comma and toks[j].low.endswith("ing") and (toks[k].text[0].isdigit() or toks[k].text[0].isupper()):
        return lead
    n = k  # a bare noun phrase, then a finite auxiliary or modal: "said new rules could add …"
    while n < len(toks) and n - k < 6 and toks[n].is_word and toks[n].low not in FINITE_AUX \
            and toks[n].low not in STOP and (n == k or toks[n].low not in DETERMINERS_AND_PRONOUNS) \
            and toks[n].text not in WEEKDAYS and toks[n].low not in _TIME_AFTER and not is_speech(toks[n]):
        n += 1
    if n > k and n < len(toks) and toks[n].low in FINITE_AUX:
        return lead
    return None


def _subject(toks: list[Tok]) -> tuple[int, int] | None:
    """The subject noun phrase opening a sentence: words up to the first finite verb."""
    a = _skip_det(toks, 0)
    b = a
    while b < len(toks) and toks[b].is_word and toks[b].low not in FINITE_AUX and not is_speech(toks[b]) \
            and not (toks[b].text.islower() and toks[b].low.endswith("ed")):
        b += 1
    return (a, b) if 0 < b - a <= 8 and b < len(toks) and toks[b].low in FINITE_AUX else None


def _skip_det(toks: list[Tok], i: int) -> int:
    from newsgold.backends.rules.text import DETERMINERS
    while i < len(toks) and (toks[i].low in DETERMINERS or toks[i].text.endswith(("’s", "'s"))):
        i += 1
    return i


def _participle(t: Tok) -> bool:
    return t.text.islower() and t.low.endswith("ing") and len(t.low) > 4


_DAY_WORDS = frozenset("yesterday today tonight".split())
_TIME_AFTER = _DAY_WORDS | frozenset("earlier later last this".split())


_APPOSITIVE_LINKS = frozenset("of at for with".split())
"""The word after a lower-case noun that makes ", owner of …" / ", director at …" an appositive."""


def _aux_before_comma(toks: list[Tok], k: int) -> bool:
    """Is there a finite auxiliary or modal from ``toks[k]`` to the next comma or sentence end?"""
    for t in toks[k:]:
        if t.text in (",", ".", ";", ":", "!", "?"):
            return False
        if t.low in FINITE_AUX:
            return True
    return False


def _ends_clause(toks: list[Tok], k: int) -> bool:
    """After an attribution: nothing, a full stop, a preposition phrase or ``, adding …``."""
    if _that_follows(toks, k):
        return False  # "X said last week that …" is an inline attribution, not a trailing one
    if k < len(toks) and toks[k].low in PREPOSITIONS:  # "said Ann Lee in a statement." -- but not
        return not _aux_before_comma(toks, k)  # "…, says increases in taxes could end …": a clause goes on
    if k >= len(toks) or toks[k].text in ".!?;:(":
        return True  # "(" -- a party-state tag or other aside after the name: "said Ann Lee (D-NY)."
    if toks[k].text in WEEKDAYS or toks[k].low in _TIME_AFTER or _participle(toks[k]) \
            or (toks[k].text == "," and k + 1 < len(toks) and _participle(toks[k + 1])):
        return True  # "… he said Tuesday.", "… she said prompting applause.", "… he added, referring to …"
    if toks[k].text != "," or k + 1 >= len(toks):
        return False
    nxt = toks[k + 1]
    return is_speech(nxt) or nxt.low in PREPOSITIONS or nxt.low in ("who", "whose", "which") \
        or nxt.low in ("a", "an", "the") or (nxt.text.islower() and nxt.low in TITLE_WORDS) \
        or (nxt.text.islower() and k + 2 < len(toks) and toks[k + 2].low in _APPOSITIVE_LINKS)
    # (an appositive describing the speaker: "…, said Ann Lee, a spokeswoman for …" / ", president of …")


@functools.lru_cache(maxsize=4)
def marks_and_units(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The quotation-mark pairs and the units of a document, computed once for its quotes and
    its claims (a pure function of the text; callers must not change the lists)."""
    pairs = pair_marks(text)
    return pairs, units(text, pairs)


def find_quotes(text: str) -> list[Found]:
    """All quotes of a document, in text order."""
    pairs, spans = marks_and_units(text)
    marks = MarkIndex(pairs)
    out: list[Found] = []
    for us, ue in spans:
        inner = marks.within(us, ue)
        if inner or _MAY_CUE.search(text, us, ue):  # no quotation mark and no cue word: no quote (fast path)
            out.extend(_unit_quotes(text, us, ue, inner))
    return sorted(out, key=lambda f: (f.content[0], -f.content[1]))


_MAY_CUE = re.compile(r"(?<![A-Za-z])(?:" + "|".join(sorted(SPEECH_VERBS, key=len, reverse=True)) + r")"
                      r"|(?i:according|" + "|".join(sorted(REPORT_ADVERBS)) + r")")
"""A word a cue could start with (a superset of what the token rules accept), so a unit without one
-- and without quotation marks -- is passed over without tokenising it."""


def _skip_dateline(text: str, us: int, ue: int) -> int:
    """Start after a leading dateline such as "(City — May 1, 2015) — "."""
    i = us
    if text.startswith("(", i) and ")" in text[i:ue]:
        i = text.index(")", i, ue) + 1
    while i < ue and (text[i].isspace() or text[i] in "—–-"):
        i += 1
    return i if i < ue else us


@dataclass
class _Unit:
    """One sentence unit being searched: its tokens, its quotation-mark pairs and the pairs used."""

    text: str
    start: int
    end: int
    toks: list[Tok]
    pairs: list[tuple[int, int]]
    used_pairs: set[tuple[int, int]]

    @cached_property
    def opens(self) -> set[int]:
        return {o for o, _ in self.pairs}

    @cached_property
    def closes(self) -> set[int]:
        return {c for _, c in self.pairs}

    @cached_property
    def marks(self) -> MarkIndex:
        return MarkIndex(self.pairs)

    def inside(self, t: Tok) -> bool:
        """Is the token inside a pair of quotation marks?"""
        return self.marks.covers(t.start)


def _unit_quotes(text: str, us: int, ue: int, pairs: list[tuple[int, int]]) -> list[Found]:
    """The quotes of one unit: trailing attribution, leading "According to", inline cues, then
    quotations standing alone (in that order, since later steps use what earlier ones found)."""
    us = _skip_dateline(text, us, ue)
    u = _Unit(text, us, ue, tokenize(text, us, ue), pairs, set())
    out: list[Found] = []
    trailing = _find_trailing(u)
    if trailing:
        out.append(_trailing_quote(u, *trailing))
    out.extend(_leading_quotes(u, trailing is not None))
    out.extend(_inline_quotes(u, trailing))
    out.extend(_standalone_quotes(u))
    if trailing and trailing[1].speaker:
        _mark_relayed(text, out)
    return [f for f in out if _clean(text, f)]


def _find_trailing(u: _Unit) -> tuple[int, _Attr] | None:
    """A trailing attribution "…, X said." (boundary = a comma or a closing mark after one)."""
    toks, closes = u.toks, u.closes
    for k, t in enumerate(toks):
        if u.inside(t) or not (t.text == "," or t.start in closes):
            continue
        i = k + 1 + (k + 1 < len(toks) and toks[k + 1].text == ",")
        if i < len(toks) and toks[i].start in closes:
            continue
        a = _parse_attr(toks, i)
        if a and k > 0 and (_ends_clause(toks, a.end) or (_after_quoted_words(u, k) and not _that_follows(toks, a.end))):
            return k, a
    return None


def _after_quoted_words(u: _Unit, k: int) -> bool:
    """Is token ``k`` a closing mark right after the quotation's own ",", "?" or "!"? (“…,” said X):
    the attribution after it is trailing whatever follows the speaker ("said Ann Lee, program
    director at …", "said Ann Lee, ahead of the vote", "Lee said of the plan")."""
    return u.toks[k].start in u.closes and u.toks[k - 1].text in (",", "?", "!")


def _that_follows(toks: list[Tok], k: int) -> bool:
    """A "that" before the next comma: "X said last week that …" is an inline attribution."""
    for t in toks[k:k + 5]:
        if t.text == ",":
            return False
        if t.low == "that":
            return True
    return False


def _trailing_quote(u: _Unit, k: int, a: _Attr) -> Found:
    """The quote a trailing attribution closes: the whole unit in marks (direct), a clause ending
    on a closing mark (mixed) or a plain clause (indirect)."""
    toks, pairs = u.toks, u.pairs
    before_end = toks[k].end if toks[k].start in u.closes else toks[k].start
    whole = next((p for p in pairs if p[0] <= toks[0].start and p[1] + 1 >= before_end - 1), None)
    ending = [p for p in pairs if abs(p[1] + 1 - before_end) <= 1]
    if whole:
        u.used_pairs.add(whole)
        return Found("direct", (whole[0] + 1, whole[1]), a.speaker, a.cue, a.via)
    if ending and u.text[u.start:ending[-1][0]].rstrip().endswith(":"):
        u.used_pairs.add(ending[-1])  # "… add jobs: “Why would I …,” X said": the quotation after the colon
        return Found("direct", (ending[-1][0] + 1, ending[-1][1]), a.speaker, a.cue, a.via)
    start = _after_connective(toks, u.start)
    if ending:
        u.used_pairs.update(p for p in pairs if p[1] <= ending[-1][1])
        return Found("mixed", (start, ending[-1][1] + 1), a.speaker, a.cue, a.via)
    return Found("indirect", (start, before_end), a.speaker, a.cue, a.via)


_CONNECTIVES = frozenset(CONJUNCTIVE_ADVERBS) | {"still", "instead", "indeed", "also", "yet", "but", "and", "so"}
"""Linking words before reported content ("However, things are changing, she said"): the reporter's,
not the speaker's."""


def _after_connective(toks: list[Tok], start: int) -> int:
    """``start``, or after a linking word (and its comma) that opens the unit."""
    if len(toks) > 2 and toks[0].start == start and toks[0].low in _CONNECTIVES:
        return toks[2].start if toks[1].text == "," else toks[1].start
    return start


def _leading_quotes(u: _Unit, has_trailing: bool) -> list[Found]:
    """A leading "According to X," or report adverb ("Reportedly,"); else a sentence-final
    "…, according to X." when no trailing attribution was found."""
    toks, ue = u.toks, u.end
    if len(toks) > 3 and toks[0].low == "according" and toks[1].low == "to":
        comma = next((k for k, t in enumerate(toks) if t.text == ","), None)
        if comma and comma > 2:
            sp = np_after(toks, 2, limit=comma - 2) or None
            return [Found("indirect", (toks[comma].end, ue), _rng(toks, sp), (toks[0].start, toks[1].end))]
        return []
    if len(toks) > 2 and toks[0].low in REPORT_ADVERBS and toks[1].text == ",":
        return [Found("indirect", (toks[1].end, ue), None, (toks[0].start, toks[0].end))]
    if has_trailing:
        return []
    k = next((k for k in range(1, len(toks) - 3) if toks[k].text == "," and toks[k + 1].low == "according"
              and toks[k + 2].low == "to" and not u.inside(toks[k])), None)
    if k is None:
        return []
    a = _skip_det(toks, k + 3)
    b = len(toks)
    while b > a and not toks[b - 1].is_word:
        b -= 1
    if b > a and b - a <= 8:
        return [Found("indirect", (u.start, toks[k].start), _rng(toks, (a, b)), (toks[k + 1].start, toks[k + 2].end))]
    return []


def _inline_quotes(u: _Unit, trailing: tuple[int, _Attr] | None) -> list[Found]:
    """Inline cues: "X said [adverbials] that …", "X quoted Y as saying …", ", adding that …",
    "X said: “…”" and "X said, “…”"."""
    toks = u.toks
    out: list[Found] = []
    last_speaker = trailing[1].speaker if trailing else None
    limit = toks[trailing[0]].start if trailing else u.end
    for j, v in enumerate(toks):
        if not is_speech(v) or u.inside(v) or (j and toks[j - 1].low in ("been", "being", "as", "to")):
            continue
        start_at = _inline_start(u, j, limit, last_speaker)
        if start_at is None:
            continue
        c0, speaker, via = start_at
        found = _inline_content(u, j, c0, speaker, via, limit)
        if found:
            out.extend(found)
            if speaker:
                last_speaker = speaker
    return out


def _inline_start(u: _Unit, j: int, limit: int, last_speaker: tuple[int, int] | None
                  ) -> tuple[int, tuple[int, int] | None, str | None] | None:
    """Where the content of the speech cue ``toks[j]`` starts (token index), its speaker and via."""
    toks, v = u.toks, u.toks[j]
    speaker: tuple[int, int] | None = None
    via: str | None = None
    c0: int | None = None
    if v.low in ("quoted", "cited"):
        obj = np_after(toks, j + 1)
        if obj and obj[1] + 1 < len(toks) and toks[obj[1]].low == "as" and toks[obj[1] + 1].low == "saying":
            c0 = obj[1] + 2
            speaker = _rng(toks, obj)
            sub = np_before(toks, j)
            sub_rng = _rng(toks, sub)
            via = speaker_key(u.text[sub_rng[0]:sub_rng[1]]) if sub_rng else None
        return None if c0 is None else (c0, speaker, via)
    for m in range(j + 1, min(j + 6, len(toks))):
        if toks[m].low == "that":
            c0 = m
            break
        if not toks[m].is_word or toks[m].low in ("as",):
            break
    k = j + 1
    if v.low in ("told", "tell", "tells", "telling") and (obj := np_after(toks, j + 1)) and obj[1] - obj[0] <= 3:
        k = obj[1]  # "X told reporters: “…”": the addressee comes before the colon
    if c0 is None and toks[k:k + 1] and toks[k].text == ":" and v.start < limit:
        c0 = k
    elif (c0 is None and k + 1 < len(toks) and toks[k].text == "," and toks[k + 1].start in u.opens
          and v.start < limit):
        c0 = k  # "X said, “…”": the comma introduces the quotation
    sub = np_before(toks, j)
    after_comma = bool(j and toks[j - 1].text == ",")
    if after_comma and not v.low.endswith("ing"):
        sub = _before_appositive(toks, j - 1) or sub
    speaker = _rng(toks, sub) if sub else (last_speaker if after_comma or _and_speech_that(toks, j - 1) else None)
    if after_comma and speaker is None and v.low.endswith("ing"):
        speaker = _rng(toks, _subject(toks))  # "X was cautious, saying …"
    if c0 is None and v.start < limit and (sub or after_comma):
        c0 = _bare_complement(toks, j, after_comma)
    return None if c0 is None else (c0, speaker, via)


def _ends_at_mark(text: str, close: int, end: int) -> bool:
    """Does a mixed quote end at its last closing mark ``text[close]``? Yes when nothing but
    punctuation follows it, or the quoted words end in punctuation ('was “very symbolic,” since …',
    the rest is the reporter's); no when the clause runs on ('his “family” of workers who …')."""
    rest = text[close + 1:end]
    return not rest.strip(" ,.;:!?—–-") or text[close - 1:close] in (",", ".", ";", "!", "?") \
        or rest.lstrip(" ")[:1] in (",", ";")


def _and_speech_that(toks: list[Tok], m: int) -> bool:
    """Is ``toks[m]`` the "and" of "… and underscored that …" (a second speech verb, same subject)?"""
    return m >= 0 and m + 2 < len(toks) and toks[m].low == "and" and is_speech(toks[m + 1]) \
        and toks[m + 2].low == "that"


def _before_appositive(toks: list[Tok], c: int) -> tuple[int, int] | None:
    """The noun phrase before an appositive that ends at the comma ``toks[c]``: "Ann Lee, also a
    leader at the union, said …" (the appositive: words only, opening in lower case or with a title word: ", Director of …,")."""
    p = c - 1
    while p > 0 and c - p <= 12 and toks[p].is_word:
        p -= 1
    if p <= 0 or toks[p].text != "," or p + 1 >= c \
            or not (toks[p + 1].text.islower()
                    or (toks[p + 1].low in TITLE_WORDS and toks[p + 2].low in ("of", "for", "at"))):
        return None  # (", Chef Ann Lee of …," is the speaker's name, not an appositive on it)
    sp = np_before(toks, p)
    return sp if sp and sp[1] == p and sp[1] - sp[0] <= 5 else None


def _inline_content(u: _Unit, j: int, c0: int, speaker: tuple[int, int] | None, via: str | None,
                    limit: int) -> list[Found] | None:
    """The quote whose content starts at token ``c0``: it runs to the trailing attribution or the
    unit's end, or to the next speech event; typed by the quotation marks inside it."""
    toks = u.toks
    cue = (toks[j].start, toks[j].end)
    if c0 < len(toks) and toks[c0].low in ("that", ":", ","):
        c0 += 1
    if c0 >= len(toks):
        return None
    start = toks[c0].start
    end = limit if start < limit else u.end
    for m in range(c0 + 1, len(toks) - 1):
        if toks[m].start >= end:
            break
        if toks[m].text == "," and not u.inside(toks[m]) and (
                is_speech(toks[m + 1]) or (toks[m + 1].low == "and" and _parse_attr(toks, m + 2))):
            end = toks[m].start  # the next speech event starts: ", saying …", ", and Y quoted …"
            break
        if toks[m].text == "," and m + 2 < len(toks) and toks[m + 1].low == "according" and toks[m + 2].low == "to" \
                and not u.inside(toks[m]):
            end = toks[m].start  # "X warned that P, according to Y": the report of the warning is Y's
            break
        if _and_speech_that(toks, m) and not u.inside(toks[m]):
            end = toks[m].start  # "X reiterated that P and underscored that Q": Q is a quote of its own
            break
        final = _final_quotation(u, m, end)
        if final is not None and m > c0 + 2:
            # "X says P, “Q …”": the quotation that closes the sentence is a direct quote of its own
            u.used_pairs.add(final)
            follow = Found("direct", (final[0] + 1, final[1]), speaker, cue, via)
            own = _inline_content(u, j, c0, speaker, via, toks[m].start)
            return [f for f in (own or []) if f.content[0] < toks[m].start] + [follow]
    inner = [p for p in u.pairs if start <= p[0] and p[1] < end]
    if inner:
        u.used_pairs.update(inner)
        kind = "direct" if len(inner) == 1 and inner[0][0] == start and toks[c0 - 1].text in ":," else "mixed"
        if kind == "direct":
            start, end = inner[0][0] + 1, inner[0][1]
        elif _ends_at_mark(u.text, inner[-1][1], end):
            end = inner[-1][1] + 1
    else:
        kind = "indirect"
    if speaker and speaker[0] < end and start < speaker[1]:
        return None
    return [Found(kind, (start, end), speaker, cue, via)]


def _final_quotation(u: _Unit, m: int, end: int) -> tuple[int, int] | None:
    """The pair of ``, “Q …”`` at token ``m`` when it opens on a capital and runs to ``end``
    (nothing but punctuation after it): a full quotation closing the sentence."""
    toks = u.toks
    if toks[m].text != "," or m + 2 >= len(toks) or toks[m + 1].start not in u.opens or u.inside(toks[m]) \
            or not toks[m + 2].text[:1].isupper():
        return None
    pair = next((p for p in u.pairs if p[0] == toks[m + 1].start), None)
    if pair is None or pair[1] >= end or u.text[pair[1] + 1:end].strip(" .,;:!?"):
        return None
    return pair


_NOT_MARK_OR_SPACE = re.compile(f"[^ {QUOTE_CHARS}]")
_NON_SPACE = re.compile(r"\S")


def _alone_limits(text: str, us: int, ue: int) -> tuple[int, int]:
    """``(before, after)`` such that for a pair ``(o, c)`` of the unit ``text[us:ue]``,
    ``text[us:o].strip()`` is only quotation marks and spaces iff ``o <= before``, and
    ``text[c + 1:ue].strip(" .")`` is iff ``c >= after``. Three searches per unit, so deciding
    every pair costs no more than the unit's length (a unit full of marks stays linear)."""
    x = _NON_SPACE.search(text, us, ue)
    z = _NOT_MARK_OR_SPACE.search(text, x.start(), ue) if x else None  # the first thing not a mark or space
    nz = _NON_SPACE.search(text, z.start(), ue) if z else None  # ... counting once a non-space follows it
    k = ue - 1
    while k >= us and text[k] in " .":  # the end that strip(" .") keeps
        k -= 1
    while k >= us and (text[k] == " " or text[k] in QUOTE_CHARS):
        k -= 1
    while k >= us and text[k] in " .":
        k -= 1
    return (nz.start() if nz else ue), k


def _standalone_quotes(u: _Unit) -> list[Found]:
    """A quotation standing alone as a whole sentence: direct, no speaker named (the rest of the
    unit, stripped of spaces and of periods after it, holds only quotation marks and spaces)."""
    out = []
    before, after = _alone_limits(u.text, u.start, u.end)
    for o, c in u.pairs:
        if (o, c) not in u.used_pairs and o <= before and c >= after:
            out.append(Found("direct", (o + 1, c), None, None))
    return out


def _mark_relayed(text: str, out: list[Found]) -> None:
    """Under a trailing attribution, an inner quote within the outer content is relayed (via) by
    the outer speaker."""
    outer = out[0]
    vkey = outer.speaker_key(text)
    for f in out[1:]:
        if outer.content[0] <= f.content[0] and f.content[1] <= outer.content[1] and f.via is None:
            f.via = vkey


def _clean(text: str, f: Found) -> bool:
    """Trim content/speaker edges (the period, commas) and drop empty or self-overlapping quotes."""
    s, e = f.content
    if f.type == "indirect" or f.type == "mixed":
        span = clause_span(text, s, e)
        if span is None:
            return False
        f.content = (span.start, span.end)
    elif e <= s:
        return False
    return not any(part and overlaps(part[0], part[1], *f.content) for part in (f.speaker, f.cue))
