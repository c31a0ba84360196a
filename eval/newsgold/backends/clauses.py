"""Claim clauses from sentences and already-found quotes (shared by rules and spaCy backends).

Each sentence is divided into regions: quote contents (claimant = the speaker) and the rest (the
article's voice, or -- when a quote in the sentence names a source -- the remainder is that
source's explanation). Regions are split into clauses at general clause boundaries, all built
from the general lists of :mod:`newsgold.backends.lexicon`: after a comma, a coordinator (", but"),
a linking adverb (", however,") or a subordinating conjunction that introduces a proposition of
its own (", since", ", while", optionally premodified: ", shortly after"); at a semicolon or a
spaced dash; and at "where" followed by a subject. Clauses too short to state a proposition are
dropped.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass

from newsgold.backends.base import clause_span
from newsgold.backends.lexicon import (
    BELIEF_VERBS,
    CONJUNCTIVE_ADVERBS,
    COORDINATORS,
    CREDIT_LINE_CUES,
    IRREGULAR_PAST,
    NON_CLAIM_OPENERS,
    SPEECH_VERBS,
    SUBORDINATOR_PREMODIFIERS,
    SUBORDINATORS_SPLIT,
)
from newsgold.backends.marks import MarkIndex
from newsgold.backends.names import DATELINE_PLACE
from newsgold.backends.rules.quotes import Found, marks_and_units
from newsgold.backends.rules.text import speaker_key
from newsgold.schema import ARTICLE_VOICE
from newsgold.sentences import split_sentences


def _alt(words) -> str:
    """Regex alternation of phrases, longest first, spaces matching any whitespace."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


_SUBORD = rf"(?:(?:{_alt(SUBORDINATOR_PREMODIFIERS)})\s+)?(?:{_alt(SUBORDINATORS_SPLIT)})"
_SPLIT = re.compile(
    rf",\s+(?:{_alt(CONJUNCTIVE_ADVERBS)}|{_alt(COORDINATORS)}|{_SUBORD})\b[,\s]+"
    rf"|;\s+(?:(?:{_alt(CONJUNCTIVE_ADVERBS)})\b,?\s*)?"
    r"|\s+where\s+(?=(?:he|she|it|they|we|the|a|an|[A-Z]))|\s+—\s+"
    r"|\s+(?:and|but)\s+(?=(?:I|we|he|she|they|it|you)\s+(?!and\b|or\b))"
)
_MIN_WORDS = 3


@dataclass
class ClauseHit:
    start: int
    end: int
    claimant: str | None
    claimant_span: tuple[int, int] | None
    cue: str | None


def _split(text: str, s: int, e: int, protect: MarkIndex,
           finite_at: Callable[[int], bool] | None = None) -> list[tuple[int, int]]:
    """Clause pieces of ``text[s:e]``: its sentences (a quotation often holds several), each cut
    at clause boundaries; never splits inside a quotation-mark pair."""
    out: list[tuple[int, int]] = []
    for a, b in split_sentences(text[s:e]) or [(0, e - s)]:
        if not _question(text[s + a:s + b]):
            out.extend(_split_sentence(text, s + a, s + b, protect, finite_at))
    return out


_WH_QUESTION = re.compile(r"^[\s“\"‘']*(?:Why|How|Where|When)\s+(?:is|are|was|were|do|does|did|would|will|can|could|"
                          r"should|shall|may|might|must|has|have|had)\b")


def _question(sentence: str) -> bool:
    """Is a sentence a question (guidelines §5.4: no claim in any of its clauses)? It ends in "?",
    or opens with a wh-word and an auxiliary even when a quote's comma replaced the question mark
    ("“Why would I stay, when …,” she asked").

    >>> _question("Why would I move now, when it is taxed away,"), _question("When the dam broke, it flooded.")
    (True, False)
    """
    return sentence.rstrip(" ”\"’',").endswith("?") or bool(_WH_QUESTION.match(sentence))


