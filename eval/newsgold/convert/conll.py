"""CoNLL-2003 style columns: one token per line, the NER tag in the last column.

Reading:

* columns are separated by spaces or tabs; the first is the token, the last the tag; other
  columns (POS, chunk) are ignored; a blank line ends a sentence (and any entity);
* ``-DOCSTART-`` lines separate documents, which follow the corpus order -- unless a comment line
  ``# doc_id = ID`` names the document that follows (it may come right after ``-DOCSTART-``);
  other ``# key = value`` comment lines (CoNLL-U style) are ignored; without any marker, the tokens
  run through the corpus documents in order;
* tags are ``O`` or ``PREFIX-LABEL``; the scheme is detected -- BIOES (also BILOU) when an ``E-``,
  ``S-``, ``L-`` or ``U-`` tag occurs, IOB1 when an ``I-`` tag begins an entity, else IOB2 -- or
  given with ``--scheme``; IOB1 and IOB2 decode as conlleval does;
* tokens are aligned to the document text by :class:`newsgold.convert.align.Aligner`; a token that
  does not align is ``path:line: token: ...``.

Writing: ``-DOCSTART- -X- O O`` (the delimiter spaCy's ``conll_ner_to_docs`` looks for) before each
document, one ``token TAG`` line per token (:func:`newsgold.convert.align.export_tokens`, so every
entity is whole tokens), a blank line after each sentence (:func:`newsgold.sentences.split_sentences`,
never inside an entity); documents in corpus order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from newsgold.convert.align import Aligner, export_tokens
from newsgold.convert.common import Export, Options, Reading, by_doc, describe, trim
from newsgold.errors import InputError, Problem
from newsgold.schema import Document, Entity

SCHEMES = ("iob1", "iob2", "bioes")
_TAG = re.compile(r"([BIESLU])-(\S+)")
_COMMENT = re.compile(r"#\s*(\w[\w. -]*?)\s*=\s*(.*)")  # "# doc_id = X", CoNLL-U's "# newdoc id = X", "# text = …"
DOCSTART = "-DOCSTART- -X- O O"


@dataclass
class Token:
    text: str
    tag: str
    line: int


@dataclass
class Block:
    """The tokens of one document, as sentences, and how the file named it."""

    sentences: list[list[Token]]
    doc_id: str | None
    line: int  # where it starts
    docstart: bool = False


# --------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------
def parse(path: str, text: str) -> tuple[list[Block], bool, list[Problem]]:
    """Documents of a CoNLL file, whether it marks document boundaries, and its malformed lines."""
    blocks: list[Block] = []
    problems: list[Problem] = []
    for n, raw in enumerate(text.split("\n"), start=1):  # not splitlines(): U+2028 or a form feed is no line end here
        line = raw.strip(" \t\r\ufeff")
        last = blocks[-1] if blocks else None
        comment = _COMMENT.fullmatch(line) if line.startswith("#") else None
        if not line:
            if last is not None and last.sentences[-1]:
                last.sentences.append([])
        elif line.split()[0] == "-DOCSTART-":
            if last is not None and not _has_tokens(last) and not last.docstart:
                last.docstart = True  # a '# doc_id' line came first
            else:
                blocks.append(Block([[]], None, n, docstart=True))
        elif comment is not None:
            if comment.group(1) == "doc_id":
                if last is not None and not _has_tokens(last) and last.doc_id is None:
                    last.doc_id = comment.group(2).strip()
                else:
                    blocks.append(Block([[]], comment.group(2).strip(), n))
        else:
            cols = re.split(r"[ \t]+", line)
            if len(cols) < 2:
                problems.append(Problem(path, n, "line", f"expected 'TOKEN ... TAG' columns, got {line[:40]!r}"))
                continue
            if last is None:
                last = Block([[]], None, n)
                blocks.append(last)
            last.sentences[-1].append(Token(cols[0], cols[-1], n))
    marked = any(b.docstart or b.doc_id is not None for b in blocks)
    for b in blocks:
        b.sentences = [s for s in b.sentences if s]
    return blocks, marked, problems


def _has_tokens(b: Block) -> bool:
    return any(b.sentences)


def detect_scheme(tags: list[list[str]]) -> str:
    """The tagging scheme of a file's sentences (module docstring).

    >>> detect_scheme([["B-PER", "I-PER", "O"]]), detect_scheme([["I-PER", "B-PER"]]), detect_scheme([["S-PER"]])
    ('iob2', 'iob1', 'bioes')
    """
    prefixes = {t[0] for sent in tags for t in sent if _TAG.fullmatch(t)}
    if prefixes & {"E", "S", "L", "U"}:
        return "bioes"
    for sent in tags:
        prev = "O"
        for t in sent:
            m = _TAG.fullmatch(t)
            if m and m.group(1) == "I" and (prev == "O" or _label(prev) != m.group(2)):
                return "iob1"
            prev = t
    return "iob2"


def _label(tag: str) -> str:
    return tag[2:] if _TAG.fullmatch(tag) else ""


def decode(tags: list[str], scheme: str) -> tuple[list[tuple[int, int, str]], list[tuple[int, str]]]:
    """Entities of one sentence as ``(first token, last token + 1, label)``, and ``(token index,
    problem)`` for tags that break the scheme.

    >>> decode(["B-PER", "I-PER", "O", "I-LOC", "B-LOC"], "iob1")[0]
    [(0, 2, 'PER'), (3, 4, 'LOC'), (4, 5, 'LOC')]
    >>> decode(["B-PER", "E-PER", "S-LOC"], "bioes")[0]
    [(0, 2, 'PER'), (2, 3, 'LOC')]
    >>> decode(["I-PER"], "iob2")[1]
    [(0, 'I-PER begins an entity, but IOB2 begins every entity with B- (try --scheme iob1)')]
    """
    d = _Decoder(scheme)
    for i, tag in enumerate(tags):
        m = _TAG.fullmatch(tag)
        if tag == "O":
            d.outside(i)
        elif m is None or m.group(1) not in ("BI" if scheme != "bioes" else "BIESLU"):
            want = "O or B-/I- + label" if scheme != "bioes" else "O or B-/I-/E-/S- + label"
            d.problems.append((i, f"tag {tag!r} is not {want} ({scheme.upper()})"))
            d.close(i)
        elif scheme == "bioes":
            d.bioes(i, tag, m.group(1), m.group(2))
        else:
            d.iob(i, tag, m.group(1), m.group(2))
    d.outside(len(tags))
    return d.spans, d.problems


class _Decoder:
    """The state of :func:`decode`: the entity being read, those finished, the problems."""

    def __init__(self, scheme: str):
        self.scheme = scheme
        self.spans: list[tuple[int, int, str]] = []
        self.problems: list[tuple[int, str]] = []
        self.open: tuple[int, str] | None = None  # (first token, label)

    def close(self, end: int) -> None:
        if self.open is not None:
            self.spans.append((self.open[0], end, self.open[1]))
            self.open = None

    def outside(self, i: int) -> None:
        """An ``O`` tag, or the end of the sentence."""
        if self.scheme == "bioes" and self.open is not None:
            self.problems.append((i - 1, f"the {self.open[1]} entity is not closed with E- (BIOES)"))
        self.close(i)

    def iob(self, i: int, tag: str, prefix: str, label: str) -> None:
        """IOB1 / IOB2, as conlleval reads them: B- or a new label begins an entity."""
        if prefix == "B" or self.open is None or self.open[1] != label:
            if prefix == "I" and self.scheme == "iob2":
                self.problems.append((i, f"{tag} begins an entity, but IOB2 begins every entity with B- (try --scheme iob1)"))
            self.close(i)
            self.open = (i, label)

    def bioes(self, i: int, tag: str, prefix: str, label: str) -> None:
        """BIOES (and BILOU: L- = E-, U- = S-)."""
        if prefix in "SU":
            self.close(i)
            self.spans.append((i, i + 1, label))
            return
        if prefix == "B":
            self.close(i)
            self.open = (i, label)
            return
        if self.open is None or self.open[1] != label:
            self.problems.append((i, f"{tag} does not continue a {label} entity begun with B- (BIOES)"))
            self.close(i)
            self.open = (i, label)
        if prefix in "EL":
            self.close(i + 1)


def read(path: Path, r: Reading) -> None:
    """Read a CoNLL file into ``r`` (module docstring)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(Problem(str(path), 0, "file", "not valid UTF-8")) from None
    blocks, marked, problems = parse(str(path), text)
    r.problems.extend(problems)
    sentences = [[t.tag for t in s] for b in blocks for s in b.sentences]
    scheme = r.options.scheme if r.options.scheme != "auto" else detect_scheme(sentences)
    if not marked:
        _read_unmarked(blocks[0] if blocks else Block([], None, 1), scheme, r)
        return
    order = iter(r.finder.documents)
    for b in blocks:
        if b.doc_id is not None:
            doc = r.document(b.line, "doc_id", b.doc_id, None)
            if doc is not None:  # documents without an id follow the one named here
                order = iter(r.finder.documents[r.finder.position[doc.id] + 1:])
        else:
            nxt = next(order, None)
            if nxt is None:
                r.bad(b.line, "document", f"more documents than the corpus has ({len(r.finder.documents)}): "
                                          "add '# doc_id = ID' lines, or give the corpus it belongs to with --corpus")
                return
            doc = r.document(b.line, "document", nxt.id, None)
        if doc is not None:
            _read_document(doc, b.sentences, scheme, r)


