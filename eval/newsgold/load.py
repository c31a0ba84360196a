"""Stage 1: read the corpus and annotation (gold or prediction) folders.

Files are JSONL, UTF-8. A UTF-8 BOM and CRLF line endings are accepted (and stripped) so files
written on Windows load the same; blank lines are skipped. Reading never modifies a file.

What RFC 8259 leaves open is bad input here, one problem each: ``NaN``/``Infinity`` (and numbers
too large for a float), a key twice in one object, and nesting too deep to parse.

Loading always validates (:mod:`newsgold.validate`): a problem raises :class:`newsgold.errors.InputError`
carrying every ``path:line: field: what is wrong`` found, so callers never see half-valid data.
"""

from __future__ import annotations

import gc
import json
import math
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from newsgold.errors import InputError, Problem
from newsgold.schema import Document, FieldSpec
from newsgold.settings import Settings
from newsgold.tasks import TASKS

DEFAULT_CORPUS = Path("corpus/documents.jsonl")
DEFAULT_ANNOTATIONS = Path("annotations")


class _NotJson(ValueError):
    """A JSON text Python's parser would accept but newsgold refuses (see the module docstring)."""


def _object(pairs: list[tuple[str, object]]) -> dict[str, object]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        key = next(k for k, _ in pairs if k in seen or seen.add(k))  # type: ignore[func-returns-value]
        raise _NotJson(f"duplicate key {key!r} in one object")
    return obj


def _constant(name: str) -> object:
    raise _NotJson(f"{name} is not a JSON number")


def _float(text: str) -> float:
    x = float(text)
    if not math.isfinite(x):
        raise _NotJson(f"number {text[:20]} is too large for a float")
    return x


def loads(text: str) -> object:
    """``json.loads`` that refuses NaN/Infinity, overflowing numbers and duplicate keys
    (:class:`ValueError`), and raises :class:`RecursionError` for too deep nesting.

    >>> loads('{"a": 1, "b": [1.5]}')
    {'a': 1, 'b': [1.5]}
    >>> try:
    ...     loads('{"a": 1, "a": 2}')
    ... except ValueError as e:
    ...     print(e)
    duplicate key 'a' in one object
    """
    return json.loads(text, object_pairs_hook=_object, parse_constant=_constant, parse_float=_float)


def _json_problem(e: BaseException) -> str:
    if isinstance(e, json.JSONDecodeError):
        return f"invalid JSON: {e.msg} (column {e.colno})"
    if isinstance(e, RecursionError):
        return "invalid JSON: nested too deeply to read"
    return f"invalid JSON: {e}"


def parse_jsonl_line(path: str, n: int, raw: bytes | str) -> tuple[object | None, Problem | None]:
    """The JSON value of line ``n`` of a JSONL file (``None`` for a blank line) or the problem
    with it: the one line parser of the package (the loader and the file backend both use it).
    A UTF-8 BOM on line 1 and a CR before the newline are accepted.

    >>> parse_jsonl_line("f", 2, b'{"a": 1}\\r\\n')
    ({'a': 1}, None)
    >>> str(parse_jsonl_line("f", 3, "{")[1])
    'f:3: json: invalid JSON: Expecting property name enclosed in double quotes (column 2)'
    """
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8-sig" if n == 1 else "utf-8")
        except UnicodeDecodeError:
            return None, Problem(path, n, "file", "not valid UTF-8")
    line = raw.rstrip("\r\n")
    if not line.strip():
        return None, None
    try:
        return loads(line), None
    except (ValueError, RecursionError) as e:
        return None, Problem(path, n, "json", _json_problem(e))


