"""Word tokens with offsets and the noun-phrase / attribution helpers the rule backend scans with.

A tiny regex tokeniser is enough for attribution patterns ("X said", "said X", "according to
X,"), and keeps the rules backend free of third-party dependencies.
"""

from __future__ import annotations

import re

from newsgold.backends.lexicon import HONORIFICS, SPEECH_VERBS, TITLE_WORDS
from newsgold.keys import key

_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|\d+(?:[.,]\d+)+|\w+(?:[’'\-]\w+)*|[^\w\s]")


class Tok:
    """A token with document offsets; lower-case form and word-ness precomputed (hot loops)."""

    __slots__ = ("start", "end", "text", "low", "is_word")

    def __init__(self, start: int, end: int, text: str) -> None:
        self.start, self.end, self.text = start, end, text
        self.low = text.lower()
        self.is_word = text[0].isalnum()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Tok) and (self.start, self.end) == (other.start, other.end)

    def __hash__(self) -> int:
        return hash((self.start, self.end))

    def __repr__(self) -> str:
        return f"Tok({self.start}, {self.end}, {self.text!r})"


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Tok]:
    """Tokens of ``text[start:end]`` with document offsets.

    >>> [t.text for t in tokenize("U.S. officials didn’t say.")]
    ['U.S.', 'officials', 'didn’t', 'say', '.']
    """
    end = len(text) if end is None else end
    return [Tok(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, start, end)]


AUX = frozenset("""had has have was were is are will would also then later earlier previously
repeatedly reportedly again already just has been had been""".split())
STOP = frozenset("""that and but however which who whom whose when while because since as if although
though where after before whether it this these those or so yet than then there here not n't
once until unless given""".split())
FINITE_AUX = frozenset("""was is were are has had have will would could can did does do may might
should must""".split())
"""Finite auxiliaries and modals: a clause goes on here, a noun phrase does not."""
DETERMINERS = frozenset("the a an its their his her our my your this that these those".split())
PREPOSITIONS = frozenset("""in on at to during after before from with via through for by late
earlier later today yesterday citing when while last this on""".split())
OUTLET_DESCRIPTORS = ("news agency", "agency", "newspaper", "daily", "channel", "broadcaster",
                      "news service", "website", "magazine", "tv", "television")


def is_speech(tok: Tok) -> bool:
    """A lower-case speech verb ("State" in a name is not the verb "state")."""
    return tok.text[0].islower() and tok.low in SPEECH_VERBS


def np_before(toks: list[Tok], i: int, limit: int = 8) -> tuple[int, int] | None:
    """Token range ``[a, b)`` of the noun phrase ending before index ``i`` (auxiliaries and -ly
    adverbs between it and the verb skipped), without a leading determiner or possessive."""
    b = i
    while b > 0 and (toks[b - 1].low in AUX or toks[b - 1].low.endswith("ly")) and b > i - 3:
        b -= 1
    a = b
    while a > 0 and b - a < limit:
        t = toks[a - 1]
        if not t.is_word or t.low in STOP or is_speech(t):
            break
        a -= 1
    return _strip_np(toks, a, b)


def np_after(toks: list[Tok], i: int, limit: int = 8) -> tuple[int, int] | None:
    """Token range of the noun phrase starting at index ``i`` (stops at punctuation, a
    preposition or a clause word)."""
    b = i
    while b < len(toks) and b - i < limit:
        t = toks[b]
        if not t.is_word or t.low in STOP or t.low in PREPOSITIONS or is_speech(t) or t.low in FINITE_AUX \
                or t.low.endswith(("n't", "n’t")):
            break
        b += 1
    return _strip_np(toks, i, b)


def _strip_np(toks: list[Tok], a: int, b: int) -> tuple[int, int] | None:
    while a < b and (toks[a].low in DETERMINERS or toks[a].text.endswith(("’s", "'s"))):
        a += 1
    return (a, b) if b > a else None


def speaker_key(name: str) -> str | None:
    """Key of a speaker phrase: the trailing capitalised name if there is one ("Transport Ministry
    spokeswoman Ann Lee" -> ann-lee), else the phrase without an outlet descriptor."""
    words = name.split()
    run: list[str] = []
    for w in reversed(words):
        if w[:1].isupper():
            run.insert(0, w)
        else:
            break
    while len(run) > 1 and (run[0].lower().rstrip(".") in HONORIFICS or run[0].lower() in TITLE_WORDS):
        run = run[1:]  # "Mayor Tom Park" -> tom-park
    if run and (len(run) < len(words) or len(run) >= 2):
        return key(" ".join(run))
    low = name.lower()
    for d in OUTLET_DESCRIPTORS:
        if low.endswith(" " + d):
            return key(name[: -len(d) - 1])
    return key(name)
