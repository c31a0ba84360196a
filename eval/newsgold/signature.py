"""The report signature and the gold checksum: everything needed to know whether two scores are
comparable, in one line (the sacrebleu idea), e.g.::

    newsgold:0.1.0|gold:3f2a9c0b1d4e|ent:strict,exact,partial,type|quote:ovl0.5|claim:jac0.5|unit:sentence|ci:bs1000|seed:12345

Two reports with different signatures must not be compared.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from newsgold.tasks import TASKS
from newsgold.tasks.base import Settings
from newsgold.version import __version__


def gold_checksum(gold_dir: str | Path, corpus_path: str | Path | None = None) -> str:
    """sha256 (hex) identifying a gold folder and its corpus, defined as the digest of this stream:

    for each task in :data:`newsgold.schema.TASKS` order (entities, quotes, claims) whose file
    ``<gold_dir>/<task>.jsonl`` exists: the UTF-8 file name ``<task>.jsonl``, a NUL byte, the file
    size in bytes as decimal ASCII, a NUL byte, then the file's bytes; finally, when
    ``corpus_path`` is given, the same for it under the name ``corpus``. Names and sizes make the
    stream unambiguous (a missing file, or bytes moved between files, changes the digest). Bytes
    are canonicalised first (a leading UTF-8 BOM dropped, CRLF -> LF), as the loader accepts both:
    a Windows checkout of the same gold has the same checksum.

    >>> gold_checksum("/nonexistent") == hashlib.sha256(b"").hexdigest()
    True
    """
    parts = [(f"{task}.jsonl", f.read_bytes()) for task in TASKS if (f := Path(gold_dir) / f"{task}.jsonl").is_file()]
    if corpus_path is not None:
        parts.append(("corpus", Path(corpus_path).read_bytes()))
    return checksum(parts)


def checksum(parts: Iterable[tuple[str, bytes]]) -> str:
    """The digest of :func:`gold_checksum` over ``(name, file bytes)`` pairs, in order -- also used
    for gold held in memory, serialised as the JSONL files it would be.

    >>> checksum([("entities.jsonl", b"{}\\r\\n")]) == checksum([("entities.jsonl", b"\\xef\\xbb\\xbf{}\\n")])
    True
    """
    h = hashlib.sha256()
    for name, raw in parts:
        # canonical bytes: a BOM and CRLF line ends are accepted on input, so they must not change
        # the identity of the gold (e.g. a Windows checkout with core.autocrlf)
        data = raw.removeprefix(b"\xef\xbb\xbf").replace(b"\r\n", b"\n")
        h.update(name.encode("utf-8") + b"\0" + str(len(data)).encode("ascii") + b"\0")
        h.update(data)
    return h.hexdigest()


def label_map_tag(label_map: str | None) -> str:
    """``none``, a shipped map's name, or ``<file stem>@<sha256[:8]>`` for a map given as a path
    (so an edited file changes the signature)."""
    if not label_map:
        return "none"
    p = Path(label_map)
    if p.suffix == ".json" or p.is_file():
        digest = hashlib.sha256(p.read_bytes()).hexdigest()[:8] if p.is_file() else "missing"
        return f"{p.stem}@{digest}"
    return label_map


def task_part(task: Any, settings: Settings) -> str:
    """One task's signature fragment (``task`` is a task object or a registered task's name)."""
    if isinstance(task, str):
        from newsgold.tasks import get_task

        task = get_task(task)
    return str(task.signature(settings))


def signature(settings: Settings, tasks: Iterable[Any], gold_sha256: str, unit: str) -> str:
    """The signature line; ``unit`` is the resolved unit (``auto`` already decided).

    >>> signature(Settings(), ["quotes", "claims"], "0123456789abcdef", "sentence")
    'newsgold:0.1.0|gold:0123456789ab|quote:ovl0.5|claim:jac0.5|unit:sentence|ci:bs1000|seed:12345'
    """
    ordered = sorted(tasks, key=lambda t: (TASKS.index(n) if (n := getattr(t, "name", t)) in TASKS
                                           else len(TASKS), str(n)))
    parts = [f"newsgold:{__version__}", f"gold:{gold_sha256[:12]}"]
    parts += [task_part(t, settings) for t in ordered]
    parts.append(f"unit:{unit}")
    ci = f"bs{settings.bootstrap}" if settings.bootstrap > 0 else "none"
    if settings.bootstrap > 0 and settings.confidence != 0.95:
        ci += f",c{settings.confidence:g}"
    parts += [f"ci:{ci}", f"seed:{settings.seed}"]
    return "|".join(parts)


def settings_record(settings: Settings) -> dict[str, Any]:
    """The settings as stored in a report: a label map given as a file path is recorded by its
    tag (``name@sha256[:8]``), so reports hold no absolute paths and stay byte-identical across
    machines.

    >>> settings_record(Settings(label_map="conll"))["label_map"]
    'conll'
    """
    from dataclasses import asdict

    out = asdict(settings)
    if settings.label_map:
        out["label_map"] = label_map_tag(settings.label_map)
    return out
