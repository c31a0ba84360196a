"""``newsgold extract``: run one backend on a corpus and write a predictions folder."""

from __future__ import annotations

import argparse
import sys

from newsgold.commands.score import n_process, positive
from newsgold.output import PathArg, backend_paths


def backend_name(s: str) -> str:
    """argparse type of ``--backend``: one non-empty name (``file:DIR`` is read)."""
    if not s.strip():
        raise argparse.ArgumentTypeError("no backend named (e.g. rules or file:DIR)")
    return s.strip()


backend_name.read_paths = backend_paths  # type: ignore[attr-defined]  # file:DIR is read (newsgold.output.guard_command)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--backend", type=backend_name, required=True, metavar="NAME",
                        help="backend name (rules, spacy, textacy, a plugin) or file:PATH")
    parser.add_argument("--corpus", type=PathArg("read"), default="corpus/documents.jsonl", metavar="PATH",
                        help="documents JSONL file (default corpus/documents.jsonl)")
    parser.add_argument("--out", type=PathArg("write", folder=True), required=True, metavar="DIR",
                        help="output folder (an earlier newsgold output there is replaced; your own files stay)")
    parser.add_argument("--model", default=None, metavar="NAME", help="spaCy pipeline for spacy/textacy (default en_core_web_sm)")
    parser.add_argument("--n-process", type=n_process, default=None, metavar="N",
                        help="spaCy processes (>= 1, or -1 for one per core; default 1)")
    parser.add_argument("--batch-size", type=positive, default=64, metavar="N",
                        help="documents per batch (>= 1, default 64)")
    bar = parser.add_mutually_exclusive_group()
    bar.add_argument("--progress", dest="progress", action="store_true", default=None, help="always show a progress bar")
    bar.add_argument("--no-progress", dest="progress", action="store_false", help="never show a progress bar")


def run(args: argparse.Namespace) -> int:
    from newsgold.backends import get_backend
    from newsgold.extract import extract
    from newsgold.load import iter_corpus

    options = {"model": args.model, "n_process": args.n_process, "batch_size": args.batch_size}
    try:
        backend = get_backend(args.backend, **{k: v for k, v in options.items() if v is not None})
    except KeyError as e:
        print(f"newsgold extract: {e.args[0]}", file=sys.stderr)
        return 2
    try:
        meta = extract(backend, iter_corpus(args.corpus), args.out, batch_size=args.batch_size,
                       progress=args.progress)
    except RuntimeError as e:
        print(f"newsgold extract: {e}", file=sys.stderr)
        return 2
    counts = ", ".join(f"{n} {t}" for t, n in meta["records"].items())
    print(f"{meta['documents']} document(s) -> {args.out} ({counts}) in {meta['seconds']:.2f}s")
    return 0
