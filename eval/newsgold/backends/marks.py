"""Quotation-mark pairing, shared by the rules and spaCy backends (standard library only).

Double marks only (straight ``"`` and curly ``“ ”``): single curly marks double as apostrophes.
A mark's *role* comes from its shape when the shape is unambiguous and from its context
otherwise, so a paragraph that opens with ``“`` and closes with another ``“`` (a wrong-way
closing mark, common in copy-edited news) still pairs.

>>> pair_marks('He said “yes,“ she said “no.”')
[(8, 13), (24, 28)]
>>> pair_marks('A "b" c')
[(2, 4)]
"""

from __future__ import annotations

import bisect
import re

_MARK = re.compile(r"[\"“”„]")
_PARA = re.compile(r"\n\s*")
_OPENERS = "“„"


def _closing_context(text: str, i: int) -> bool:
    """True when the mark at ``i`` sits after a non-space and before a space, punctuation or the end
    (where a closing mark goes)."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and (after.isspace() or after in ".,;:!?)]—–-")


def _opening_context(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([—–-") and not after.isspace()


def pair_marks(text: str) -> list[tuple[int, int]]:
    """``(open, close)`` offsets of paired double quotation marks; the content is
    ``text[open + 1:close]``. Pairs never cross a paragraph break; an unclosed mark is dropped."""
    pairs: list[tuple[int, int]] = []
    para_starts = [0] + [m.end() for m in _PARA.finditer(text)]
    para_ends = [m.start() for m in _PARA.finditer(text)] + [len(text)]
    for ps, pe in zip(para_starts, para_ends):
        open_at: int | None = None
        for m in _MARK.finditer(text, ps, pe):
            i, ch = m.start(), m.group()
            if open_at is None:
                if ch == "”" and _closing_context(text, i):
                    continue  # stray closing mark
                open_at = i
                continue
            closes = ch == "”" or (ch == '"' and not _opening_context(text, i)) or (
                ch in _OPENERS and _closing_context(text, i))
            if closes:
                if i > open_at + 1:
                    pairs.append((open_at, i))
                open_at = None
            else:
                open_at = i  # the earlier opener was unbalanced: restart here
    return pairs


class MarkIndex:
    """Questions about quotation-mark pairs in O(log n) each, so a long document costs linear time,
    not (sentences x pairs). Works for any pairs (sorted on construction), nested or not.

    >>> ix = MarkIndex([(2, 4), (10, 20)])
    >>> ix.covers(3), ix.covers(4), ix.covers(15), ix.reach(12), ix.reach(2), ix.within(0, 10)
    (True, False, True, 20, -1, [(2, 4)])
    """

    def __init__(self, pairs: list[tuple[int, int]]) -> None:
        self.pairs = sorted(pairs)
        self.opens = [o for o, _ in self.pairs]
        self._reach: list[int] = []
        best = -1
        for _, c in self.pairs:
            best = max(best, c)
            self._reach.append(best)

    def reach(self, x: int) -> int:
        """The furthest closing mark of the pairs opening before ``x`` (-1 when none does)."""
        i = bisect.bisect_left(self.opens, x)
        return self._reach[i - 1] if i else -1

    def covers(self, x: int) -> bool:
        """Is ``x`` strictly inside a pair (``o < x < c``)?"""
        return self.reach(x) > x

    def within(self, start: int, end: int) -> list[tuple[int, int]]:
        """The pairs opening in ``[start, end)``, in order."""
        return self.pairs[bisect.bisect_left(self.opens, start):bisect.bisect_left(self.opens, end)]