def _split_sentence(text: str, s: int, e: int, protect: MarkIndex,
                    finite_at: Callable[[int], bool] | None) -> list[tuple[int, int]]:
    """Cut at clause boundaries, except inside a quotation that opens within the sentence (the
    quotation a sentence belongs to -- a quote's own content -- does not protect it)."""
    inner = MarkIndex(protect.within(s, e))
    cuts = sorted([(m.start(), m.end()) for m in _SPLIT.finditer(text, s, e)]
                  + _verb_coordination(text, s, e, finite_at or _aux_at(text))
                  + _clause_splices(text, s, e, finite_at or _aux_at(text)))
    starts = [a for a, _ in cuts]
    # without a tagger, a word that looks finite (the _is_clause test) stands for a verb here
    verb_at = finite_at or (lambda i: _looks_finite(text, i))
    verbs = [s + w.start() for w in re.finditer(r"\S+", text[s:e]) if w.start() and verb_at(s + w.start())] \
        if any(_COMMA_COORDINATOR.match(text, a, b) for a, b in cuts) else []  # only ", and" cuts read them
    out, cur = [], s
    for a, b in cuts:
        if inner.covers(a) or a < cur:
            continue
        if _COMMA_COORDINATOR.match(text, a, b) and bisect_left(verbs, cur) == bisect_left(verbs, a) \
                and (finite_at is not None or "," in text[cur:a] or not re.search(r"\s[a-z]+s\b", text[cur:a])):
            continue  # ", and" after a piece with no verb joins a list of nouns ("health, air, and water");
            # without a tagger a word in "-s" may be the verb ("The dam holds, but ...") unless the piece is a list
        if text[a:b].strip() == "—":
            if _DATELINE_START.match(text, cur, a):  # a wire dateline ("CITY, May 3 —") is never a claim
                cur = b
            continue  # a dash aside stays inside its clause
        if _COMMA_COORDINATOR.match(text, a, b) and finite_at is not None \
                and bisect_left(verbs, b) == bisect_left(verbs, _next_cut(starts, b, e)):
            continue  # nor before a piece with no verb: "will land A, B, and C on the Moon"
        out.append((cur, a))
        cur = b
    out.append((cur, e))
    return out


_DATELINE_START = re.compile(rf"{DATELINE_PLACE}\b(?:,[^,—]{{1,30}}){{0,3}}\s*$")


def _next_cut(starts: list[int], after: int, end: int) -> int:
    """Where the next cut at or after ``after`` starts (``end`` when none); ``starts`` sorted."""
    i = bisect_left(starts, after)
    return starts[i] if i < len(starts) else end


_COMMA_COORDINATOR = re.compile(rf",\s+(?:{_alt(COORDINATORS)})\b")
_AND_VERB = re.compile(r"\s+(?:and|but)\s+(?=(?:there\s+)?[a-z])")


def _verb_coordination(text: str, s: int, e: int, finite_at: Callable[[int], bool]) -> list[tuple[int, int]]:
    """Cuts between two finite verb phrases that share a subject ("The panel met on Monday and
    will vote next week" -> two claims, the second without its subject, as the guidelines mark
    it; "and there is ..." likewise): a finite verb right after "and"/"but", another before it,
    three words or more on each side."""
    matches = list(_AND_VERB.finditer(text, s, e))
    if not matches:
        return []
    first = next((w.start() for w in re.finditer(r"\S+", text[s:e]) if finite_at(s + w.start())), None)
    out = []
    for m in matches:
        verb = m.end() + (6 if text.startswith("there", m.end()) else 0)
        word = re.match(r"[\w’']*", text[verb:verb + 20]).group().lower()  # type: ignore[union-attr]
        # a tagger calls a base form after a shared modal past ("will close X and cut Y"): only
        # an auxiliary or an inflected form ("-ed", "-s") is taken as a verb of its own
        own_verb = word in _FINITE or (word.endswith(("ed", "s")) and not word.endswith("ss"))
        if own_verb and verb < e and finite_at(verb) and first is not None and s + first < m.start() \
                and len(text[s:m.start()].split()) >= _MIN_WORDS and len(text[m.end():e].split()) >= _MIN_WORDS:
            out.append((m.start(), m.end()))
    return out


