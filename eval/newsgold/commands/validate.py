"""``newsgold validate``: check the corpus, then each annotation or prediction folder.

Gold folders are strict (all three task files, none empty); ``--predictions`` accepts empty and
missing task files, since a system may find nothing or not do a task, and checks records as the
scorer reads them (only the fields the metric uses are required, unknown fields are ignored with one
note line, entity labels are checked after ``--label-map``). Every problem of every
folder is printed (``path:line: field: what is wrong``, exit 2); a folder that passes gets one
summary line on stdout. Nothing is ever written.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from newsgold.errors import InputError, Problem
from newsgold.load import DEFAULT_ANNOTATIONS, DEFAULT_CORPUS, load_annotations, load_corpus, not_found
from newsgold.output import PathArg
from newsgold.schema import Document
from newsgold.settings import Settings
from newsgold.tasks import TASKS


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--corpus", type=PathArg("read"), metavar="PATH",
                        help=f"corpus JSONL file (default: {DEFAULT_CORPUS}); given alone, only the corpus is checked")
    parser.add_argument("--annotations", type=PathArg("read", folder=True), action="extend", nargs="+", metavar="DIR",
                        help=f"annotation folder(s) to check; repeatable (default: {DEFAULT_ANNOTATIONS})")
    parser.add_argument("--predictions", action="store_true",
                        help="the folders hold predictions: empty or missing task files are allowed, "
                             "only the fields the metric uses are required")
    parser.add_argument("--label-map", type=PathArg("read"), metavar="NAME|PATH",
                        help="with --predictions: check entity labels after this label map (as 'score' does)")


def check_folder(folder: str, documents: list[Document], predictions: bool = False,
                 label_map: str | None = None) -> str:
    """Validate one folder; return its summary line or raise :class:`InputError` with every problem."""
    d = Path(folder)
    if not d.is_dir():
        raise InputError(Problem(folder, 0, "folder", "not a directory" if d.exists() else not_found(d)))
    names = ", ".join(f"{t}.jsonl" for t in TASKS)
    missing = [t for t in TASKS if not os.path.lexists(d / f"{t}.jsonl")]  # a broken link is read, and reported
    problems: list[Problem] = []
    if not predictions:
        problems += [Problem(str(d / f"{t}.jsonl"), 0, "file", f"missing (a gold folder needs {names})")
                     for t in missing]
    elif len(missing) == len(TASKS):
        problems.append(Problem(folder, 0, "folder", f"no task files (expected at least one of {names})"))
    try:
        ann = load_annotations(d, documents, predictions=Settings(label_map=label_map) if predictions else None)
    except InputError as e:
        problems += e.problems
    if problems:
        raise InputError(problems)
    parts = [f"{len(recs)} {t}" if (recs := ann.task(t)) is not None else f"no {t} file" for t in TASKS]
    n = len(documents)
    for note in ann.notes:
        print(note, file=sys.stderr)
    return f"{folder}: {', '.join(parts)} in {n} document{'s' if n != 1 else ''}: ok"


def run(args: argparse.Namespace) -> int:
    from newsgold.commands.score import check_label_map

    check_label_map(args.label_map)
    corpus = args.corpus or str(DEFAULT_CORPUS)
    documents = load_corpus(corpus)  # a broken corpus stops here: offsets cannot be checked
    n = len(documents)
    if args.corpus is not None and not args.annotations:  # `newsgold validate --corpus X`: that corpus alone
        print(f"{corpus}: {n} document{'s' if n != 1 else ''}: ok (no annotation folder given)")
        return 0
    problems: list[Problem] = []
    for folder in args.annotations or [str(DEFAULT_ANNOTATIONS)]:
        try:
            print(check_folder(folder, documents, predictions=args.predictions, label_map=args.label_map))
        except InputError as e:
            problems += e.problems
    if problems:
        raise InputError(problems)
    return 0
