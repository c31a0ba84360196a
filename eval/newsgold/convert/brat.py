"""brat standoff: a folder of ``ID.ann`` files, each with an optional ``ID.txt``.

Reading (https://brat.nlplab.org/standoff.html): text-bound annotations
``T1<TAB>LABEL START END<TAB>text``, discontinuous ones ``T2<TAB>LABEL 0 5;10 15<TAB>...`` (an
error unless ``--discontinuous hull`` -- the span from the first start to the last end -- or
``skip``); the document is the corpus document named by the file stem; when there is none, the one
whose text equals ``ID.txt``; an ``ID.txt`` beside a known document must hold exactly its text
(otherwise the offsets point elsewhere). An entity key is read from an annotator note
``#1<TAB>AnnotatorNotes T1<TAB>entity=KEY`` or a normalisation ``N1<TAB>Reference T1 newsgold:KEY``.
Relations, events, attributes and other notes are ignored.

Writing: ``ID.txt`` (the document text) and ``ID.ann`` for every corpus document, keys as
annotator notes, and an ``annotation.conf`` listing the labels, so brat opens the folder as is.
"""

from __future__ import annotations

import re
from pathlib import Path

from newsgold.convert.common import Export, Options, Reading, by_doc, file_stem_ok
from newsgold.errors import InputError, Problem
from newsgold.schema import Document, Entity

_T = re.compile(r"(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t?(.*)")
_NOTE = re.compile(r"#\d+\tAnnotatorNotes (T\d+)\tentity=(\S+)\s*")
_NORM = re.compile(r"N\d+\tReference (T\d+) newsgold:(\S+)(?:\t.*)?")


def read(path: Path, r: Reading) -> None:
    if not path.is_dir():
        raise InputError(Problem(str(path), 0, "folder", "not a folder (brat: a folder of ID.ann files)"))
    anns = sorted(path.glob("*.ann"))
    if not anns:
        raise InputError(Problem(str(path), 0, "folder", "holds no .ann file"))
    for ann in anns:
        _read_file(ann, r)


def _read_file(ann: Path, r: Reading) -> None:
    txt = ann.with_suffix(".txt")
    # bytes decoded as they are (no newline translation): brat counts a CRLF as two characters
    text = _decode(txt, "utf-8", r) if txt.is_file() else None
    raw = _decode(ann, "utf-8-sig", r)
    if raw is None or (text is None and txt.is_file()):
        return
    lines = [line.removesuffix("\r") for line in raw.split("\n")]
    where = Reading(str(ann), r.finder, r.options)
    stem = ann.stem
    doc_id = stem if stem in r.finder.by_id or text is None else None
    found = r.finder.find(doc_id, text)
    if isinstance(found, str):
        r.problems.append(Problem(str(txt if doc_id is None else ann), 0, "document", found))
        return
    if found.id in r.seen:
        r.problems.append(Problem(str(ann), 0, "document", f"document {found.id!r} was already given by another file"))
        return
    r.seen[found.id] = 0
    doc = found
    keys = {}
    for line in lines:
        m = _NOTE.fullmatch(line) or _NORM.fullmatch(line)
        if m:
            keys[m.group(1)] = m.group(2)
    for n, line in enumerate(lines, start=1):
        if not line.startswith("T"):
            continue
        m = _T.fullmatch(line)
        if m is None:
            where.bad(n, "line", f"not a brat text-bound annotation 'T1<TAB>LABEL START END<TAB>TEXT': {line[:50]!r}")
            continue
        tid, label, offsets, text_field = m.groups()
        frags = [tuple(int(x) for x in f.split()) for f in offsets.split(";")]
        expected: str | None = text_field
        if _one_line(doc.text, frags) == text_field:
            expected = None  # the slice, with line breaks written as spaces (as brat does)
        if len(frags) > 1:
            how = r.options.discontinuous
            if how == "skip":
                r.skipped["discontinuous brat annotations"] += 1
                continue
            if how != "hull":
                where.bad(n, "offsets", f"{tid} is discontinuous ({offsets}): use --discontinuous hull or skip")
                continue
            expected = None
        start, end = frags[0][0], frags[-1][-1]
        where.add(doc, n, tid, start, end, label, keys.get(tid), expected)
    r.problems.extend(where.problems)
    r.mentions.extend(where.mentions)
    r.trimmed += where.trimmed


def _decode(path: Path, encoding: str, r: Reading) -> str | None:
    try:
        return path.read_bytes().decode(encoding)
    except UnicodeDecodeError:
        r.problems.append(Problem(str(path), 0, "file", "not valid UTF-8"))
        return None


def write(documents: list[Document], entities: list[Entity], options: Options) -> Export:
    """A brat folder of the gold (module docstring)."""
    bad = [d.id for d in documents if not file_stem_ok(d.id)]
    if bad:
        raise InputError(Problem("--to brat", 0, "doc_id", f"document id {bad[0]!r} cannot be a file name"))
    grouped = by_doc(entities)
    files: dict[str, str | bytes] = {}
    for d in documents:
        lines = []
        for i, e in enumerate(grouped.get(d.id, []), start=1):
            lines.append(f"T{i}\t{e.label} {e.start} {e.end}\t{_one_line(d.text, [(e.start, e.end)])}")
            if e.entity:
                lines.append(f"#{i}\tAnnotatorNotes T{i}\tentity={e.entity}")
        files[f"{d.id}.txt"] = d.text
        files[f"{d.id}.ann"] = "".join(line + "\n" for line in lines)
    labels = sorted({e.label for e in entities})
    files["annotation.conf"] = "[entities]\n" + "".join(f"{lab}\n" for lab in labels) + "\n[relations]\n\n[events]\n\n[attributes]\n"
    return Export(files, folder=True)


def start_end_text(text: str, frags: list[tuple[int, ...]]) -> str | None:
    """The slice from the first start to the last end, when the offsets are inside ``text``."""
    start, end = frags[0][0], frags[-1][-1]
    return text[start:end] if 0 <= start < end <= len(text) else None


def _one_line(text: str, frags: list[tuple[int, ...]]) -> str | None:
    """The annotation text as brat writes it: the slice with line breaks as spaces."""
    s = start_end_text(text, frags)
    return None if s is None else re.sub(r"[\r\n]", " ", s)
