"""Writing safely: never into the gold, the corpus or a folder being read, never over a user's
files, never half-written, and never leaving a staged folder behind.

* **Where** (:func:`check_output`): every path a command writes is checked before it runs. It may
  not lie in a *data folder* (one holding ``documents.jsonl`` or a gold task file that newsgold did
  not write itself, like ``annotations/``, ``annotations/pass1/`` or ``corpus/``, or anything below
  one) nor in, or on, a path the same command reads. The command line declares its path options
  with :class:`PathArg`, and :func:`guard_command` checks them all before the command runs; the two
  writers below check the data-folder rule again for any caller.
* **Whose** (:data:`MANIFEST`): an output folder holds ``.newsgold-manifest.json`` listing every
  file newsgold wrote there. A re-run replaces exactly those files; files the user added survive; a
  non-empty folder without a manifest is refused.
* **How**: :func:`write_atomic` (the one file writer) and :func:`staged_folder` (folders) build
  their output aside and rename it into place, with the user's umask; the renames run with
  SIGINT/SIGTERM/SIGHUP held back (:func:`signals_held`), and :func:`interruptible` turns those
  signals into an exception, so an interrupted command removes its staged folder and leaves the
  target untouched.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsgold.errors import InputError, Interrupted, Problem
from newsgold.tasks import TASKS

DATA_FILES = ("documents.jsonl",) + tuple(f"{t}.jsonl" for t in TASKS)
MANIFEST = ".newsgold-manifest.json"
"""The file in an output folder that lists (``"files"``) every file newsgold wrote there."""

REFUSE_DATA = "refusing to write into the gold or the corpus; choose another path"


# ------------------------------------------------------------------------------------------------
# where a command may write
# ------------------------------------------------------------------------------------------------
def shown(p: Path) -> str:
    """A folder as the user would name it: relative to the working directory when inside it."""
    try:
        rel = p.relative_to(Path.cwd().resolve())
    except ValueError:
        return str(p)
    return rel.as_posix() if rel.parts else "."


def read_manifest(folder: Path) -> set[str] | None:
    """The files listed in ``folder``'s manifest, ``None`` when it has none.

    Raises :class:`InputError` for a manifest that is not newsgold's (unreadable, not a JSON object
    with a list of relative paths): such a folder is not replaced.
    """
    path = folder / MANIFEST
    if not os.path.lexists(path):
        return None
    bad = Problem(str(path), 0, "files", "not a newsgold manifest (expected {\"files\": [relative paths]}): "
                  "refusing to replace the folder; choose another path")
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        raise InputError(bad) from None
    files = doc.get("files") if isinstance(doc, dict) else None
    if not isinstance(files, list) or not all(isinstance(f, str) and _relative(f) for f in files):
        raise InputError(bad)
    return set(files)


def _relative(name: str) -> bool:
    p = Path(name)
    return bool(name) and not p.is_absolute() and ".." not in p.parts and name != MANIFEST


def data_files(folder: Path) -> list[str]:
    """The data files (``documents.jsonl``, gold task files) in ``folder`` that newsgold did not
    write: a folder with any is a data folder. Dangling symlinks count (they name a data file)."""
    found = [f for f in DATA_FILES if os.path.lexists(folder / f)]
    if found:
        try:
            ours = read_manifest(folder) or set()
        except InputError:
            ours = set()
        found = [f for f in found if f not in ours]
    return found


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_not_data(target: str | Path, field: str) -> None:
    """Refuse ``target`` when it is, or lies inside, a data folder (see :func:`data_files`)."""
    resolved = Path(target).resolve()
    for folder in (resolved, *resolved.parents):
        found = data_files(folder) if folder.is_dir() else []
        if found:
            where = "is a data folder" if folder == resolved else f"is inside {shown(folder)}, a data folder"
            raise InputError(Problem(str(target), 0, field, f"{where} (it holds {found[0]}): {REFUSE_DATA}"))


def check_replaceable(out: str | Path, field: str = "out") -> None:
    """An output folder may be (re)written only when it is new, empty, or has a newsgold manifest.

    Raises :class:`InputError` otherwise, so ``--out`` can never wipe a folder newsgold did not write.
    """
    p = Path(out)
    if p.is_symlink() or (p.exists() and not p.is_dir()):
        what = "is a symbolic link" if p.is_symlink() else "exists and is not a folder"
        raise InputError(Problem(str(p), 0, field, f"{what}: refusing to replace it; choose another path"))
    if p.is_dir() and any(p.iterdir()) and read_manifest(p) is None:
        raise InputError(Problem(str(p), 0, field, f"is not empty and has no {MANIFEST} (newsgold did not "
                                 "write it): refusing to replace it; choose a new or empty folder"))


def check_own_file(target: str | Path, field: str) -> None:
    """An existing file may be overwritten only when newsgold wrote it: it is listed in the
    manifest of its folder (:func:`record_file` lists every file :func:`write_atomic` writes)."""
    p = Path(target)
    if not os.path.lexists(p):
        return
    if p.is_dir() and not p.is_symlink():  # an option that names a file or a folder (convert --out)
        check_replaceable(p, field)
        return
    if p.name not in (read_manifest(p.parent) or set()):
        raise InputError(Problem(str(p), 0, field, "exists and newsgold did not write it: refusing to "
                                 "overwrite it; choose another path"))


def record_file(path: Path) -> None:
    """List ``path`` in its folder's manifest, so a later run may replace it (and only it)."""
    listed = read_manifest(path.parent) or set()
    if path.name in listed:
        return
    manifest = path.parent / MANIFEST
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{MANIFEST}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(json.dumps({"files": sorted(listed | {path.name})}, indent=1) + "\n")
            os.fchmod(f.fileno(), file_mode())
        os.replace(tmp, manifest)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def check_output(target: str | Path, field: str, folder: bool = False,
                 reads: list[tuple[str | Path, str]] | tuple = (), replace: bool = False) -> None:
    """The one guard for a path a command writes (a file, or with ``folder`` a folder it replaces):
    not in a data folder, not in, on or (for a folder) around a path in ``reads`` (``(path,
    option)`` pairs of what the same command reads), a folder only if newsgold wrote it, and an
    existing file only if newsgold wrote it (unless ``replace``: a file the command updates in
    place on purpose, like ``check --baseline`` with ``--update``)."""
    check_not_data(target, field)
    resolved = Path(target).resolve()
    for path, option in reads:
        rp = Path(path).resolve()
        if resolved == rp:
            what = f"is {shown(rp)}, which this command reads ({option})"
        elif rp in resolved.parents:
            what = f"is inside {shown(rp)}, which this command reads ({option})"
        elif folder and resolved in rp.parents:
            what = f"contains {shown(rp)}, which this command reads ({option})"
        else:
            continue
        raise InputError(Problem(str(target), 0, field, f"{what}: refusing to write there; choose another path"))
    if folder:
        check_replaceable(target, field)
    elif not replace:
        check_own_file(target, field)


