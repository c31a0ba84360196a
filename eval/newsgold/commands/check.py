"""``newsgold check``: the CI quality gate (see :mod:`newsgold.check`)."""

from __future__ import annotations

import argparse
from pathlib import Path

from newsgold.commands.score import gold_source
from newsgold.output import PathArg


def tolerance(s: str) -> float:
    """argparse type: a finite number >= 0 (NaN would make every comparison pass)."""
    import math

    try:
        x = float(s)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {s!r}") from None
    if not math.isfinite(x) or x < 0:
        raise argparse.ArgumentTypeError("must be a finite number >= 0")
    return x


def configure(p: argparse.ArgumentParser) -> None:
    from newsgold.check import DEFAULT_BASELINE

    p.add_argument("--baseline", type=PathArg("update", convert=Path, written_if="update"), default=DEFAULT_BASELINE,
                   metavar="PATH", help="baseline file (default: eval/newsgold/baselines.json)")
    p.add_argument("--tolerance", type=tolerance, default=0.01, metavar="X", help="allowed absolute drop, >= 0 (default 0.01)")
    p.add_argument("--report", type=PathArg("read", convert=Path), default=None, metavar="PATH",
                   help="compare this benchmark report.json instead of re-running the benchmark")
    p.add_argument("--out", type=PathArg("write", folder=True, convert=Path), default=Path("runs/check"),
                   metavar="DIR", help="run folder when re-running (default runs/check)")
    p.add_argument("--corpus", type=PathArg("read"), default=None, metavar="PATH",
                   help="corpus for the re-run (default corpus/documents.jsonl; e.g. tests/data/heldout/documents.jsonl)")
    p.add_argument("--gold", type=gold_source, default="annotations", metavar="DIR|hf:SOURCE",
                   help="gold folder (or hf: export) for the re-run (default annotations)")
    p.add_argument("--update", action="store_true",
                   help="write the current figures as the new baseline (atomically) and show the diff; "
                        "backends that did not run keep their baseline")
    p.add_argument("--allow-drop", action="store_true",
                   help="with --update: allow lowering or removing a baseline figure (each one is printed)")


def run(args: argparse.Namespace) -> int:
    import sys

    from newsgold.check import DropRefused, compare, failed, load_json, render, update

    if args.report is not None:
        report = load_json(args.report, "report")
    else:
        from newsgold.benchmark import BenchmarkConfig
        from newsgold.benchmark import run as run_benchmark

        names = sorted(load_json(args.baseline, "baseline").get("backends", {})) if args.baseline.exists() else None
        # a baselined backend that cannot load is listed as missing by the gate (exit 1), not an error
        cfg = BenchmarkConfig(corpus=args.corpus, gold=args.gold, out=args.out, plot=False, skip_unavailable=True)
        if names:
            cfg.backends = names
        report, _ = run_benchmark(cfg)
    if args.update:
        try:
            print(update(args.baseline, report, allow_drop=args.allow_drop,
                         report_path=str(args.report or args.out / "report.json")), end="")
        except DropRefused as e:
            print("\n".join(e.lines), file=sys.stderr)
            return 1
        return 0
    baseline = load_json(args.baseline, "baseline")
    rows = compare(baseline, report, args.tolerance, str(args.baseline),
                   str(args.report) if args.report is not None else str(args.out / "report.json"))
    print(render(rows, args.tolerance), end="")
    return 1 if failed(rows) else 0
