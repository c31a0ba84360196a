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

import hashlib
import re
from datetime import date
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
    task: str, path: str, rows: list[tuple[int, object]], docs: dict[str, Document],
    fields: dict[str, FieldSpec] | None = None, lenient: bool = False,
) -> list[Problem]:
    """Check the records of ``<task>.jsonl`` against the task's field specs (or ``fields``) and
    rules and the documents. ``lenient`` is for predictions: only the fields the metric uses are
    required (``FieldSpec.pred_optional``), a span's ``text`` is checked when present, unknown
    fields are ignored (see :func:`unknown_fields`). The gold is always checked strictly."""
    from newsgold.tasks import get_task

    spec = get_task(task)
    fields = spec.fields if fields is None else fields
    problems: list[Problem] = []
    first_id: dict[str, int] = {}
    flat: dict[str, list[tuple[int, str, dict]]] = {}  # doc_id -> (line, id, span)
    for line, obj in rows:
        if not isinstance(obj, dict):
            problems.append(Problem(path, line, "record", f"expected a JSON object, got {_describe(obj)}"))
            continue
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
        spans = _spans(fields, obj, bad)
        good: dict[str, dict] = {}
        for name, (prefix, span) in spans.items():
            span_found = _check_span(prefix, span, doc)
            found.extend(span_found)
            if not span_found:
                good[name] = span
        if spec.apart:
            main, parts = spec.apart
            for part in parts:
                if main in good and part in good and _overlap(good[main], good[part]):
                    found.append((part, f"{part} {_fmt(good[part])} overlaps the {main} {_fmt(good[main])}"))
        if spec.flat and "" in good and doc is not None and "id" not in bad:
            flat.setdefault(doc.id, []).append((line, obj.get("id", "entity"), good[""]))
        found.extend(spec.check_record(obj))
        problems.extend(_problems(path, line, found))
    for items in flat.values():
        problems.extend(_overlaps(path, items))
    return sorted(problems, key=lambda p: p.line)


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

