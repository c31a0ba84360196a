"""One error type for bad input, rendered as one line ``path:line: field: what is wrong``.

Every command catches :class:`InputError` at the top (see :mod:`newsgold.cli`), prints the line(s)
to stderr and exits with status 2 -- never a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem found in an input file.

    >>> str(Problem("annotations/entities.jsonl", 3, "label", "unknown label 'FOO'"))
    "annotations/entities.jsonl:3: label: unknown label 'FOO'"
    """

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


class InputError(Exception):
    """Raised with one or more :class:`Problem` when input is unusable."""

    def __init__(self, problems: list[Problem] | Problem):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class Interrupted(KeyboardInterrupt):
    """SIGINT, SIGTERM or SIGHUP arrived (see :func:`newsgold.output.interruptible`): unwinds like
    Ctrl-C so staged output is removed; the CLI prints one line and exits with 128 + the signal."""

    def __init__(self, signum: int):
        self.signum = signum
        super().__init__(signum)
