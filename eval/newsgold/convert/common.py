"""What every converter shares: finding a record's corpus document, checking its offsets,
collecting problems and notes, and the options of ``newsgold convert``.

A reader turns one file (or folder) of another tool's output into :class:`Mention` s located in
the corpus (and, for the formats that carry them, quote and claim records: see
:mod:`newsgold.convert.relations`); every problem is a :class:`newsgold.errors.Problem`
``path:line: field: what is wrong`` (``line`` is the record's line, or its position for a binary or
whole-JSON file), and nothing is written while any problem remains. A writer turns the gold into
another tool's format and names every entity the format cannot carry.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgold.errors import InputError, Problem
from newsgold.schema import Claim, Document, Entity, Quote

WHITESPACE = frozenset(" \t\r\n\f\v\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
                       "\u2028\u2029\u202f\u205f\u3000\u200b\ufeff")
"""Characters no entity begins or ends with: Unicode white space, plus the zero-width space and BOM."""


@dataclass(frozen=True)
class Mention:
    """One entity read from another tool's output, located in a corpus document."""

    doc_id: str
    start: int
    end: int
    label: str
    key: str | None = None
    line: int = 0  # where it came from, for problems found later (e.g. overlapping spans)
    rid: str = ""  # the span's id in its tool's output (brat T3, a Label Studio region id), for relations
    where: str = ""  # the field of a problem about it (brat T3, Label Studio tasks.0.annotations.0.result.2)


@dataclass(frozen=True)
class Roles:
    """The names a tool gives the parts of quotes and claims (``--role NAME=LABEL``): span labels,
    relation types and attribute names, compared case-insensitively. The defaults are what
    ``--to brat`` / ``--to labelstudio`` write; :mod:`newsgold.convert.relations` reads them."""

    quote: str = "Quote"  # span label: a quote's content
    speaker: str = "Speaker"  # span label: a speaker that is not an entity span
    cue: str = "Cue"  # span label: the speech verb or phrase
    said_by: str = "Said_by"  # relation quote -> speaker (a Speaker span or any entity span)
    cued_by: str = "Cued_by"  # relation quote -> cue
    type: str = "Type"  # attribute of a quote: direct | mixed | indirect
    claim: str = "Claim"  # span label: a claim
    claimant: str = "Claimant"  # span label: a claimant that is not an entity span
    claimed_by: str = "Claimed_by"  # relation claim -> claimant (a Claimant span or any entity span)
    status: str = "Status"  # attribute of a claim: asserted | reported | hedged | denied
    checkworthy: str = "CheckWorthy"  # flag on a claim: present (or true/yes) = check-worthy

    def clash(self) -> str | None:
        """Two span labels, or two attribute names, that are one name (relation types may share a
        name: the spans they link tell them apart)."""
        for group in (("quote", "speaker", "cue", "claim", "claimant"), ("type", "status", "checkworthy")):
            seen: dict[str, str] = {}
            for name in group:
                label = getattr(self, name).casefold()
                if label in seen:
                    return f"{seen[label]} and {name} are both {getattr(self, name)!r}"
                seen[label] = name
        return None


@dataclass(frozen=True)
class Options:
    """Every option of ``newsgold convert`` (a format reads only those it knows)."""

    scheme: str = "auto"  # conll: auto | iob1 | iob2 | bioes
    spans_key: str | None = None  # spacy: read doc.spans[KEY] instead of doc.ents
    discontinuous: str = "error"  # brat: error | hull | skip
    use: str = "annotations"  # labelstudio: annotations | predictions
    annotation: str = "first"  # labelstudio: first | last | an annotation id
    min_score: float | None = None  # hf-pipeline: drop entities scored below this
    roles: Roles = field(default_factory=Roles)  # brat, labelstudio: names of quote and claim parts


