"""Rule-based quote finder: quotation-mark pairs plus speech-verb attribution patterns.

Per sentence (merged across a quote that spans sentences) it looks for:

* a trailing attribution ``…, X said[ in …]`` / ``…, said X`` / ``…, X quoted Y``;
* a leading ``According to X, …`` or report adverb ``Reportedly, …``;
* inline ``X said [adverbials] that …``, ``X quoted Y as saying [that] …``, ``…, adding that …``;
* ``X said: “…”``;

then types each quote: the whole utterance in marks -> direct, a clause with a quoted fragment
-> mixed (content ends on the closing mark), no marks -> indirect.
"""

from __future__ import annotations

from dataclasses import dataclass

from eval.backends.base import clause_span
from eval.backends.lexicon import REPORT_ADVERBS
from eval.backends.marks import pair_marks
from eval.backends.rules.text import (
    PREPOSITIONS, Tok, is_speech, np_after, np_before, speaker_key, tokenize,
)
from eval.sentences import split_sentences

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


def units(text: str, pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentences, merged where a quotation-mark pair crosses a sentence boundary."""
    out: list[tuple[int, int]] = []
    for s, e in split_sentences(text):
        if out and any(o < out[-1][1] <= c or o < s <= c for o, c in pairs if o < s and c >= out[-1][0]):
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
        return _Attr(_rng(toks, sp), (toks[i].start, toks[i].end), None, i, sp[1])
    j = i
    while j < len(toks) and j - i < 10 and toks[j].is_word and not is_speech(toks[j]):
        j += 1
    if j >= len(toks) or not is_speech(toks[j]) or toks[j - 1].low in ("been", "being"):
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


def _skip_det(toks: list[Tok], i: int) -> int:
    from eval.backends.rules.text import DETERMINERS
    while i < len(toks) and (toks[i].low in DETERMINERS or toks[i].text.endswith(("’s", "'s"))):
        i += 1
    return i


def _ends_clause(toks: list[Tok], k: int) -> bool:
    """After an attribution: nothing, a full stop, a preposition phrase or ``, adding …``."""
    for t in toks[k:k + 5]:
        if t.text == ",":
            break
        if t.low == "that":
            return False  # "X said last week that …" is an inline attribution, not a trailing one
    if k >= len(toks) or toks[k].text in ".!?;:" or toks[k].low in PREPOSITIONS:
        return True
    return toks[k].text == "," and k + 1 < len(toks) and (is_speech(toks[k + 1]) or toks[k + 1].low in PREPOSITIONS)


def find_quotes(text: str) -> list[Found]:
    """All quotes of a document, in text order."""
    pairs = pair_marks(text)
    out: list[Found] = []
    for us, ue in units(text, pairs):
        out.extend(_unit_quotes(text, us, ue, [p for p in pairs if us <= p[0] < ue]))
    return sorted(out, key=lambda f: (f.content[0], -f.content[1]))


def _skip_dateline(text: str, us: int, ue: int) -> int:
    """Start after a leading dateline such as "(City — May 1, 2015) — "."""
    i = us
    if text.startswith("(", i) and ")" in text[i:ue]:
        i = text.index(")", i, ue) + 1
    while i < ue and (text[i].isspace() or text[i] in "—–-"):
        i += 1
    return i if i < ue else us


def _unit_quotes(text: str, us: int, ue: int, pairs: list[tuple[int, int]]) -> list[Found]:
    us = _skip_dateline(text, us, ue)
    toks = tokenize(text, us, ue)
    inside = lambda t: any(o < t.start < c for o, c in pairs)  # noqa: E731
    out: list[Found] = []
    used_pairs: set[tuple[int, int]] = set()
    closes = {c for _, c in pairs}

    # 1. trailing attribution "…, X said." (boundary = a comma or a closing mark after one)
    trailing: tuple[int, _Attr] | None = None
    for k, t in enumerate(toks):
        if inside(t) or not (t.text == "," or t.start in closes):
            continue
        i = k + 1 + (k + 1 < len(toks) and toks[k + 1].text == ",")
        if i < len(toks) and toks[i].start in closes:
            continue
        a = _parse_attr(toks, i)
        if a and _ends_clause(toks, a.end) and k > 0:
            trailing = (k, a)
            break
    if trailing:
        k, a = trailing
        before_end = toks[k].end if toks[k].start in closes else toks[k].start
        whole = next((p for p in pairs if p[0] <= toks[0].start and p[1] + 1 >= before_end - 1), None)
        ending = [p for p in pairs if abs(p[1] + 1 - before_end) <= 1]
        if whole:
            out.append(Found("direct", (whole[0] + 1, whole[1]), a.speaker, a.cue, a.via))
            used_pairs.add(whole)
        elif ending:
            out.append(Found("mixed", (us, ending[-1][1] + 1), a.speaker, a.cue, a.via))
            used_pairs.update(p for p in pairs if p[1] <= ending[-1][1])
        else:
            out.append(Found("indirect", (us, before_end), a.speaker, a.cue, a.via))

    # 2. leading "According to X," / "Reportedly,"
    if len(toks) > 3 and toks[0].low == "according" and toks[1].low == "to":
        comma = next((k for k, t in enumerate(toks) if t.text == ","), None)
        if comma and comma > 2:
            sp = np_after(toks, 2, limit=comma - 2) or None
            # the speaker is the head phrase after a possessive: "X’s Trade Ministry" -> Trade Ministry
            out.append(Found("indirect", (toks[comma].end, ue), _rng(toks, sp),
                             (toks[0].start, toks[1].end)))
    elif len(toks) > 2 and toks[0].low in REPORT_ADVERBS and toks[1].text == ",":
        out.append(Found("indirect", (toks[1].end, ue), None, (toks[0].start, toks[0].end)))

    # 3. inline "X said [adverbials] that …" / "X quoted Y as saying …" / ", adding that …"
    last_speaker = trailing[1].speaker if trailing else None
    limit = toks[trailing[0]].start if trailing else ue
    for j, v in enumerate(toks):
        if not is_speech(v) or inside(v) or (j and toks[j - 1].low in ("been", "being", "as")):
            continue
        speaker, via, cue, c0 = None, None, (v.start, v.end), None
        if v.low in ("quoted", "cited"):
            obj = np_after(toks, j + 1)
            if obj and obj[1] + 1 < len(toks) and toks[obj[1]].low == "as" and toks[obj[1] + 1].low == "saying":
                c0 = obj[1] + 2
                speaker = _rng(toks, obj)
                sub = np_before(toks, j)
                via = speaker_key(text[_rng(toks, sub)[0]:_rng(toks, sub)[1]]) if sub else None
        else:
            for m in range(j + 1, min(j + 6, len(toks))):
                if toks[m].low == "that":
                    c0 = m
                    break
                if not toks[m].is_word or toks[m].low in ("as",):
                    break
            if c0 is None and toks[j + 1:j + 2] and toks[j + 1].text == ":" and v.start < limit:
                c0 = j + 1
            sub = np_before(toks, j)
            speaker = _rng(toks, sub) if sub else (last_speaker if j and toks[j - 1].text == "," else None)
        if c0 is None:
            continue
        if c0 < len(toks) and toks[c0].low in ("that", ":"):
            c0 += 1
        if c0 >= len(toks):
            continue
        start = toks[c0].start
        end = limit if start < limit else ue
        inner = [p for p in pairs if start <= p[0] and p[1] < end]
        if inner:
            end = inner[-1][1] + 1
            used_pairs.update(inner)
            kind = "direct" if len(inner) == 1 and inner[0][0] == start and toks[c0 - 1].text in ":," else "mixed"
            if kind == "direct":
                start, end = inner[0][0] + 1, inner[0][1]
        else:
            kind = "indirect"
        if speaker and speaker[0] < end and start < speaker[1]:
            continue
        out.append(Found(kind, (start, end), speaker, cue, via))
        if speaker:
            last_speaker = speaker

    # 4. a quotation standing alone as a whole sentence: direct, no speaker named
    for o, c in pairs:
        if (o, c) in used_pairs:
            continue
        rest = text[us:o].strip() + text[c + 1:ue].strip(" .")
        if not rest.strip(QUOTE_CHARS + " "):
            out.append(Found("direct", (o + 1, c), None, None))

    # trailing attribution: an inner quote within the outer content is relayed (via) the outer speaker
    if trailing and trailing[1].speaker:
        outer = out[0]
        vkey = outer.speaker_key(text)
        for f in out[1:]:
            if outer.content[0] <= f.content[0] and f.content[1] <= outer.content[1] and f.via is None:
                f.via = vkey
    return [f for f in out if _clean(text, f)]


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
    for part in (f.speaker, f.cue):
        if part and part[0] < f.content[1] and f.content[0] < part[1]:
            return False
    return True
