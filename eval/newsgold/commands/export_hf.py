"""``newsgold export-hf``: write the gold set as a Hugging Face Hub-ready dataset folder.

The folder (Parquet files per config and split, README.md dataset card, LICENSE.md, guidelines,
agreement documents, JSON Schemas) can be uploaded as is with ``newsgold push-hf`` or any Hub
client. See :mod:`newsgold.hf.export`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newsgold.hf import DEFAULT_SPLITS, SplitSource
from newsgold.hf.export import DEFAULT_GUIDELINES, DEFAULT_RUNS
from newsgold.output import PathArg


def split_part(value: str) -> str:
    """argparse type of a ``--split NAME CORPUS ANNOTATIONS`` token; the corpus and the folder are read."""
    return value


# what the guard counts as read (newsgold.output.guard_command): a token naming an existing path
split_part.read_paths = lambda v: [v] if Path(v).exists() else []  # type: ignore[attr-defined]


def add_input_options(parser: argparse.ArgumentParser) -> None:
    """Options shared with ``push-hf``: the splits, the guidelines and the benchmark reports."""
    default = "; ".join(f"{s.name} {s.corpus} {s.annotations}" for s in DEFAULT_SPLITS)
    parser.add_argument("--split", type=split_part, nargs=3, action="append", metavar=("NAME", "CORPUS", "ANNOTATIONS"),
                        help=f"a split: its name, corpus JSONL file and gold folder; repeat for each split "
                             f"(default: {default})")
    parser.add_argument("--guidelines", type=PathArg("read"), default=str(DEFAULT_GUIDELINES), metavar="PATH",
                        help=f"annotation guidelines shipped with the export (default: {DEFAULT_GUIDELINES})")
    parser.add_argument("--report", type=PathArg("read"), action="append", metavar="PATH",
                        help=f"benchmark report.json for the card's score tables, computed on one of the splits; "
                             f"repeat for several (default: {DEFAULT_RUNS}/latest/report.json when it is a "
                             "benchmark of one of the splits)")


def splits_from(args: argparse.Namespace) -> list[SplitSource]:
    return ([SplitSource(n, Path(c), Path(a)) for n, c, a in args.split] if args.split else list(DEFAULT_SPLITS))


def resolve_reports(paths: list[str] | None, splits: list[SplitSource]) -> list[str]:
    """The reports given, else ``runs/latest/report.json`` (what ``newsgold benchmark`` writes by
    default) when it is a benchmark of one of the splits, else none (the card says so). Only that
    one run is considered, so the card does not depend on which other runs happen to be on disk."""
    from newsgold.errors import InputError
    from newsgold.hf.export import read_report
    from newsgold.signature import gold_checksum

    if paths:
        return list(paths)
    latest = DEFAULT_RUNS / "latest" / "report.json"
    if not latest.is_file():
        return []
    try:
        read_report(latest, [gold_checksum(s.annotations, s.corpus) for s in splits])
    except InputError:
        return []
    return [str(latest)]


def check_repo_id(repo_id: str | None, command: str) -> str | None:
    """An error line for a repo id ``huggingface_hub.utils.validate_repo_id`` rejects or that has
    no namespace (the card's links need ``USER/NAME``); ``None`` when it is fine."""
    from newsgold.hf.push import repo_id_problem

    problem = repo_id_problem(repo_id) if repo_id is not None else None
    return f"newsgold {command}: invalid --repo-id {repo_id!r}: {problem}" if problem else None


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=PathArg("write", folder=True), required=True, metavar="DIR",
                        help="folder to write (created; an earlier export there is replaced, your own files stay)")
    parser.add_argument("--repo-id", metavar="USER/NAME",
                        help="Hub repository the export is meant for (used in the card's links, loading "
                             "examples and citation only; nothing is uploaded)")
    add_input_options(parser)


def run(args: argparse.Namespace) -> int:
    from newsgold.hf.export import export

    error = check_repo_id(args.repo_id, "export-hf")
    if error:
        print(error, file=sys.stderr)
        return 2
    splits = splits_from(args)
    reports = resolve_reports(args.report, splits)
    result = export(args.out, splits, reports=reports, repo_id=args.repo_id, guidelines=args.guidelines)
    print(summary(result, reports))
    return 0


def summary(result, reports: list[str]) -> str:
    """What an export wrote, in a few lines (shared with ``push-hf``)."""
    rows = "; ".join(f"{c} " + ", ".join(f"{s} {n}" for s, n in per.items()) for c, per in result.counts.items())
    lines = [f"wrote {result.out}: {len(result.files)} files; rows: {rows}"
             + (f"; benchmark from {', '.join(reports)}" if reports else "; no benchmark report")]
    lines += [f"ner: {note}" for note in result.notes]
    return "\n".join(lines)
