"""The ``file`` backend: an external predictions folder (``entities/quotes/claims.jsonl``).

Lets any system -- in any language -- be scored and benchmarked like a built-in backend. The
folder is validated through :func:`eval.load.load_annotations` (``allow_empty=True``: a system that
found nothing is legitimate); only the task files present are reported as supported.
"""

from __future__ import annotations

from pathlib import Path

from eval.backends.base import Record
from eval.schema import TASKS, Document


class FileBackend:
    """Replays the records of a predictions folder for the documents asked for."""

    name = "file"

    def __init__(self, path: str, **options: object) -> None:
        self.path = Path(path)
        self.tasks = frozenset(t for t in TASKS if (self.path / f"{t}.jsonl").exists())

    def available(self) -> str | None:
        if not self.path.is_dir():
            return f"{self.path} is not a directory"
        if not self.tasks:
            return f"{self.path} holds none of {', '.join(t + '.jsonl' for t in TASKS)}"
        return None

    def describe(self) -> dict:
        return {"name": self.name, "version": None, "model": None,
                "settings": {"path": str(self.path), "tasks": sorted(self.tasks)}}

    def predict(self, docs: list[Document]) -> dict[str, list[Record]]:
        """Records of ``docs``, validated; raises :class:`eval.errors.InputError` when invalid.

        The whole folder goes through :func:`eval.load.load_annotations` when it covers only these
        documents. When extraction runs in batches, each batch validates just its own rows (same
        checks, :func:`eval.validate.check_records`), so memory stays bounded by the batch.
        """
        from eval.errors import InputError
        from eval.load import load_annotations, read_jsonl
        from eval.schema import RECORD_TYPES
        from eval.validate import check_records

        by_id = {d.id: d for d in docs}
        rows = {t: list(read_jsonl(self.path / f"{t}.jsonl", allow_empty=True)) for t in self.tasks}
        ids = {o.get("doc_id") for rs in rows.values() for _, o in rs if isinstance(o, dict)}
        if ids <= set(by_id):
            ann = load_annotations(self.path, docs, allow_empty=True)
            return {t: list(ann.task(t) or []) for t in self.tasks}
        out: dict[str, list[Record]] = {}
        problems = []
        for t, rs in rows.items():
            mine = [(n, o) for n, o in rs if isinstance(o, dict) and o.get("doc_id") in by_id]
            found = check_records(t, str(self.path / f"{t}.jsonl"), mine, by_id)
            problems.extend(found)
            out[t] = [RECORD_TYPES[t].from_dict(o) for _, o in mine] if not found else []
        if problems:
            raise InputError(problems)
        return out
