"""Speaker attribution after quote finding, shared by the rule-based and spaCy backends.

Real news attributes most quotes with a pronoun ("…,” she said) or not at all (the second part
of a split quote, a quotation paragraph following an attributed one). The guidelines (§5.3) give
such quotes the speaker of the named mention they refer to:

* **pronoun speakers** (``he``/``she``; ``they`` for groups is left alone) resolve to the nearest
  preceding PERSON mention outside any quotation, preferring (when the caller knows them, e.g.
  from a dependency parse) mentions in subject position in the last few sentences -- subjects
  are the preferred antecedents of a later pronoun (centering theory), so "X, who ran against Y,
  … He said" resolves to X, not Y;
* **continuations**: a direct quote with neither speaker nor cue takes the speaker and cue of the
  nearest preceding attributed quote when that quote ends in the same or the previous paragraph
  and no other person is named in the narrative text between them.

Both rules read only offsets, entity labels and paragraph breaks: nothing about any particular text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from newsgold.backends.rules.quotes import Found

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
_PARAGRAPH = re.compile(r"\n\s*\n")


class _Contents:
    """Is a span outside every quote's content? One binary search (contents sorted by start, with
    the furthest end reached so far), not a pass over all quotes: linear in document length."""

    def __init__(self, found: Sequence[Found]) -> None:
        spans = sorted(f.content for f in found)
        self.starts = [s for s, _ in spans]
        self.reach: list[int] = []
        for _, e in spans:
            self.reach.append(max(e, self.reach[-1]) if self.reach else e)

    def outside(self, start: int, end: int) -> bool:
        """No content ``[s, e]`` with ``s <= start`` and ``end <= e``."""
        i = bisect.bisect_right(self.starts, start)
        return i == 0 or self.reach[i - 1] < end


SUBJECT_WINDOW = 400
"""How far back (characters) a subject mention is preferred over a nearer non-subject one."""


def resolve_pronoun_speakers(text: str, found: list[Found], mentions: Sequence[tuple[int, int, str]],
                             subjects: frozenset[tuple[int, int]] = frozenset()) -> None:
    """Replace a ``he``/``she`` speaker by the nearest preceding PERSON mention outside quotations
    (a subject mention within :data:`SUBJECT_WINDOW` characters first).

    >>> from newsgold.backends.rules.quotes import Found
    >>> text = "Ann Lee met Bo Chan. “Fine,” she said."
    >>> f = Found("direct", (22, 26), (29, 32), (33, 37))
    >>> resolve_pronoun_speakers(text, [f], [(0, 7, "PERSON"), (12, 19, "PERSON")])
    >>> text[f.speaker[0]:f.speaker[1]]
    'Bo Chan'
    """
    contents = _Contents(found)
    people = sorted((s, e) for s, e, label in mentions if label == "PERSON" and contents.outside(s, e))
    ends = [e for _, e in people]
    for f in found:
        if not f.speaker or text[f.speaker[0]:f.speaker[1]].lower() not in PERSON_PRONOUNS:
            continue
        anchor = min(f.speaker[0], f.content[0])
        i = bisect.bisect_right(ends, anchor) - 1
        while i >= 0 and people[i][1] > anchor:
            i -= 1
        if i < 0:
            continue
        j = i
        while j >= 0 and people[j] not in subjects and anchor - people[j][1] <= SUBJECT_WINDOW:
            j -= 1
        pick = people[j] if j >= 0 and people[j] in subjects and anchor - people[j][1] <= SUBJECT_WINDOW else people[i]
        f.speaker = pick
        f.key = None


def _paragraph_of(breaks: list[int], offset: int) -> int:
    return bisect.bisect_right(breaks, offset)


def carry_speakers(text: str, found: list[Found], mentions: Sequence[tuple[int, int, str]]) -> None:
    """Give an unattributed direct quote the speaker and cue of the attributed quote before it
    (split quotes and quotation paragraphs that continue a speaker's words).

    >>> from newsgold.backends.rules.quotes import Found
    >>> text = "“One,” said Ann Lee. “Two.”"
    >>> a, b = Found("direct", (1, 5), (12, 19), (7, 11)), Found("direct", (22, 26), None, None)
    >>> carry_speakers(text, [a, b], [(12, 19, "PERSON")])
    >>> b.speaker, b.cue
    ((12, 19), (7, 11))
    """
    breaks = [m.start() for m in _PARAGRAPH.finditer(text)]
    people = sorted((s, e) for s, e, label in mentions if label == "PERSON")
    contents = _Contents(found)
    ordered = sorted(found, key=lambda f: f.content[0])
    last: Found | None = None
    for f in ordered:
        if f.speaker is None and f.cue is None and f.type == "direct" and last is not None:
            gap_start, gap_end = max(last.content[1], last.speaker[1] if last.speaker else 0), f.content[0]
            near = _paragraph_of(breaks, f.content[0]) - _paragraph_of(breaks, last.content[1]) <= 1
            # another person named in the narrative between them (only the people in the gap are looked at)
            other = near and any(e <= gap_end and contents.outside(s, e) and (s, e) != last.speaker
                                 for s, e in people[bisect.bisect_left(people, (gap_start, -1)):
                                                    bisect.bisect_right(people, (gap_end, gap_end))])
            if near and not other:
                f.speaker, f.cue, f.key, f.via = last.speaker, last.cue, last.key, last.via
        if f.speaker is not None:
            last = f


_TAG = re.compile(r"\s*\([^()]{1,30}\)\s*$")


def trim_speakers(text: str, found: list[Found]) -> None:
    """A trailing parenthesis is not part of the speaker's name ("Senator Ann Lee (D-NY)").

    >>> from newsgold.backends.rules.quotes import Found
    >>> f = Found("direct", (1, 4), (11, 33), None)
    >>> trim_speakers("“Go,” said Senator Ann Lee (D-NY).", [f]); f.speaker
    (11, 26)
    """
    for f in found:
        if f.speaker:
            m = _TAG.search(text, f.speaker[0], f.speaker[1])
            if m and m.start() > f.speaker[0]:
                f.speaker = (f.speaker[0], m.start())
                f.key = None


def trim_to_person(text: str, found: list[Found], mentions: Sequence[tuple[int, int, str]]) -> None:
    """A speaker "Ann Lee of the Harbor Institute" or "Ann Lee, a chemist at Y" is Ann Lee: cut at
    the "of" or the comma that follows a PERSON mention inside the speaker phrase (the rest says
    who she is).

    >>> from newsgold.backends.rules.quotes import Found
    >>> text = "“Go,” said Ann Lee of the Harbor Institute."
    >>> f = Found("direct", (1, 3), (11, 42), (6, 10))
    >>> trim_to_person(text, [f], [(11, 18, "PERSON"), (26, 42, "ORG")]); text[f.speaker[0]:f.speaker[1]]
    'Ann Lee'
    """
    people = sorted((s, e) for s, e, label in mentions if label == "PERSON")
    starts = [s for s, _ in people]
    for f in found:
        if not f.speaker:
            continue
        a, b = f.speaker
        i = bisect.bisect_left(starts, a)
        while i < len(people) and people[i][1] <= b:
            e = people[i][1]
            if (text.startswith(" of ", e) and e + 4 < b) or (text.startswith(", ", e) and e + 2 < b):
                f.speaker, f.key = (a, e), None  # "Ann Lee, a chemist at Y who …": Ann Lee
                break
            i += 1


def attribute(text: str, found: list[Found], mentions: Sequence[tuple[int, int, str]],
              subjects: frozenset[tuple[int, int]] = frozenset()) -> None:
    """Trim speakers, resolve pronouns, then carry speakers into continuations (which then
    inherit the resolved name)."""
    trim_speakers(text, found)
    trim_to_person(text, found, mentions)
    resolve_pronoun_speakers(text, found, mentions, subjects)
    carry_speakers(text, found, mentions)
