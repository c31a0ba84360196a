"""Tokens <-> characters: aligning another tool's tokens to the document text, and cutting the
text into tokens for the token-based formats (CoNLL, spaCy).

**Reading** (:class:`Aligner`): tokens come in text order; each is found at the next non-blank
position of the text (white space of any kind, NBSP and zero-width spaces included, is skipped),
comparing characters modulo typography (curly and straight quotes, dashes) and accepting the Penn
Treebank escapes (``-LRB-`` for ``(``, `````` / ``''`` for a double quote, ``--`` for a dash, ``...``
for an ellipsis). The alignment is monotone and never skips a character that is not white space,
so a token that is not at the next position is an error, never a guess.

**Writing** (:func:`export_tokens`): spaCy's rule-based English tokenizer (no model), with a cut
at every entity boundary so that every entity is a whole number of tokens.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any

from newsgold.convert.common import WHITESPACE

PTB_ESCAPES: dict[str, tuple[str, ...]] = {
    "-LRB-": ("(",), "-RRB-": (")",), "-LSB-": ("[",), "-RSB-": ("]",), "-LCB-": ("{",), "-RCB-": ("}",),
    "``": ('"',), "''": ('"',), "`": ("'",), "--": ("-",), "...": ("…",),
}
"""Penn Treebank token -> the characters it may stand for (compared after :data:`_CANON`)."""

_CANON = str.maketrans({
    "“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"', "″": '"',
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "´": "'",
    "–": "-", "—": "-", "‐": "-", "‑": "-", "‒": "-", "―": "-", "−": "-",
})


def canon(s: str) -> str:
    """Typographic variants folded, so a tokenizer that normalised quotes or dashes still aligns.

    >>> canon("“Yes” — it’s")
    '"Yes" - it\\'s'
    """
    return s.translate(_CANON)


def forms(token: str) -> tuple[str, ...]:
    """The strings a token may stand for in the text, the token itself first.

    >>> forms("-LRB-"), forms("''")
    (('-LRB-', '('), ("''", '"'))
    """
    return (token, *PTB_ESCAPES.get(token, ()))


class Aligner:
    """Finds tokens one after another in ``text`` (see the module docstring)."""

    def __init__(self, text: str, pos: int = 0):
        self.text = text
        self.pos = pos

    def skip_space(self) -> int:
        text, i = self.text, self.pos
        while i < len(text) and text[i] in WHITESPACE:
            i += 1
        return i

    def at_end(self) -> bool:
        """Only white space is left."""
        return self.skip_space() >= len(self.text)

    def next(self, token: str) -> tuple[int, int] | None:
        """The ``(start, end)`` of ``token`` at the next non-blank position, or ``None``.

        >>> a = Aligner("He said “no” (twice)…")
        >>> [a.next(t) for t in ["He", "said", "``", "no", "''", "-LRB-", "twice", "-RRB-", "..."]]
        [(0, 2), (3, 7), (8, 9), (9, 11), (11, 12), (13, 14), (14, 19), (19, 20), (20, 21)]
        """
        i = self.skip_space()
        for form in forms(token):
            j = i + len(form)
            if canon(self.text[i:j]) == canon(form):
                self.pos = j
                return i, j
        return None

    def context(self, n: int = 30) -> str:
        """The text at the current position, for an error message."""
        i = self.skip_space()
        return repr(self.text[i:i + n] + ("…" if i + n < len(self.text) else ""))


@functools.cache
def _tokenizer() -> Any:
    import spacy

    nlp = spacy.blank("en")
    nlp.max_length = 10**9  # tokenizing only: no model, memory grows with the text alone
    return nlp.tokenizer


def export_tokens(text: str, cuts: Iterable[int] = ()) -> list[tuple[int, int]]:
    """Non-blank tokens of ``text`` as ``(start, end)``: spaCy's English tokenizer, split further at
    white space it kept inside a token and at every offset in ``cuts`` (entity boundaries).

    >>> text = "Kerry met Lavrov’s aide."
    >>> [text[s:e] for s, e in export_tokens(text, cuts=[12])]
    ['Kerry', 'met', 'La', 'vrov', '’s', 'aide', '.']
    """
    cut = sorted(set(cuts))
    out: list[tuple[int, int]] = []
    for tok in _tokenizer()(text):
        s, e = tok.idx, tok.idx + len(tok.text)
        piece = s
        for i in range(s, e + 1):
            if i == e or text[i] in WHITESPACE:
                if i > piece:
                    out.extend(_cut(piece, i, cut))
                piece = i + 1
    return out


def _cut(s: int, e: int, cuts: list[int]) -> list[tuple[int, int]]:
    from bisect import bisect_right

    inner = cuts[bisect_right(cuts, s):bisect_right(cuts, e - 1)]
    bounds = [s, *inner, e]
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if b > a]


def words_and_spaces(text: str, tokens: list[tuple[int, int]]) -> tuple[list[str], list[bool]]:
    """``words`` / ``spaces`` for ``spacy.tokens.Doc`` that reproduce ``text`` exactly: one space
    after a token is its trailing space, any other white space is a token of its own (as spaCy's
    tokenizer makes them).

    >>> words_and_spaces("A  b\\nc", [(0, 1), (3, 4), (5, 6)])
    (['A', ' ', 'b', '\\n', 'c'], [True, False, False, False, False])
    """
    words: list[str] = []
    spaces: list[bool] = []
    pos = 0
    for s, e in [*tokens, (len(text), len(text))]:
        gap = text[pos:s]
        if gap.startswith(" ") and words and not words[-1].isspace():
            spaces[-1] = True
            gap = gap[1:]
        if gap:
            words.append(gap)
            spaces.append(False)
        if e > s:
            words.append(text[s:e])
            spaces.append(False)
        pos = e
    return words, spaces
