"""brat standoff: a folder of ``ID.ann`` files, each with an optional ``ID.txt``.

Reading (https://brat.nlplab.org/standoff.html): text-bound annotations
``T1<TAB>LABEL START END<TAB>text``, discontinuous ones ``T2<TAB>LABEL 0 5;10 15<TAB>...`` (an
error unless ``--discontinuous hull`` -- the span from the first start to the last end -- or
``skip``); the document is the corpus document named by the file stem; when there is none, the one
whose text equals ``ID.txt``; an ``ID.txt`` beside a known document must hold exactly its text
(otherwise the offsets point elsewhere). An entity key is read from an annotator note
``#1<TAB>AnnotatorNotes T1<TAB>entity=KEY`` or a normalisation ``N1<TAB>Reference T1 newsgold:KEY``.

Quotes and claims (:mod:`newsgold.convert.relations` has the mapping): spans labelled ``Quote``,
``Speaker``, ``Cue``, ``Claim``, ``Claimant``; relations ``R1<TAB>Said_by Arg1:T3 Arg2:T4`` (any
argument names, either order), ``Cued_by``, ``Claimed_by``; attributes ``A1<TAB>Type T3 direct``,
``A2<TAB>Status T5 reported``, the binary ``A3<TAB>CheckWorthy T5``; key notes as annotator notes
of ``NAME=KEY`` tokens (``#2<TAB>AnnotatorNotes T3<TAB>speaker_entity=sergey-lavrov via=tass``). A
relation or attribute naming an id the file does not define is an error; relations, attributes,
events and notes of other names are counted in one note line; a note that is not all ``NAME=KEY``
tokens is free text, not read.

Writing: ``ID.txt`` (the document text) and ``ID.ann`` for every corpus document, entity keys as
annotator notes, quotes and claims as above (keys as notes on the quote or claim, white space in a
key written as ``_``, which :func:`newsgold.keys.norm_key` ignores), and an ``annotation.conf``
declaring every label, relation and attribute written, so brat opens the folder as is.
"""

from __future__ import annotations

import re
from pathlib import Path

from newsgold.convert.common import Export, Options, Reading, by_doc, file_stem_ok
from newsgold.convert.relations import KEY_NOTES, Attr, Link, Parts, assemble, layout
from newsgold.convert.relations import by_doc as records_by_doc
from newsgold.errors import InputError, Problem
from newsgold.schema import CLAIM_STATUSES, QUOTE_TYPES, Claim, Document, Entity, Quote

_T = re.compile(r"(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t?(.*)")
_R = re.compile(r"(R\S*)\t(\S+) \w+:(\S+) \w+:(\S+)\s*")
_A = re.compile(r"([AM]\S*)\t(\S+) (\S+)(?: (\S+))?\s*")
_NOTE = re.compile(r"#\S*\tAnnotatorNotes (\S+)\t(.*)")
_KEYS = re.compile(r"\s*(?:(?:" + "|".join(KEY_NOTES) + r")=\S+\s*)+")
_ONE_KEY = re.compile(r"\s*(" + "|".join(KEY_NOTES) + r")\s*=\s*(\S.*?)\s*")
"""One key note whose key has spaces or spaces round "=" ("speaker_entity = John Kerry"): taken
as written, as a Label Studio key TextArea is (keys compare by ``newsgold.keys.norm_key``)."""
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
    where = Reading(str(ann), r.finder, r.options)
    parts = Parts(found, notes=_notes(lines, where))
    for n, line in enumerate(lines, start=1):
        _read_line(n, line, parts, where)
    assemble(where, parts)
    r.problems.extend(where.problems)
    r.mentions.extend(where.mentions)
    r.trimmed += where.trimmed
    r.skipped.update(where.skipped)
    r.ignored.update(where.ignored)
    for task, records in where.records.items():
        r.records.setdefault(task, []).extend(records)


def _notes(lines: list[str], r: Reading) -> dict[str, dict[str, str]]:
    """Key notes by annotation id: ``NAME=KEY`` annotator notes and newsgold normalisations (other
    notes counted as not read)."""
    notes: dict[str, dict[str, str]] = {}
    for line in lines:
        m = _NOTE.fullmatch(line)
        one = _ONE_KEY.fullmatch(m.group(2)) if m else None
        if m and _KEYS.fullmatch(m.group(2)):
            notes.setdefault(m.group(1), {}).update(t.split("=", 1) for t in m.group(2).split())  # type: ignore[misc]
        elif m and one:
            notes.setdefault(m.group(1), {})[one.group(1)] = one.group(2)
        elif m:
            r.ignored["free-text annotator note"] += 1
        m = _NORM.fullmatch(line)
        if m:
            notes.setdefault(m.group(1), {})["entity"] = m.group(2)
        elif line.startswith("N") and "\t" in line:
            r.ignored["normalisation " + line.split("\t")[1].split(" ")[-1].split(":")[0]] += 1
    return notes


