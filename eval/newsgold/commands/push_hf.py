"""``newsgold push-hf``: export the gold set and upload it to the Hugging Face Hub.

Needs a token (``HF_TOKEN`` or ``huggingface-cli login``); it is never printed. ``--dry-run``
exports and lists what would be uploaded without any network access or token. Failures (no
token, no network, Hub errors) are one line on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import sys

from newsgold.commands.export_hf import add_input_options


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--repo-id", required=True, metavar="USER/NAME",
                        help="dataset repository on the Hub (created if missing)")
    parser.add_argument("--private", action="store_true", help="create the repository as private")
    parser.add_argument("--dry-run", action="store_true",
                        help="export and list the files that would be uploaded; upload nothing")
    parser.add_argument("--dir", metavar="DIR",
                        help="export to this folder and keep it (default: a temporary folder)")
    add_input_options(parser)


def run(args: argparse.Namespace) -> int:
    from newsgold.commands.export_hf import resolve_report
    from newsgold.hf.push import PushError, push

    try:
        push(args.repo_id, private=args.private, dry_run=args.dry_run, directory=args.dir,
             corpus=args.corpus, annotations=args.annotations, report=resolve_report(args.report, args.corpus, args.annotations),
             out=sys.stdout)
    except PushError as e:
        print(e, file=sys.stderr)
        return 2
    return 0
