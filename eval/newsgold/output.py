"""Writing safely: never into the gold, the corpus or a folder being read, never over a user's
files (nor over a newsgold file the user has edited since), never half-written, and never leaving a
staged folder behind.

* **Where** (:func:`check_output`): every path a command writes is checked before it runs. It may
  not lie in a *data folder* (one holding ``documents.jsonl`` or a gold task file that newsgold did
  not write itself, like ``annotations/``, ``annotations/pass1/`` or ``corpus/``, or anything below
  one) nor in, or on, a path the same command reads. The command line declares its path options
  with :class:`PathArg`, and :func:`guard_command` checks them all before the command runs; the two
  writers below check the data-folder rule again for any caller.
* **Whose** (:data:`MANIFEST`): an output folder holds ``.newsgold-manifest.json`` listing every
  file newsgold wrote there with the SHA-256 and size of the bytes it wrote (:class:`Written`). A
  re-run replaces exactly those files, and only while they still hold those bytes (a changed size
  stops it before the work; the bytes are hashed right before replacing): a file the user edited
  stops the run (one line per file, nothing replaced); files the user added survive; a
  non-empty folder without a manifest is refused. A version-1 manifest (names only, older
  newsgold) is read: its files are replaced as before and get a checksum when rewritten.
* **How**: :func:`write_atomic` (the one file writer; :class:`StagedFile` streams a file into a
  staged folder in pieces) and :func:`staged_folder` (folders) build their output aside, hash it as
  it is written, and rename it into place once every file it replaces is checked, with the user's
  umask; :func:`written_together` does the same for several single files of one command. The
  renames run with SIGINT/SIGTERM/SIGHUP held back (:func:`signals_held`), and
  :func:`interruptible` turns those signals into an exception, so an interrupted command removes
  its staged files and leaves the target untouched.
"""

from __future__ import annotations

import argparse
import contextvars
import hashlib
import json
import os
import shutil
import signal
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from dataclasses import replace as with_fields
from pathlib import Path
from typing import Any

from newsgold.errors import InputError, Interrupted, Problem
from newsgold.tasks import TASKS

DATA_FILES = ("documents.jsonl",) + tuple(f"{t}.jsonl" for t in TASKS)
MANIFEST = ".newsgold-manifest.json"
"""The file in an output folder that lists (``"files"``) every file newsgold wrote there, each with
the SHA-256 and size of the bytes written (:class:`Written`; format version :data:`MANIFEST_VERSION`)."""
MANIFEST_VERSION = 2
"""1: ``{"files": [names]}`` (read, upgraded when rewritten); 2: ``{"version": 2, "files": {name:
{"sha256": hex, "bytes": size}}}``, where ``null`` marks a file listed by version 1 without a checksum."""

REFUSE_DATA = "refusing to write into annotation data newsgold did not write (a gold, corpus or predictions folder); choose another path"
NOT_MANIFEST = ('not a newsgold manifest (expected {"version": 2, "files": {relative path: {"sha256": hex, '
                '"bytes": size}}}): refusing to replace the folder; choose another path')


@dataclass(frozen=True)
class Written:
    """What newsgold wrote to a file: the SHA-256 (hex) and size of its bytes. A manifest entry;
    the file may be replaced later only while it still holds exactly these bytes."""

    sha256: str
    bytes: int
    single: bool = False
    """Written on its own (``score --json FILE``), not as part of a folder output: a later folder
    output into the same folder leaves it where it is (it did not write it), unless it writes the
    same name."""

    def to_dict(self) -> dict[str, Any]:
        return {"sha256": self.sha256, "bytes": self.bytes, **({"single": True} if self.single else {})}


Manifest = dict[str, Written | None]
"""A folder's manifest: relative path -> what newsgold wrote there (``None``: listed without a
checksum by a version-1 manifest)."""


