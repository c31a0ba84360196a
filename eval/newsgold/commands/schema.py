"""``newsgold schema``: write (or ``--check``) the JSON Schema files generated from newsgold.schema.

The files under ``annotations/schema/`` are for people and tools outside Python; they are generated
from :data:`newsgold.schema.FIELDS`, never edited by hand. ``--check`` (used by a test and CI) exits 1
when the shipped files have drifted from the code.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from newsgold.output import PathArg
from newsgold.schema import json_schema
from newsgold.tasks import TASKS, fields_of

DEFAULT_OUT = Path("annotations/schema")
KINDS: tuple[str, ...] = ("documents", *TASKS)


def render(kind: str) -> str:
    """The exact file content for one kind: pretty, sorted keys, trailing newline (stable diffs).

    >>> render("documents").splitlines()[0]
    '{'
    """
    return json.dumps(json_schema(kind, fields_of(kind)), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def schema_files(out: str | Path = DEFAULT_OUT) -> dict[Path, str]:
    """Path -> content of every schema file for the output folder ``out``."""
    return {Path(out) / f"{kind}.schema.json": render(kind) for kind in KINDS}


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=PathArg("write", folder=True, read_only_if="check"), metavar="DIR",
                        help=f"output folder (default: the project's own {DEFAULT_OUT}, the one place newsgold "
                             "writes inside a data folder)")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if the files in --out differ from the code")


def run(args: argparse.Namespace) -> int:
    from newsgold.output import staged_folder, write_atomic

    out = args.out or str(DEFAULT_OUT)
    files = schema_files(out)
    if args.check:
        stale = [p for p, text in files.items() if not p.is_file() or p.read_text(encoding="utf-8") != text]
        for p in stale:
            print(f"{p}: {'missing' if not p.exists() else 'differs from newsgold.schema'}"
                  " (run 'newsgold schema' to regenerate)", file=sys.stderr)
        if not stale:
            print(f"{out}: {len(files)} schema files up to date")
        return 1 if stale else 0
    if args.out is None:  # the project's own annotations/schema: regenerated file by file, in place
        for p, text in files.items():
            write_atomic(p, text, allow_data=True)
    else:  # any other folder: a newsgold output folder like the others (manifest, the user's files kept)
        with staged_folder(out) as tmp:
            for p, text in files.items():
                write_atomic(tmp / p.name, text)
    for p in files:
        print(f"wrote {p}")
    return 0