def _read_unmarked(block: Block, scheme: str, r: Reading) -> None:
    """No document markers: the tokens run through the corpus documents in order, moving to the
    next document when one has only white space left."""
    docs = iter(r.finder.documents)
    doc = next(docs, None)
    if doc is None:
        return
    aligner = Aligner(doc.text)
    r.document(block.line, "document", doc.id, None)
    for sentence in block.sentences:
        found: list[tuple[int, int]] = []
        for tok in sentence:
            span = aligner.next(tok.text)
            while span is None and aligner.at_end():
                nxt = next(docs, None)
                if nxt is None:
                    r.bad(tok.line, "token", f"{tok.text!r} is past the end of the corpus")
                    return
                if found:  # a sentence never spans two documents
                    r.bad(tok.line, "token", f"{tok.text!r}: the sentence runs past the end of document {doc.id!r}")
                    return
                doc, aligner = nxt, Aligner(nxt.text)
                r.document(tok.line, "document", doc.id, None)
                span = aligner.next(tok.text)
            if span is None:
                _unaligned(r, tok, doc, aligner)
                return
            found.append(span)
        _add_entities(r, doc, sentence, found, scheme)
    _uncovered(doc, aligner, r)


def _read_document(doc: Document, sentences: list[list[Token]], scheme: str, r: Reading) -> None:
    aligner = Aligner(doc.text)
    for sentence in sentences:
        found: list[tuple[int, int]] = []
        for tok in sentence:
            span = aligner.next(tok.text)
            if span is None:
                _unaligned(r, tok, doc, aligner)
                return
            found.append(span)
        _add_entities(r, doc, sentence, found, scheme)
    _uncovered(doc, aligner, r)