class DocFinder:
    """The corpus documents, by id and by text."""

    def __init__(self, documents: list[Document]):
        self.documents = documents
        self.by_id = {d.id: d for d in documents}
        self.position = {d.id: i for i, d in enumerate(documents)}
        self.by_text: dict[str, list[Document]] = {}
        for d in documents:
            self.by_text.setdefault(d.text, []).append(d)

    def find(self, doc_id: object, text: object) -> Document | str:
        """The document named ``doc_id`` (its ``text``, when given, must be the corpus text) or,
        without an id, the one document whose text is ``text``; else what is wrong, as a message."""
        if doc_id is not None:
            if not isinstance(doc_id, (str, int)) or isinstance(doc_id, bool):
                return f"document id must be a string, got {type(doc_id).__name__}"
            doc = self.by_id.get(str(doc_id))
            if doc is None:
                known = ", ".join(repr(k) for k in list(self.by_id)[:5]) + (", ..." if len(self.by_id) > 5 else "")
                return f"unknown document {str(doc_id)!r} (corpus has {known or 'no documents'})"
            if text is not None and text != doc.text:
                return (f"the text differs from corpus document {doc.id!r} (first difference at character "
                        f"{_first_difference(str(text), doc.text)}): offsets would point elsewhere")
            return doc
        if not isinstance(text, str):
            return "no document id and no text: cannot tell which corpus document this is"
        found = self.by_text.get(text, [])
        if len(found) == 1:
            return found[0]
        if not found:
            return f"no corpus document has this text ({_preview(text)}): give its doc id"
        return f"{len(found)} corpus documents have this text ({', '.join(d.id for d in found[:5])}): give its doc id"


def _preview(text: str, n: int = 40) -> str:
    return repr(text[:n] + ("…" if len(text) > n else ""))


def _first_difference(a: str, b: str) -> int:
    return next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))


@dataclass
class Reading:
    """The state of one conversion: where the input is, the corpus, problems and notes so far."""

    path: str
    finder: DocFinder
    options: Options = field(default_factory=Options)
    problems: list[Problem] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    seen: dict[str, int] = field(default_factory=dict)  # doc id -> line where it was first given
    trimmed: int = 0
    skipped: Counter[str] = field(default_factory=Counter)  # why -> how many records were left out
    uncovered: list[str] = field(default_factory=list)  # documents a token format stops short of
    records: dict[str, list[tuple[int, str, dict]]] = field(default_factory=dict)
    """Quote and claim records read (task -> (line, field, record without id)), for the formats
    that carry them (:mod:`newsgold.convert.relations`)."""
    ignored: Counter[str] = field(default_factory=Counter)  # what newsgold does not read -> how many

    def bad(self, line: int, where: str, message: str) -> None:
        self.problems.append(Problem(self.path, line, where, message))

    def document(self, line: int, where: str, doc_id: object, text: object) -> Document | None:
        """The corpus document of a record (a problem when there is none, or when the document
        was already given by an earlier record)."""
        found = self.finder.find(doc_id, text)
        if isinstance(found, str):
            self.bad(line, where, found)
            return None
        if found.id in self.seen:
            self.bad(line, where, f"document {found.id!r} was already given on line {self.seen[found.id]}")
            return None
        self.seen[found.id] = line
        return found

    def add(self, doc: Document, line: int, where: str, start: Any, end: Any, label: Any,
            key: Any = None, text: Any = None) -> None:
        """Check one entity (:meth:`span`) and keep it."""
        m = self.span(doc, line, where, start, end, label, key, text)
        if m is not None:
            self.mentions.append(m)

    def span(self, doc: Document, line: int, where: str, start: Any, end: Any, label: Any,
             key: Any = None, text: Any = None, rid: str = "") -> Mention | None:
        """One labelled span, checked: integer offsets inside the document, ``text`` (when the
        format gives it) equal to the slice, a non-empty label; white space at the edges trimmed.
        ``None`` (and a problem) when it fails."""
        if not _is_int(start) or not _is_int(end):
            self.bad(line, where, f"offsets must be integers, got start {start!r}, end {end!r}")
            return None
        if not 0 <= start < end <= len(doc.text):
            self.bad(line, where, f"offsets [{start}, {end}) are outside document {doc.id!r} "
                                  f"({len(doc.text)} characters) or empty")
            return None
        if text is not None and text != doc.text[start:end]:
            self.bad(line, where, f"text {_preview(str(text))} != document[{start}:{end}] {_preview(doc.text[start:end])}")
            return None
        if not isinstance(label, str) or not label.strip() or any(c.isspace() for c in label):
            self.bad(line, where, f"label must be a non-empty string without spaces, got {label!r}")
            return None
        s, e = trim(doc.text, start, end)
        if s == e:
            self.bad(line, where, f"span [{start}, {end}) of document {doc.id!r} is only white space")
            return None
        self.trimmed += (s, e) != (start, end)
        return Mention(doc.id, s, e, label, key if isinstance(key, str) and key else None, line, rid, where)

    def raise_problems(self) -> None:
        if self.problems:
            raise InputError(sorted(self.problems, key=lambda p: (p.path, p.line)))


