"""``newsgold benchmark``: run every installed built-in backend on the corpus and compare them."""

from __future__ import annotations

import argparse
from pathlib import Path

from newsgold.commands.score import add_gold, add_settings, n_process, non_negative, settings_from


def configure(p: argparse.ArgumentParser) -> None:
    add_gold(p)
    p.add_argument("--out", type=Path, default=Path("runs/latest"), help="run folder (default runs/latest)")
    p.add_argument("--backends", default=None,
                   help="comma-separated backend names (default: every built-in: rules,spacy,textacy; "
                        "'file:PATH' adds an external predictions folder)")
    p.add_argument("--model", default=None, help="spaCy pipeline for the spacy/textacy backends")
    p.add_argument("--n-process", type=n_process, default=1, help="spaCy processes (>= 1, or -1)")
    p.add_argument("--no-plot", action="store_true", help="do not write scores.png")
    p.add_argument("--no-html", action="store_true", help="do not write report.html")
    p.add_argument("--bootstrap", type=non_negative, default=1000, metavar="N",
                   help="bootstrap resamples for CIs and the paired test (default 1000)")
    add_settings(p)


def run(args: argparse.Namespace) -> int:
    from newsgold.benchmark import BUILTIN_BACKENDS, BenchmarkConfig
    from newsgold.benchmark import run as run_benchmark
    from newsgold.benchmark_render import to_terminal

    names = args.backends.split(",") if args.backends else list(BUILTIN_BACKENDS)
    opts = {}
    for n in ("spacy", "textacy"):
        o = {"n_process": args.n_process} if n == "spacy" else {}
        if args.model:
            o["model"] = args.model
        opts[n] = o
    cfg = BenchmarkConfig(corpus=args.corpus, gold=args.gold, out=args.out, backends=names,
                          settings=settings_from(args, args.bootstrap), backend_options=opts, plot=not args.no_plot,
                          html=not args.no_html)
    report, times = run_benchmark(cfg)
    print(to_terminal(report, times), end="")
    extra = ("" if args.no_html else ", report.html") + ("" if args.no_plot else ", scores.png")
    print(f"wrote {args.out}/report.json, report.md, timings.json{extra}")
    return 0