def _read_line(n: int, line: str, parts: Parts, r: Reading) -> None:
    """One line of an ``.ann`` file into ``parts`` (text-bound spans checked into ``r``)."""
    aid = line.split("\t", 1)[0] if "\t" in line else ""
    if line.startswith("T"):
        _read_span(n, line, parts, r)
    elif line.startswith("R"):
        m = _R.fullmatch(line)
        if m is None:
            r.bad(n, "line", f"not a brat relation 'R1<TAB>TYPE Arg1:T1 Arg2:T2': {line[:50]!r}")
            parts.known.add(aid)
        else:
            parts.known.add(m.group(1))
            parts.links.append(Link(m.group(2), m.group(3), m.group(4), n, m.group(1)))
    elif line[:1] in ("A", "M"):
        m = _A.fullmatch(line)
        if m is None:
            r.bad(n, "line", f"not a brat attribute 'A1<TAB>NAME T1 [VALUE]': {line[:50]!r}")
        else:
            parts.attrs.append(Attr(m.group(2), m.group(3), m.group(4), n, m.group(1)))
        parts.known.add(aid)
    elif line.startswith("E") and aid:
        parts.known.add(aid)
        r.ignored["event " + line.split("\t")[1].split(":", 1)[0]] += 1
    elif line.startswith("*"):
        r.ignored["equivalence"] += 1
    elif line.startswith("#") and not _NOTE.fullmatch(line):
        r.bad(n, "line", f"not a brat note '#1<TAB>AnnotatorNotes T1<TAB>TEXT': {line[:50]!r}")
    elif line.startswith("N") and not re.fullmatch(r"N\S*\t\S+ \S+ \S+(?:\t.*)?", line):
        r.bad(n, "line", f"not a brat normalisation 'N1<TAB>Reference T1 DB:ID<TAB>TEXT': {line[:50]!r}")
    elif line.strip() and not line.startswith(("#", "N")):
        r.bad(n, "line", f"not a brat annotation line (T, R, E, A, M, N, * or #): {line[:50]!r}")


def _read_span(n: int, line: str, parts: Parts, r: Reading) -> None:
    m = _T.fullmatch(line)
    if m is None:
        r.bad(n, "line", f"not a brat text-bound annotation 'T1<TAB>LABEL START END<TAB>TEXT': {line[:50]!r}")
        parts.add(line.split("\t", 1)[0], None)
        return
    doc = parts.doc
    tid, label, offsets, text_field = m.groups()
    frags = [tuple(int(x) for x in f.split()) for f in offsets.split(";")]
    expected: str | None = text_field
    if _one_line(doc.text, frags) == text_field:
        expected = None  # the slice, with line breaks written as spaces (as brat does)
    if len(frags) > 1:
        how = r.options.discontinuous
        if how == "skip":
            r.skipped["discontinuous brat annotations"] += 1
            parts.add(tid, None)
            return
        if how != "hull":
            r.bad(n, "offsets", f"{tid} is discontinuous ({offsets}): use --discontinuous hull or skip")
            parts.add(tid, None)
            return
        expected = None
    start, end = frags[0][0], frags[-1][-1]
    key = parts.notes.get(tid, {}).get("entity")
    parts.add(tid, r.span(doc, n, tid, start, end, label, key, expected, rid=tid))


def _decode(path: Path, encoding: str, r: Reading) -> str | None:
    try:
        return path.read_bytes().decode(encoding)
    except UnicodeDecodeError:
        r.problems.append(Problem(str(path), 0, "file", "not valid UTF-8"))
        return None