# ------------------------------------------------------------------------------------------------
# checksums
# ------------------------------------------------------------------------------------------------
class Hasher:
    """SHA-256 and size of bytes as they go by, passed on to ``sink`` (a file's ``write``) in
    blocks: small pieces (one JSONL line each) are joined first, so hashing a streamed file costs
    no more than writing it.

    >>> h = Hasher(); h.write(b"a"); h.write(b"bc"); h.written()
    Written(sha256='ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad', bytes=3, single=False)
    """

    BLOCK = 1 << 20

    def __init__(self, sink: Callable[[bytes], Any] | None = None) -> None:
        self._sha = hashlib.sha256()
        self._sink = sink
        self._pending: list[bytes] = []
        self._pending_size = 0
        self.size = 0

    def write(self, data: bytes) -> None:
        self._pending.append(data)
        self._pending_size += len(data)
        if self._pending_size >= self.BLOCK:
            self.flush()

    def flush(self) -> None:
        block = b"".join(self._pending)
        self._pending.clear()
        self._pending_size = 0
        self._sha.update(block)
        self.size += len(block)
        if self._sink is not None:
            self._sink(block)

    def written(self) -> Written:
        self.flush()
        return Written(self._sha.hexdigest(), self.size)


def file_sha256(path: str | Path) -> str:
    """The SHA-256 of a file's bytes, read in blocks (files may be tens of MB)."""
    sha = hashlib.sha256()
    buf = bytearray(Hasher.BLOCK)
    view = memoryview(buf)
    with open(path, "rb") as f:
        while n := f.readinto(buf):
            sha.update(view[:n])
    return sha.hexdigest()


def changed(path: Path, entry: Written | None, fresh: bool = True) -> str | None:
    """How the file at ``path`` differs from what newsgold wrote there (``entry``), or ``None`` when
    it may be replaced: it holds exactly those bytes, is gone, or is listed without a checksum
    (version-1 manifest). ``fresh=False`` (the checks before a command starts) compares the size
    only, so a check costs no read; the check right before replacing reads and hashes the file."""
    if entry is None:
        return None
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return None  # deleted: nothing of the user's to lose, write it again
    if stat.S_ISLNK(st.st_mode):
        return f"sha256 {entry.sha256[:12]}, now a symbolic link"
    if not stat.S_ISREG(st.st_mode):
        return None  # a folder: not newsgold's file at all; the callers refuse it as in the way
    if not fresh and st.st_size == entry.bytes:
        return None
    now = file_sha256(path)
    if now == entry.sha256 and st.st_size == entry.bytes:
        return None
    return f"sha256 {entry.sha256[:12]}, now {now[:12]}"


def edited(path: Path, field: str, why: str) -> Problem:
    return Problem(str(path), 0, field, f"changed since newsgold wrote it ({why}); move it away or delete it to re-run")


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


def read_manifest(folder: Path) -> Manifest | None:
    """What ``folder``'s manifest lists (file -> :class:`Written`, or ``None`` for a file a
    version-1 manifest lists without a checksum), ``None`` when it has none.

    Raises :class:`InputError` for a manifest that is not newsgold's (unreadable, not a JSON object
    of relative paths, a checksum that is not one, a version this newsgold does not know): such a
    folder is not replaced.
    """
    path = folder / MANIFEST
    if not os.path.lexists(path):
        return None
    bad = InputError(Problem(str(path), 0, "files", NOT_MANIFEST))
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        raise bad from None
    if not isinstance(doc, dict):
        raise bad
    version, files = doc.get("version", 1), doc.get("files")
    if type(version) is not int:
        raise bad
    if version > MANIFEST_VERSION:
        raise InputError(Problem(str(path), 0, "version", f"manifest version {version} is newer than this newsgold "
                                 f"reads ({MANIFEST_VERSION}): refusing to replace the folder; upgrade newsgold "
                                 "or choose another path"))
    if version == 1 and isinstance(files, list) and all(isinstance(f, str) and _relative(f) for f in files):
        return dict.fromkeys(files)
    if version == 2 and isinstance(files, dict) and all(_relative(f) and _entry_ok(e) for f, e in files.items()):
        return {f: None if e is None else Written(e["sha256"], e["bytes"], e.get("single", False)) for f, e in files.items()}
    raise bad


def _entry_ok(entry: object) -> bool:
    if entry is None:
        return True
    if not isinstance(entry, dict) or set(entry) - {"single"} != {"sha256", "bytes"} or entry.get("single", True) is not True:
        return False
    sha, size = entry["sha256"], entry["bytes"]
    return (isinstance(sha, str) and len(sha) == 64 and all(c in "0123456789abcdef" for c in sha)
            and isinstance(size, int) and not isinstance(size, bool) and size >= 0)