_SPLICE = re.compile(r",\s+(?!(?:and|but|or|yet|so)\b)")
_NOT_A_SUBJECT_START = frozenset("""that which who whom whose what where when while if as to in on at for with by from
of about after before since until because although though than then there here so not also under during
even despite through without within among between like unlike per via over into onto upon unless once
whether""".split())


def _clause_splices(text: str, s: int, e: int, finite_at: Callable[[int], bool]) -> list[tuple[int, int]]:
    """Cuts between two clauses with their own subjects joined by a bare comma ("The port has
    reopened, ten ships are waiting" -> two claims, guidelines §5.4): the stretch before the comma
    opens with a subject (not a preposition or subordinator: "With X, the rover …" stays one) and
    holds a finite verb; after it, a subject of one to five words right before a finite verb, with
    no punctuation in between."""
    commas = list(_SPLICE.finditer(text, s, e))
    if not commas:
        return []
    words = [(s + w.start(), w.group()) for w in re.finditer(r"\S+", text[s:e])]
    starts = [a for a, _ in words]
    out = []
    seg = 0  # index of the first word of the stretch before the next comma
    for m in commas:
        k = bisect_left(starts, m.end())
        left = [(a, w) for a, w in words[seg:k] if a < m.start()]
        seg = k
        dash = max((n for n, (_, w) in enumerate(left) if w.endswith(("—", "–"))), default=-1)
        left = left[dash + 1:]  # after a dateline "CITY—"
        if len(left) < _MIN_WORDS or left[0][1].lower().strip("“\"‘'") in _NOT_A_SUBJECT_START \
                or finite_at(left[0][0]) or not any(finite_at(a) for a, _ in left[1:]):
            continue
        subject = words[k:k + 6]
        if not subject or subject[0][1].lower().strip("“\"‘'") in _NOT_A_SUBJECT_START or finite_at(subject[0][0]):
            continue
        for n, (a, _) in enumerate(subject[1:], 1):
            if finite_at(a):
                if len(text[m.end():e].split()) >= _MIN_WORDS and not any(
                        ch in "".join(x for _, x in subject[:n]) for ch in ",;:—()"):
                    out.append((m.start(), m.end()))
                break
    return out


def _looks_finite(text: str, i: int) -> bool:
    """Without a tagger: the word at ``i`` looks like a finite verb (an auxiliary, a past form, a
    speech verb)."""
    m = re.match(r"[\w’']+", text[i:i + 30])
    return _verb_shaped(m.group() if m else "", ("ed",))  # not "-s": plural nouns ("roads, bridges, and ...") end so too


def _verb_shaped(w: str, endings: tuple[str, ...]) -> bool:
    """A word that looks like a finite verb: an auxiliary, an irregular past form, a speech verb,
    or a lower-case word with one of ``endings``."""
    low = w.lower()
    return low in _FINITE or low in IRREGULAR_PAST or low in SPEECH_VERBS or (w.islower() and w.endswith(endings))


def _aux_at(text: str) -> Callable[[int], bool]:
    """Without a tagger: an auxiliary or modal starts at this offset."""
    def at(i: int) -> bool:
        m = re.match(r"[\w’']+", text[i:i + 12])
        return bool(m) and m.group().lower() in _FINITE  # type: ignore[union-attr]
    return at


_FINITE = frozenset("""is are was were be been has have had will would can could may might must shall
should do does did didn’t didn't doesn’t doesn't isn’t isn't wasn’t wasn't won’t won't can’t can't""".split())
_LEADING = re.compile(
    rf"(?:that|because|since|while|whilst|whereas|even though|although|though|so|"
    rf"{_alt(COORDINATORS)}|{_alt(CONJUNCTIVE_ADVERBS)})(?=[,\s])[,\s]*", re.I)
"""Conjunctions stripped from the start of a clause (not "after", "before", "until": they are
also prepositions, as in "After the vote, ...")."""


_FIRST_PERSON = r"(?:(?:I|we|We)(?:’m|'m|’re|'re|\s+am|\s+are)?\s+)"
_NON_CLAIM = re.compile(rf"^{_FIRST_PERSON}?(?:would\s+like\s+to\s+|also\s+)?(?:{_alt(NON_CLAIM_OPENERS)})\b"
                        r"|^(?:It|it)(?:’s|'s|\s+is|\s+was|\s+has\s+been)\s+(?:been\s+)?an?\s+(?:honou?r|privilege|pleasure)\b"
                        r"|^What\s+an?\s+", re.I)
