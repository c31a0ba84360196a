"""The ``ner`` config: one row per sentence with tokens, IOB2 tags and character offsets.

This is the layout token-classification tools expect (conll2003: ``tokens`` + ``ner_tags``), made
so that the tags give back the gold entity spans *exactly*:

* sentences come from the project's fixed splitter (:func:`newsgold.sentences.split_sentences`);
  where a gold entity crosses one of its boundaries ("Jan. 6", "George H.W. Bush"), the sentences it
  touches become one row;
* tokens come from spaCy's rule-based English tokenizer (``spacy.blank("en")``, no model), whitespace
  tokens dropped; where a gold entity starts or ends inside a token ("U.S." in "U.S.-China"), the
  token is split at the entity's edge;
* every token keeps its ``{start, end}`` offsets into the document, so an entity is
  ``text[offsets[B].start : offsets[last I].end]``.

Each adaptation is reported (:attr:`NerRows.notes`) and :func:`check_round_trip` proves the rows
decode to the gold before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from newsgold.errors import InputError, Problem
from newsgold.schema import Document, Entity
from newsgold.sentences import sentence_locator, split_sentences

Span = tuple[int, int]
Tokenizer = Callable[[str], list[Span]]


def spacy_tokenizer() -> Tokenizer:
    """spaCy's English tokenizer (rules only, nothing downloaded) as ``text -> [(start, end)]``,
    whitespace tokens left out."""
    import spacy

    tokenizer = spacy.blank("en").tokenizer

    def tokenize(text: str) -> list[Span]:
        return [(t.idx, t.idx + len(t.text)) for t in tokenizer(text) if not t.is_space]

    return tokenize


@dataclass
class NerRows:
    """The ``ner`` rows of a corpus and what had to be adapted to keep them exact."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    merged: int = 0  # entities that crossed a sentence boundary (their sentences are one row)
    split_tokens: int = 0  # entities whose edge fell inside a token (the token was split there)


def _row_ranges(text: str, entities: Sequence[Entity]) -> tuple[list[Span], list[Entity]]:
    """Sentence spans of ``text``, with the sentences an entity crosses joined; and those entities."""
    sentences = split_sentences(text) or [(0, len(text))]
    locate = sentence_locator(sentences)
    joined_to_next = [False] * len(sentences)
    crossing = []
    for e in entities:
        first, last = locate(e.start), locate(e.end - 1)
        if first != last or not (sentences[first][0] <= e.start and e.end <= sentences[last][1]):
            crossing.append(e)
        for i in range(first, last):
            joined_to_next[i] = True
    ranges: list[Span] = []
    start = sentences[0][0]
    for i, (_, end) in enumerate(sentences):
        if not joined_to_next[i]:
            ranges.append((start, end))
            if i + 1 < len(sentences):
                start = sentences[i + 1][0]
    return ranges, crossing


def _split_at(tokens: Iterable[Span], cuts: set[int]) -> tuple[list[Span], set[Span]]:
    """Tokens with every cut point strictly inside a token applied; and the tokens that were cut."""
    out: list[Span] = []
    cut: set[Span] = set()
    for s, e in tokens:
        inner = sorted(c for c in cuts if s < c < e)
        if inner:
            cut.add((s, e))
        edges = [s, *inner, e]
        out.extend(zip(edges, edges[1:]))
    return out, cut


def tags_for(tokens: Sequence[Span], entities: Sequence[Entity]) -> list[str]:
    """IOB2 tags of ``tokens`` (absolute offsets) for entities that start and end on token edges.

    >>> tags_for([(0, 5), (6, 10), (11, 13)], [Entity("d", "e1", 0, 10, "John Kerr", "PERSON")])
    ['B-PERSON', 'I-PERSON', 'O']
    """
    tags = ["O"] * len(tokens)
    starts = {s: i for i, (s, _) in enumerate(tokens)}
    for e in entities:
        i = starts.get(e.start)
        if i is None:
            continue  # not on a token edge: caught by check_round_trip
        tags[i] = f"B-{e.label}"
        i += 1
        while i < len(tokens) and tokens[i][1] <= e.end:
            tags[i] = f"I-{e.label}"
            i += 1
    return tags