def manifest_text(files: Manifest) -> str:
    """The manifest (version :data:`MANIFEST_VERSION`) listing ``files``, one file a line, sorted:
    the same files give the same bytes.

    >>> print(manifest_text({"b.md": None, "a.json": Written("ab" * 32, 3)}), end="")
    {"version": 2, "files": {
     "a.json": {"sha256": "abababababababababababababababababababababababababababababababab", "bytes": 3},
     "b.md": null
    }}
    """
    rows = [f" {json.dumps(f)}: {json.dumps(None if w is None else w.to_dict())}" for f, w in sorted(files.items())]
    if not rows:
        return f'{{"version": {MANIFEST_VERSION}, "files": {{}}}}\n'
    return f'{{"version": {MANIFEST_VERSION}, "files": {{\n' + ",\n".join(rows) + "\n}}\n"


def _relative(name: str) -> bool:
    p = Path(name)
    return bool(name) and not p.is_absolute() and ".." not in p.parts and name != MANIFEST


def data_files(folder: Path) -> list[str]:
    """The data files (``documents.jsonl``, gold task files) in ``folder`` that newsgold did not
    write: a folder with any is a data folder. Dangling symlinks count (they name a data file)."""
    found = [f for f in DATA_FILES if os.path.lexists(folder / f)]
    if found:
        try:
            ours: Manifest = read_manifest(folder) or {}
        except InputError:
            ours = {}
        found = [f for f in found if f not in ours]
    return found


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_not_data(target: str | Path, field: str) -> None:
    """Refuse ``target`` when it is, or lies inside, a data folder (see :func:`data_files`)."""
    resolved = Path(target).resolve()
    if resolved.is_dir() and (resolved / MANIFEST).exists():
        read_manifest(Path(target))  # a manifest newsgold cannot read is the problem to report, not the data files
    for folder in (resolved, *resolved.parents):
        found = data_files(folder) if folder.is_dir() else []
        if found:
            where = "is a data folder" if folder == resolved else f"is inside {shown(folder)}, a data folder"
            raise InputError(Problem(str(target), 0, field, f"{where} (it holds {found[0]}): {REFUSE_DATA}"))


def _ours(out: Path, listed: Manifest) -> set[str]:
    """The listed files a re-run into ``out`` replaces or removes: those still there as a file (or
    a link to one), never one reached through a linked folder."""
    return {f for f in listed if ((out / f).is_symlink() or (out / f).is_file())
            and not any((out / d).is_symlink() for d in Path(f).parents if d.parts)}


def edited_files(out: Path, listed: Manifest, field: str = "out", fresh: bool = True) -> list[Problem]:
    """One problem per file of ``out`` that newsgold wrote and the user changed since (see
    :func:`changed`): replacing or removing it would lose the user's edit."""
    return [edited(out / f, field, why) for f in sorted(_ours(out, listed))
            if (why := changed(out / f, listed[f], fresh)) is not None]


def check_replaceable(out: str | Path, field: str = "out") -> None:
    """An output folder may be (re)written only when it is new, empty, or has a newsgold manifest
    and no file it lists has changed size since newsgold wrote it (a check before the work, by
    ``stat`` alone; the bytes are compared when the new output is committed, :func:`_commit`).

    Raises :class:`InputError` otherwise, so ``--out`` can never wipe a folder newsgold did not
    write, nor an edit the user made to a file newsgold wrote.
    """
    p = Path(out)
    if p.is_symlink() or (p.exists() and not p.is_dir()):
        what = "is a symbolic link" if p.is_symlink() else "exists and is not a folder"
        raise InputError(Problem(str(p), 0, field, f"{what}: refusing to replace it; choose another path"))
    if p.is_dir() and any(p.iterdir()):
        listed = read_manifest(p)
        if listed is None:
            raise InputError(Problem(str(p), 0, field, f"is not empty and has no {MANIFEST} (newsgold did not "
                                     "write it): refusing to replace it; choose a new or empty folder"))
        problems = edited_files(p, listed, field, fresh=False)
        if problems:
            raise InputError(problems)


