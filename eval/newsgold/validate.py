"""Stage 2: every check on corpus, gold and prediction records.

Field checks are driven by :data:`newsgold.schema.FIELDS` (kind, nullable, choices), so a field added
there is validated here without new code. The few rules that relate records to each other or to the
document (offsets, flat entities, quote parts apart from the content, ARTICLE claims) are small
tables below. Every problem is one :class:`~newsgold.errors.Problem` line; all problems of a file are
reported, sorted by line, so one run shows everything to fix.

>>> doc = Document("d", "Kerry met Lavrov.")
>>> rows = [(1, {"doc_id": "d", "id": "e1", "start": 0, "end": 4, "text": "Kery",
...              "label": "PERSON", "entity": None})]
>>> [str(p) for p in check_records("entities", "e.jsonl", rows, {"d": doc})]
["e.jsonl:1: text: 'Kery' != document[0:4] 'Kerr'"]
"""

from __future__ import annotations

import codecs
import hashlib
import io
import re
from collections.abc import Callable, Iterable
from datetime import date
from itertools import islice
from typing import Any

from newsgold.errors import Problem
from newsgold.schema import FIELDS, SPAN_FIELDS, Document, FieldSpec, overlaps

# (field, message) pairs for one record; turned into Problems with the path and line.
Found = list[tuple[str, str]]

_NON_EMPTY = frozenset({"id", "doc_id", "text"})
"""String fields that must not be ``""`` (an empty id or text is always a mistake)."""

