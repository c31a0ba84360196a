"""``newsgold push-hf``: export the gold set, upload it to the Hugging Face Hub and tag the upload.

Needs a token (``HF_TOKEN`` or ``huggingface-cli login``); it is never printed. ``--dry-run``
exports and lists what would be uploaded without any network access or token. The repository ends
up holding exactly the export (stale files are deleted in the upload commit), tagged
``v<version>`` (or ``--tag``). Failures (no token, no network, Hub errors, an existing tag) are one
line on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import sys

from newsgold.commands.export_hf import add_input_options
from newsgold.output import PathArg


def configure(parser: argparse.ArgumentParser) -> None:
    from newsgold.hf.push import DEFAULT_TAG

    parser.add_argument("--repo-id", required=True, metavar="USER/NAME",
                        help="dataset repository on the Hub (created if missing)")
    parser.add_argument("--private", action="store_true", help="create the repository as private")
    parser.add_argument("--tag", default=DEFAULT_TAG,
                        help=f"tag to create on the upload commit, for revision= pinning (default: {DEFAULT_TAG}); "
                             "an existing tag is never moved")
    parser.add_argument("--dry-run", action="store_true",
                        help="export and list the files that would be uploaded; upload nothing")
    parser.add_argument("--dir", type=PathArg("write", folder=True), metavar="DIR",
                        help="export to this folder and keep it (default: a temporary folder)")
    add_input_options(parser)


def run(args: argparse.Namespace) -> int:
    from newsgold.commands.export_hf import resolve_reports, splits_from
    from newsgold.hf.push import PushError, push

    splits = splits_from(args)
    try:
        push(args.repo_id, private=args.private, dry_run=args.dry_run, directory=args.dir, splits=splits,
             reports=resolve_reports(args.report, splits), guidelines=args.guidelines, tag=args.tag,
             out=sys.stdout)
    except PushError as e:
        print(e, file=sys.stderr)
        return 2
    return 0