def own_file_problems(target: str | Path, field: str, fresh: bool = True, verify: bool = True) -> list[Problem]:
    """Why the existing file ``target`` may not be overwritten (empty: it may). It may when
    newsgold wrote it (it is listed in its folder's manifest) and, with ``verify``, it still holds
    the bytes newsgold wrote (:func:`changed`; ``fresh=False``: its size only); a missing file may
    always be written."""
    p = Path(target)
    if not os.path.lexists(p):
        return []
    if p.is_dir() and not p.is_symlink():  # an option that names a file or a folder (convert --out)
        try:
            check_replaceable(p, field)
        except InputError as e:
            return e.problems
        return []
    listed = read_manifest(p.parent) or {}
    if p.name not in listed:
        return [Problem(str(p), 0, field, "exists and newsgold did not write it: refusing to overwrite it; "
                        "choose another path")]
    why = changed(p, listed[p.name], fresh) if verify else None
    return [] if why is None else [edited(p, field, why)]


def check_own_file(target: str | Path, field: str, verify: bool = True) -> None:
    """An existing file may be overwritten only when newsgold wrote it and nobody changed it since
    (:func:`own_file_problems`; this check before the work compares sizes, the bytes are compared
    right before the rename; :func:`write_atomic` lists every file it writes, with its checksum, in
    the manifest of its folder)."""
    problems = own_file_problems(target, field, fresh=False, verify=verify)
    if problems:
        raise InputError(problems)


