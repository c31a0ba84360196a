"""The ``newsgold`` command line.

Sub-commands live in their own modules and are imported only when chosen, so ``newsgold --help``
stays fast (no spaCy / datasets / sklearn import). Each command module provides
``configure(parser)`` and ``run(args) -> int``.

Bad input (:class:`newsgold.errors.InputError`) is printed as ``path:line: field: what is wrong`` lines
on stderr (at most ``--max-errors`` per file, then a count per kind) with exit status 2 and no
traceback; a bad option value is one line (``newsgold score: --bootstrap: must be >= 0``) plus a hint.
Before a command runs, every path it would write is checked (:func:`newsgold.output.guard_command`);
while it runs, SIGINT/SIGTERM/SIGHUP unwind it cleanly (:func:`newsgold.output.interruptible`).
"""

from __future__ import annotations

import argparse
import errno
import importlib
import os
import re
import sys
from collections import Counter
from typing import NoReturn

from newsgold.errors import InputError, Problem
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


MAX_ERRORS = 20
"""Problems shown per file by default (``--max-errors``)."""


class Parser(argparse.ArgumentParser):
    """argparse with a one-line error: ``newsgold score: --bootstrap: must be >= 0`` and a hint
    line, instead of a usage block."""

    def error(self, message: str) -> NoReturn:
        m = re.fullmatch(r"argument (\S+): (.*)", message, re.S)
        text = f"{m.group(1)}: {m.group(2)}" if m else message
        # the same words on every Python version: choices without quotes
        text = re.sub(r"\(choose from (.*)\)$", lambda c: "(choose from " + c.group(1).replace("'", "") + ")", text)
        self.exit(2, f"{self.prog}: {' '.join(text.split())}\nrun '{self.prog} --help' for the options\n")


def print_problems(problems: list[Problem], limit: int = MAX_ERRORS) -> None:
    """Every problem up to ``limit`` per file, then one line per file and kind (field, numbers as
    ``#``: brat's ``A32`` and ``A33`` are one kind, ``A#``) with the number not shown -- a file with
    400,000 bad lines gives a screenful, not 63 MB."""
    shown: Counter[str] = Counter()
    hidden: Counter[tuple[str, str]] = Counter()
    for p in problems:
        if shown[p.path] < limit:
            shown[p.path] += 1
            print(p, file=sys.stderr)
        else:
            hidden[(p.path, re.sub(r"\d+", "#", p.field))] += 1
    for (path, field), n in hidden.items():
        print(Problem(path, 0, field, f"{n} more problem{'s' if n != 1 else ''} of this kind not shown "
                                      f"(--max-errors {limit})"), file=sys.stderr)


def _top_parser() -> argparse.ArgumentParser:
    epilog = "commands:\n" + "\n".join(f"  {n:<11} {h}" for n, (_, h) in COMMANDS.items())
    epilog += "\n\nRun 'newsgold COMMAND --help' for a command's options."
    p = Parser(
        prog="newsgold",
        description="Gold-standard news annotations and an evaluation toolkit for extractors.",
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--version", action="version", version=f"newsgold {__version__}")
    p.add_argument("command", choices=list(COMMANDS), metavar="COMMAND", help="see below")
    return p


def command_parser(name: str) -> Parser:
    """The option parser of sub-command ``name`` (its module's options plus ``--max-errors``)."""
    from newsgold.commands.score import positive

    parser = Parser(prog=f"newsgold {name}", description=COMMANDS[name][1])
    importlib.import_module(COMMANDS[name][0]).configure(parser)
    also = "; the system's errors in a report are --errors" if "--errors" in parser._option_string_actions else ""
    parser.add_argument("--max-errors", type=positive, default=MAX_ERRORS, metavar="N",
                        help=f"show at most N problems in bad input per file, then a count per kind "
                             f"(default {MAX_ERRORS}{also})")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    top = _top_parser()
    if not argv or argv[0] not in COMMANDS:
        top.parse_args(argv[:1] or ["--help"])  # prints help / version / usage error and exits
        return 2
    name, rest = argv[0], argv[1:]
    module = importlib.import_module(COMMANDS[name][0])
    parser = command_parser(name)
    args = parser.parse_args(rest)
    from newsgold.output import guard_command, interruptible

    try:
        with interruptible():
            guard_command(parser, args)
            return int(module.run(args) or 0)
    except InputError as e:
        print_problems(e.problems, args.max_errors)
        return 2
    except OSError as e:  # a path given on the command line that cannot be read or written
        where = e.filename if e.filename is not None else f"newsgold {name}"
        why = e.strerror or str(e)
        if e.errno == errno.ENOENT and e.filename is not None and not os.path.isabs(str(e.filename)):
            why += f" (relative to {os.getcwd()})"  # defaults such as corpus/documents.jsonl need the project root
        print(f"{where}:0: file: {why}", file=sys.stderr)
        return 2
    except MemoryError:
        print(f"newsgold {name}: out of memory: the input or the options (e.g. --bootstrap) are too large "
              "for this machine", file=sys.stderr)
        return 2
    except KeyboardInterrupt as e:
        import signal

        signum = getattr(e, "signum", signal.SIGINT)
        print(f"newsgold {name}: interrupted ({signal.Signals(signum).name})", file=sys.stderr)
        return 128 + signum


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