# ------------------------------------------------------------------------------------------------
# the command line: path options declare what they are
# ------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PathArg:
    """argparse ``type`` of a path option, saying what the command does with it: ``"read"``,
    ``"write"``, or ``"update"`` (read, and written in place when the flag ``written_if`` is
    set, like ``check --baseline`` with ``--update``); a ``"write"`` path is only read when the
    flag ``read_only_if`` is set (``schema --out`` with ``--check``). ``folder``: it names a
    folder. Every written path is checked by :func:`guard_command` before the command runs.
    """

    use: str
    folder: bool = False
    convert: Callable[[str], Any] = str
    written_if: str | None = None
    read_only_if: str | None = None

    def __call__(self, value: str) -> Any:
        if not value:
            raise argparse.ArgumentTypeError("must not be empty")
        return self.convert(value)

    @property
    def reads(self) -> bool:
        return self.use in ("read", "update")

    @property
    def writes(self) -> bool:
        return self.use in ("write", "update")


def backend_paths(names: list[str] | str) -> list[str]:
    """The folders named by ``file:DIR`` backends in a ``--backend(s)`` value (they are read)."""
    return [n.partition(":")[2] for n in ([names] if isinstance(names, str) else names) if n.startswith("file:")]


def option_name(action: argparse.Action) -> str:
    return action.option_strings[-1] if action.option_strings else action.metavar or action.dest  # type: ignore[return-value]


