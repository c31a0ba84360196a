"""``newsgold convert``: other tools' output -> a predictions folder, and the gold -> other tools' formats.

``--from FORMAT INPUT --out DIR`` reads INPUT (see :mod:`newsgold.convert` for each format), locates
every entity in the corpus, checks it like any prediction and writes ``DIR/entities.jsonl`` (+
``meta.json``), ready for ``newsgold score --pred DIR``. ``--to FORMAT --out PATH`` writes the gold's
entities in FORMAT (a file; a folder for brat), listing every entity the format cannot carry.
Bad input is one line per problem, exit 2, and nothing is written. Heavy imports happen in :func:`run`.
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


def configure(parser: argparse.ArgumentParser) -> None:
    names = ", ".join(FORMATS)
    way = parser.add_mutually_exclusive_group(required=True)
    way.add_argument("--from", dest="src", choices=list(FORMATS), metavar="FORMAT",
                     help=f"read INPUT in FORMAT ({names}) and write a predictions folder")
    way.add_argument("--to", dest="dst", choices=list(FORMATS), metavar="FORMAT",
                     help=f"write the gold's entities in FORMAT ({names})")
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


def _options(args: argparse.Namespace):
    from newsgold.convert.common import Options

    return Options(scheme=args.scheme, spans_key=args.spans_key, discontinuous=args.discontinuous,
                   use=args.use, annotation=args.annotation, min_score=args.min_score)


def run(args: argparse.Namespace) -> int:
    from newsgold.errors import InputError, Problem

    if args.src and not args.input:
        raise InputError(Problem("newsgold convert", 0, "input", "--from needs the INPUT file or folder to read"))
    if args.dst and args.input:
        raise InputError(Problem(args.input, 0, "input", "--to writes the gold: it takes no INPUT (use --gold)"))
    return convert_from(args) if args.src else convert_to(args)


def convert_from(args: argparse.Namespace) -> int:
    import json

    from newsgold.convert import read_predictions
    from newsgold.load import load_corpus
    from newsgold.output import check_output, staged_folder, write_atomic
    from newsgold.report import display_path
    from newsgold.version import __version__

    out = Path(args.out)
    check_output(out, "out", folder=True)
    documents = load_corpus(args.corpus)
    entities, notes = read_predictions(args.src, args.input, documents, _options(args))
    for note in notes:
        print(note, file=sys.stderr)
    meta = {"converted": {"from": args.src, "input": display_path(args.input), "corpus": display_path(args.corpus),
                          "options": {k: v for k, v in vars(_options(args)).items() if v is not None}},
            "newsgold": __version__, "documents": len({e.doc_id for e in entities}), "records": {"entities": len(entities)}}
    with staged_folder(out) as tmp:
        write_atomic(tmp / "entities.jsonl", "".join(json.dumps(e.to_dict(), ensure_ascii=False) + "\n" for e in entities))
        write_atomic(tmp / "meta.json", json.dumps(meta, indent=2, sort_keys=True) + "\n")
    print(f"{len(entities)} entities in {meta['documents']} document(s) from {args.src} -> {out / 'entities.jsonl'}")
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
    documents = load_corpus(args.corpus)
    gold = load_annotations(args.gold, documents)
    if gold.entities is None:
        raise InputError(Problem(str(Path(args.gold) / "entities.jsonl"), 0, "file", "the gold has no entities to write"))
    options = _options(args)
    if options.scheme == "auto":
        from dataclasses import replace

        options = replace(options, scheme="iob2")
    export, notes = export_gold(args.dst, documents, gold.entities, options, args.label_map)
    if export.folder:
        check_replaceable(out)
        with staged_folder(out) as tmp:
            for name, content in sorted(export.files.items()):
                write_atomic(tmp / name, content)
    else:
        if out.is_dir():
            raise InputError(Problem(str(out), 0, "out", f"is a folder: --to {args.dst} writes one file"))
        write_atomic(out, export.files[""])
    for note in notes:
        print(note, file=sys.stderr)
    print(f"{len(documents)} document(s) -> {out} ({args.dst}): {export.written} of {len(gold.entities)} gold "
          f"entities written, {len(export.not_carried)} not carried")
    return 0
