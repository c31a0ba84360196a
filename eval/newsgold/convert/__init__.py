"""Converters between newsgold records and other tools' formats (``newsgold convert``).

One module per format, each with ``read(path, reading)`` (another tool's output -> mentions
located in the corpus) and ``write(documents, entities, options) -> Export`` (the gold -> that
format); a format that also carries quotes and claims (brat, Label Studio: spans, relations and
attributes) is named so in :data:`TASKS_OF` and its ``write`` takes them too.
:mod:`newsgold.convert.common` holds what they share, :mod:`newsgold.convert.relations` the quote
and claim mapping and :mod:`newsgold.convert.align` the token <-> character alignment. This module
only names them, so importing it is instant; a format module (and spaCy, for the token formats)
loads when used.

:func:`read_predictions` turns a file into checked records (a predictions folder's
``entities.jsonl``, and ``quotes.jsonl`` / ``claims.jsonl`` when the input has quotes or claims);
:func:`export_gold` writes the gold in a format.
"""

from __future__ import annotations

import importlib
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from newsgold.convert.common import Converted, Export, Options, Reading
    from newsgold.schema import Claim, Document, Entity, Quote

FORMATS: dict[str, str] = {
    "conll": "newsgold.convert.conll",
    "spacy": "newsgold.convert.spacy_docbin",
    "brat": "newsgold.convert.brat",
    "labelstudio": "newsgold.convert.labelstudio",
    "prodigy": "newsgold.convert.prodigy",
    "doccano": "newsgold.convert.doccano",
    "hf-pipeline": "newsgold.convert.hf_pipeline",
}
"""Format name -> module (every format reads and writes)."""

TASKS_OF: dict[str, tuple[str, ...]] = {fmt: ("entities",) for fmt in FORMATS} | {
    "brat": ("entities", "quotes", "claims"), "labelstudio": ("entities", "quotes", "claims")}
"""Format -> the tasks it carries (a format carrying quotes and claims has ``write(documents,
entities, options, quotes, claims)``; a test checks the signatures)."""


def _module(fmt: str) -> ModuleType:
    return importlib.import_module(FORMATS[fmt])


def read_mentions(fmt: str, path: str | Path, documents: list[Document], options: Options | None = None) -> Reading:
    """Read another tool's output; raises :class:`newsgold.errors.InputError` with every problem."""
    from newsgold.convert.common import DocFinder, Options, Reading

    r = Reading(str(path), DocFinder(documents), options or Options())
    _module(fmt).read(Path(path), r)
    r.raise_problems()
    return r


def read_predictions(
    fmt: str, path: str | Path, documents: list[Document], options: Options | None = None
) -> Converted:
    """Entity records (ids ``e1``, ``e2``, … in corpus and text order, ``entity`` keys when the
    format has them) checked like any prediction -- offsets, text, flat spans -- except labels,
    which the scorer checks after its label map; quote and claim records (ids ``q1``…, ``c1``…),
    already checked by :func:`newsgold.convert.relations.assemble`; and the note lines for the user."""
    from newsgold.convert.common import Converted
    from newsgold.errors import InputError, Problem
    from newsgold.schema import Claim, Entity, FieldSpec, Quote
    from newsgold.tasks import get_task
    from newsgold.validate import check_records

    r = read_mentions(fmt, path, documents, options)
    if not r.seen:  # an empty predictions folder would score as a system that found nothing
        why = " (every task's annotation cancelled or missing: --use predictions reads the predictions)" \
            if fmt == "labelstudio" else ""
        raise InputError(Problem(str(path), 0, "input", f"no document to read{why}: nothing to convert"))
    position = {d.id: i for i, d in enumerate(documents)}
    texts = {d.id: d.text for d in documents}
    mentions = sorted(r.mentions, key=lambda m: (position[m.doc_id], m.start, m.end, m.label))
    records = [Entity(m.doc_id, f"e{k}", m.start, m.end, texts[m.doc_id][m.start:m.end], m.label, m.key)
               for k, m in enumerate(mentions, start=1)]
    fields = {**get_task("entities").fields, "label": FieldSpec("str")}
    problems = check_records("entities", str(path), [(m.line, e.to_dict()) for m, e in zip(mentions, records)],
                             {d.id: d for d in documents}, fields)
    if problems:
        raise InputError(problems)
    out = Converted(records, _numbered(r.records.get("quotes"), "q", "content", position, Quote.from_dict),
                    _numbered(r.records.get("claims"), "c", "span", position, Claim.from_dict))
    out.notes = _notes(str(path), r, documents, records)
    return out


