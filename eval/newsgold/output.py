"""Writing output folders safely: never into the gold or the corpus, never half-written.

Every command that writes a folder (``extract``, ``benchmark``, ``export-hf``) builds it in a
temporary sibling (:func:`staged_folder`) that is swapped in with :func:`replace_folder`; :func:`check_replaceable` lets it
replace only its own earlier output, and :func:`refuse_inside_data` keeps it out of data folders.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from newsgold.errors import InputError, Problem
from newsgold.tasks import TASKS

DATA_FILES = ("documents.jsonl",) + tuple(f"{t}.jsonl" for t in TASKS)


def refuse_inside_data(out: Path) -> None:
    """No command writes into the gold or the corpus: no folder above ``out`` may be a data folder
    (one holding ``documents.jsonl`` or a gold task file), e.g. ``--out annotations/preds``."""
    for folder in out.resolve().parents:
        found = [f for f in DATA_FILES if (folder / f).is_file()]
        if found:
            raise InputError(Problem(str(out), 0, "out", f"is inside {folder}, a data folder ({found[0]}): "
                                     "refusing to write into the gold or the corpus; choose another --out"))


def check_replaceable(out: Path, marker: str = "meta.json", kind: str = "newsgold predictions folder") -> None:
    """Only an empty folder or an earlier output of the same command (it has ``marker``) may be
    replaced, so ``--out annotations`` can never wipe the gold (or any other folder).

    Raises :class:`newsgold.errors.InputError` otherwise.
    """
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / marker).is_file())):
        raise InputError(Problem(str(out), 0, "out", f"exists and is not a {kind} "
                                 f"(no {marker}): refusing to replace it; choose another --out"))


def replace_folder(tmp: Path, out: Path) -> None:
    """Move ``tmp`` to ``out``; an existing ``out`` is swapped away first and then deleted."""
    old = None
    if out.exists():
        old = out.with_name(f".{out.name}.old.{os.getpid()}")
        os.replace(out, old)
    os.replace(tmp, out)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


@contextmanager
def staged_folder(out: Path) -> Iterator[Path]:
    """A temporary sibling of ``out`` to build the output in: it replaces ``out`` when the block
    succeeds and is removed when it fails, so a reader never sees half a folder."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o777 & ~umask)  # mkdtemp makes 0700; the result is an ordinary folder
    try:
        yield tmp
        replace_folder(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def write_atomic(path: str | Path, data: str | bytes) -> None:
    """Write ``data`` (text as UTF-8 with LF line ends, or bytes) via a temporary file in the same
    folder and ``os.replace``: a reader never sees a half-written report or plot. The one file
    writer of the package (folders go through :func:`staged_folder`)."""
    p = Path(path)
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=p.parent, prefix=f".{p.name}.", suffix=".tmp")
    except OSError as e:
        raise InputError(Problem(str(p), 0, "file", e.strerror or str(e))) from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.replace(tmp, p)
    except OSError as e:  # e.g. the target is a folder: name the path the user gave, not the temp file
        Path(tmp).unlink(missing_ok=True)
        raise InputError(Problem(str(p), 0, "file", e.strerror or str(e))) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