def write(documents: list[Document], entities: list[Entity], options: Options,
          quotes: list[Quote] | None = None, claims: list[Claim] | None = None) -> Export:
    """A brat folder of the gold (module docstring)."""
    bad = [d.id for d in documents if not file_stem_ok(d.id)]
    if bad:
        raise InputError(Problem("--to brat", 0, "doc_id", f"document id {bad[0]!r} cannot be a file name"))
    grouped, quotes_of, claims_of = by_doc(entities), records_by_doc(quotes or []), records_by_doc(claims or [])
    files: dict[str, str | bytes] = {}
    used: dict[str, set[str]] = {"labels": set(), "relations": set(), "attributes": set()}
    for d in documents:
        ents = grouped.get(d.id, [])
        lines = []
        for i, e in enumerate(ents, start=1):
            lines.append(f"T{i}\t{e.label} {e.start} {e.end}\t{_one_line(d.text, [(e.start, e.end)])}")
            if e.entity:
                lines.append(f"#{i}\tAnnotatorNotes T{i}\tentity={_token(e.entity)}")
        lines += _parts_lines(d, len(ents), quotes_of.get(d.id, []), claims_of.get(d.id, []), options, used)
        files[f"{d.id}.txt"] = d.text
        files[f"{d.id}.ann"] = "".join(line + "\n" for line in lines)
    files["annotation.conf"] = _conf(sorted({e.label for e in entities}), used, options)
    return Export(files, folder=True)


def _parts_lines(d: Document, base: int, quotes: list[Quote], claims: list[Claim], options: Options,
                 used: dict[str, set[str]]) -> list[str]:
    """The T, R, A and # lines of one document's quotes and claims (T numbers after the entities')."""
    out = layout(quotes, claims, options.roles)
    lines = [f"T{base + i}\t{label} {s} {e}\t{_one_line(d.text, [(s, e)])}" for i, (s, e, label) in enumerate(out.spans, start=1)]
    lines += [f"R{k}\t{name} Arg1:T{base + head + 1} Arg2:T{base + part + 1}" for k, (name, head, part) in enumerate(out.links, start=1)]
    lines += [f"A{k}\t{name} T{base + i + 1}" + ("" if value is None else f" {value}")
              for k, (name, i, value) in enumerate(out.attrs, start=1)]
    lines += [f"#{base + i + 1}\tAnnotatorNotes T{base + i + 1}\t" + " ".join(f"{n}={_token(v)}" for n, v in keys)
              for i, keys in out.notes]
    used["labels"].update(label for _, _, label in out.spans)
    used["relations"].update(name for name, _, _ in out.links)
    used["attributes"].update(name for name, _, _ in out.attrs)
    return lines


def _conf(labels: list[str], used: dict[str, set[str]], options: Options) -> str:
    """``annotation.conf``: the entity labels, then every quote and claim label, relation and attribute written."""
    ro = options.roles
    roles = [x for x in (ro.quote, ro.speaker, ro.cue, ro.claim, ro.claimant) if x in used["labels"]]
    relations = [f"{name}\tArg1:{head}, Arg2:{part}" for name, head, part in (
        (ro.said_by, ro.quote, ro.speaker), (ro.cued_by, ro.quote, ro.cue), (ro.claimed_by, ro.claim, ro.claimant))
        if name in used["relations"] and part in used["labels"]]
    attributes = [line for name, line in (
        (ro.type, f"{ro.type}\tArg:{ro.quote}, Value:{'|'.join(QUOTE_TYPES)}"),
        (ro.status, f"{ro.status}\tArg:{ro.claim}, Value:{'|'.join(CLAIM_STATUSES)}"),
        (ro.checkworthy, f"{ro.checkworthy}\tArg:{ro.claim}")) if name in used["attributes"]]
    return ("[entities]\n" + "".join(f"{x}\n" for x in [*labels, *dict.fromkeys(roles)])
            + "\n[relations]\n" + "".join(f"{x}\n" for x in dict.fromkeys(relations))
            + "\n[events]\n\n[attributes]\n" + "".join(f"{x}\n" for x in attributes))


def _token(key: str) -> str:
    """A key as one ``NAME=KEY`` token: white space written as ``_`` (compared the same).

    >>> _token("Sergey  Lavrov")
    'Sergey_Lavrov'
    """
    return re.sub(r"\s+", "_", key.strip())


def start_end_text(text: str, frags: list[tuple[int, ...]]) -> str | None:
    """The slice from the first start to the last end, when the offsets are inside ``text``."""
    start, end = frags[0][0], frags[-1][-1]
    return text[start:end] if 0 <= start < end <= len(text) else None


def _one_line(text: str, frags: list[tuple[int, ...]]) -> str | None:
    """The annotation text as brat writes it: the slice with line breaks as spaces."""
    s = start_end_text(text, frags)
    return None if s is None else re.sub(r"[\r\n]", " ", s)