def jsonl_objects(path: Path, r: Reading) -> list[tuple[int, dict]]:
    """The JSON objects of a JSONL file, one per non-blank line; a line that is not JSON, or not an
    object, is a problem (:func:`newsgold.load.parse_jsonl_line`, the package's one line parser)."""
    from newsgold.load import parse_jsonl_line

    out: list[tuple[int, dict]] = []
    with path.open("rb") as fh:
        for n, raw in enumerate(fh, start=1):
            obj, problem = parse_jsonl_line(str(path), n, raw)
            if problem is not None:
                r.problems.append(problem)
            elif obj is not None and not isinstance(obj, dict):
                r.bad(n, "record", f"expected a JSON object, got {type(obj).__name__}")
            elif obj is not None:
                out.append((n, obj))
    return out


def _is_int(x: Any) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` without white space at either edge.

    >>> trim("a  Kerry\\u00a0 b", 1, 10)
    (3, 8)
    """
    while start < end and text[start] in WHITESPACE:
        start += 1
    while end > start and text[end - 1] in WHITESPACE:
        end -= 1
    return start, end


@dataclass
class Converted:
    """What ``newsgold convert --from`` read: checked records by task (``None``: the input has no
    record of that task, so no file is written for it) and the note lines for the user."""

    entities: list[Entity]
    quotes: list[Quote] | None = None
    claims: list[Claim] | None = None
    notes: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------
@dataclass
class Export:
    """What a writer produced: one file (``files[""]``) or a folder (name -> content), and the
    gold entities the format could not carry (one line each, never dropped silently; a format
    that carries no quotes or claims is named once by :func:`newsgold.convert.export_gold`)."""

    files: dict[str, str | bytes]
    folder: bool = False
    not_carried: list[str] = field(default_factory=list)
    written: dict[str, int] = field(default_factory=dict)  # task -> records in the output (set by export_gold)


def describe(e: Entity, why: str) -> str:
    """One line naming a gold entity a format cannot carry."""
    return f"{e.doc_id} {e.id} {e.text!r} [{e.start}, {e.end}) {e.label}: {why}"


def by_doc(entities: list[Entity]) -> dict[str, list[Entity]]:
    """Entities grouped by document, each group in text order."""
    out: dict[str, list[Entity]] = {}
    for e in sorted(entities, key=lambda e: (e.doc_id, e.start, e.end)):
        out.setdefault(e.doc_id, []).append(e)
    return out


def file_stem_ok(doc_id: str) -> bool:
    """Can a document id be a file name (brat writes one ``ID.ann`` per document)?"""
    return bool(doc_id) and doc_id not in (".", "..") and Path(doc_id).name == doc_id and "\\" not in doc_id and "\0" not in doc_id