def _numbered(rows: list[tuple[int, str, dict]] | None, prefix: str, span: str, position: dict[str, int],
              build: Callable[[dict], Any]) -> list | None:
    """Records in corpus and text order, with ids ``<prefix>1``, … (``None``: the input had none)."""
    if not rows:
        return None
    rows = sorted(rows, key=lambda t: (position[t[2]["doc_id"]], t[2][span]["start"], t[2][span]["end"], t[0], t[1]))
    return [build({**rec, "id": f"{prefix}{k}"}) for k, (_, _, rec) in enumerate(rows, start=1)]


def _notes(path: str, r: Reading, documents: list[Document], entities: list[Entity]) -> list[str]:
    """The note lines of a conversion: what was left out or not read, trimmed spans, documents missing."""
    from newsgold.schema import ENTITY_LABELS

    notes = [f"note: {path}: {n} {why} left out" for why, n in sorted(r.skipped.items())]
    if r.ignored:
        notes.append(f"note: {path}: not read (not part of the quote and claim mapping): "
                     + ", ".join(f"{what} ({n})" for what, n in sorted(r.ignored.items())))
    if r.uncovered:
        shown = ", ".join(r.uncovered[:3]) + (", ..." if len(r.uncovered) > 3 else "")
        notes.append(f"note: {path}: the tokens stop before the end of {len(r.uncovered)} document(s), "
                     f"the rest has no entities: {shown}")
    if r.trimmed:
        notes.append(f"note: {path}: {r.trimmed} span(s) had white space at an edge, trimmed")
    missing = [d.id for d in documents if d.id not in r.seen]
    if missing:
        shown = ", ".join(missing[:5]) + (", ..." if len(missing) > 5 else "")
        notes.append(f"note: {path}: {len(missing)} corpus document(s) not in the input, so without entities: {shown}")
    other = sorted({e.label for e in entities} - set(ENTITY_LABELS))
    if other:
        hint = " --label-map conll" if set(other) <= {"PER", "ORG", "LOC", "MISC"} else " --label-map (a JSON map)"
        notes.append(f"note: {path}: labels {', '.join(other)} are not OntoNotes labels: score with{hint}")
    return notes


def export_gold(
    fmt: str, documents: list[Document], entities: list[Entity], options: Options | None = None,
    label_map: str | None = None, quotes: list[Quote] | None = None, claims: list[Claim] | None = None,
) -> tuple[Export, list[str]]:
    """The gold in format ``fmt`` (entity labels through the gold side of ``label_map`` first)
    and the note lines: entities the map drops (counted by label), every entity the format
    cannot carry (one line each), and the quotes and claims of a format that carries none."""
    from dataclasses import replace

    from newsgold.convert.common import Options

    notes: list[str] = []
    if label_map:
        from newsgold.tasks.entities import load_label_map

        mapping = load_label_map(label_map).gold
        dropped: Counter[str] = Counter()
        kept = []
        for e in entities:
            new = mapping.get(e.label, e.label)
            if new is None:
                dropped[e.label] += 1
            else:
                kept.append(replace(e, label=new))
        if dropped:
            counts = ", ".join(f"{lab} {n}" for lab, n in sorted(dropped.items()))
            notes.append(f"note: label map {label_map} drops {sum(dropped.values())} entities ({counts})")
        entities = kept
    quotes, claims = quotes or [], claims or []
    if "quotes" in TASKS_OF[fmt]:
        export = _module(fmt).write(documents, entities, options or Options(), quotes, claims)
        export.written = {"quotes": len(quotes), "claims": len(claims)}
    else:
        export = _module(fmt).write(documents, entities, options or Options())
        export.written = {"quotes": 0, "claims": 0}
        left = [f"{len(x)} {name}" for name, x in (("quotes", quotes), ("claims", claims)) if x]
        if left:
            carriers = ", ".join(f for f, tasks in TASKS_OF.items() if "quotes" in tasks)
            notes.append(f"note: not carried by {fmt}: {' and '.join(left)} ({fmt} carries entities only; {carriers} "
                         "carry quotes and claims)")
    export.written["entities"] = len(entities) - len(export.not_carried)
    notes += [f"note: not carried by {fmt}: {line}" for line in export.not_carried]
    return export, notes