def _uncovered(doc: Document, aligner: Aligner, r: Reading) -> None:
    """A file whose tokens stop before the end of a document (a model that truncated its input)
    is scored as it is, but never silently."""
    if not aligner.at_end():
        r.uncovered.append(f"{doc.id} ({aligner.skip_space()} of {len(doc.text)} characters)")


def _unaligned(r: Reading, tok: Token, doc: Document, aligner: Aligner) -> None:
    where = aligner.skip_space()
    r.bad(tok.line, "token", f"cannot align {tok.text!r} to document {doc.id!r} at character {where} "
                             f"(the text there is {aligner.context()})")


def _add_entities(r: Reading, doc: Document, sentence: list[Token], spans: list[tuple[int, int]], scheme: str) -> None:
    entities, problems = decode([t.tag for t in sentence], scheme)
    for i, msg in problems:
        r.bad(sentence[i].line, "tag", msg)
    for first, last, label in entities:
        r.add(doc, sentence[first].line, "tag", spans[first][0], spans[last - 1][1], label)


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------
def encode(n: int, spans: list[tuple[int, int, str]], scheme: str) -> list[str]:
    """Tags of ``n`` tokens holding ``spans`` (first token, last token + 1, label).

    >>> encode(4, [(0, 2, "PER"), (2, 3, "PER")], "iob1"), encode(3, [(0, 2, "PER"), (2, 3, "LOC")], "bioes")
    (['I-PER', 'I-PER', 'B-PER', 'O'], ['B-PER', 'E-PER', 'S-LOC'])
    """
    tags = ["O"] * n
    prev_end, prev_label = -1, ""
    for a, b, label in sorted(spans):
        if scheme == "bioes":
            if b - a == 1:
                tags[a] = f"S-{label}"
            else:
                tags[a:b] = [f"B-{label}", *[f"I-{label}"] * (b - a - 2), f"E-{label}"]
        else:
            first = "B" if scheme == "iob2" or (prev_end == a and prev_label == label) else "I"
            tags[a:b] = [f"{first}-{label}", *[f"I-{label}"] * (b - a - 1)]
        prev_end, prev_label = b, label
    return tags


