"""doccano JSONL (the export of a sequence-labelling project), in both of its shapes.

Reading (https://doccano.github.io/doccano/tutorial/): one document per line with ``text`` and
either ``label: [[start, end, "LABEL"], ...]`` (sequence labelling) or
``entities: [{"start_offset", "end_offset", "label", ...}, ...]`` (the relation-extraction export);
``doc_id`` (top level or in ``meta``) names the corpus document, else it is found by its text
(doccano's own ``id`` is its database key and is not used).

Writing: the ``label`` shape, with ``doc_id``.
"""

from __future__ import annotations

import json
from pathlib import Path

from newsgold.convert.common import Export, Options, Reading, by_doc, jsonl_objects
from newsgold.schema import Document, Entity


def read(path: Path, r: Reading) -> None:
    for n, rec in jsonl_objects(path, r):
        meta = rec.get("meta")
        meta = meta if isinstance(meta, dict) else {}
        doc = r.document(n, "text", rec.get("doc_id", meta.get("doc_id")), rec.get("text"))
        if doc is None:
            continue
        if "entities" in rec and isinstance(rec["entities"], list):
            for k, ent in enumerate(rec["entities"]):
                if not isinstance(ent, dict):
                    r.bad(n, f"entities.{k}", "expected an object {start_offset, end_offset, label}")
                    continue
                r.add(doc, n, f"entities.{k}", ent.get("start_offset"), ent.get("end_offset"), ent.get("label"))
            continue
        labels = rec.get("label", [])
        if not isinstance(labels, list):
            r.bad(n, "label", "expected a list of [start, end, label]")
            continue
        for k, item in enumerate(labels):
            if not (isinstance(item, list) and len(item) == 3):
                r.bad(n, f"label.{k}", f"expected [start, end, label], got {item!r}"[:100])
                continue
            r.add(doc, n, f"label.{k}", item[0], item[1], item[2])


def write(documents: list[Document], entities: list[Entity], options: Options) -> Export:
    grouped = by_doc(entities)
    lines = [json.dumps({"doc_id": d.id, "text": d.text,
                         "label": [[e.start, e.end, e.label] for e in grouped.get(d.id, [])]}, ensure_ascii=False)
             for d in documents]
    return Export({"": "".join(line + "\n" for line in lines)})