def guard_command(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Check every path the parsed command will write (options typed :class:`PathArg` that write)
    against everything it reads (:class:`PathArg` reads, and the paths an option's type names in
    other values, its ``read_paths(value)``: ``file:DIR`` backends, ``hf:FOLDER`` golds), before it runs."""
    reads: list[tuple[Any, str, argparse.Action]] = []
    writes: list[tuple[Any, argparse.Action, PathArg]] = []
    for action in parser._actions:
        value = getattr(args, action.dest, None)
        if value is None:
            continue
        values = [v for x in (value if isinstance(value, list) else [value])
                  for v in (x if isinstance(x, list) else [x])]  # nargs=3 with action="append": lists of lists
        kind = action.type
        if isinstance(kind, PathArg):
            read_only = bool(kind.read_only_if and getattr(args, kind.read_only_if, False))
            if kind.reads or read_only:
                reads.extend((v, option_name(action), action) for v in values)
            if (kind.use == "write" and not read_only) or (kind.use == "update" and getattr(args, kind.written_if or "", False)):
                writes.extend((v, action, kind) for v in values)
        elif callable(named := getattr(kind, "read_paths", None)):
            reads.extend((p, option_name(action), action) for v in values for p in named(v))
    for target, action, kind in writes:
        others = [(p, name) for p, name, a in reads if a is not action]
        check_output(target, action.dest, folder=kind.folder, reads=others, replace=kind.use == "update")


# ------------------------------------------------------------------------------------------------
# signals: an interrupted command cleans up; renames are never cut in half
# ------------------------------------------------------------------------------------------------
SIGNALS = tuple(getattr(signal, n) for n in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, n))
_STAGED: set[Path] = set()
"""Staged folders of this process that are still being built."""


@contextmanager
def signals_held() -> Iterator[None]:
    """Hold SIGINT/SIGTERM/SIGHUP back for a short critical section (renames, clean-up); a signal
    that arrives meanwhile is delivered right after it."""
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - not on POSIX
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


@contextmanager
def interruptible() -> Iterator[None]:
    """While active (the CLI runs every command inside it), SIGTERM and SIGHUP raise
    :class:`newsgold.errors.Interrupted` like Ctrl-C does, so staged folders are removed on the way
    out. Worker processes forked meanwhile (spaCy's ``n_process``) exit quietly on the same signals
    instead of printing a traceback each. A signal ignored on entry (``nohup``) stays ignored."""
    import warnings

    main_pid = os.getpid()

    def handler(signum: int, frame: object) -> None:
        if os.getpid() != main_pid:
            os._exit(128 + signum)
        warnings.simplefilter("ignore")  # e.g. spaCy's "worker processes did not complete": the user stopped them
        raise Interrupted(signum)

    try:
        previous = {s: signal.signal(s, handler) if signal.getsignal(s) != signal.SIG_IGN else None for s in SIGNALS}
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        with warnings.catch_warnings():
            yield
    finally:
        for s, old in previous.items():
            if old is not None:
                signal.signal(s, old)
        for tmp in list(_STAGED):  # belt and braces: nothing staged outlives the command
            shutil.rmtree(tmp, ignore_errors=True)
            _STAGED.discard(tmp)


# ------------------------------------------------------------------------------------------------
# writers
# ------------------------------------------------------------------------------------------------
def _umask() -> int:
    umask = os.umask(0o022)  # the only way to read it; set back at once
    os.umask(umask)
    return umask


def file_mode() -> int:
    """Mode for a new file under the user's umask (``mkstemp`` alone would give 0600)."""
    return 0o666 & ~_umask()


def _in_staged(path: Path) -> bool:
    resolved = path.resolve()
    return any(_inside(resolved, t.resolve()) for t in _STAGED)


def _files_under(root: Path) -> list[str]:
    """Every file (or symlink) under ``root`` as a POSIX relative path, the manifest excluded."""
    out = []
    for here, dirs, files in os.walk(root):
        for name in files + [d for d in dirs if (Path(here) / d).is_symlink()]:
            rel = (Path(here) / name).relative_to(root).as_posix()
            if rel != MANIFEST:
                out.append(rel)
    return sorted(out)


def _in_the_way(out: Path, mine: list[str], ours: set[str]) -> tuple[str, str] | None:
    """The first (new file, path of the user's) where something newsgold did not write sits on a
    new file's path or on a folder it needs: committing would overwrite or fail on it."""
    for f in mine:
        target = out / f
        if os.path.lexists(target) and (f not in ours or (target.is_dir() and not target.is_symlink())):
            return f, f
        for parent in Path(f).parents:
            p = out / parent
            if parent.parts and os.path.lexists(p) and (p.is_symlink() or not p.is_dir()) and parent.as_posix() not in ours:
                return f, parent.as_posix()
    return None


def _commit(tmp: Path, out: Path) -> None:
    """Put the finished ``tmp`` in place of ``out``: a new or empty ``out`` is swapped whole; an
    earlier output gets exactly its newsgold files replaced, the user's files stay where they are."""
    mine = _files_under(tmp)
    (tmp / MANIFEST).write_text(json.dumps({"files": mine}, indent=1) + "\n", encoding="utf-8")
    if out.is_dir() and any(out.iterdir()):
        listed = read_manifest(out)
        if listed is None:  # changed since the check: never touch a folder newsgold did not write
            check_replaceable(out)
        ours = {f for f in listed or () if ((out / f).is_symlink() or (out / f).is_file())
                and not any((out / d).is_symlink() for d in Path(f).parents if d.parts)}  # never through a link
        clash = _in_the_way(out, mine, ours)
        if clash:
            raise InputError(Problem(str(out / clash[1]), 0, "out", f"was not written by newsgold and is in the "
                                     f"way of {clash[0]}: move it away or choose another path"))
        with signals_held():
            for f in sorted(ours - set(mine)):
                (out / f).unlink()
            for f in mine:
                (out / f).parent.mkdir(parents=True, exist_ok=True)
                os.replace(tmp / f, out / f)
            os.replace(tmp / MANIFEST, out / MANIFEST)
            _prune(out, ours - set(mine))
        return
    with signals_held():
        if out.is_dir():
            out.rmdir()  # empty: nothing of anyone's is lost
        os.replace(tmp, out)


def _prune(root: Path, removed: set[str]) -> None:
    """Remove folders left empty by removed files (deepest first); never ``root`` itself."""
    dirs = {p for f in removed for p in Path(f).parents if p.parts}
    for d in sorted(dirs, key=lambda p: len(p.parts), reverse=True):
        try:
            (root / d).rmdir()
        except OSError:
            pass  # not empty: something else lives there


@contextmanager
def staged_folder(out: str | Path, field: str = "out") -> Iterator[Path]:
    """A temporary sibling of ``out`` to build the output in. When the block succeeds it takes the
    place of ``out`` (:func:`_commit`, with a manifest); when it fails or is interrupted it is
    removed and ``out`` is untouched. ``out`` must pass :func:`check_not_data` and
    :func:`check_replaceable`."""
    out = Path(out)
    if not _in_staged(out):
        check_not_data(out, field)
    check_replaceable(out, field)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp: Path | None = None
    try:  # a signal held back while the folder is made is delivered inside this try: cleaned up too
        with signals_held():
            tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
            _STAGED.add(tmp)
        os.chmod(tmp, 0o777 & ~_umask())  # mkdtemp makes 0700; the result is an ordinary folder
        yield tmp
        _commit(tmp, out)
    finally:
        if tmp is not None:
            with signals_held():
                shutil.rmtree(tmp, ignore_errors=True)
                _STAGED.discard(tmp)


def write_atomic(path: str | Path, data: str | bytes | Iterable[bytes], field: str = "file", allow_data: bool = False,
                 replace: bool = False) -> None:
    """Write ``data`` (text as UTF-8 with LF line ends, bytes, or an iterable of byte chunks that is
    streamed to disk, e.g. one JSONL line each) via a temporary file in the same
    folder and ``os.replace``: a reader never sees a half-written report or plot. The one file
    writer of the package (folders go through :func:`staged_folder`). Refuses a path in a data
    folder (:func:`check_not_data`) unless ``allow_data`` (only ``newsgold schema`` regenerating
    the project's own schema files). Outside a staged folder an existing file is replaced only
    when newsgold wrote it (:func:`check_own_file`; ``replace`` for a file updated in place on
    purpose) and the file written is listed in its folder's manifest. The file gets the user's umask."""
    p = Path(path)
    standalone = not _in_staged(p)
    if not allow_data and standalone:
        check_not_data(p, field)
        if not replace:
            check_own_file(p, field)
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise InputError(Problem(str(p), 0, "file", e.strerror or str(e))) from None
    tmp = ""
    try:  # as in staged_folder: a signal held back while the file is made is delivered in here
        with signals_held():
            fd, tmp = tempfile.mkstemp(dir=p.parent, prefix=f".{p.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            if isinstance(data, (str, bytes)):
                f.write(data.encode("utf-8") if isinstance(data, str) else data)
            else:
                f.writelines(data)
            os.fchmod(f.fileno(), file_mode())
        with signals_held():
            os.replace(tmp, p)
            if standalone and not allow_data and not replace:
                record_file(p)
    except OSError as e:  # e.g. the target is a folder: name the path the user gave, not the temp file
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        raise InputError(Problem(str(p), 0, "file", e.strerror or str(e))) from None
    except BaseException:
        if tmp:
            with signals_held():
                Path(tmp).unlink(missing_ok=True)
        raise
