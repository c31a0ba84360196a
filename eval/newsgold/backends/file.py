"""The ``file`` backend: an external predictions folder (``entities/quotes/claims.jsonl``).

Lets any system -- in any language -- be scored and benchmarked like a built-in backend. Only the
task files present are reported as supported; an empty file is legitimate (a system that found
nothing).

Each task file is read **once**: the first :meth:`FileBackend.predict` makes one streaming pass
that parses every line (JSON and UTF-8 errors, non-object rows and duplicate ids are found here)
and keeps only a ``doc_id -> [(line, byte offset)]`` index. Every batch then seeks to its own
documents' lines, so a run over N batches reads the file once plus each record once more, and
memory holds the index and one batch of records -- never the whole file. The batch's rows go
through :func:`newsgold.validate.check_records`, the same checks ``newsgold validate --predictions`` runs
(all of a document's records are in the same batch, so per-document checks such as flat entities
hold): lenient, as for every prediction -- only the fields the metric uses are required, unknown
fields are ignored (one note line per file on stderr), entity labels are checked after
``label_map``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from newsgold.backends.base import Record
from newsgold.errors import InputError, Problem
from newsgold.load import parse_jsonl_line, unreadable
from newsgold.schema import Document
from newsgold.tasks import TASKS


class _TaskIndex:
    """One pass over a task file: ``doc_id -> [(line_number, byte_offset)]`` plus the problems
    that do not depend on the documents (unreadable lines, non-objects, duplicate ids)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.by_doc: dict[str, list[tuple[int, int]]] = {}
        self.problems: list[Problem] = []
        st = path.stat()
        self.stamp = (st.st_size, st.st_mtime_ns)
        seen_ids: dict[str, int] = {}
        with path.open("rb") as fh:
            offset = 0
            for n, raw in enumerate(fh, start=1):
                at, offset = offset, offset + len(raw)
                obj = self._parse(n, raw)
                if obj is None:
                    continue
                if not isinstance(obj, dict) or not isinstance(obj.get("doc_id"), str):
                    # no document to attach it to: report it with the first batch (same message
                    # as the validator gives)
                    from newsgold.validate import check_records

                    self.problems.extend(p for p in check_records(self._task, str(path), [(n, obj)], {})
                                         if p.field in ("record", "doc_id"))
                    continue
                rid = obj.get("id")
                if isinstance(rid, str):
                    if rid in seen_ids:
                        self.problems.append(Problem(str(path), n, "id",
                                                     f"duplicate id {rid!r} (first on line {seen_ids[rid]})"))
                    else:
                        seen_ids[rid] = n
                self.by_doc.setdefault(obj["doc_id"], []).append((n, at))

    @property
    def _task(self) -> str:
        return self.path.stem

    def _parse(self, n: int, raw: bytes) -> object | None:
        """The JSON value of one line, ``None`` for a blank line (a problem is recorded when the
        line is not UTF-8 or not JSON)."""
        obj, problem = parse_jsonl_line(str(self.path), n, raw)
        if problem is not None:
            self.problems.append(problem)
        return obj

    def fresh(self) -> bool:
        st = self.path.stat()
        return (st.st_size, st.st_mtime_ns) == self.stamp

    def rows(self, doc_ids: Iterable[str]) -> list[tuple[int, object]]:
        """``(line, record)`` of the given documents, in file order (one seek per record)."""
        wanted = sorted(loc for d in doc_ids for loc in self.by_doc.get(d, ()))
        out = []
        with self.path.open("rb") as fh:
            for n, at in wanted:
                fh.seek(at)
                raw = fh.readline()
                obj, _ = parse_jsonl_line(str(self.path), n, raw)  # parsed once already: no problem here
                out.append((n, obj))
        return out


class FileBackend:
    """Replays the records of a predictions folder for the documents asked for."""

    name = "file"

    def __init__(self, path: str, **options: object) -> None:
        self.path = Path(path)
        label_map = options.get("label_map")  # prediction labels are checked after this map
        self.label_map = str(label_map) if label_map else None
        # a task file that exists in any form (even a broken link) is a task to read, and report
        self.tasks = frozenset(t for t in TASKS if os.path.lexists(self.path / f"{t}.jsonl"))
        self._index: dict[str, _TaskIndex] = {}
        self._noted: set[str] = set()

    def available(self) -> str | None:
        if not self.path.is_dir():
            return f"{self.path} is not a directory"
        if not self.tasks:
            return f"{self.path} holds none of {', '.join(t + '.jsonl' for t in TASKS)}"
        return None

    def describe(self) -> dict:
        return {"name": self.name, "version": None, "model": None,
                "settings": {"path": str(self.path), "tasks": sorted(self.tasks)}}

    def index(self, task: str) -> _TaskIndex:
        """The (cached) index of ``<task>.jsonl``; rebuilt if the file changed on disk."""
        idx = self._index.get(task)
        if idx is None or not idx.fresh():
            try:
                idx = _TaskIndex(self.path / f"{task}.jsonl")
            except OSError as e:
                path = self.path / f"{task}.jsonl"
                raise InputError(Problem(str(path), 0, "file", unreadable(path, e))) from None
            self._index[task] = idx
        return idx

    def predict(self, docs: list[Document]) -> dict[str, list[Record]]:
        """Records of ``docs``, validated; raises :class:`newsgold.errors.InputError` when invalid
        (file-level problems -- bad JSON, non-objects, duplicate ids -- on every call)."""
        import sys

        from newsgold.load import complete_predictions
        from newsgold.settings import Settings
        from newsgold.tasks import get_task
        from newsgold.validate import check_records

        by_id = {d.id: d for d in docs}
        out: dict[str, list[Record]] = {}
        problems: list[Problem] = []
        for t in sorted(self.tasks, key=TASKS.index):
            idx = self.index(t)
            problems.extend(idx.problems)
            rows = idx.rows(by_id)
            task = get_task(t)
            fields = task.prediction_fields(Settings(label_map=self.label_map))
            found = check_records(t, str(idx.path), rows, by_id, fields, lenient=True)
            problems.extend(found)
            out[t] = []
            if not found:
                rows, notes = complete_predictions(str(idx.path), rows, fields, by_id)
                out[t] = [task.record.from_dict(o) for _, o in rows]
                if notes and t not in self._noted:  # one note per file, counted over the first batch
                    self._noted.add(t)
                    print(notes[0].replace(" records)", " records of the first batch)"), file=sys.stderr)
        if problems:
            raise InputError(sorted(set(problems), key=lambda p: (p.path, p.line, p.field)))
        return out