def read_jsonl_all(path: str | Path, allow_empty: bool = False) -> tuple[list[tuple[int, object]], list[Problem]]:
    """Every parseable ``(line_number, value)`` of a JSONL file plus a problem for each line that
    is not valid JSON -- so a validator can report *all* problems of a file, not just the first.

    An unreadable file, invalid UTF-8 or (unless ``allow_empty``) a file with no records is a
    single problem and no rows.
    """
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as e:
        return [], [Problem(str(path), 0, "file", unreadable(p, e))]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        return [], [Problem(str(path), raw[: e.start].count(b"\n") + 1, "file", "not valid UTF-8")]
    rows: list[tuple[int, object]] = []
    problems: list[Problem] = []
    for n, line in enumerate(text.split("\n"), start=1):
        obj, problem = parse_jsonl_line(str(path), n, line)
        if problem is not None:
            problems.append(problem)
        elif obj is not None or line.strip():
            rows.append((n, obj))
    if not rows and not problems and not allow_empty:
        problems.append(Problem(str(path), 1, "file", "empty file: no records"))
    return rows, problems


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: loading and counting allocate hundreds of thousands of
    objects that all stay alive, so collections find nothing and cost a third of the time.
    Reference counting still frees everything that is dropped. On the way out the survivors are
    frozen (``gc.freeze``: never scanned again -- otherwise the first collection after the pause
    walks them all) and the collector is restored."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was:
            gc.enable()


def read_jsonl(path: str | Path, allow_empty: bool = False) -> Iterator[tuple[int, object]]:
    """Yield ``(line_number, parsed_json)`` for each non-blank line (1-based numbers).

    Raises :class:`InputError` (with every bad line) for an unreadable file, a file with no
    records, invalid UTF-8 or invalid JSON. ``allow_empty`` accepts a file with no records: a
    prediction file of a system that found nothing is legitimate, an empty gold file is not.
    """
    rows, problems = read_jsonl_all(path, allow_empty)
    if problems:
        raise InputError(problems)
    yield from rows


def not_found(path: Path) -> str:
    """"does not exist", saying where a relative path was looked for (defaults such as
    ``corpus/documents.jsonl`` are relative to the current folder, i.e. the project root)."""
    return "does not exist" if path.is_absolute() else f"does not exist (relative to {Path.cwd()})"


def unreadable(path: Path, e: OSError) -> str:
    """Why ``path`` cannot be read, naming a dangling symbolic link as such."""
    if path.is_symlink() and not path.exists() and e.errno != 40:  # ELOOP keeps its own message
        return f"dangling symbolic link (to {os.readlink(path)})"
    if e.errno == 2 and not path.is_absolute():  # ENOENT on a relative path: say where it was looked for
        return f"{e.strerror} (relative to {Path.cwd()})"
    return e.strerror or str(e)


def parse_json(text: str, where: str) -> object:
    """:func:`loads` with an invalid document reported as ``where:line: json: invalid JSON: …``."""
    try:
        return loads(text)
    except (ValueError, RecursionError) as e:
        line = e.lineno if isinstance(e, json.JSONDecodeError) else 0
        raise InputError(Problem(where, line, "json", _json_problem(e))) from None


