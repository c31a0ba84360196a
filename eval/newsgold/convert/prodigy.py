"""Prodigy JSONL (``prodigy db-out`` of an ``ner.manual`` / ``ner.correct`` / ``spans.manual`` dataset).

Reading (https://prodi.gy/docs/api-interfaces#ner_manual): one task per line with ``text`` and
``spans`` -- ``{"start", "end", "label"}`` (``token_start``/``token_end`` and anything else are
ignored, a ``text`` in a span is checked); ``meta.doc_id`` names the corpus document, else it is
found by its text. When a task has an ``answer``, only ``accept`` is read (``reject`` and
``ignore`` are skipped and counted in a note).

Writing: one accepted task per corpus document with ``meta.doc_id``.
"""

from __future__ import annotations

import json
from pathlib import Path

from newsgold.convert.common import Export, Options, Reading, by_doc, jsonl_objects
from newsgold.schema import Document, Entity


def read(path: Path, r: Reading) -> None:
    for n, task in jsonl_objects(path, r):
        answer = task.get("answer")
        if answer is not None and answer != "accept":
            r.skipped[f"Prodigy tasks answered {answer!r}"] += 1
            continue
        meta = task.get("meta")
        meta = meta if isinstance(meta, dict) else {}
        doc = r.document(n, "text", meta.get("doc_id"), task.get("text"))
        if doc is None:
            continue
        spans = task.get("spans") or []
        if not isinstance(spans, list):
            r.bad(n, "spans", "expected a list of {start, end, label}")
            continue
        for k, span in enumerate(spans):
            if not isinstance(span, dict):
                r.bad(n, f"spans.{k}", "expected an object {start, end, label}")
                continue
            r.add(doc, n, f"spans.{k}", span.get("start"), span.get("end"), span.get("label"), None, span.get("text"))


def write(documents: list[Document], entities: list[Entity], options: Options) -> Export:
    grouped = by_doc(entities)
    lines = [json.dumps({"text": d.text, "meta": {"doc_id": d.id}, "answer": "accept",
                         "spans": [{"start": e.start, "end": e.end, "label": e.label} for e in grouped.get(d.id, [])]},
                        ensure_ascii=False) for d in documents]
    return Export({"": "".join(line + "\n" for line in lines)})
