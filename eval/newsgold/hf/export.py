"""Write the gold set as a Hub-ready dataset folder, deterministically and atomically.

Layout of the folder (all of it is uploaded by ``push-hf``)::

    README.md                                     dataset card (huggingface_hub's template, filled in)
    LICENSE.md                                    what licence applies to which part
    newsgold.json                                 per split: gold checksums (see newsgold.hf.METADATA_FILE)
    docs/GUIDELINES.md                            the annotation guidelines
    docs/<split>/{AGREEMENT.md,ADJUDICATION.md,agreement.json}   as found beside each split's gold
    schema/<kind>.schema.json                     JSON Schemas of the JSONL record types
    data/<config>/<split>-00000-of-00001.parquet  one file per config and split

Determinism: rows keep file order, Parquet is written by pyarrow with fixed settings
(:data:`PARQUET_OPTIONS`; a Parquet file has no timestamp, its ``created_by`` names the pyarrow
version only) and the card contains nothing time- or machine-dependent, so the same inputs give
the same bytes. The folder is built in a temporary sibling and renamed into place, so a failed
export never leaves a half-written folder behind.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsgold.errors import InputError, Problem
from newsgold.hf import CONFIGS, DEFAULT_SPLITS, METADATA_FILE, PASS_CONFIGS, ExportData, SplitData, SplitSource, data_file
from newsgold.load import DEFAULT_ANNOTATIONS, Annotations, load_annotations, load_corpus, read_json
from newsgold.output import check_output, read_manifest, staged_folder, write_atomic
from newsgold.schema import Document
from newsgold.tasks import TASKS
from newsgold.version import __version__

if TYPE_CHECKING:  # pragma: no cover
    from datasets import Features

PARQUET_OPTIONS: dict[str, Any] = {
    "compression": "zstd",
    "compression_level": 3,
    "use_dictionary": True,
    "write_statistics": True,
    "version": "2.6",
    "data_page_version": "1.0",
    "row_group_size": 100_000,
    "write_page_index": True,  # lets the Hub viewer page through a file without reading it all
    "store_schema": True,  # keeps the Arrow schema (and the ``huggingface`` features metadata)
}
"""Fixed pyarrow writer settings: changing one changes the bytes of every export."""

DEFAULT_RUNS = Path("runs")
DEFAULT_GUIDELINES = DEFAULT_ANNOTATIONS / "GUIDELINES.md"
PROVENANCE_FILE = "provenance.json"
"""Beside a corpus file: per document its publisher, URL and licence basis (read into the card)."""
SPLIT_DOCS = ("AGREEMENT.md", "ADJUDICATION.md", "agreement.json")
"""Files copied from a split's annotation folder into ``docs/<split>/`` when present."""