def read_json(path: str | Path) -> object:
    """A whole JSON file (reports, baselines, label maps; a BOM is accepted); an unreadable file
    or invalid JSON is one :class:`InputError` line."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        msg = unreadable(p, e) if isinstance(e, OSError) else str(e)
        raise InputError(Problem(str(p), 0, "file", msg)) from None
    return parse_json(text, str(p))


class Annotations:
    """The records of one annotation or prediction folder, indexed by task name.

    A task whose file is absent is ``None`` (the system does not do that task), which is
    different from an empty list. Tasks read as attributes too (``ann.entities``).
    """

    def __init__(self, path: str | Path, files: dict[str, Path] | None = None, **records: list | None):
        unknown = set(records) - set(TASKS)
        if unknown:
            raise TypeError(f"unknown task(s) {sorted(unknown)} (registered: {', '.join(TASKS)})")
        self.path = Path(path)
        self.files: dict[str, Path] = dict(files or {})
        self.records: dict[str, list | None] = {t: records.get(t) for t in TASKS}
        self.notes: list[str] = []  # one line per file with ignored fields (lenient predictions)

    def __getattr__(self, name: str) -> list | None:
        records = self.__dict__.get("records", {})
        if name in records:
            return records[name]
        raise AttributeError(name)

    def __repr__(self) -> str:
        sizes = {t: None if r is None else len(r) for t, r in self.records.items()}
        return f"Annotations({str(self.path)!r}, {sizes})"

    def task(self, name: str) -> list | None:
        """The records of task ``name``, ``None`` when the folder has no file for it."""
        return self.records.get(name)

    def set(self, name: str, records: list | None) -> None:
        self.records[name] = records

    def by_doc(self, name: str) -> dict[str, list]:
        out: dict[str, list] = {}
        for r in self.task(name) or []:
            out.setdefault(r.doc_id, []).append(r)
        return out


def load_corpus(path: str | Path = DEFAULT_CORPUS) -> list[Document]:
    """Load and validate a corpus file; any number of documents."""
    from newsgold.validate import check_documents

    with gc_paused():
        rows = list(read_jsonl(path))
        problems = check_documents(str(path), rows)
        if problems:
            raise InputError(problems)
        return [Document.from_dict(obj) for _, obj in rows]  # type: ignore[arg-type]


def iter_corpus(path: str | Path = DEFAULT_CORPUS) -> Iterator[Document]:
    """Stream documents one at a time (constant memory), validating each line as it comes."""
    from newsgold.validate import check_documents

    seen: set[str] = set()
    for n, obj in read_jsonl(path):
        problems = check_documents(str(path), [(n, obj)], seen_ids=seen)
        if problems:
            raise InputError(problems)
        yield Document.from_dict(obj)  # type: ignore[arg-type]


def load_annotations(
    directory: str | Path, documents: list[Document], allow_empty: bool = False,
    predictions: Settings | None = None, tasks: Iterable[str] | None = None,
) -> Annotations:
    """Load ``entities.jsonl``, ``quotes.jsonl`` and ``claims.jsonl`` from a folder and validate
    them against the documents. Missing files leave that task ``None``; ``allow_empty`` is for
    prediction folders (see :func:`read_jsonl`). A task file that exists but cannot be read
    (dangling or looping symbolic link, a folder, no permission) is a problem, never "no such
    task"; a folder none of whose records names a document of the corpus gets one hint line.

    ``predictions``: the folder holds predictions to be scored under these settings, checked
    leniently (empty files allowed, only the fields the metric uses required, unknown fields
    ignored with one note per file in ``Annotations.notes``, entity labels checked after the label
    map); the gold is always loaded strictly. ``tasks`` limits loading to those task files
    (default: all), so scoring one task neither reads nor validates the others.

    A file without any problem (and, for predictions, with every field present) is decoded,
    checked and turned into records in one pass (:func:`newsgold.validate.fast_records`); only
    the other files are parsed line by line and checked field by field, which says what is wrong.
    The cyclic garbage collector is paused meanwhile (:func:`gc_paused`)."""
    from newsgold.tasks import get_task
    from newsgold.validate import check_records, fast_records

    d = Path(directory)
    if not d.is_dir():
        raise InputError(Problem(str(d), 0, "folder", "not a directory" if d.exists() else not_found(d)))
    ann = Annotations(path=d)
    docs = {doc.id: doc for doc in documents}
    wanted = set(TASKS if tasks is None else tasks)
    empty_ok = allow_empty or predictions is not None
    fast: dict[str, list] = {}
    read: dict[str, tuple[Path, list[tuple[int, object]], list[Problem]]] = {}
    with gc_paused():
        for task in TASKS:
            f = d / f"{task}.jsonl"
            if task not in wanted or not os.path.lexists(f):
                continue
            spec = get_task(task)
            records = None
            try:
                fields = spec.fields if predictions is None else spec.prediction_fields(predictions)
                records = fast_records(task, f.read_bytes(), docs, empty_ok, fields)
            except OSError:
                pass  # the line-by-line reading below names the problem
            if records is not None:
                fast[task] = records
            else:
                read[task] = (f, *read_jsonl_all(f, allow_empty=empty_ok))
    # (records the fast path took all name documents of the corpus, so no hint when there are any)
    hint = None if any(fast.values()) else other_corpus(d, [obj for _, rows, _ in read.values() for _, obj in rows], docs)
    if hint is not None:
        raise InputError([p for _, _, bad in read.values() for p in bad] + [hint])
    for task, records in fast.items():
        ann.set(task, records)
        ann.files[task] = d / f"{task}.jsonl"
    problems: list[Problem] = []
    for task, (f, rows, bad_lines) in read.items():
        spec = get_task(task)
        fields = spec.fields if predictions is None else spec.prediction_fields(predictions)
        found = sorted(bad_lines + check_records(task, str(f), rows, docs, fields, lenient=predictions is not None),
                       key=lambda p: p.line)
        if found:
            problems.extend(found)
            continue
        if predictions is not None:
            rows, note = complete_predictions(str(f), rows, fields, docs)
            ann.notes += note
        ann.set(task, [spec.record.from_dict(obj) for _, obj in rows])
        ann.files[task] = f
    if problems:
        raise InputError(problems)
    ann.files = {t: ann.files[t] for t in TASKS if t in ann.files}
    return ann


def other_corpus(folder: Path, records: list[object], docs: dict[str, Document]) -> Problem | None:
    """One problem when records name documents but none of this corpus (a gold made for another
    corpus), instead of an "unknown doc_id" line per record; ``None`` otherwise."""
    named = sorted({r["doc_id"] for r in records if isinstance(r, dict) and isinstance(r.get("doc_id"), str)})
    if not named or any(n in docs for n in named):
        return None

    def some(ids: list[str]) -> str:
        return ", ".join(repr(i) for i in ids[:3]) + (", ..." if len(ids) > 3 else "")

    return Problem(str(folder), 0, "doc_id", f"no record names a document of the corpus (records name {some(named)}; "
                   f"the corpus has {some(list(docs)) or 'no documents'}): made for another corpus? "
                   "give the one it belongs to with --corpus")


def complete_predictions(
    path: str, rows: list[tuple[int, object]], fields: dict[str, FieldSpec], docs: dict[str, Document]
) -> tuple[list[tuple[int, object]], list[str]]:
    """Valid lenient prediction rows (see :func:`newsgold.validate.check_records`) made whole: a
    missing ``id`` is generated (``L<line>``), a missing ``text`` read from the document, any other
    missing field null; unknown fields dropped and named in one note line for the file.

    >>> doc = Document("d", "Kerry met Lavrov.")
    >>> from newsgold.schema import FIELDS
    >>> rows, notes = complete_predictions("p.jsonl", [(3, {"doc_id": "d", "start": 0, "end": 5, "label": "PERSON",
    ...                                                      "score": 0.9})], FIELDS["entities"], {"d": doc})
    >>> rows[0][1]
    {'doc_id': 'd', 'id': 'L3', 'start': 0, 'end': 5, 'text': 'Kerry', 'label': 'PERSON', 'entity': None}
    >>> notes
    ['note: p.jsonl: ignored fields the scorer does not use: score (1 of 1 records)']
    """
    from collections import Counter

    from newsgold.validate import unknown_fields

    ignored: Counter[str] = Counter()
    out: list[tuple[int, object]] = []
    for n, obj in rows:
        assert isinstance(obj, dict)  # validated
        text = docs[obj["doc_id"]].text
        ignored.update(unknown_fields(obj, fields))
        full: dict[str, object] = {}
        for name, spec in fields.items():
            value = obj.get(name)
            if name not in obj:
                value = f"L{n}" if name == "id" else text[obj["start"]:obj["end"]] if name == "text" else None
            elif spec.kind == "span" and isinstance(value, dict):
                value = {"start": value["start"], "end": value["end"],
                         "text": value.get("text", text[value["start"]:value["end"]])}
            full[name] = value
        out.append((n, full))
    notes = []
    if ignored:
        names = ", ".join(f"{k} ({v} of {len(rows)} records)" for k, v in sorted(ignored.items()))
        notes.append(f"note: {path}: ignored fields the scorer does not use: {names}")
    return out, notes
