"""``newsgold convert``: other tools' output -> a predictions folder, and the gold -> other tools' formats.

``--from FORMAT INPUT --out DIR`` reads INPUT (see :mod:`newsgold.convert` for each format), locates
every entity in the corpus, checks it like any prediction and writes ``DIR/entities.jsonl`` (+
``meta.json``), and ``quotes.jsonl`` / ``claims.jsonl`` when INPUT has quotes / claims (brat, Label
Studio), ready for ``newsgold score --pred DIR``. ``--to FORMAT --out PATH`` writes the gold in
FORMAT (a file; a folder for brat), listing every entity the format cannot carry and naming the
quotes and claims of a format that carries none. ``--role NAME=LABEL`` renames a part of the quote
and claim mapping (:class:`newsgold.convert.common.Roles`) both ways. Bad input is one line per
problem, exit 2, and nothing is written. Heavy imports happen in :func:`run`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newsgold.commands.score import DEFAULT_CORPUS, DEFAULT_GOLD
from newsgold.convert import FORMATS
from newsgold.output import PathArg


def _score(s: str) -> float:
    try:
        x = float(s)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {s!r}") from None
    if not 0.0 <= x <= 1.0:
        raise argparse.ArgumentTypeError(f"must be in [0, 1]: {s}")
    return x


ROLES = ("quote", "speaker", "cue", "said_by", "cued_by", "type", "claim", "claimant", "claimed_by", "status", "checkworthy")
"""The fields of :class:`newsgold.convert.common.Roles` (kept equal by a test), for ``--role``."""


def _role(s: str) -> tuple[str, str]:
    name, sep, label = s.partition("=")
    name = name.strip().replace("-", "_")
    if not sep or name not in ROLES:
        raise argparse.ArgumentTypeError(f"expected NAME=LABEL with NAME one of {', '.join(ROLES)}, got {s!r}")
    if not label or any(c.isspace() for c in label):
        raise argparse.ArgumentTypeError(f"the label of {name} must be a non-empty name without spaces, got {label!r}")
    return name, label


def configure(parser: argparse.ArgumentParser) -> None:
    names = ", ".join(FORMATS)
    way = parser.add_mutually_exclusive_group(required=True)
    way.add_argument("--from", dest="src", choices=list(FORMATS), metavar="FORMAT",
                     help=f"read INPUT in FORMAT ({names}) and write a predictions folder")
    way.add_argument("--to", dest="dst", choices=list(FORMATS), metavar="FORMAT",
                     help=f"write the gold in FORMAT ({names}; quotes and claims in brat and labelstudio)")
    parser.add_argument("input", type=PathArg("read"), nargs="?", metavar="INPUT", help="with --from: the file (a folder for brat)")
    parser.add_argument("--corpus", type=PathArg("read"), default=DEFAULT_CORPUS, metavar="PATH", help=f"corpus JSONL file (default: {DEFAULT_CORPUS})")
    parser.add_argument("--gold", type=PathArg("read", folder=True), default=DEFAULT_GOLD, metavar="DIR", help=f"with --to: the gold folder (default: {DEFAULT_GOLD})")
    parser.add_argument("--out", type=PathArg("write"), required=True, metavar="PATH",
                        help="--from: the predictions folder to write; --to: the file (a folder for brat)")
    parser.add_argument("--scheme", choices=("auto", "iob1", "iob2", "bioes"), default="auto",
                        help="conll tag scheme: detected when reading (auto); iob2 when writing unless given")
    parser.add_argument("--spans-key", metavar="KEY", help="spacy: read doc.spans[KEY] instead of doc.ents")
    parser.add_argument("--discontinuous", choices=("error", "hull", "skip"), default="error",
                        help="brat: a discontinuous annotation is an error (default), its hull, or skipped")
    parser.add_argument("--use", choices=("annotations", "predictions"), default="annotations",
                        help="labelstudio: read the tasks' annotations (default) or predictions")
    parser.add_argument("--annotation", default="first", metavar="first|last|ID",
                        help="labelstudio: which annotation of a task to read (default first)")
    parser.add_argument("--min-score", type=_score, metavar="X", help="hf-pipeline: drop entities scored below X")
    parser.add_argument("--label-map", type=PathArg("read"), metavar="NAME|PATH",
                        help="with --to: write labels through this map (e.g. conll: PER/ORG/LOC/MISC)")
    parser.add_argument("--role", type=_role, action="append", default=[], metavar="NAME=LABEL",
                        help="brat, labelstudio: the label, relation or attribute name of one part of a quote or "
                             "claim, when yours differs (repeatable; NAME: " + ", ".join(ROLES) + "; defaults: Quote, "
                             "Speaker, Cue, Said_by, Cued_by, Type, Claim, Claimant, Claimed_by, Status, CheckWorthy)")


def _options(args: argparse.Namespace):
    from newsgold.convert.common import Options, Roles
    from newsgold.errors import InputError, Problem

    roles = Roles(**dict(args.role))
    clash = roles.clash()
    if clash:
        raise InputError(Problem("newsgold convert", 0, "role", f"{clash}: give each its own name"))
    return Options(scheme=args.scheme, spans_key=args.spans_key, discontinuous=args.discontinuous,
                   use=args.use, annotation=args.annotation, min_score=args.min_score, roles=roles)


def run(args: argparse.Namespace) -> int:
    from newsgold.errors import InputError, Problem

    if args.src and not args.input:
        raise InputError(Problem("newsgold convert", 0, "input", "--from needs the INPUT file or folder to read"))
    if args.dst and args.input:
        raise InputError(Problem(args.input, 0, "input", "--to writes the gold: it takes no INPUT (use --gold)"))
    return convert_from(args) if args.src else convert_to(args)


def convert_from(args: argparse.Namespace) -> int:
    import json
    from dataclasses import asdict

    from newsgold.convert import TASKS_OF, read_predictions
    from newsgold.load import load_corpus
    from newsgold.output import check_output, staged_folder, write_atomic
    from newsgold.report import display_path
    from newsgold.version import __version__

    out = Path(args.out)
    check_output(out, "out", folder=True)
    documents = load_corpus(args.corpus)
    options = _options(args)
    got = read_predictions(args.src, args.input, documents, options)
    for note in got.notes:
        print(note, file=sys.stderr)
    # a task file for every task the input has records of (entities.jsonl at least): a missing file
    # means "not done", an empty one "done, nothing found"
    tasks = {"entities": got.entities, "quotes": got.quotes, "claims": got.claims}
    written = {t: records for t, records in tasks.items() if records is not None and (records or t == "entities")}
    if not got.entities and len(written) > 1:
        del written["entities"]
    docs = {x.doc_id for records in written.values() for x in records}
    used = {k: v for k, v in asdict(options).items() if v is not None and (k != "roles" or "quotes" in TASKS_OF[args.src])}
    meta = {"converted": {"from": args.src, "input": display_path(args.input), "corpus": display_path(args.corpus),
                          "options": used},
            "newsgold": __version__, "documents": len(docs), "records": {t: len(x) for t, x in written.items()}}
    with staged_folder(out) as tmp:
        for task, records in written.items():
            write_atomic(tmp / f"{task}.jsonl", "".join(json.dumps(x.to_dict(), ensure_ascii=False) + "\n" for x in records))
        write_atomic(tmp / "meta.json", json.dumps(meta, indent=2, sort_keys=True) + "\n")
    what = ", ".join(f"{len(x)} {t}" for t, x in written.items())
    files = ", ".join(f"{t}.jsonl" for t in written)
    print(f"{what} in {len(docs)} document(s) from {args.src} -> "
          + (str(out / files) if len(written) == 1 else f"{out} ({files})"))
    return 0


def convert_to(args: argparse.Namespace) -> int:
    from newsgold.commands.score import check_label_map
    from newsgold.convert import export_gold
    from newsgold.errors import InputError, Problem
    from newsgold.load import load_annotations, load_corpus
    from newsgold.output import check_not_data, check_replaceable, staged_folder, write_atomic

    out = Path(args.out)
    check_not_data(out, "out")
    check_label_map(args.label_map)
    options = _options(args)
    documents = load_corpus(args.corpus)
    gold = load_annotations(args.gold, documents)
    if gold.entities is None:
        raise InputError(Problem(str(Path(args.gold) / "entities.jsonl"), 0, "file", "the gold has no entities to write"))
    if options.scheme == "auto":
        from dataclasses import replace

        options = replace(options, scheme="iob2")
    export, notes = export_gold(args.dst, documents, gold.entities, options, args.label_map, gold.quotes, gold.claims)
    if export.folder:
        check_replaceable(out)
        with staged_folder(out) as tmp:
            for name, content in sorted(export.files.items()):
                write_atomic(tmp / name, content)
    else:
        if out.is_dir():
            raise InputError(Problem(str(out), 0, "out", f"is a folder: --to {args.dst} writes one file"))
        write_atomic(out, export.files[""], field="out")
    for note in notes:
        print(note, file=sys.stderr)
    more = [(t, x) for t, x in (("quotes", gold.quotes), ("claims", gold.claims)) if x is not None]
    others = "".join(f", {export.written[t]} of {len(x)} {t}" for t, x in more)
    left = len(export.not_carried) + sum(len(x) - export.written[t] for t, x in more)
    print(f"{len(documents)} document(s) -> {out} ({args.dst}): {export.written['entities']} of {len(gold.entities)} gold "
          f"entities{others} written, {left} not carried")
    return 0