def write(documents: list[Document], entities: list[Entity], options: Options) -> Export:
    """The gold as CoNLL (module docstring); entities with white space at an edge cannot be
    whole tokens and are listed."""
    scheme = options.scheme if options.scheme in SCHEMES else "iob2"
    grouped = by_doc(entities)
    lines: list[str] = []
    not_carried: list[str] = []
    from newsgold.sentences import split_sentences

    for doc in documents:
        ents = []
        for e in grouped.get(doc.id, []):
            if trim(doc.text, e.start, e.end) != (e.start, e.end):
                not_carried.append(describe(e, "begins or ends with white space, not a token boundary"))
            else:
                ents.append(e)
        tokens = export_tokens(doc.text, [x for e in ents for x in (e.start, e.end)])
        index = {s: i for i, (s, _) in enumerate(tokens)}
        ends = {end: i + 1 for i, (_, end) in enumerate(tokens)}
        spans = [(index[e.start], ends[e.end], e.label) for e in ents]
        tags = encode(len(tokens), spans, scheme)
        breaks = _sentence_breaks(tokens, split_sentences(doc.text), spans)
        lines += [DOCSTART, ""]
        for i, ((start, end), tag) in enumerate(zip(tokens, tags)):
            if i in breaks:
                lines.append("")
            lines.append(f"{doc.text[start:end]} {tag}")
        if tokens:
            lines.append("")
    return Export({"": "\n".join(lines) + "\n"}, not_carried=not_carried)


def _sentence_breaks(tokens: list[tuple[int, int]], sentences: list[tuple[int, int]],
                     spans: list[tuple[int, int, str]]) -> set[int]:
    """Token indices that begin a new sentence (never inside an entity)."""
    starts = {s for s, _ in sentences}
    inside = {i for a, b, _ in spans for i in range(a + 1, b)}
    out, k = set(), 0
    sent_starts = sorted(starts)
    for i, (s, _) in enumerate(tokens):
        while k < len(sent_starts) and sent_starts[k] <= s:
            if i > 0 and i not in inside:
                out.add(i)
            k += 1
    return out
