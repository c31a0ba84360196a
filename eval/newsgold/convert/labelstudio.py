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

Quotes and claims (:mod:`newsgold.convert.relations` has the mapping;
https://labelstud.io/guide/task_format, "How Label Studio saves results in annotations": the
results of one region share its ``id``): regions labelled ``Quote``, ``Speaker``, ``Cue``, ``Claim``,
``Claimant``; ``relation`` results ``{"from_id", "to_id", "labels": ["Said_by"]}`` (``Cued_by``,
``Claimed_by``; without a label, read from the regions they link; ``direction`` is not needed);
per-region ``choices`` results named ``Type``, ``Status`` and ``CheckWorthy`` (``value.choices``:
one value; CheckWorthy ``yes``/``true`` or ``no``/``false``); key notes as per-region ``textarea``
results named ``entity``, ``speaker_entity``, ``claimant`` or ``via`` (``value.text``: the key).
Results of other kinds or names (a whole-task classification, a rating) are counted in one note line.

Writing: one task per corpus document, ``data`` = ``{"text", "doc_id"}``, the gold as one
annotation (``from_name`` "label", ``to_name`` "text"; quotes and claims as above), so the export
can be imported into a project whose labelling config is::

    <View>
      <Text name="text" value="$text"/>
      <Labels name="label" toName="text">  <!-- the entity labels, then: -->
        <Label value="Quote"/><Label value="Speaker"/><Label value="Cue"/><Label value="Claim"/><Label value="Claimant"/>
      </Labels>
      <Relations><Relation value="Said_by"/><Relation value="Cued_by"/><Relation value="Claimed_by"/></Relations>
      <Choices name="Type" toName="text" perRegion="true" whenLabelValue="Quote">
        <Choice value="direct"/><Choice value="mixed"/><Choice value="indirect"/></Choices>
      <Choices name="Status" toName="text" perRegion="true" whenLabelValue="Claim">
        <Choice value="asserted"/><Choice value="reported"/><Choice value="hedged"/><Choice value="denied"/></Choices>
      <Choices name="CheckWorthy" toName="text" perRegion="true" whenLabelValue="Claim"><Choice value="yes"/></Choices>
      <TextArea name="entity" toName="text" perRegion="true"/>  <!-- and speaker_entity, claimant, via -->
    </View>
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from newsgold.convert.common import Export, Options, Reading, by_doc
from newsgold.convert.relations import KEY_NOTES, Attr, Link, Parts, assemble, layout
from newsgold.convert.relations import by_doc as records_by_doc
from newsgold.errors import InputError, Problem
from newsgold.schema import Claim, Document, Entity, Quote


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
    if picked is None:  # nothing to read: the document is missing from the input, not empty
        del r.seen[doc.id]
        r.skipped[f"task(s) with no {r.options.use[:-1]} to read (none, or all cancelled)"] += 1
        return
    at, chosen = picked
    results = chosen.get("result") or []
    parts = Parts(doc)
    for k, res in enumerate(results if isinstance(results, list) else []):
        if isinstance(res, dict):
            _read_result(f"{at}.result.{k}", res, parts, r)
    assemble(r, parts)


def _read_result(where: str, res: dict, parts: Parts, r: Reading) -> None:
    """One result of the chosen annotation into ``parts``: a labelled region, a relation, a
    per-region choice or key note, or something counted as not read."""
    rid = res.get("id")
    rid = str(rid) if isinstance(rid, (str, int)) and not isinstance(rid, bool) else None
    if rid is not None and res.get("type") != "labels":
        parts.known.add(rid)
    kind, name = res.get("type"), res.get("from_name")
    raw = res.get("value")
    value: dict = raw if isinstance(raw, dict) else {}
    if kind == "labels":
        _read_region(where, rid, value, parts, r)
    elif kind == "relation":
        _read_relation(where, res, parts, r)
    elif kind == "choices" and isinstance(name, str) and name.casefold() in _attribute_names(r):
        choices = value.get("choices")
        if rid is None or not isinstance(choices, list) or len(choices) != 1 or not isinstance(choices[0], str):
            r.bad(0, where, f"per-region {name} needs the region's id and one value in value.choices, "
                            f"got id {res.get('id')!r}, choices {choices!r}")
            if rid is not None:
                parts.refused.add((rid, name.casefold()))
        else:
            parts.attrs.append(Attr(name, rid, choices[0], 0, where))
    elif kind == "textarea" and name in KEY_NOTES:
        text = value.get("text")
        key = " ".join(text) if isinstance(text, list) and all(isinstance(t, str) for t in text) else text
        if rid is None or not isinstance(key, str):
            r.bad(0, where, f"key note {name} needs the region's id and its key in value.text, "
                            f"got id {res.get('id')!r}, text {text!r}")
        elif key.strip():
            parts.notes.setdefault(rid, {})[name] = key.strip()
    elif isinstance(kind, str):
        r.ignored[f"{kind} {name}" if isinstance(name, str) else kind] += 1


