"""Write the gold set as a Hub-ready dataset folder, deterministically and atomically.

Layout of the folder (all of it is uploaded by ``push-hf``)::

    README.md                                  dataset card (YAML metadata + description)
    GUIDELINES.md, AGREEMENT.md                copied from the annotations folder when present
    schema/<kind>.schema.json                  JSON Schemas of the JSONL record types
    data/<config>/train-00000-of-00001.parquet one file per config

Determinism: rows keep file order, Parquet is written by pyarrow with fixed settings
(:data:`PARQUET_OPTIONS`; a Parquet file has no timestamp, its ``created_by`` names the pyarrow
version only) and the card contains nothing time- or machine-dependent, so the same inputs give
the same bytes. The folder is built in a temporary sibling and renamed into place, so a failed
export never leaves a half-written folder behind.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsgold.errors import InputError, Problem
from newsgold.hf import CONFIGS, ExportData, data_file
from newsgold.load import DEFAULT_ANNOTATIONS, DEFAULT_CORPUS, Annotations, load_annotations, load_corpus
from newsgold.output import check_replaceable, staged_folder
from newsgold.schema import Document
from newsgold.tasks import TASKS

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


@dataclass
class ExportResult:
    """What an export wrote: the folder, rows per config and every file with its size."""

    out: Path
    counts: dict[str, int]
    files: list[tuple[str, int]] = field(default_factory=list)


# --------------------------------------------------------------------------------------------
# records -> rows
# --------------------------------------------------------------------------------------------
def load_inputs(corpus: str | Path, annotations: str | Path) -> tuple[list[Document], Annotations]:
    """Load and validate the corpus and the annotation folder; every task file must be there
    (a published gold set is complete). All problems are reported at once."""
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


def config_rows(config: str, docs: list[Document], ann: Annotations) -> list[dict[str, Any]]:
    """Plain rows of a config, labels as strings, in file order (record rows) or corpus order."""
    if config == "documents":
        return [d.to_dict() for d in docs]
    if config in TASKS:
        return [r.to_dict() for r in ann.task(config) or []]
    if config == "spans":
        by_doc = {t: ann.by_doc(t) for t in TASKS}
        rows = []
        for d in docs:
            row = d.to_dict()
            for t in TASKS:
                row[t] = [_without(r.to_dict(), "doc_id") for r in by_doc[t].get(d.id, [])]
            rows.append(row)
        return rows
    raise KeyError(config)


def _without(d: dict[str, Any], key: str) -> dict[str, Any]:
    return {k: v for k, v in d.items() if k != key}


def build(corpus: str | Path, annotations: str | Path) -> ExportData:
    """Load the inputs and compute the rows and features of every config."""
    from newsgold.hf.features import config_features

    docs, ann = load_inputs(corpus, annotations)
    rows = {c: config_rows(c, docs, ann) for c in CONFIGS}
    feats = {c: config_features(c) for c in CONFIGS}
    return ExportData(docs, ann, rows, feats)


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
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, path, **PARQUET_OPTIONS)
    return int(table.nbytes)


# --------------------------------------------------------------------------------------------
# the folder
# --------------------------------------------------------------------------------------------
def read_report(path: str | Path, gold_sha256: str | None = None) -> dict[str, Any]:
    """Read a ``newsgold benchmark`` report.json. Unreadable or non-object JSON, a report that is
    not a benchmark report, or (with ``gold_sha256``) one computed on another gold or corpus is an
    InputError: the card says "scores against this gold set" and must not lie."""
    from newsgold.load import read_json

    p = Path(path)
    obj = read_json(p)
    if not isinstance(obj, dict):
        raise InputError(Problem(str(p), 1, "report", "expected a JSON object"))
    if not isinstance(obj.get("backends"), dict):
        raise InputError(Problem(str(p), 1, "backends", "not a newsgold benchmark report (no 'backends')"))
    sha = obj.get("gold", {}).get("sha256") if isinstance(obj.get("gold"), dict) else None
    if gold_sha256 is not None and sha != gold_sha256:
        raise InputError(Problem(str(p), 1, "gold.sha256", f"report was computed on another gold or corpus "
                                 f"({str(sha)[:12]} != {gold_sha256[:12]}): its scores do not belong in this card"))
    return obj


def list_files(folder: str | Path) -> list[tuple[str, int]]:
    """Every file under ``folder`` as (POSIX relative path, size in bytes), sorted by path."""
    root = Path(folder)
    return sorted((p.relative_to(root).as_posix(), p.stat().st_size) for p in root.rglob("*") if p.is_file())


def _copy_extras(annotations: Path, dest: Path) -> list[str]:
    """Copy GUIDELINES.md, AGREEMENT.md and the JSON Schemas; returns the schema file names.

    Schemas come from ``annotations/schema/*.json`` when present, otherwise they are generated
    from :func:`newsgold.schema.json_schema` (the same source the ``schema`` command writes from).
    """
    for name in ("GUIDELINES.md", "AGREEMENT.md"):
        if (annotations / name).is_file():
            shutil.copyfile(annotations / name, dest / name)
    (dest / "schema").mkdir()
    shipped = sorted((annotations / "schema").glob("*.json")) if (annotations / "schema").is_dir() else []
    if shipped:
        for f in shipped:
            shutil.copyfile(f, dest / "schema" / f.name)
        return [f.name for f in shipped]
    from newsgold.commands.schema import schema_files

    # not shipped: the same files `newsgold schema` would write
    files = schema_files(dest / "schema")
    for path, text in files.items():
        path.write_text(text, encoding="utf-8", newline="\n")
    return [p.name for p in files]


def export(
    out: str | Path,
    corpus: str | Path = DEFAULT_CORPUS,
    annotations: str | Path = DEFAULT_ANNOTATIONS,
    report: str | Path | None = None,
    repo_id: str | None = None,
) -> ExportResult:
    """Write the Hub folder to ``out`` (replacing an earlier export there) and describe it.

    ``report`` is a benchmark ``report.json`` for the card's score table (none: the card says so);
    ``repo_id`` only fills the loading snippet and citation URL of the card.
    """
    from newsgold.hf.card import CardSources, render_card

    out = Path(out)
    ann_dir = Path(annotations)
    check_replaceable(out, marker="README.md", kind="earlier Hub export")
    from newsgold.signature import gold_checksum

    report_obj = read_report(report, gold_checksum(ann_dir, corpus)) if report is not None else None
    data = build(corpus, ann_dir)

    with staged_folder(out) as tmp:
        for config in CONFIGS:
            path = tmp / data_file(config)
            data.num_bytes[config] = write_parquet(data.rows[config], data.features[config], path)
            data.file_sizes[config] = path.stat().st_size
        schema_files = _copy_extras(ann_dir, tmp)
        sources = CardSources(
            guidelines=_read_text(ann_dir / "GUIDELINES.md"),
            agreement=_read_text(ann_dir / "AGREEMENT.md"),
            report=report_obj,
            report_name=_report_name(report) if report is not None else None,
            schema_files=schema_files,
            repo_id=repo_id,
        )
        card = render_card(data, sources)
        (tmp / "README.md").write_text(card, encoding="utf-8", newline="\n")
    return ExportResult(out, {c: len(data.rows[c]) for c in CONFIGS}, list_files(out))


def _read_text(p: Path) -> str | None:
    return p.read_text(encoding="utf-8-sig") if p.is_file() else None


def _report_name(report: str | Path) -> str:
    """The report's run folder and name (``runs/<run>/report.json`` -> ``<run>/report.json``):
    enough to identify it, without the machine-specific absolute path."""
    p = Path(report)
    return f"{p.parent.name}/{p.name}" if p.parent.name else p.name
