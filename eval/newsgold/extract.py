"""Stage "extract": run one backend over a document stream and write a predictions folder.

Documents are consumed in batches from an iterator and records are appended to JSONL files as
each batch finishes, so memory does not grow with the corpus. The folder is written to a temporary
sibling and renamed into place at the end: a crash never leaves a half-written predictions folder
where a scorer would pick it up.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path

from newsgold.backends.base import Backend, availability, description
from newsgold.output import StagedFile, staged_folder, write_atomic
from newsgold.schema import Document
from newsgold.tasks import TASKS

PROGRESS_MIN_DOCS = 50
"""Show a progress bar when stderr is a terminal or the run has at least this many documents."""


def _batches(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    it = iter(docs)
    while batch := list(islice(it, size)):
        yield batch


def _results(backend: Backend, documents: Iterable[Document], size: int) -> Iterator[tuple[int, dict[str, list]]]:
    """``(documents, records by task)`` per batch of ``size`` documents. A backend with the optional
    ``predict_stream(docs)`` (one model stream over the whole corpus, e.g. one ``nlp.pipe`` with
    one process pool) is read as a stream and cut into batches as its results come; any other
    backend gets ``predict(batch)`` per batch."""
    stream = getattr(backend, "predict_stream", None)
    if not callable(stream):
        for batch in _batches(documents, size):
            yield len(batch), backend.predict(batch)
        return
    results = iter(stream(documents))
    while chunk := list(islice(results, size)):
        merged: dict[str, list] = {}
        for _, records in chunk:
            for t, recs in records.items():
                merged.setdefault(t, []).extend(recs)
        yield len(chunk), merged


def _progress(total: int | None, enabled: bool | None):
    from tqdm import tqdm

    show = enabled if enabled is not None else (sys.stderr.isatty() or (total or 0) >= PROGRESS_MIN_DOCS)
    return tqdm(total=total, unit="doc", disable=not show, file=sys.stderr, leave=False)


def extract(
    backend: Backend,
    documents: Iterable[Document],
    out_dir: str | Path,
    batch_size: int = 64,
    progress: bool | None = None,
    total: int | None = None,
) -> dict:
    """Run ``backend`` on ``documents`` and write ``out_dir/<task>.jsonl`` for each task it
    supports, plus ``meta.json``. Returns the meta dict.

    ``progress``: True/False forces the bar; None shows it on a terminal or for long runs
    (``total`` >= :data:`PROGRESS_MIN_DOCS`). An earlier output in ``out_dir`` is replaced, files the
    user added there stay (:func:`newsgold.output.staged_folder`).
    Raises ``RuntimeError`` when the backend reports itself unavailable.
    """
    reason = availability(backend)
    if reason:
        raise RuntimeError(f"backend {backend.name!r} is unavailable: {reason}")
    out = Path(out_dir)
    tasks = [t for t in TASKS if t in backend.tasks]
    n_docs, counts = 0, {t: 0 for t in tasks}
    t0 = time.perf_counter()
    import jsonlines

    with staged_folder(out) as tmp:
        files = {t: StagedFile(tmp / f"{t}.jsonl") for t in tasks}  # hashed as written, for the manifest
        # one compact object a line; StagedFile is a binary file-like object, not an IO subclass
        writers = {t: jsonlines.Writer(f, compact=True) for t, f in files.items()}  # type: ignore[arg-type]
        try:
            with _progress(total, progress) as bar:
                for n, records in _results(backend, documents, max(1, batch_size)):
                    for t in tasks:
                        rows = records.get(t, [])
                        writers[t].write_all(r.to_dict() for r in rows)
                        counts[t] += len(rows)
                    n_docs += n
                    bar.update(n)
        finally:
            for t in tasks:
                writers[t].close()  # (leaves the file open: the writer did not open it)
                files[t].close()
        seconds = time.perf_counter() - t0
        meta = {
            "backend": description(backend),
            "tasks": tasks,
            "documents": n_docs,
            "records": counts,
            "seconds": round(seconds, 3),
            "docs_per_second": round(n_docs / seconds, 3) if seconds > 0 else None,
            "batch_size": batch_size,
        }
        write_atomic(tmp / "meta.json", json.dumps(meta, indent=2, sort_keys=True) + "\n")
    return meta