def _attribute_names(r: Reading) -> set[str]:
    ro = r.options.roles
    return {ro.type.casefold(), ro.status.casefold(), ro.checkworthy.casefold()}


def _read_region(where: str, rid: str | None, value: dict, parts: Parts, r: Reading) -> None:
    doc = parts.doc
    rid = rid or where
    if rid in parts.regions or rid in parts.dropped:
        r.bad(0, where, f"region id {rid!r} is labelled twice: give each labelled region its own id")
        return
    labels = value.get("labels")
    if not isinstance(labels, list) or len(labels) != 1:
        r.bad(0, where, f"expected exactly one label in value.labels, got {labels!r}")
        parts.add(rid, None)
        return
    start, end = _code_points(doc.text, value.get("start"), value.get("end"), value.get("text"))
    parts.add(rid, r.span(doc, 0, where, start, end, labels[0], None, value.get("text"), rid=rid))


def _read_relation(where: str, res: dict, parts: Parts, r: Reading) -> None:
    ends = res.get("from_id"), res.get("to_id")
    if not all(isinstance(x, (str, int)) and not isinstance(x, bool) for x in ends):
        r.bad(0, where, f"a relation needs from_id and to_id, got {ends[0]!r}, {ends[1]!r}")
        return
    labels = res.get("labels") or []
    if not isinstance(labels, list) or not all(isinstance(x, str) for x in labels):
        r.bad(0, where, f"relation labels must be a list of strings, got {labels!r}")
        return
    ro = r.options.roles
    ours = [x for x in labels if x.casefold() in {ro.said_by.casefold(), ro.cued_by.casefold(), ro.claimed_by.casefold()}]
    if len(ours) > 1:
        r.bad(0, where, f"a relation with two labels of newsgold's mapping: {', '.join(ours)}")
        return
    name = ours[0] if ours else (labels[0] if labels else None)
    parts.links.append(Link(name, str(ends[0]), str(ends[1]), 0, where))


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


def write(documents: list[Document], entities: list[Entity], options: Options,
          quotes: list[Quote] | None = None, claims: list[Claim] | None = None) -> Export:
    """A Label Studio import/export file of the gold (module docstring)."""
    grouped, quotes_of, claims_of = by_doc(entities), records_by_doc(quotes or []), records_by_doc(claims or [])
    tasks = []
    for n, d in enumerate(documents, start=1):
        ents = grouped.get(d.id, [])
        out = layout(quotes_of.get(d.id, []), claims_of.get(d.id, []), options.roles)
        spans = [(e.start, e.end, e.label) for e in ents] + out.spans
        ids = [f"{d.id}-{k}" for k in range(1, len(spans) + 1)]
        result = [_result(d, ids[i], s, e, "labels", "label", {"labels": [label]}) for i, (s, e, label) in enumerate(spans)]
        base = len(ents)
        result += [_result(d, ids[base + i], *spans[base + i][:2], "choices", name, {"choices": ["yes" if v is None else v]})
                   for name, i, v in out.attrs]
        keys = [(i, [("entity", e.entity)]) for i, e in enumerate(ents) if e.entity] + [(base + i, k) for i, k in out.notes]
        result += [_result(d, ids[i], *spans[i][:2], "textarea", name, {"text": [key]}) for i, pairs in keys for name, key in pairs]
        result += [{"from_id": ids[base + head], "to_id": ids[base + part], "type": "relation", "direction": "right",
                    "labels": [name]} for name, head, part in out.links]
        tasks.append({"id": n, "data": {"text": d.text, "doc_id": d.id},
                      "annotations": [{"id": n, "result": result, "was_cancelled": False}], "predictions": []})
    return Export({"": json.dumps(tasks, ensure_ascii=False, indent=2) + "\n"})


def _result(d: Document, rid: str, start: int, end: int, kind: str, name: str, value: dict) -> dict:
    """One result of a text region (UTF-16 offsets, the region's text unless ``value`` has its own)."""
    return {"id": rid, "from_name": name, "to_name": "text", "type": kind, "origin": "manual",
            "value": {"start": _units(d.text, start), "end": _units(d.text, end), "text": d.text[start:end], **value}}


def _units(text: str, offset: int) -> int:
    """A Python offset as Label Studio counts it (UTF-16 code units)."""
    if text.isascii():
        return offset
    return offset + sum(1 for c in text[:offset] if ord(c) >= 0x10000)