def record_files(folder: Path, written: Mapping[str, Written]) -> None:
    """List ``written`` (file name -> what was written) in ``folder``'s manifest, so a later run may
    replace those files (and only those, and only while unchanged). Entries of a version-1
    manifest are kept (without a checksum) and the manifest is rewritten as version 2."""
    listed = read_manifest(folder) or {}
    if all(listed.get(f) == w for f, w in written.items()):
        return
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{MANIFEST}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(manifest_text({**listed, **written}))
            os.fchmod(f.fileno(), file_mode())
        os.replace(tmp, folder / MANIFEST)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def check_output(target: str | Path, field: str, folder: bool = False,
                 reads: list[tuple[str | Path, str]] | tuple = (), replace: bool = False) -> None:
    """The one guard for a path a command writes (a file, or with ``folder`` a folder it replaces):
    not in a data folder, not in, on or (for a folder) around a path in ``reads`` (``(path,
    option)`` pairs of what the same command reads), a folder only if newsgold wrote it, and an
    existing file only if newsgold wrote it and it is unchanged since (unless ``replace``: a file
    the command updates in place on purpose, like ``check --baseline`` with ``--update``)."""
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
    folder. ``beside``: the other files the command writes in the same folder for this value
    (``score --json``: its ``errors.jsonl``). Every written path is checked by :func:`guard_command` before the command runs.
    """

    use: str
    folder: bool = False
    convert: Callable[[str], Any] = str
    written_if: str | None = None
    read_only_if: str | None = None
    beside: Callable[[str], list[str]] | None = None

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
    problems: list[Problem] = []
    for target, action, kind in writes:  # every refused path is named, not just the first
        others = [(p, name) for p, name, a in reads if a is not action]
        try:
            check_output(target, action.dest, folder=kind.folder, reads=others, replace=kind.use == "update")
        except InputError as e:
            problems.extend(e.problems)
            continue
        for extra in kind.beside(target) if kind.beside else []:  # in the same folder: only whose it is
            problems.extend(own_file_problems(extra, action.dest, fresh=False))
    if problems:
        raise InputError(problems)


# ------------------------------------------------------------------------------------------------
# signals: an interrupted command cleans up; renames are never cut in half
# ------------------------------------------------------------------------------------------------
SIGNALS = tuple(getattr(signal, n) for n in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, n))
_STAGED: dict[Path, dict[str, tuple[Written, tuple[int, ...]]]] = {}
"""Staged folders of this process that are still being built, each with what was written in it
(relative path -> checksum, and the file's stat signature then, to notice a later change)."""


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
            _STAGED.pop(tmp, None)


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


def _staged_root(path: Path) -> Path | None:
    """The staged folder being built that ``path`` lies in, if any (the innermost: ``benchmark``
    builds each backend's predictions folder inside its own)."""
    resolved = path.resolve()
    roots = [t for t in _STAGED if _inside(resolved, t.resolve())]
    return max(roots, key=lambda t: len(t.resolve().parts)) if roots else None


def _signature(st: os.stat_result) -> tuple[int, ...]:
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def _note_staged(path: Path, written: Written) -> None:
    """Remember what was written to ``path`` inside a staged folder, for its manifest."""
    root = _staged_root(path)
    if root is not None:
        _STAGED[root][path.resolve().relative_to(root.resolve()).as_posix()] = (written, _signature(os.lstat(path)))


def _files_under(root: Path) -> list[str]:
    """Every file (or symlink) under ``root`` as a POSIX relative path, the manifest excluded."""
    out = []
    for here, dirs, files in os.walk(root):
        for name in files + [d for d in dirs if (Path(here) / d).is_symlink()]:
            rel = (Path(here) / name).relative_to(root).as_posix()
            if rel != MANIFEST:
                out.append(rel)
    return sorted(out)


def _staged_manifest(tmp: Path, mine: list[str]) -> Manifest:
    """What the staged folder's files hold: the checksums taken as they were written, read again
    only for a file written some other way (or changed after) -- never for newsgold's writers."""
    noted = _STAGED.get(tmp, {})
    out: Manifest = {}
    for f in mine:
        st = os.lstat(tmp / f)
        if stat.S_ISLNK(st.st_mode) or Path(f).name == MANIFEST:
            # newsgold writes files, not links; the manifest of a folder inside (benchmark's
            # predictions/NAME) is newsgold's bookkeeping, rewritten whenever it writes there
            out[f] = None
        elif f in noted and noted[f][1] == _signature(st):
            out[f] = noted[f][0]
        else:
            out[f] = Written(file_sha256(tmp / f), st.st_size)
    return out


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


def _commit(tmp: Path, out: Path, field: str = "out") -> Manifest:
    """Put the finished ``tmp`` in place of ``out``: a new or empty ``out`` is swapped whole; an
    earlier output gets exactly its newsgold files replaced, the user's files stay where they are.
    Nothing is replaced when a file newsgold wrote there before was changed since (:func:`changed`,
    read now) or a file of the user's is in the way. Returns the new manifest's entries."""
    mine = _files_under(tmp)
    written = _staged_manifest(tmp, mine)
    (tmp / MANIFEST).write_text(manifest_text(written), encoding="utf-8")
    if out.is_dir() and any(out.iterdir()):
        listed = read_manifest(out)
        if listed is None:  # changed since the check: never touch a folder newsgold did not write
            check_replaceable(out, field)
            listed = {}
        # files written on their own beside an earlier output (score --json DIR/r.json) are not this
        # output's: they stay, listed, unless this output writes the same name
        singles = {f: w for f, w in listed.items() if w is not None and w.single and f not in mine}
        ours = _ours(out, listed) - set(singles)
        if singles:
            (tmp / MANIFEST).write_text(manifest_text({**written, **singles}), encoding="utf-8")
        clash = _in_the_way(out, mine, ours | set(singles))
        if clash:
            raise InputError(Problem(str(out / clash[1]), 0, field, f"was not written by newsgold and is in the "
                                     f"way of {clash[0]}: move it away or choose another path"))
        problems = edited_files(out, {f: w for f, w in listed.items() if f not in singles}, field)
        if problems:
            raise InputError(problems)
        with signals_held():
            for f in sorted(ours - set(mine)):
                (out / f).unlink()
            for f in mine:
                (out / f).parent.mkdir(parents=True, exist_ok=True)
                os.replace(tmp / f, out / f)
            os.replace(tmp / MANIFEST, out / MANIFEST)
            _prune(out, ours - set(mine))
        return written
    with signals_held():
        if out.is_dir():
            out.rmdir()  # empty: nothing of anyone's is lost
        os.replace(tmp, out)
    return written


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
    place of ``out`` (:func:`_commit`, with a manifest of checksums); when it fails, is interrupted
    or would replace a file the user edited, it is removed and ``out`` is untouched. ``out`` must
    pass :func:`check_not_data` and :func:`check_replaceable`. Write into it with
    :func:`write_atomic` or :class:`StagedFile`, which record each file's checksum as they write."""
    out = Path(out)
    if _staged_root(out) is None:
        check_not_data(out, field)
    check_replaceable(out, field)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp: Path | None = None
    try:  # a signal held back while the folder is made is delivered inside this try: cleaned up too
        with signals_held():
            tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
            _STAGED[tmp] = {}
        os.chmod(tmp, 0o777 & ~_umask())  # mkdtemp makes 0700; the result is an ordinary folder
        yield tmp
        written = _commit(tmp, out, field)
        if _staged_root(out) is not None:  # built inside another staged folder: hand its checksums on
            for f, w in written.items():
                if w is not None:
                    _note_staged(out / f, w)
    finally:
        if tmp is not None:
            with signals_held():
                shutil.rmtree(tmp, ignore_errors=True)
                _STAGED.pop(tmp, None)


class StagedFile:
    """A file written in pieces inside a folder :func:`staged_folder` is building (``extract``
    streams each task's records batch by batch, several files at once): its SHA-256 and size are
    taken as the bytes go by and recorded for the folder's manifest when it is closed. Use as a
    context manager or call :meth:`close`."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if _staged_root(self.path) is None:
            raise ValueError(f"{self.path}: StagedFile writes only inside a staged folder (use write_atomic)")
        self._file = open(self.path, "wb")  # noqa: SIM115 - closed by close()
        self._hasher = Hasher(self._file.write)

    def write(self, data: bytes) -> None:
        if not isinstance(data, (bytes, bytearray, memoryview)):  # a binary file (jsonlines probes with "")
            raise TypeError(f"StagedFile.write takes bytes, not {type(data).__name__}")
        self._hasher.write(data)

    def close(self) -> None:
        if self._file.closed:
            return
        try:
            written = self._hasher.written()
        finally:
            self._file.close()
        _note_staged(self.path, written)

    def __enter__(self) -> StagedFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@dataclass(frozen=True)
class _Pending:
    """A file written aside, waiting to replace ``target`` (see :func:`written_together`)."""

    tmp: Path
    target: Path
    field: str
    written: Written
    record: bool  # list it in its folder's manifest (not for allow_data / replace)
    read_as: bytes | None  # replace: the bytes the command read from target, which it must still hold


class _Together:
    """The files waiting in a :func:`written_together` block, and the folders made for them."""

    def __init__(self) -> None:
        self.pending: list[_Pending] = []
        self.made: list[Path] = []


_TOGETHER: contextvars.ContextVar[_Together | None] = contextvars.ContextVar("newsgold_together", default=None)


@contextmanager
def written_together() -> Iterator[None]:
    """Files :func:`write_atomic` writes in this block (outside staged folders) are written aside
    and replace their targets only at its end, all together, after every target is checked: when
    one of them was changed since newsgold wrote it (or since the command read it), none is
    replaced. ``score`` and ``compare`` write their reports inside one; a single
    :func:`write_atomic` is one by itself. Nested blocks join the outermost."""
    if _TOGETHER.get() is not None:
        yield
        return
    batch = _Together()
    token = _TOGETHER.set(batch)
    done = False
    try:
        yield
        _commit_files(batch.pending)
        done = True
    finally:
        _TOGETHER.reset(token)
        with signals_held():
            for item in batch.pending:
                item.tmp.unlink(missing_ok=True)  # after the commit: already renamed away
            if not done:
                for d in reversed(batch.made):  # folders made for files that were not written
                    try:
                        d.rmdir()
                    except OSError:
                        pass


def _pending_problems(item: _Pending) -> list[Problem]:
    if item.read_as is not None:
        try:
            now = item.target.read_bytes()
        except FileNotFoundError:
            now = b""
        if now == item.read_as:
            return []
        was, now_sha = hashlib.sha256(item.read_as).hexdigest(), hashlib.sha256(now).hexdigest()
        return [Problem(str(item.target), 0, item.field, f"changed while newsgold was updating it (sha256 {was[:12]} "
                        f"read, now {now_sha[:12]}): nothing written; run the command again")]
    if item.target.is_dir() and not item.target.is_symlink():
        return [Problem(str(item.target), 0, item.field, "is a folder: refusing to replace it with a file; choose "
                        "another path")]
    return own_file_problems(item.target, item.field) if item.record else []


def _commit_files(pending: list[_Pending]) -> None:
    """Check every target (read now), then rename every file into place and list it in its
    folder's manifest."""
    problems = [p for item in pending for p in _pending_problems(item)]
    if problems:
        raise InputError(problems)
    folders: dict[Path, dict[str, Written]] = {}
    with signals_held():
        try:
            for item in pending:
                try:
                    os.replace(item.tmp, item.target)
                except OSError as e:  # checked above; e.g. permissions changed meanwhile
                    raise InputError(Problem(str(item.target), 0, "file", e.strerror or str(e))) from None
                if item.record:
                    folders.setdefault(item.target.parent, {})[item.target.name] = with_fields(item.written, single=True)
        finally:  # what was renamed is newsgold's: listed even if a later rename failed
            for folder, written in folders.items():
                record_files(folder, written)


def _make_parents(p: Path) -> None:
    missing = [d for d in (p.parent, *p.parent.parents) if not d.exists()]
    p.parent.mkdir(parents=True, exist_ok=True)
    batch = _TOGETHER.get()
    if batch is not None:
        batch.made.extend(reversed(missing))  # outermost first


def write_atomic(path: str | Path, data: str | bytes | Iterable[bytes], field: str = "file", allow_data: bool = False,
                 replace: bool = False, read_as: bytes | None = None) -> Written:
    """Write ``data`` (text as UTF-8 with LF line ends, bytes, or an iterable of byte chunks that is
    streamed to disk, e.g. one JSONL line each) via a temporary file in the same
    folder and ``os.replace``: a reader never sees a half-written report or plot. The one file
    writer of the package (folders go through :func:`staged_folder`). Returns the SHA-256 and size
    of the bytes written, taken as they are written (no second read).

    Refuses a path in a data folder (:func:`check_not_data`) unless ``allow_data`` (only ``newsgold
    schema`` regenerating the project's own schema files). Outside a staged folder an existing file
    is replaced only when newsgold wrote it and it still holds what newsgold wrote (checked right
    before the rename, :func:`own_file_problems`), and the file written is listed with its checksum
    in its folder's manifest; ``replace`` is for a file updated in place on purpose (``read_as``:
    the bytes the command read from it, ``b""`` for none: it is replaced only if it still holds
    them). Inside :func:`written_together` the rename waits for the end of the block. The file
    gets the user's umask."""
    p = Path(path)
    staged = _staged_root(p) is not None
    if not allow_data and not staged:
        check_not_data(p, field)
        if not replace:
            check_own_file(p, field, verify=False)  # the bytes are checked right before the rename
    if staged or _TOGETHER.get() is not None:
        return _write(p, data, field, staged, not allow_data and not replace, read_as if replace else None)
    with written_together():
        return _write(p, data, field, staged, not allow_data and not replace, read_as if replace else None)


def _write(p: Path, data: str | bytes | Iterable[bytes], field: str, staged: bool, record: bool,
           read_as: bytes | None) -> Written:
    """:func:`write_atomic` after its checks: the file is written aside and hashed as it goes;
    in a staged folder it is renamed at once, otherwise it waits for :func:`written_together`."""
    try:
        _make_parents(p)
    except OSError as e:
        raise InputError(Problem(str(p), 0, "file", e.strerror or str(e))) from None
    tmp = ""
    try:  # as in staged_folder: a signal held back while the file is made is delivered in here
        with signals_held():
            fd, tmp = tempfile.mkstemp(dir=p.parent, prefix=f".{p.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            hasher = Hasher(f.write)
            if isinstance(data, (str, bytes)):
                hasher.write(data.encode("utf-8") if isinstance(data, str) else data)
            else:
                for chunk in data:
                    hasher.write(chunk)
            written = hasher.written()
            os.fchmod(f.fileno(), file_mode())
        if staged:
            with signals_held():
                os.replace(tmp, p)
                _note_staged(p, written)
        else:
            batch = _TOGETHER.get()
            assert batch is not None, "outside a staged folder a file is written inside written_together"
            batch.pending.append(_Pending(Path(tmp), p, field, written, record, read_as))
        return written
    except OSError as e:  # e.g. the target is a folder: name the path the user gave, not the temp file
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        raise InputError(Problem(str(p), 0, "file", e.strerror or str(e))) from None
    except BaseException:
        if tmp:
            with signals_held():
                Path(tmp).unlink(missing_ok=True)
        raise