_PATTERNS: dict[str, dict[str, tuple[str, str]]] = {
    "documents": {
        "language": (r"[a-z]{2}", "an ISO 639-1 code like 'en'"),
        "sha256": (r"[0-9a-f]{64}", "64 lower-case hex digits"),
    },
}
"""Extra format rules: kind -> field -> (full-match regex, what it should look like)."""

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _describe(value: Any) -> str:
    """Name a JSON value by its JSON type, so ``true`` is never mistaken for ``1``.

    >>> _describe(True), _describe("12"), _describe(None), _describe([1])
    ('boolean true', "string '12'", 'null', 'array')
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"boolean {'true' if value else 'false'}"
    if isinstance(value, (int, float)):
        return f"number {value!r}"
    if isinstance(value, str):
        return f"string {_short(value)}"
    return "array" if isinstance(value, list) else "object"


def _short(s: str, limit: int = 60) -> str:
    """``repr`` of a string, cut to ``limit`` characters so a problem stays one readable line."""
    return repr(s) if len(s) <= limit else repr(s[: limit - 1]) + "…"


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


_EXPECTED = {"str": "a string", "int": "an integer", "bool": "a boolean (true/false)",
             "date": "a YYYY-MM-DD date string", "span": "a span object {start, end, text}"}


def _is_str(v: Any) -> bool:
    return type(v) is str


def _is_text(v: Any) -> bool:
    return type(v) is str and v != ""


def _is_count(v: Any) -> bool:
    return type(v) is int and v >= 0


def _is_bool(v: Any) -> bool:
    return type(v) is bool


_SPAN_KEYS = frozenset(SPAN_FIELDS)


def _is_span(v: Any) -> bool:
    return (type(v) is dict and v.keys() == _SPAN_KEYS and _is_count(v["start"]) and _is_count(v["end"])
            and _is_text(v["text"]))


def _never(v: Any) -> bool:  # dates are rare (documents only): always the full check
    return False


def _value_ok(name: str, spec: FieldSpec) -> Callable[[Any], bool]:
    """A predicate true only for values of field ``name`` that :func:`_check_value` accepts (the
    common, valid case, tested with exact types); used by :func:`_quick_check`."""
    ok: Callable[[Any], bool] = {"int": _is_count, "bool": _is_bool, "span": _is_span}.get(spec.kind, _never)
    if spec.kind == "str":
        choices = frozenset(spec.choices or ())
        ok = (lambda v: type(v) is str and v in choices) if choices else \
            _is_text if (name in _NON_EMPTY or spec.nullable) else _is_str
    if spec.nullable:
        inner = ok
        return lambda v: v is None or inner(v)
    return ok


_QUICK: dict[int, tuple[dict[str, FieldSpec], Callable[[Any], bool]]] = {}


def _quick_check(fields: dict[str, FieldSpec]) -> Callable[[Any], bool]:
    """A fast test that ``_check_object(obj, fields)`` finds nothing: exact key set and exact types.
    Why: the generic checker costs several times the JSON parse; valid records (nearly all) take
    this path and any record it rejects goes through :func:`_check_object` for the messages, so
    what is reported never changes."""
    cached = _QUICK.get(id(fields))
    if cached is not None and cached[0] is fields:
        return cached[1]
    names = frozenset(fields)
    tests = tuple((name, _value_ok(name, spec)) for name, spec in fields.items())

    def quick(obj: Any) -> bool:
        return type(obj) is dict and obj.keys() == names and all(ok(obj[name]) for name, ok in tests)

    _QUICK[id(fields)] = (fields, quick)
    return quick


_DECODERS: dict[int, tuple[dict[str, FieldSpec], Any]] = {}


def _decoder(fields: dict[str, FieldSpec]) -> Any:
    """A msgspec JSON decoder whose target type says what :func:`_check_object` checks -- exact
    key set, JSON types (``true`` is no integer), integers >= 0, non-empty ids and texts, label
    choices -- generated from the field specs; ``None`` for a date field (documents only)."""
    cached = _DECODERS.get(id(fields))
    if cached is not None and cached[0] is fields:
        return cached[1]
    from typing import Annotated, Literal

    import msgspec

    text = Annotated[str, msgspec.Meta(min_length=1)]
    count = Annotated[int, msgspec.Meta(ge=0)]
    span = msgspec.defstruct("SpanJSON", [("start", count), ("end", count), ("text", text)], forbid_unknown_fields=True)
    members: list[tuple[str, Any]] = []
    decoder: Any = None
    for name, spec in fields.items():
        if spec.kind == "date":
            break
        kind: Any = {"int": count, "bool": bool, "span": span}.get(spec.kind)
        if spec.kind == "str":
            kind = Literal[spec.choices] if spec.choices else text if (name in _NON_EMPTY or spec.nullable) else str
        members.append((name, kind | None if spec.nullable else kind))
    else:
        decoder = msgspec.json.Decoder(msgspec.defstruct("RecordJSON", members, forbid_unknown_fields=True))
    _DECODERS[id(fields)] = (fields, decoder)
    return decoder


_SPACED_KEY_END = re.compile(rb'"[ \t\r\n]+:')
"""A key's closing quote, white space, a colon. Without any, every key ends in ``":``, and a file
whose records decoded with all their fields holds exactly as many ``":`` as they have fields only
when no object repeats a key (a string value holding ``":`` adds one and sends the file the slow
way, as does a file written with space before its colons)."""


def fast_records(task: str, raw: bytes, docs: dict[str, Document], allow_empty: bool = False,
                 fields: dict[str, FieldSpec] | None = None) -> list | None:
    """The records of a ``<task>.jsonl`` file's bytes when the file has no problem at all under
    the task's field specs (or ``fields``) and every field is present, else ``None`` -- then
    :func:`check_records` must run to say what is wrong (or, for predictions, to complete them).

    Why: valid files are the common case, and checking them field by field in Python costs
    several times the parse. Here msgspec decodes and type-checks each line in one pass (in C),
    then the rules that relate records to the documents and to each other run on the decoded
    values. It accepts a file only if :func:`check_records` finds nothing (every check here is
    the same or stricter: anything unusual -- a BOM-less odd byte, a blank line of Unicode
    spaces, a lone surrogate -- returns ``None``), and it builds the same records.
    """
    import msgspec

    from newsgold.tasks import get_task
    from newsgold.tasks.base import TaskBase

    spec = get_task(task)
    fields = spec.fields if fields is None else fields
    decoder = _decoder(fields)
    if decoder is None:
        return None
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[3:]
    if _SPACED_KEY_END.search(raw) is not None:
        return None  # see _SPACED_KEY_END
    span_names = _span_names(fields)
    own = bool(span_names) and span_names[0][0] == ""  # the record is a span (entities)
    others = span_names[1:] if own else span_names
    extra = spec.check_record if type(spec).check_record is not TaskBase.check_record else None
    canonical = {name: {c: c for c in f.choices} for name, f in fields.items() if f.choices}  # one string per label
    make = spec.record.from_dict
    flat: dict[str, list[tuple[int, int]]] = {}
    ids: set[str] = set()
    keys = 0
    out: list = []
    lines = (line for line in io.BytesIO(raw) if line.strip())
    while True:  # in chunks, so the decoded values of the whole file are never alive at once
        try:
            chunk = msgspec.to_builtins([decoder.decode(line) for line in islice(lines, 4096)])
        except (msgspec.DecodeError, msgspec.ValidationError):
            return None
        if not chunk:
            break
        for obj in chunk:
            doc = docs.get(obj["doc_id"])
            if doc is None or obj["id"] in ids:
                return None
            ids.add(obj["id"])
            keys += len(fields) + sum(3 for name, _ in others if obj[name] is not None)
            text = doc.text
            if own:
                start, end = obj["start"], obj["end"]
                if end <= start or end > len(text) or text[start:end] != obj["text"]:
                    return None
                if spec.flat:
                    flat.setdefault(doc.id, []).append((start, end))
            if (others and not _spans_ok(obj, text, others, spec.apart)) or (extra is not None and extra(obj)):
                return None
            obj["doc_id"] = doc.id  # one string object per document id, not one per record
            for name, same in canonical.items():
                obj[name] = same[obj[name]] if obj[name] is not None else None
            out.append(make(obj))
    if (not out and not allow_empty) or raw.count(b'":') != keys:
        return None  # (a key twice in one object: msgspec keeps the last, newsgold refuses it)
    return out if all(_disjoint(spans) for spans in flat.values()) else None


def _spans_ok(obj: dict, text: str, span_names: tuple[tuple[str, str], ...],
              apart: tuple[str, tuple[str, ...]] | None) -> bool:
    """Every span of a well-typed record is non-empty, inside the text and equal to its slice, and
    the parts that must lie apart from the main span do."""
    for name, _ in span_names:
        sp = obj[name] if name else obj
        if sp is not None and (sp["end"] <= sp["start"] or sp["end"] > len(text)
                               or text[sp["start"]:sp["end"]] != sp["text"]):
            return False
    if apart and obj[apart[0]] is not None:
        return not any(obj[p] is not None and _overlap(obj[apart[0]], obj[p]) for p in apart[1])
    return True


def _disjoint(spans: list[tuple[int, int]]) -> bool:
    """No two of these non-empty ``(start, end)`` spans overlap."""
    spans.sort()
    reach = -1
    for start, end in spans:
        if start < reach:
            return False
        reach = max(reach, end)
    return True


def _check_object(obj: dict, fields: dict[str, FieldSpec], prefix: str = "", lenient: bool = False) -> Found:
    """Missing, unknown, mistyped and out-of-choice fields of one JSON object. ``lenient``
    (predictions): ``pred_optional`` fields may be missing and unknown fields are ignored."""
    found: Found = []
    for name, spec in fields.items():
        if name not in obj:
            if not (lenient and spec.pred_optional):
                found.append((prefix + name, "missing required field"))
        else:
            found.extend(_check_value(prefix + name, name, spec, obj[name], lenient))
    if not lenient:
        for name in obj:
            if name not in fields:
                found.append((prefix + name, f"unknown field (expected only {', '.join(fields)})"))
    return found


def unknown_fields(obj: dict, fields: dict[str, FieldSpec]) -> list[str]:
    """The fields of a record (and of its span objects, dotted) that its specs do not name: a
    prediction may carry them (a model's ``score``), they are ignored.

    >>> unknown_fields({"start": 0, "score": 0.9, "content": {"start": 0, "end": 1, "x": 1}},
    ...                {"start": FieldSpec("int"), "content": FieldSpec("span")})
    ['score', 'content.x']
    """
    out = [name for name in obj if name not in fields]
    for name, spec in fields.items():
        if spec.kind == "span" and isinstance(obj.get(name), dict):
            out += [f"{name}.{k}" for k in obj[name] if k not in _SPAN_SPEC]
    return out


def _check_value(path: str, name: str, spec: FieldSpec, value: Any, lenient: bool = False) -> Found:
    if value is None:
        return [] if spec.nullable else [(path, f"expected {_EXPECTED[spec.kind]}, got null")]
    if spec.kind == "span":
        if not isinstance(value, dict):
            return [(path, f"expected {_EXPECTED['span']}, got {_describe(value)}")]
        return _check_object(value, _SPAN_SPEC_PRED if lenient else _SPAN_SPEC, path + ".", lenient)
    ok = {"str": isinstance(value, str), "date": isinstance(value, str),
          "int": _is_int(value), "bool": isinstance(value, bool)}[spec.kind]
    if not ok:
        return [(path, f"expected {_EXPECTED[spec.kind]}, got {_describe(value)}")]
    if spec.kind == "int" and value < 0:
        return [(path, f"must be >= 0, got {value}")]
    if spec.kind == "date":
        return _check_date(path, value)
    if spec.kind == "str":
        if value == "" and name in _NON_EMPTY:
            return [(path, "must not be empty")]
        if value == "" and spec.nullable:
            return [(path, "empty string: use null for 'none'")]
        if spec.choices and value not in spec.choices:
            msg = f"unknown {name} {value!r} (expected one of {', '.join(spec.choices)})"
            close = [c for c in spec.choices if c.lower() == value.lower()]
            return [(path, msg + (f"; did you mean {close[0]!r}?" if close else ""))]
    return []


_SPAN_SPEC = {"start": FieldSpec("int"), "end": FieldSpec("int"), "text": FieldSpec("str")}
_SPAN_SPEC_PRED = {**_SPAN_SPEC, "text": FieldSpec("str", pred_optional=True)}  # a prediction's span text is optional
assert tuple(_SPAN_SPEC) == SPAN_FIELDS


def _check_date(path: str, value: str) -> Found:
    if not _DATE.fullmatch(value):
        return [(path, f"{value!r} is not a YYYY-MM-DD date")]
    try:
        date.fromisoformat(value)
    except ValueError:
        return [(path, f"{value!r} is not a valid calendar date")]
    return []


def _check_span(prefix: str, span: dict, doc: Document | None) -> Found:
    """Order, bounds and text (when present) of one span whose field types are already known to be right."""
    start, end, text = span["start"], span["end"], span.get("text")
    if end <= start:
        return [(prefix + "end", f"end {end} <= start {start}: a span must be non-empty")]
    if doc is None:
        return []
    n = len(doc.text)
    if end > n:
        return [(prefix + "end", f"end {end} is past the end of document {doc.id!r} ({n} characters)")]
    actual = doc.text[start:end]
    if text is None or text == actual:
        return []
    if max(len(text), len(actual)) <= 60:
        return [(prefix + "text", f"{_short(text)} != document[{start}:{end}] {_short(actual)}")]
    i = next((k for k, (a, b) in enumerate(zip(text, actual)) if a != b), min(len(text), len(actual)))
    lo = max(0, i - 20)
    return [(prefix + "text", f"differs from document[{start}:{end}] at character {i} of the span: "
                              f"...{_short(text[lo:i + 20])} != ...{_short(actual[lo:i + 20])}")]


def _spans(fields: dict[str, FieldSpec], obj: dict, bad: set[str]) -> dict[str, tuple[str, dict]]:
    """The well-typed, non-null spans of a record: name -> (field-path prefix, span dict).

    A record whose fields include start/end/text (entities) is itself a span, named ``""``.
    """
    out: dict[str, tuple[str, dict]] = {}
    if all(f in fields for f in SPAN_FIELDS) and not bad & set(SPAN_FIELDS) and "start" in obj and "end" in obj:
        out[""] = ("", obj)
    for name, spec in fields.items():
        if spec.kind == "span" and isinstance(obj.get(name), dict) and not any(b.startswith(name + ".") for b in bad):
            out[name] = (name + ".", obj[name])
    return out


def _fmt(span: dict) -> str:
    text = span.get("text")
    return f"[{span['start']}, {span['end']})" + ("" if text is None else f" {_short(text, 40)}")


def _problems(path: str, line: int, found: Found) -> list[Problem]:
    return [Problem(path, line, f, m) for f, m in found]


def check_documents(
    path: str, rows: list[tuple[int, object]], seen_ids: set[str] | None = None
) -> list[Problem]:
    """Check corpus records: fields, date, language, sha256 of the text, unique ids.

    ``seen_ids`` carries ids across calls so :func:`newsgold.load.iter_corpus` can check a stream one
    line at a time; it is updated in place.
    """
    seen = set() if seen_ids is None else seen_ids
    first: dict[str, int] = {}
    problems: list[Problem] = []
    for line, obj in rows:
        if not isinstance(obj, dict):
            problems.append(Problem(path, line, "record", f"expected a JSON object, got {_describe(obj)}"))
            continue
        found = _check_object(obj, FIELDS["documents"])
        bad = {f for f, _ in found}
        for name, (regex, what) in _PATTERNS["documents"].items():
            value = obj.get(name)
            if name not in bad and isinstance(value, str) and not re.fullmatch(regex, value):
                found.append((name, f"{_short(value)} is not {what}"))
                bad.add(name)
        if not bad & {"text", "sha256"}:
            digest = hashlib.sha256(obj["text"].encode("utf-8")).hexdigest()
            if digest != obj["sha256"]:
                found.append(("sha256", f"{obj['sha256'][:12]}… does not match the text "
                                        f"(sha256 of its UTF-8 bytes is {digest})"))
        doc_id = obj.get("id")
        if "id" not in bad and isinstance(doc_id, str):
            if doc_id in seen:
                where = f" (first on line {first[doc_id]})" if doc_id in first else ""
                found.append(("id", f"duplicate document id {doc_id!r}{where}"))
            else:
                seen.add(doc_id)
                first[doc_id] = line
        problems.extend(_problems(path, line, found))
    return sorted(problems, key=lambda p: p.line)


def check_records(
    task: str, path: str, rows: Iterable[tuple[int, object]], docs: dict[str, Document],
    fields: dict[str, FieldSpec] | None = None, lenient: bool = False,
) -> list[Problem]:
    """Check the records of ``<task>.jsonl`` against the task's field specs (or ``fields``) and
    rules and the documents. ``lenient`` is for predictions: only the fields the metric uses are
    required (``FieldSpec.pred_optional``), a span's ``text`` is checked when present, unknown
    fields are ignored (see :func:`unknown_fields`). The gold is always checked strictly.
    """
    from newsgold.tasks import get_task
    from newsgold.tasks.base import TaskBase

    spec = get_task(task)
    fields = spec.fields if fields is None else fields
    quick = _quick_check(fields)  # the exact, complete form: passes the lenient check as well
    span_names = _span_names(fields)
    apart, flat_rule = spec.apart, spec.flat
    extra = spec.check_record if type(spec).check_record is not TaskBase.check_record else None
    problems: list[Problem] = []
    first_id: dict[str, int] = {}
    flat: dict[str, list[tuple[int, str, dict]]] = {}  # doc_id -> (line, id, span)
    for line, obj in rows:
        if not isinstance(obj, dict):
            problems.append(Problem(path, line, "record", f"expected a JSON object, got {_describe(obj)}"))
            continue
        complete = quick(obj)
        if complete:
            found: Found = []
            bad: set[str] = set()
        else:
            found = _check_object(obj, fields, lenient=lenient)
            bad = {f for f, _ in found}
        doc: Document | None = None
        if "doc_id" not in bad:
            doc = docs.get(obj["doc_id"])
            if doc is None:
                known = ", ".join(repr(k) for k in list(docs)[:5]) + (", ..." if len(docs) > 5 else "")
                found.append(("doc_id", f"unknown doc_id {obj['doc_id']!r} (corpus has {known or 'no documents'})"))
        if "id" not in bad and "id" in obj:
            rid = obj["id"]
            if rid in first_id:
                found.append(("id", f"duplicate id {rid!r} (first on line {first_id[rid]})"))
            else:
                first_id[rid] = line
        good = _check_spans(_good_spans(span_names, obj) if complete else _spans(fields, obj, bad), doc, apart, found)
        if flat_rule and "" in good and doc is not None and "id" not in bad:
            flat.setdefault(doc.id, []).append((line, obj.get("id", "entity"), good[""]))
        if extra is not None:
            found.extend(extra(obj))
        problems.extend(_problems(path, line, found))
    for items in flat.values():
        problems.extend(_overlaps(path, items))
    return sorted(problems, key=lambda p: p.line)


def _check_spans(spans: dict[str, tuple[str, dict]], doc: Document | None,
                 apart: tuple[str, tuple[str, ...]] | None, found: Found) -> dict[str, dict]:
    """Check a record's spans (and the parts that must lie apart from its main span), adding
    problems to ``found``; return the spans that passed, by name."""
    good: dict[str, dict] = {}
    for name, (prefix, span) in spans.items():
        span_found = _check_span(prefix, span, doc)
        if span_found:
            found.extend(span_found)
        else:
            good[name] = span
    if apart:
        main, parts = apart
        for part in parts:
            if main in good and part in good and _overlap(good[main], good[part]):
                found.append((part, f"{part} {_fmt(good[part])} overlaps the {main} {_fmt(good[main])}"))
    return good


def _span_names(fields: dict[str, FieldSpec]) -> tuple[tuple[str, str], ...]:
    """``(name, field-path prefix)`` of the spans a record of ``fields`` has: ``("", "")`` when the
    record itself is a span (entities), then each span-valued field."""
    own = (("", ""),) if all(f in fields for f in SPAN_FIELDS) else ()
    return own + tuple((name, name + ".") for name, spec in fields.items() if spec.kind == "span")


def _good_spans(names: tuple[tuple[str, str], ...], obj: dict) -> dict[str, tuple[str, dict]]:
    """:func:`_spans` of a record whose fields all passed (non-null spans only)."""
    out: dict[str, tuple[str, dict]] = {}
    for name, prefix in names:
        span = obj[name] if name else obj
        if span is not None:
            out[name] = (prefix, span)
    return out


def _overlap(a: dict, b: dict) -> bool:
    return overlaps(a["start"], a["end"], b["start"], b["end"])


def _overlaps(path: str, items: list[tuple[int, str, dict]]) -> list[Problem]:
    """Overlapping spans of one document, each reported once, on the later line of the pair."""
    out: list[Problem] = []
    items = sorted(items, key=lambda t: (t[2]["start"], t[2]["end"], t[0]))
    reach: tuple[int, str, dict] | None = None  # the earlier span reaching furthest right
    for item in items:
        if reach is not None and _overlap(reach[2], item[2]):
            (l1, id1, s1), (l2, id2, s2) = sorted([reach, item], key=lambda t: t[0])
            out.append(Problem(path, l2, "start", f"entity span {_fmt(s2)} overlaps {id1} {_fmt(s1)} "
                                                  f"(line {l1}); entity spans must not overlap"))
        if reach is None or item[2]["end"] > reach[2]["end"]:
            reach = item
    return out

