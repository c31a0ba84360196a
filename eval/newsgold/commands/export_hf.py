"""``newsgold export-hf``: write the gold set as a Hugging Face Hub-ready dataset folder.

The folder (Parquet files per config, README.md dataset card, guidelines, JSON Schemas) can be
uploaded as is with ``newsgold push-hf`` or any Hub client. See :mod:`newsgold.hf.export`.
"""

from __future__ import annotations

import argparse
import sys

from newsgold.hf.export import DEFAULT_RUNS
from newsgold.load import DEFAULT_ANNOTATIONS, DEFAULT_CORPUS


def add_input_options(parser: argparse.ArgumentParser) -> None:
    """Options shared with ``push-hf``: where the gold and the benchmark report come from."""
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS), metavar="PATH",
                        help=f"corpus JSONL file (default: {DEFAULT_CORPUS})")
    parser.add_argument("--annotations", default=str(DEFAULT_ANNOTATIONS), metavar="DIR",
                        help=f"gold annotation folder (default: {DEFAULT_ANNOTATIONS})")
    parser.add_argument("--report", metavar="PATH",
                        help=f"benchmark report.json for the card's score table "
                             f"(default: {DEFAULT_RUNS}/latest/report.json when it is a benchmark of this gold)")


def resolve_report(path: str | None, corpus: str, annotations: str) -> str | None:
    """The report given, else ``runs/latest/report.json`` (what ``newsgold benchmark`` writes by
    default) when it is a benchmark of this gold, else ``None`` (the card says so). Only that one
    run is considered, so the card does not depend on which other runs happen to be on disk."""
    from newsgold.errors import InputError
    from newsgold.hf.export import read_report
    from newsgold.signature import gold_checksum

    if path is not None:
        return path
    latest = DEFAULT_RUNS / "latest" / "report.json"
    if not latest.is_file():
        return None
    try:
        read_report(latest, gold_checksum(annotations, corpus))
    except InputError:
        return None
    return str(latest)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", required=True, metavar="DIR",
                        help="folder to write (created; an earlier export there is replaced)")
    parser.add_argument("--repo-id", metavar="USER/NAME",
                        help="Hub repository the export is meant for (used in the card's loading "
                             "example and citation only; nothing is uploaded)")
    add_input_options(parser)


def run(args: argparse.Namespace) -> int:
    from newsgold.hf.export import export
    from newsgold.hf.push import valid_repo_id

    if args.repo_id is not None and not valid_repo_id(args.repo_id):
        print(f"newsgold export-hf: invalid --repo-id {args.repo_id!r}: expected USER/NAME", file=sys.stderr)
        return 2
    report = resolve_report(args.report, args.corpus, args.annotations)
    result = export(args.out, args.corpus, args.annotations, report=report, repo_id=args.repo_id)
    counts = ", ".join(f"{c} {n}" for c, n in result.counts.items())
    print(f"wrote {result.out}: {len(result.files)} files; rows: {counts}"
          + (f"; benchmark from {report}" if report else "; no benchmark report"))
    return 0