_BELIEF_FRAME = re.compile(rf"(?:I|we|We|he|He|she|She|they|They)\s+(?:really\s+|also\s+|still\s+)?"
                           rf"(?:{'|'.join(sorted(BELIEF_VERBS))})\s+(?:that\s+)?(?=\S+\s+\S+\s+\S+)")


def stated(text: str) -> bool:
    """Does a clause state a proposition? Thanks, wishes, feelings and credit lines do not.

    >>> stated("We look forward to the launch"), stated("It’s been an honor to serve"), stated("The rover landed")
    (False, False, True)
    >>> stated("We must act now"), stated("I urge my colleagues to vote"), stated("Where is the money?")
    (False, False, False)
    """
    low = text.lower()
    question = text.rstrip(" ”\"’'").endswith("?")  # questions are not claims (§5.4)
    return not question and not _NON_CLAIM.match(text) and not any(c in low for c in CREDIT_LINE_CUES)


def _is_clause(text: str) -> bool:
    """At least three words and something that looks like a finite verb (an auxiliary, an
    irregular past form, a speech verb, or a lower-case word in -ed / -s after the first)."""
    words = re.findall(r"[\w’']+", text)
    if len(words) < _MIN_WORDS:
        return False
    return any(_verb_shaped(w, ("ed", "s") if i else ()) for i, w in enumerate(words))


def find_claims(text: str, title: str, quotes: list[Found], key_of, headline_clause: bool = False,
                has_finite: Callable[[tuple[int, int]], bool] | None = None) -> list[ClauseHit]:
    """Claim clauses of one document. ``key_of(Found)`` gives the claimant key of a quote;
    ``headline_clause`` says the title is a clause with a finite verb (a claim, §5.1);
    ``has_finite((start, end))`` -- when the caller has a tagger -- says whether a piece holds a
    finite verb (else a word-shape test is used)."""
    pairs, spans = marks_and_units(text)
    marks = MarkIndex(pairs)
    finite_at = (lambda i: has_finite((i, i + 1))) if has_finite is not None else None  # a finite verb starts at i
    by_start = sorted(quotes, key=lambda q: q.content[0])  # stable: equal starts keep their order
    starts = [q.content[0] for q in by_start]
    out: list[ClauseHit] = []
    title_end = len(title) if title and text.startswith(title) else 0
    for us, ue in spans:
        if ue <= title_end:
            continue
        inside = by_start[bisect_left(starts, us):bisect_left(starts, ue)]
        # outermost quotes first: an inner quote replaces the clause piece that contains it
        outer, inner = _outermost(inside)
        covered: list[tuple[int, int]] = []
        for q in outer:
            src = _who(q, text, key_of)
            done: set[int] = set()
            for ps, pe in _split(text, q.content[0], q.content[1], marks, finite_at):
                # a piece that holds (part of) an inner quote gives way to the inner quote's clauses,
                # said by its own speaker (the piece's frame -- "some say" -- is attribution)
                sub = next((i for i in inner if ps < i.content[1] and i.content[0] < pe
                            and q.content[0] <= i.content[0] and i.content[1] <= q.content[1]), None)
                if sub is None:
                    out.append(_hit(text, ps, pe, *src))
                elif id(sub) not in done:
                    done.add(id(sub))
                    out.extend(_hit(text, a, b, *_who(sub, text, key_of))
                               for a, b in _split(text, sub.content[0], sub.content[1], marks, finite_at))
            covered.append(q.content)
            for part in (q.speaker, q.cue):
                if part:
                    covered.append(part)
        rest_src = next(((key_of(q) if q.via is None else q.via, None if q.via else q.speaker,
                          q.cue and text[q.cue[0]:q.cue[1]]) for q in outer if q.type == "mixed"), None)
        last_end = max((q.content[1] for q in outer), default=us)
        for rs, re_ in _gaps(text, us, ue, covered):
            if outer and (not rest_src or rs < last_end):
                continue  # attribution text ("Health Ministry spokeswoman X said in a statement")
            for ps, pe in _split(text, rs, re_, marks, finite_at):
                who = rest_src or (ARTICLE_VOICE, None, None)
                out.append(_hit(text, ps, pe, *who))
    def clause(h: ClauseHit) -> bool:
        return has_finite((h.start, h.end)) if has_finite is not None else _is_clause(text[h.start:h.end])

    keep = [h for h in out if h.end > h.start and clause(h) and stated(text[h.start:h.end])]
    if headline_clause and title_end:  # the caller checked the headline's verb: no word-shape test
        keep.insert(0, _headline(text, title_end))
    return keep


