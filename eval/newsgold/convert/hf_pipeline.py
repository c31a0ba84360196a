"""Output of transformers' token-classification pipeline (``pipeline("ner")``), one JSONL line per
document: ``{"doc_id": ..., "entities": [...]}`` (or ``"text"`` instead of ``"doc_id"``, to find the
document by its text), ``entities`` being exactly what the pipeline returned for the text.

Both of the pipeline's shapes are read
(https://huggingface.co/docs/transformers/main_classes/pipelines#transformers.TokenClassificationPipeline):

* aggregated (``aggregation_strategy="simple"`` or another): ``{"entity_group": "PER", "score",
  "word", "start", "end"}`` -- one entity each;
* not aggregated (the default): one item per token, ``{"entity": "B-PER", "score", "index",
  "word", "start", "end"}``; tokens are grouped as the pipeline's ``simple`` strategy groups
  them -- a token continues the previous one's entity when the label is the same and its tag is
  not ``B-`` (a tag without a prefix counts as ``I-``) -- and, as ``O`` tokens are not in the
  output, only when it is the next token (``index``; without it, only white space between);
  the entity's score is the mean of its tokens'.

``--min-score X`` drops entities scored below X. ``start``/``end`` must be character offsets (a
fast tokenizer gives them; ``None`` is an error). ``word`` is ignored (it is the tokenizer's view).

Writing: the aggregated shape with ``score`` 1.0 and ``word`` = the entity text.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from newsgold.convert.common import Export, Options, Reading, by_doc, jsonl_objects
from newsgold.schema import Document, Entity

_PREFIXED = re.compile(r"([BI])-(.+)")


def _tag(entity: str) -> tuple[str, str]:
    """``(B|I, label)`` of a token tag, as the pipeline splits it.

    >>> _tag("B-PER"), _tag("I-LOC"), _tag("MISC")
    (('B', 'PER'), ('I', 'LOC'), ('I', 'MISC'))
    """
    m = _PREFIXED.fullmatch(entity)
    return (m.group(1), m.group(2)) if m else ("I", entity)


def group_tokens(tokens: list[dict], text: str) -> list[dict]:
    """Token items grouped into entities (module docstring) as aggregated items.

    >>> t = "John Kerry met Lavrov"
    >>> toks = [{"entity": "B-PER", "score": 0.9, "index": 1, "start": 0, "end": 4},
    ...         {"entity": "I-PER", "score": 0.7, "index": 2, "start": 5, "end": 10},
    ...         {"entity": "I-PER", "score": 0.8, "index": 4, "start": 15, "end": 21}]
    >>> [(g["entity_group"], g["start"], g["end"], round(g["score"], 2)) for g in group_tokens(toks, t)]
    [('PER', 0, 10, 0.8), ('PER', 15, 21, 0.8)]
    """
    groups: list[list[dict]] = []
    for tok in sorted(tokens, key=lambda t: (t["start"], t["end"])):
        bi, label = _tag(tok["entity"])
        if groups and bi != "B" and _tag(groups[-1][-1]["entity"])[1] == label and _next_to(groups[-1][-1], tok, text):
            groups[-1].append(tok)
        else:
            groups.append([tok])
    out = []
    for g in groups:
        scores = [t["score"] for t in g if isinstance(t.get("score"), (int, float))]
        out.append({"entity_group": _tag(g[0]["entity"])[1], "start": g[0]["start"], "end": g[-1]["end"],
                    "score": sum(scores) / len(scores) if scores else None, "line": g[0].get("line")})
    return out


def _next_to(prev: dict, tok: dict, text: str) -> bool:
    if isinstance(prev.get("index"), int) and isinstance(tok.get("index"), int):
        return bool(tok["index"] == prev["index"] + 1)
    return not text[prev["end"]:tok["start"]].strip()


def read(path: Path, r: Reading) -> None:
    for n, rec in jsonl_objects(path, r):
        doc = r.document(n, "doc_id", rec.get("doc_id"), rec.get("text"))
        if doc is None:
            continue
        items = rec.get("entities")
        if not isinstance(items, list):
            r.bad(n, "entities", "expected the list the pipeline returned")
            continue
        grouped: list[dict] = []
        tokens: list[dict] = []
        for k, item in enumerate(items):
            where = f"entities.{k}"
            if not isinstance(item, dict) or not ("entity_group" in item or "entity" in item):
                r.bad(n, where, "expected a pipeline item with 'entity_group' or 'entity'")
                continue
            if not all(isinstance(item.get(x), int) and not isinstance(item.get(x), bool) for x in ("start", "end")):
                r.bad(n, where, f"start/end must be character offsets, got {item.get('start')!r}, {item.get('end')!r} "
                                "(run the pipeline with a fast tokenizer)")
                continue
            if not isinstance(item.get("entity_group", item.get("entity")), str):
                r.bad(n, where, "the label must be a string")
                continue
            (grouped if "entity_group" in item else tokens).append({**item, "line": k})
        for g in grouped + group_tokens(tokens, doc.text):
            score = g.get("score")
            if r.options.min_score is not None and isinstance(score, (int, float)) and score < r.options.min_score:
                r.skipped[f"entities scored below --min-score {r.options.min_score:g}"] += 1
                continue
            r.add(doc, n, f"entities.{g['line']}", g["start"], g["end"], g["entity_group"])


def write(documents: list[Document], entities: list[Entity], options: Options) -> Export:
    grouped = by_doc(entities)
    lines = [json.dumps({"doc_id": d.id, "entities": [_item(e) for e in grouped.get(d.id, [])]}, ensure_ascii=False)
             for d in documents]
    return Export({"": "".join(line + "\n" for line in lines)})


def _item(e: Entity) -> dict[str, Any]:
    return {"entity_group": e.label, "score": 1.0, "word": e.text, "start": e.start, "end": e.end}