@dataclass
class ExportResult:
    """What an export wrote: the folder, rows per (config, split), every file with its size, and
    what the ner config had to adapt (one line each)."""

    out: Path
    counts: dict[str, dict[str, int]]
    files: list[tuple[str, int]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------------------------
# inputs
# --------------------------------------------------------------------------------------------
def load_gold_folder(corpus: str | Path, annotations: str | Path) -> tuple[list[Document], Annotations]:
    """Load and validate a corpus and its gold folder; every task file must be there (a published
    gold set is complete). All problems are reported at once."""
    docs = load_corpus(corpus)
    d = Path(annotations)
    problems = [Problem(str(d / f"{t}.jsonl"), 0, "file", "missing: the Hub export needs "
                        + ", ".join(f"{x}.jsonl" for x in TASKS))
                for t in TASKS if d.is_dir() and not (d / f"{t}.jsonl").is_file()]
    try:
        ann = load_annotations(d, docs)
    except InputError as e:
        raise InputError(problems + e.problems) from None
    if problems:
        raise InputError(problems)
    return docs, ann


_PROVENANCE_TEXT = ("description", "collection", "producers", "personal_information")
_PROVENANCE_DOC = {"publisher": True, "kind": False, "url": False, "url_note": False, "copied_from": False,
                   "licence": True, "licence_note": False}  # field -> required


def read_provenance(path: Path, documents: Sequence[Document]) -> dict[str, Any] | None:
    """``provenance.json`` beside a corpus (``None`` when absent): texts about the corpus and, for
    every document of the corpus (no more, no fewer), its publisher and licence basis, optionally
    kind, URL, a note on the URL and where the copy was taken from. Strings or null only."""
    if not path.is_file():
        return None
    obj = read_json(path)
    where = str(path)
    if not isinstance(obj, dict) or not isinstance(obj.get("documents"), dict):
        raise InputError(Problem(where, 1, "documents", "expected an object with a 'documents' object"))
    problems = [Problem(where, 1, k, "expected a string or null") for k in _PROVENANCE_TEXT
                if not isinstance(obj.get(k), (str, type(None)))]
    ids = [d.id for d in documents]
    entries = obj["documents"]
    problems += [Problem(where, 1, f"documents.{i}", "missing: every document of the corpus needs an entry")
                 for i in ids if i not in entries]
    problems += [Problem(where, 1, f"documents.{i}", "not a document of the corpus") for i in entries if i not in ids]
    for i, entry in entries.items():
        if not isinstance(entry, dict):
            problems.append(Problem(where, 1, f"documents.{i}", "expected an object"))
            continue
        for k, required in _PROVENANCE_DOC.items():
            v = entry.get(k)
            if (required and not (isinstance(v, str) and v.strip())) or not isinstance(v, (str, type(None))):
                problems.append(Problem(where, 1, f"documents.{i}.{k}",
                                        "expected a non-empty string" if required else "expected a string or null"))
        problems += [Problem(where, 1, f"documents.{i}.{k}", "unknown field") for k in entry if k not in _PROVENANCE_DOC]
    if problems:
        raise InputError(problems)
    return obj


def read_agreement(path: Path, passes: dict[str, Annotations], n_docs: int) -> dict[str, Any] | None:
    """``agreement.json`` as ``scripts/agreement.py --json`` writes it (``None`` when absent). Its
    record counts and document count must be those of the exported passes, so the card never shows
    the agreement of other data."""
    if not path.is_file():
        return None
    obj = read_json(path)
    where = str(path)
    rows = obj.get("rows") if isinstance(obj, dict) else None
    if not isinstance(rows, list) or not all(isinstance(r, dict) and {"task", "label", "value"} <= set(r) for r in rows):
        raise InputError(Problem(where, 1, "rows", "expected the list of figures scripts/agreement.py writes"))
    assert isinstance(obj, dict)
    problems = []
    if obj.get("documents") != n_docs:
        problems.append(Problem(where, 1, "documents", f"{obj.get('documents')!r} documents, the corpus has {n_docs}"))
    if set(passes) == set(PASS_CONFIGS):
        want = {t: [len(passes[p].task(t) or []) for p in PASS_CONFIGS] for t in TASKS}
        got = obj.get("counts")
        if got != want:
            problems.append(Problem(where, 1, "counts", f"{got!r} is not the record counts of pass1/pass2 {want!r}: "
                                    "re-run scripts/agreement.py --json"))
    if problems:
        raise InputError(problems)
    return obj


def load_split(source: SplitSource) -> SplitData:
    """A split's gold, its blind passes, agreement figures and provenance, all validated."""
    docs, ann = load_gold_folder(source.corpus, source.annotations)
    passes = {p: load_gold_folder(source.corpus, source.annotations / p)[1]
              for p in PASS_CONFIGS if (source.annotations / p).is_dir()}
    return SplitData(
        source=source, documents=docs, annotations=ann, passes=passes,
        agreement=read_agreement(source.annotations / "agreement.json", passes, len(docs)),
        provenance=read_provenance(source.corpus.parent / PROVENANCE_FILE, docs),
    )


def check_sources(splits: Sequence[SplitSource]) -> None:
    """Split names must be unique identifiers; a document id may appear in one split only."""
    import re

    problems = []
    seen: set[str] = set()
    for s in splits:
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", s.name):
            problems.append(Problem("--split", 0, "name", f"{s.name!r}: a split name is a letter followed by "
                                    "letters, digits or '_'"))
        elif s.name in seen:
            problems.append(Problem("--split", 0, "name", f"{s.name!r} given twice"))
        seen.add(s.name)
    if not splits:
        problems.append(Problem("--split", 0, "name", "no split to export"))
    if problems:
        raise InputError(problems)


# --------------------------------------------------------------------------------------------
# records -> rows
# --------------------------------------------------------------------------------------------
def _without(d: dict[str, Any], key: str) -> dict[str, Any]:
    return {k: v for k, v in d.items() if k != key}


def spans_rows(docs: Sequence[Document], ann: Annotations) -> list[dict[str, Any]]:
    """One row per document: its fields plus the list of each task's records (without doc_id)."""
    by_doc = {t: ann.by_doc(t) for t in TASKS}
    rows = []
    for d in docs:
        row = d.to_dict()
        for t in TASKS:
            row[t] = [_without(r.to_dict(), "doc_id") for r in by_doc[t].get(d.id, [])]
        rows.append(row)
    return rows


def fill_rows(split: SplitData) -> None:
    """Compute the rows of every config for one split (labels as names, file / corpus order)."""
    from newsgold.hf.ner import check_round_trip, ner_rows

    docs, ann = split.documents, split.annotations
    split.rows["documents"] = [d.to_dict() for d in docs]
    for t in TASKS:
        split.rows[t] = [r.to_dict() for r in ann.task(t) or []]
    split.rows["spans"] = spans_rows(docs, ann)
    ner = ner_rows(docs, ann.by_doc("entities"))
    check_round_trip(ner.rows, ann.task("entities") or [], str(split.source.annotations / "entities.jsonl"))
    split.rows["ner"] = ner.rows
    split.notes = ner.notes
    for p, pass_ann in split.passes.items():
        split.rows[p] = spans_rows(docs, pass_ann)


def build(splits: Sequence[SplitSource] = DEFAULT_SPLITS) -> ExportData:
    """Load every split and compute the rows and features of every config."""
    from newsgold.hf.features import config_features
    from newsgold.hf.read import records_checksum
    from newsgold.signature import gold_checksum

    check_sources(splits)
    loaded: dict[str, SplitData] = {}
    owner: dict[str, str] = {}
    for source in splits:
        split = load_split(source)
        clash = [d.id for d in split.documents if d.id in owner]
        if clash:
            raise InputError(Problem(str(source.corpus), 0, "id", f"document {clash[0]!r} is also in split "
                                     f"{owner[clash[0]]!r}: a document belongs to one split"))
        owner.update((d.id, source.name) for d in split.documents)
        fill_rows(split)
        split.gold_sha256 = gold_checksum(source.annotations, source.corpus)
        split.records_sha256 = records_checksum(split.documents, split.annotations)
        loaded[source.name] = split
    return ExportData(loaded, {c: config_features(c) for c in CONFIGS})


# --------------------------------------------------------------------------------------------
# Parquet
# --------------------------------------------------------------------------------------------
def write_parquet(rows: list[dict[str, Any]], features: "Features", path: Path) -> int:
    """Encode rows with ``features`` (class names -> ids) and write one Parquet file.

    The schema is ``features.arrow_schema``, whose ``huggingface`` metadata lets ``datasets``
    restore the ClassLabels even without the card. Returns the Arrow size in bytes (the card's
    ``num_bytes``).
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    encoded = [features.encode_example(r) for r in rows]
    table = pa.Table.from_pylist(encoded, schema=features.arrow_schema)
    buffer = io.BytesIO()
    pq.write_table(table, buffer, **PARQUET_OPTIONS)
    write_atomic(path, buffer.getvalue())
    return int(table.nbytes)


# --------------------------------------------------------------------------------------------
# the folder
# --------------------------------------------------------------------------------------------
def read_report(path: str | Path, gold_sha256: str | Sequence[str] | None = None) -> dict[str, Any]:
    """Read a ``newsgold benchmark`` report.json. Unreadable or non-object JSON, a report that is
    not a benchmark report, or (with ``gold_sha256``) one computed on another gold or corpus is an
    InputError: the card says "scores against this gold set" and must not lie. ``gold_sha256`` may
    list several checksums (one per split): the report must match one of them."""
    p = Path(path)
    obj = read_json(p)
    if not isinstance(obj, dict):
        raise InputError(Problem(str(p), 1, "report", "expected a JSON object"))
    if not isinstance(obj.get("backends"), dict):
        raise InputError(Problem(str(p), 1, "backends", "not a newsgold benchmark report (no 'backends')"))
    sha = obj.get("gold", {}).get("sha256") if isinstance(obj.get("gold"), dict) else None
    wanted = [gold_sha256] if isinstance(gold_sha256, str) else list(gold_sha256 or [])
    if gold_sha256 is not None and sha not in wanted:
        raise InputError(Problem(str(p), 1, "gold.sha256", f"report was computed on another gold or corpus "
                                 f"({str(sha)[:12]} is not {' or '.join(w[:12] for w in wanted)}): its scores do "
                                 "not belong in this card"))
    return obj


def list_files(folder: str | Path) -> list[tuple[str, int]]:
    """The files of an export as (POSIX relative path, size in bytes), sorted by path: those its
    manifest lists (what newsgold wrote; files the user added are not part of the dataset), or
    every file when it has no manifest."""
    root = Path(folder)
    listed = read_manifest(root)
    if listed is not None:
        return sorted((name, (root / name).stat().st_size) for name in listed)
    return sorted((p.relative_to(root).as_posix(), p.stat().st_size) for p in root.rglob("*") if p.is_file())


def _copy(src: Path, dest: Path) -> None:
    write_atomic(dest, src.read_bytes())


def copy_docs(data: ExportData, guidelines: Path | None, dest: Path) -> dict[str, Any]:
    """Copy the guidelines, each split's agreement / adjudication files and the JSON Schemas;
    returns what was copied (for the card, which may only link to files the export has)."""
    copied: dict[str, Any] = {"guidelines": None, "splits": {}, "schemas": []}
    if guidelines is not None and guidelines.is_file():
        _copy(guidelines, dest / "docs" / "GUIDELINES.md")
        copied["guidelines"] = "docs/GUIDELINES.md"
    for name, split in data.splits.items():
        files = [f for f in SPLIT_DOCS if (split.source.annotations / f).is_file()]
        for f in files:
            _copy(split.source.annotations / f, dest / "docs" / name / f)
        copied["splits"][name] = [f"docs/{name}/{f}" for f in files]
    from newsgold.commands.schema import schema_files

    # the same files `newsgold schema` writes, generated from the code the export ran with
    for path, text in schema_files(dest / "schema").items():
        write_atomic(path, text)
        copied["schemas"].append(f"schema/{path.name}")
    return copied


def metadata(data: ExportData) -> dict[str, Any]:
    """The content of :data:`newsgold.hf.METADATA_FILE`."""
    return {"newsgold": __version__, "splits": {
        name: {"gold_sha256": s.gold_sha256, "records_sha256": s.records_sha256,
               "documents": len(s.documents), **{t: len(s.rows[t]) for t in TASKS}}
        for name, s in data.splits.items()}}


def export(
    out: str | Path,
    splits: Sequence[SplitSource] = DEFAULT_SPLITS,
    reports: Sequence[str | Path] = (),
    repo_id: str | None = None,
    guidelines: str | Path | None = DEFAULT_GUIDELINES,
    field: str = "out",
) -> ExportResult:
    """Write the Hub folder to ``out`` (replacing an earlier export there; files the user added
    stay) and describe it. ``field``: the option that named ``out``, for refusals (``push-hf --dir``).

    ``reports`` are benchmark ``report.json`` files for the card's score tables, each computed on
    one of the splits (none: the card says so); ``repo_id`` fills the card's links and loading
    snippets. The card is validated (:func:`newsgold.hf.cardcheck.check_export`) before the folder
    replaces ``out``.
    """
    from newsgold.hf.card import CardSources, render_card
    from newsgold.hf.cardcheck import check_export
    from newsgold.signature import gold_checksum

    out = Path(out)
    check_output(out, field, folder=True)
    check_sources(splits)
    sums = {gold_checksum(s.annotations, s.corpus): s.name for s in splits}
    report_objs = []
    for r in reports:
        obj = read_report(r, list(sums))
        report_objs.append((sums[obj["gold"]["sha256"]], _report_name(r), obj))
    data = build(splits)

    with staged_folder(out, field) as tmp:
        for config in data.configs:
            for split in data.config_splits(config):
                path = tmp / data_file(config, split)
                data.num_bytes[(config, split)] = write_parquet(data.splits[split].rows[config],
                                                                data.features[config], path)
                data.file_sizes[(config, split)] = path.stat().st_size
        copied = copy_docs(data, Path(guidelines) if guidelines is not None else None, tmp)
        write_atomic(tmp / METADATA_FILE, json.dumps(metadata(data), indent=2, sort_keys=True) + "\n")
        sources = CardSources(
            guidelines=_read_text(Path(guidelines)) if guidelines is not None else None,
            reports=report_objs, repo_id=repo_id, files=copied,
        )
        card, license_md = render_card(data, sources)
        write_atomic(tmp / "LICENSE.md", license_md)
        write_atomic(tmp / "README.md", card)
        check_export(tmp)
    counts = {c: {s: len(data.splits[s].rows[c]) for s in data.config_splits(c)} for c in data.configs}
    notes = [f"{name}: {n}" for name, s in data.splits.items() for n in s.notes]
    return ExportResult(out, counts, list_files(out), notes)


def _read_text(p: Path) -> str | None:
    return p.read_text(encoding="utf-8-sig") if p.is_file() else None


def _report_name(report: str | Path) -> str:
    """The report's run folder and name (``runs/<run>/report.json`` -> ``<run>/report.json``):
    enough to identify it, without the machine-specific absolute path."""
    p = Path(report)
    return f"{p.parent.name}/{p.name}" if p.parent.name else p.name


