"""``newsgold benchmark``: run every installed built-in backend on the corpus and compare them."""

from __future__ import annotations

import argparse
from pathlib import Path

from newsgold.commands.score import add_gold, add_settings, n_process, resamples, settings_from
from newsgold.output import PathArg, backend_paths
from newsgold.tasks import TASKS


def backend_list(s: str) -> list[str]:
    """argparse type of ``--backends``: comma-separated names, none empty, none twice."""
    names = [n.strip() for n in s.split(",")]
    if not any(names):
        raise argparse.ArgumentTypeError("no backend named (e.g. rules,spacy or file:DIR)")
    if not all(names):
        raise argparse.ArgumentTypeError(f"empty backend name in {s!r}")
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise argparse.ArgumentTypeError(f"backend {twice[0]!r} named twice")
    return names


backend_list.read_paths = backend_paths  # type: ignore[attr-defined]  # file:DIR is read (newsgold.output.guard_command)


def configure(p: argparse.ArgumentParser) -> None:
    add_gold(p)
    p.add_argument("--out", type=PathArg("write", folder=True, convert=Path), default=Path("runs/latest"),
                   metavar="DIR", help="run folder (default runs/latest): report.json, report.md, report.html, "
                                       "timings.json, scores.png and predictions/NAME/ of each backend")
    p.add_argument("--backends", type=backend_list, default=None, metavar="NAME[,NAME...]",
                   help="comma-separated backend names (default: every installed built-in: rules,spacy,textacy; "
                        "'file:PATH' adds an external predictions folder)")
    p.add_argument("--skip-unavailable", action="store_true",
                   help="list a backend that cannot load as skipped instead of stopping with exit 2")
    p.add_argument("--model", default=None, metavar="NAME",
                   help="spaCy pipeline for the spacy/textacy backends (default en_core_web_sm)")
    p.add_argument("--n-process", type=n_process, default=1, metavar="N",
                   help="spaCy processes (>= 1, or -1 for one per core; default 1)")
    p.add_argument("--no-plot", action="store_true", help="do not write scores.png")
    p.add_argument("--no-html", action="store_true", help="do not write report.html")
    p.add_argument("--bootstrap", type=resamples, default=1000, metavar="N",
                   help="bootstrap resamples for CIs and the paired test (default 1000)")
    add_settings(p)


def run(args: argparse.Namespace) -> int:
    import sys

    from newsgold.benchmark import BenchmarkConfig, installed_builtins
    from newsgold.benchmark import run as run_benchmark
    from newsgold.benchmark_render import to_terminal

    if args.backends:
        names = args.backends
    else:
        names, missing = installed_builtins()
        for name, why in missing.items():
            print(f"note: built-in backend {name!r} not benchmarked: {why}", file=sys.stderr)
    opts = {}
    for n in ("spacy", "textacy"):
        o = {"n_process": args.n_process} if n == "spacy" else {}
        if args.model:
            o["model"] = args.model
        opts[n] = o
    cfg = BenchmarkConfig(corpus=args.corpus, gold=args.gold, out=args.out, backends=names,
                          settings=settings_from(args, args.bootstrap), backend_options=opts, plot=not args.no_plot,
                          html=not args.no_html, skip_unavailable=args.skip_unavailable)
    report, times = run_benchmark(cfg)
    for name, b in report["backends"].items():
        if b["status"] == "skipped":
            print(f"note: backend {name!r} skipped (--skip-unavailable): {b['reason']}", file=sys.stderr)
        elif name.startswith("file:"):  # an external folder without a task file: say which task was not scored
            for task in TASKS:
                if task not in b["tasks"]:
                    print(f"note: {name.partition(':')[2]} has no {task}.jsonl: {task} not scored for {name}",
                          file=sys.stderr)
    print(to_terminal(report, times), end="")
    extra = ("" if args.no_html else ", report.html") + ("" if args.no_plot else ", scores.png")
    print(f"wrote {args.out}/report.json, report.md, timings.json{extra}")
    return 0