def _headline(text: str, title_end: int) -> ClauseHit:
    """The headline as one claim (the caller found a finite verb in it); "X: P" is P, said by X
    (guidelines §5.5 a)."""
    m = re.match(r"([^:\n]{2,60}):\s+(\S.*)", text[:title_end])
    if m and len(m.group(1).split()) <= 5:
        return _hit(text, m.start(2), title_end, speaker_key(m.group(1)), (m.start(1), m.end(1)), None)
    return _hit(text, 0, title_end, ARTICLE_VOICE, None, None)


def _outermost(quotes: list[Found]) -> tuple[list[Found], list[Found]]:
    """(quotes inside no other quote's content, the others), both in the given order; ``quotes``
    sorted by start. One sweep (the furthest end reached by an earlier start, and by the others of
    the same start), not a comparison of every pair.

    >>> qs = [Found("direct", c, None, None) for c in [(0, 10), (2, 5), (12, 15), (12, 15)]]
    >>> [[q.content for q in part] for part in _outermost(qs)]
    [[(0, 10)], [(2, 5), (12, 15), (12, 15)]]
    """
    outer: list[Found] = []
    inner: list[Found] = []
    reach = -1  # furthest end among quotes with a smaller start
    i = 0
    while i < len(quotes):
        j = i
        while j < len(quotes) and quotes[j].content[0] == quotes[i].content[0]:
            j += 1
        ends = [q.content[1] for q in quotes[i:j]]
        top = max(ends)
        for q, end in zip(quotes[i:j], ends):
            held = reach >= end or end < top or ends.count(top) > 1
            (inner if held else outer).append(q)
        reach = max(reach, top)
        i = j
    keep = {id(q) for q in outer}
    return [q for q in quotes if id(q) in keep], [q for q in quotes if id(q) not in keep]


def _who(q: Found, text: str, key_of) -> tuple[str | None, tuple[int, int] | None, str | None]:
    return key_of(q), q.speaker, (text[q.cue[0]:q.cue[1]] if q.cue else None)


_DATELINE = re.compile(rf"{DATELINE_PLACE}\s*[—–]\s*")


def _hit(text: str, s: int, e: int, claimant, cspan, cue) -> ClauseHit:
    while s < e and text[s].isspace():
        s += 1
    if (m := _DATELINE.match(text, s, e)) and (s == 0 or text[s - 1] == "\n"):
        s = m.end()  # a wire dateline opening the paragraph ("CITY — ...") is not part of the claim
    while True:  # "And yet …", "But I think …": conjunctions, then a speaker's belief frame
        m = _LEADING.match(text, s, e)
        if not m and claimant != ARTICLE_VOICE:
            m = _BELIEF_FRAME.match(text, s, e)  # "I think P": the frame is attribution, P is the claim
        if not m or m.end() == s:
            break
        s = m.end()
    span = clause_span(text, s, e)
    if span is None:
        return ClauseHit(s, s, claimant, cspan, cue)
    if claimant is None or claimant == ARTICLE_VOICE:
        cspan = None
    return ClauseHit(span.start, span.end, claimant, cspan, cue)


def _gaps(text: str, s: int, e: int, covered: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Parts of ``[s, e)`` outside every covered span, that still hold words."""
    out, cur = [], s
    for cs, ce in sorted(covered):
        if cs > cur:
            out.append((cur, cs))
        cur = max(cur, ce)
    if cur < e:
        out.append((cur, e))
    return [(a, b) for a, b in out if re.search(r"\w", text[a:b])]
