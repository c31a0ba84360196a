"""Read a Hub export back into documents and annotations: the gold behind ``--gold hf:...``.

``hf:SOURCE[@REVISION][#SPLIT]`` names the export: SOURCE is a local export folder (as written by
``newsgold export-hf``) or a Hub dataset repository id (``USER/NAME``); REVISION is a tag, branch or
commit of that repository; SPLIT is the split to score against (default ``test``). The card's
``configs`` say which Parquet files hold each config; the ``documents``, ``entities``, ``quotes``
and ``claims`` configs of the split are read with pyarrow, their class labels decoded with the
features stored in the files, and every row is validated exactly as a JSONL gold line is (a row
number stands in for the line number).

The gold checksum of the reports is the one of the JSONL files the export was made from (stored in
``newsgold.json``) when the records read back are exactly those (same :func:`records_checksum`), so
``--gold hf:...`` and ``--gold annotations`` give the same report signature; otherwise it is the
records checksum itself.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsgold.errors import InputError, Problem
from newsgold.hf import METADATA_FILE
from newsgold.load import Annotations
from newsgold.schema import Document
from newsgold.tasks import TASKS

PREFIX = "hf:"
DEFAULT_SPLIT = "test"


@dataclass(frozen=True)
class HubGold:
    """A parsed ``hf:`` gold: a local folder or a repository id, an optional revision, a split."""

    source: str
    revision: str | None
    split: str
    local: bool

    @property
    def name(self) -> str:
        """How reports name this gold: no absolute path (a local folder is shown as
        :func:`newsgold.report.display_path` shows any path)."""
        from newsgold.report import display_path

        where = display_path(self.source) if self.local else self.source
        return f"{PREFIX}{where}{'@' + self.revision if self.revision else ''}#{self.split}"


def is_hub_gold(gold: str | Path) -> bool:
    """``True`` for a ``hf:...`` gold.

    >>> is_hub_gold("hf:alice/newsgold"), is_hub_gold("annotations")
    (True, False)
    """
    return str(gold).startswith(PREFIX)


def parse(spec: str) -> HubGold:
    """Parse ``hf:SOURCE[@REVISION][#SPLIT]``. An existing folder is a local export (no revision);
    anything else must be a valid Hub repository id (``huggingface_hub.utils.validate_repo_id``).

    >>> parse("hf:alice/newsgold@v0.1.0#validation")
    HubGold(source='alice/newsgold', revision='v0.1.0', split='validation', local=False)
    """
    body = spec[len(PREFIX):] if is_hub_gold(spec) else spec
    body, _, split = body.partition("#")
    split = split or DEFAULT_SPLIT
    if not body:
        raise InputError(Problem(spec, 0, "gold", "expected hf:FOLDER or hf:USER/NAME[@REVISION][#SPLIT]"))
    if Path(body).is_dir():
        return HubGold(body, None, split, local=True)
    source, at, revision = body.rpartition("@")
    if not at:
        source, revision = body, ""
    elif Path(source).is_dir():
        raise InputError(Problem(spec, 0, "gold", f"{source} is a local folder: a revision (@{revision}) "
                                 "applies to a Hub repository only"))
    from huggingface_hub.utils import HFValidationError, validate_repo_id

    try:
        validate_repo_id(source)
    except HFValidationError as e:
        raise InputError(Problem(spec, 0, "gold", f"neither a folder nor a Hub repository id: {e}")) from None
    if at and not revision:
        raise InputError(Problem(spec, 0, "gold", "empty revision after '@'"))
    return HubGold(source, revision or None, split, local=False)


# --------------------------------------------------------------------------------------------
# files: local or downloaded
# --------------------------------------------------------------------------------------------
def _fetch(gold: HubGold, filename: str) -> Path:
    """A file of the export: from the folder, or downloaded (cached) from the Hub repository."""
    if gold.local:
        return Path(gold.source) / filename
    import huggingface_hub

    try:
        return Path(huggingface_hub.hf_hub_download(gold.source, filename, repo_type="dataset",
                                                    revision=gold.revision))
    except Exception as e:  # network, auth, missing revision/file: one line, never a traceback
        text = (str(e).strip().splitlines() or [""])[0]
        raise InputError(Problem(gold.name, 0, "gold", f"could not get {filename}: {type(e).__name__}: {text}")) from None


def data_files(readme: Path, gold: HubGold) -> dict[str, list[str]]:
    """Config -> files of ``gold.split``, from the card's ``configs`` metadata."""
    from datasets.utils.metadata import MetadataConfigs
    from huggingface_hub import DatasetCard

    try:
        card = DatasetCard.load(readme)
        configs = MetadataConfigs.from_dataset_card_data(card.data)
    except (OSError, ValueError) as e:
        raise InputError(Problem(gold.name, 0, "README.md", f"not a readable dataset card: {e}")) from None
    out: dict[str, list[str]] = {}
    splits: set[str] = set()
    for config in ("documents", *TASKS):
        entries = (configs.get(config) or {}).get("data_files") or []
        if isinstance(entries, (str, dict)):
            entries = [entries]
        for entry in entries:
            if not isinstance(entry, dict):
                continue
            splits.add(str(entry.get("split")))
            if entry.get("split") == gold.split:
                paths = entry.get("path")
                out[config] = [paths] if isinstance(paths, str) else list(paths or [])
    missing = [c for c in ("documents", *TASKS) if not out.get(c)]
    if missing:
        have = ", ".join(sorted(splits)) or "none"
        raise InputError(Problem(gold.name, 0, "split", f"no {', '.join(missing)} data for split {gold.split!r} "
                                 f"(splits: {have})"))
    return out


# --------------------------------------------------------------------------------------------
# Parquet -> records
# --------------------------------------------------------------------------------------------
def _decode(feature: Any, value: Any) -> Any:
    """Class-label ids back to names, recursively."""
    from datasets import ClassLabel, List

    if value is None:
        return None
    if isinstance(feature, ClassLabel):
        return feature.int2str(value)
    if isinstance(feature, List):
        return [_decode(feature.feature, v) for v in value]
    if isinstance(feature, dict):
        return {k: _decode(f, value.get(k)) for k, f in feature.items()}
    return value


def read_rows(paths: Iterable[Path]) -> list[dict[str, Any]]:
    """The rows of Parquet files written with ``datasets`` features, class labels as names."""
    import pyarrow.parquet as pq
    from datasets import Features

    rows: list[dict[str, Any]] = []
    for path in paths:
        table = pq.read_table(path)
        features = Features.from_arrow_schema(table.schema)
        rows += [{k: _decode(features[k], v) for k, v in row.items()} for row in table.to_pylist()]
    return rows


def _canonical(records: Iterable[Any]) -> bytes:
    return "".join(json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in records).encode("utf-8")


def records_checksum(documents: Sequence[Document], annotations: Annotations) -> str:
    """sha256 of the records in canonical JSONL (``json.dumps(record.to_dict(), ensure_ascii=False)``
    per line, schema field order), framed as :func:`newsgold.signature.gold_checksum` frames files:
    per task in registry order ``<task>.jsonl`` NUL size NUL bytes, then ``corpus``. Equal records
    give equal checksums, whatever the formatting of the files they came from."""
    h = hashlib.sha256()

    def feed(name: str, data: bytes) -> None:
        h.update(name.encode("utf-8") + b"\0" + str(len(data)).encode("ascii") + b"\0")
        h.update(data)

    for task in TASKS:
        records = annotations.task(task)
        if records is not None:
            feed(f"{task}.jsonl", _canonical(records))
    feed("corpus", _canonical(documents))
    return h.hexdigest()


@dataclass
class LoadedGold:
    documents: list[Document]
    annotations: Annotations
    checksum: str
    name: str


def load(spec: str) -> LoadedGold:
    """Read the split of an ``hf:`` gold, validated like a JSONL gold."""
    from newsgold.tasks import get_task
    from newsgold.validate import check_documents, check_records

    gold = parse(spec)
    if gold.local and not (Path(gold.source) / "README.md").is_file():
        raise InputError(Problem(gold.name, 0, "gold", "not a newsgold Hub export (no README.md)"))
    files = data_files(_fetch(gold, "README.md"), gold)

    def numbered(config: str) -> tuple[str, list[tuple[int, object]]]:
        where = f"{gold.name}:{config}"
        try:
            rows = read_rows(_fetch(gold, f) for f in files[config])
        except (OSError, ValueError) as e:
            raise InputError(Problem(where, 0, "file", f"unreadable Parquet: {e}")) from None
        return where, list(enumerate(rows, start=1))

    where, doc_rows = numbered("documents")
    problems = check_documents(where, doc_rows)
    if problems:
        raise InputError(problems)
    documents = [Document.from_dict(obj) for _, obj in doc_rows]  # type: ignore[arg-type]
    by_id = {d.id: d for d in documents}
    ann = Annotations(path=Path(gold.name))
    for task in TASKS:
        where, rows = numbered(task)
        found = check_records(task, where, rows, by_id)
        if found:
            problems += found
            continue
        ann.set(task, [get_task(task).record.from_dict(obj) for _, obj in rows])
    if problems:
        raise InputError(problems)
    return LoadedGold(documents, ann, _checksum(gold, documents, ann), gold.name)


def _checksum(gold: HubGold, documents: list[Document], ann: Annotations) -> str:
    """The source JSONL gold's checksum when these are exactly its records, else the records checksum."""
    mine = records_checksum(documents, ann)
    try:
        meta = json.loads(_fetch(gold, METADATA_FILE).read_text(encoding="utf-8"))
        stored = meta["splits"][gold.split]
    except (InputError, OSError, ValueError, KeyError, TypeError):
        return mine
    if isinstance(stored, dict) and stored.get("records_sha256") == mine and isinstance(stored.get("gold_sha256"), str):
        return str(stored["gold_sha256"])
    return mine