def spans_from_tags(tags: Sequence[str], offsets: Sequence[Span]) -> list[tuple[int, int, str]]:
    """Entity spans ``(start, end, label)`` of IOB2 tags (strict: an ``I-`` must continue a
    ``B-``/``I-`` of the same label, else ValueError).

    >>> spans_from_tags(["B-GPE", "I-GPE", "O", "B-ORG"], [(0, 3), (4, 8), (9, 11), (12, 14)])
    [(0, 8, 'GPE'), (12, 14, 'ORG')]
    """
    spans: list[tuple[int, int, str]] = []
    current: list[Any] | None = None
    for tag, (s, e) in zip(tags, offsets, strict=True):
        prefix, _, label = tag.partition("-")
        if prefix == "I":
            if current is None or current[2] != label:
                raise ValueError(f"I-{label} at [{s}:{e}] does not continue an entity of that label")
            current[1] = e
            continue
        if current is not None:
            spans.append((current[0], current[1], current[2]))
            current = None
        if prefix == "B":
            current = [s, e, label]
        elif tag != "O":
            raise ValueError(f"not an IOB2 tag: {tag!r}")
    if current is not None:
        spans.append((current[0], current[1], current[2]))
    return spans


def ner_rows(documents: Sequence[Document], entities_by_doc: dict[str, list[Entity]],
             tokenize: Tokenizer | None = None) -> NerRows:
    """The ``ner`` rows of ``documents`` in corpus order, ids ``<doc_id>-<row number>``."""
    tokenize = tokenize or spacy_tokenizer()
    out = NerRows()
    for doc in documents:
        ents = sorted(entities_by_doc.get(doc.id, []), key=lambda e: (e.start, e.end))
        ranges, crossing = _row_ranges(doc.text, ents)
        for e in crossing:
            out.merged += 1
            out.notes.append(f"{doc.id} {e.id} [{e.start}:{e.end}] {e.text!r} crosses a boundary of the "
                             "fixed sentence splitter: the sentences it touches are one ner row")
        cuts = {x for e in ents for x in (e.start, e.end)}
        for n, (rs, re_) in enumerate(ranges, start=1):
            raw = [(rs + s, rs + e) for s, e in tokenize(doc.text[rs:re_])]
            tokens, cut = _split_at(raw, cuts)
            row_ents = [e for e in ents if rs <= e.start and e.end <= re_]
            for e in row_ents:
                hit = sorted({t for t in cut if t[0] < e.start < t[1] or t[0] < e.end < t[1]})
                if hit:
                    out.split_tokens += 1
                    words = ", ".join(repr(doc.text[s:t]) for s, t in hit)
                    out.notes.append(f"{doc.id} {e.id} [{e.start}:{e.end}] {e.text!r} is not on spaCy token "
                                     f"boundaries: token {words} split at the entity's edge")
            out.rows.append({"id": f"{doc.id}-{n:03d}", "doc_id": doc.id,
                             "tokens": [doc.text[s:e] for s, e in tokens],
                             "ner_tags": tags_for(tokens, row_ents),
                             "offsets": [{"start": s, "end": e} for s, e in tokens]})
    return out


def decode_rows(rows: Iterable[dict[str, Any]]) -> list[tuple[str, int, int, str]]:
    """``(doc_id, start, end, label)`` of every entity the rows' tags encode (tags as names)."""
    found = []
    for row in rows:
        offsets = [(o["start"], o["end"]) for o in row["offsets"]]
        found += [(row["doc_id"], s, e, label) for s, e, label in spans_from_tags(row["ner_tags"], offsets)]
    return found


def check_round_trip(rows: list[dict[str, Any]], entities: Sequence[Entity], path: str) -> None:
    """The rows must decode to exactly the gold entities; otherwise the ner config would misstate
    the gold, so the export stops with one line per entity it cannot represent."""
    gold = {(e.doc_id, e.start, e.end, e.label): e for e in entities}
    decoded = set(decode_rows(rows))
    problems = [Problem(path, 0, "ner", f"entity {e.id} [{e.start}:{e.end}] {e.text!r} ({e.label}) cannot be "
                        "encoded as IOB2 tags over tokens") for key, e in gold.items() if key not in decoded]
    problems += [Problem(path, 0, "ner", f"tags encode an entity that is not in the gold: {key}")
                 for key in sorted(decoded - set(gold))]
    if problems:
        raise InputError(problems)
