"""The fixed, documented sentence splitter used for sentence-level units and claim detection.

Deterministic and dependency-free on purpose: scores must not change when a spaCy version changes.

Rules, in order:

1. A paragraph break (a line break, possibly with blank lines) always ends a sentence.
2. Inside a paragraph, a sentence ends after ``.``, ``!`` or ``?`` -- plus any closing quotation
   marks or brackets right after it (``" ” “ ’ ) ]``) -- when followed by whitespace (NBSP
   included), an optional opening quotation mark, and then an upper-case letter (any script) or
   a digit.
3. No break after a common abbreviation (Mr. Mrs. Ms. Dr. Prof. St. Jr. Sr. Gen. Sen. Rep. Gov.
   Lt. Col. Capt. No. vs. etc. e.g. i.e. U.S. U.K. U.N.) or a single upper-case initial ("J. Smith").

Sentences are returned as ``(start, end)`` offsets with surrounding whitespace trimmed.

>>> text = "Mr. Smith spoke. “Yes,” he said!\\n\\nNew para"
>>> [text[s:e] for s, e in split_sentences(text)]
['Mr. Smith spoke.', '“Yes,” he said!', 'New para']
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st jr sr gen sen rep gov lt col capt no vs etc e.g i.e u.s u.k u.n".split()
)
_BOUNDARY = re.compile(r"[.!?][\"”“’')\]]*(?=\s+[\"“‘(]?\w)")
_NEXT = re.compile(r"\s+[\"“‘(]?(\w)")
_LAST_WORD = re.compile(r"([\w.]+)\.$")
_WINDOW = 40  # characters before a period searched for an abbreviation (keeps splitting linear)
_PARAGRAPH = re.compile(r"\s*[\r\n]\s*")  # LF, CRLF and old-Mac CR line ends
_WS = " \t\r\n\u00a0\u2009\u202f"


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start] in _WS:
        start += 1
    while end > start and text[end - 1] in _WS:
        end -= 1
    return (start, end) if end > start else None


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of ``text`` (see the module docstring for the rules)."""
    out: list[tuple[int, int]] = []
    para_start = 0
    breaks = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)] + [(len(text), len(text))]
    for p_end, next_start in breaks:
        start = para_start
        for m in _BOUNDARY.finditer(text, para_start, p_end):
            nxt_match = _NEXT.match(text, m.end())
            nxt = nxt_match.group(1) if nxt_match else ""
            if not (nxt.isupper() or nxt.isdigit()):  # any script's capitals: "Émile", "Ödön"
                continue
            word = _LAST_WORD.search(text, max(start, m.start() - _WINDOW), m.start() + 1)
            token = word.group(1).lower() if word else ""
            if token in ABBREVIATIONS or re.fullmatch(r"[a-z]", token):
                continue
            span = _trimmed(text, start, m.end())
            if span:
                out.append(span)
            start = m.end()
        span = _trimmed(text, start, p_end)
        if span:
            out.append(span)
        para_start = next_start
    return out


def sentence_locator(sentences: list[tuple[int, int]]) -> Callable[[int], int]:
    """``offset -> index`` of the sentence containing it (or the last one starting before it);
    the start list is built once, so locating many spans is O(log n) each.

    >>> locate = sentence_locator([(0, 5), (6, 10)])
    >>> locate(7), locate(0), locate(5)
    (1, 0, 0)
    """
    starts = [s for s, _ in sentences]
    return lambda offset: max(0, bisect.bisect_right(starts, offset) - 1)


def sentence_index(sentences: list[tuple[int, int]], offset: int) -> int:
    """One-off form of :func:`sentence_locator`.

    >>> sentence_index([(0, 5), (6, 10)], 7)
    1
    """
    return sentence_locator(sentences)(offset)
