"""Label Studio's JSON export (the "JSON" option of Export, a list of tasks).

Reading (https://labelstud.io/guide/export#Label-Studio-JSON-format-of-annotated-tasks): each task
has ``data.text`` and optionally ``data.doc_id`` or ``data.id`` naming the corpus document (else it
is found by its text); its spans are the ``result`` items of type ``labels`` with
``value.start``, ``value.end``, ``value.labels`` (one label) and optionally ``value.text``
(checked). ``--use annotations`` (default) reads ``annotations`` (cancelled ones skipped),
``--use predictions`` reads ``predictions``; when a task has several, ``--annotation first``
(default), ``last``, an annotation ``id`` or an annotator (``completed_by``: user id or email)
picks one; a task without it is an error, never silently another annotator's. Label Studio measures offsets in UTF-16
code units (JavaScript strings); they are converted when the text has characters outside the
Basic Multilingual Plane and ``value.text`` confirms it. Problems are ``path:0: tasks.I...``
(the export is one JSON document).

Writing: one task per corpus document, ``data`` = ``{"text", "doc_id"}``, the gold as one
annotation (``from_name`` "label", ``to_name`` "text"), so the export can be imported into a
project whose config is ``<Labels name="label" toName="text">`` over ``<Text name="text" value="$text"/>``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from newsgold.convert.common import Export, Options, Reading, by_doc
from newsgold.errors import InputError, Problem
from newsgold.schema import Document, Entity


def read(path: Path, r: Reading) -> None:
    from newsgold.load import read_json

    data = read_json(path)
    if isinstance(data, dict) and isinstance(data.get("tasks"), list):
        data = data["tasks"]
    if not isinstance(data, list):
        raise InputError(Problem(str(path), 1, "tasks", "expected a JSON list of Label Studio tasks"))
    for i, task in enumerate(data):
        _read_task(i, task, r)


def _pick(i: int, items: list, r: Reading) -> tuple[str, dict] | None:
    """The one annotation (or prediction) of task ``i`` to read, with its field path."""
    kind = r.options.use
    live = [(k, a) for k, a in enumerate(items) if isinstance(a, dict) and not a.get("was_cancelled")]
    if not live:
        return None
    choice = r.options.annotation
    if choice == "first":
        k, a = live[0]
    elif choice == "last":
        k, a = live[-1]
    else:
        hits = [(k, a) for k, a in live if choice in (str(a.get("id")), _annotator(a))]
        if not hits:
            have = ", ".join(f"{a.get('id')} by {_annotator(a)}" for _, a in live)
            r.bad(0, f"tasks.{i}.{kind}", f"no {kind[:-1]} with id or annotator {choice} ({kind}: {have})")
            return None
        k, a = hits[0]
    return f"tasks.{i}.{kind}.{k}", a


def _annotator(a: dict) -> str:
    """Who made an annotation: ``completed_by`` is a user id, or a user object in some exports."""
    who = a.get("completed_by")
    if isinstance(who, dict):
        who = who.get("email", who.get("id"))
    return str(who)


def _read_task(i: int, task: Any, r: Reading) -> None:
    where = f"tasks.{i}"
    if not isinstance(task, dict) or not isinstance(task.get("data"), dict):
        r.bad(0, where, "expected a task object with 'data'")
        return
    data = task["data"]
    text = data.get("text")
    if not isinstance(text, str):
        r.bad(0, where + ".data.text", "missing: the task has no text")
        return
    doc = r.document(0, where, data.get("doc_id", data.get("id")), text)
    if doc is None:
        return
    items = task.get(r.options.use) or []
    if not isinstance(items, list):
        r.bad(0, f"{where}.{r.options.use}", "expected a list")
        return
    picked = _pick(i, items, r)
    if picked is None:
        return
    at, chosen = picked
    results = chosen.get("result") or []
    for k, res in enumerate(results if isinstance(results, list) else []):
        if not isinstance(res, dict) or res.get("type") != "labels":
            continue
        value = res.get("value") or {}
        labels = value.get("labels")
        if not isinstance(labels, list) or len(labels) != 1:
            r.bad(0, f"{at}.result.{k}", f"expected exactly one label in value.labels, got {labels!r}")
            continue
        start, end = value.get("start"), value.get("end")
        start, end = _code_points(doc.text, start, end, value.get("text"))
        r.add(doc, 0, f"{at}.result.{k}", start, end, labels[0], None, value.get("text"))


def _code_points(text: str, start: Any, end: Any, expected: Any) -> tuple[Any, Any]:
    """Offsets in Python characters: Label Studio's UTF-16 offsets converted when the text needs
    it and ``value.text`` confirms the conversion.

    >>> _code_points("😀 Kerry", 3, 8, "Kerry"), _code_points("Kerry", 0, 5, "Kerry")
    ((2, 7), (0, 5))
    """
    if not (isinstance(start, int) and isinstance(end, int)) or text.isascii() or all(ord(c) < 0x10000 for c in text):
        return start, end
    if isinstance(expected, str) and text[start:end] == expected:
        return start, end
    units = [0]
    for c in text:
        units.append(units[-1] + (2 if ord(c) >= 0x10000 else 1))
    index = {u: k for k, u in enumerate(units)}
    s, e = index.get(start), index.get(end)
    if s is not None and e is not None and (not isinstance(expected, str) or text[s:e] == expected):
        return s, e
    return start, end


def write(documents: list[Document], entities: list[Entity], options: Options) -> Export:
    """A Label Studio import/export file of the gold (module docstring)."""
    grouped = by_doc(entities)
    tasks = []
    for n, d in enumerate(documents, start=1):
        result = [{
            "id": f"{d.id}-{k}", "from_name": "label", "to_name": "text", "type": "labels", "origin": "manual",
            "value": {"start": _units(d.text, e.start), "end": _units(d.text, e.end), "text": e.text, "labels": [e.label]},
        } for k, e in enumerate(grouped.get(d.id, []), start=1)]
        tasks.append({"id": n, "data": {"text": d.text, "doc_id": d.id},
                      "annotations": [{"id": n, "result": result, "was_cancelled": False}], "predictions": []})
    return Export({"": json.dumps(tasks, ensure_ascii=False, indent=2) + "\n"})


def _units(text: str, offset: int) -> int:
    """A Python offset as Label Studio counts it (UTF-16 code units)."""
    if text.isascii():
        return offset
    return offset + sum(1 for c in text[:offset] if ord(c) >= 0x10000)
