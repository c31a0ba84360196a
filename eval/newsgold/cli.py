"""The ``newsgold`` command line.

Sub-commands live in their own modules and are imported only when chosen, so ``newsgold --help``
stays fast (no spaCy / datasets / sklearn import). Each command module provides
``configure(parser)`` and ``run(args) -> int``.

Bad input (:class:`newsgold.errors.InputError`) is printed as ``path:line: field: what is wrong`` lines
on stderr with exit status 2 and no traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from newsgold.errors import InputError
from newsgold.version import __version__

# name -> (module, one-line help). Order is the order shown in --help.
COMMANDS: dict[str, tuple[str, str]] = {
    "benchmark": ("newsgold.commands.benchmark", "run every installed backend on the corpus, score and compare"),
    "validate": ("newsgold.commands.validate", "check the corpus and an annotation/prediction folder"),
    "extract": ("newsgold.commands.extract", "run one backend and write a predictions folder"),
    "score": ("newsgold.commands.score", "score a predictions folder against the gold"),
    "compare": ("newsgold.commands.compare", "paired significance test between two prediction folders"),
    "convert": ("newsgold.commands.convert", "other tools' output -> predictions; the gold -> other tools' formats"),
    "check": ("newsgold.commands.check", "CI quality gate: compare a benchmark with stored baselines"),
    "export-hf": ("newsgold.commands.export_hf", "write a Hugging Face Hub-ready dataset folder"),
    "push-hf": ("newsgold.commands.push_hf", "upload the exported dataset to the Hugging Face Hub"),
    "schema": ("newsgold.commands.schema", "write the JSON Schema files for the record types"),
}


def _top_parser() -> argparse.ArgumentParser:
    epilog = "commands:\n" + "\n".join(f"  {n:<11} {h}" for n, (_, h) in COMMANDS.items())
    epilog += "\n\nRun 'newsgold COMMAND --help' for a command's options."
    p = argparse.ArgumentParser(
        prog="newsgold",
        description="Gold-standard news annotations and an evaluation toolkit for extractors.",
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--version", action="version", version=f"newsgold {__version__}")
    p.add_argument("command", choices=list(COMMANDS), metavar="COMMAND", help="see below")
    return p


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    top = _top_parser()
    if not argv or argv[0] not in COMMANDS:
        top.parse_args(argv[:1] or ["--help"])  # prints help / version / usage error and exits
        return 2
    name, rest = argv[0], argv[1:]
    module = importlib.import_module(COMMANDS[name][0])
    parser = argparse.ArgumentParser(prog=f"newsgold {name}", description=COMMANDS[name][1])
    module.configure(parser)
    args = parser.parse_args(rest)
    try:
        return int(module.run(args) or 0)
    except InputError as e:
        for problem in e.problems:
            print(problem, file=sys.stderr)
        return 2
    except OSError as e:  # a path given on the command line that cannot be read or written
        where = e.filename if e.filename is not None else f"newsgold {name}"
        print(f"{where}:0: file: {e.strerror or e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("newsgold: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
