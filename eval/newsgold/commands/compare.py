"""``newsgold compare``: is system B really better than system A?

Both prediction folders are counted against the same gold on the same units; per task present in
both, the headline metric of A and B, the difference ``B - A`` with its paired-bootstrap interval,
the paired-bootstrap p-value and the approximate-randomization p-value (see :mod:`newsgold.stats` for
both definitions). Prints a table; ``--json`` writes it atomically.
"""

from __future__ import annotations

import argparse

from newsgold.commands.score import add_common, load_pred, resamples, settings_from
from newsgold.output import PathArg
from newsgold.tasks import TASKS


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("a", type=PathArg("read", folder=True), metavar="A", help="baseline predictions folder")
    parser.add_argument("b", type=PathArg("read", folder=True), metavar="B", help="candidate predictions folder")
    add_common(parser)
    parser.add_argument("--resamples", type=resamples, default=1000, metavar="N",
                        help="bootstrap resamples and randomization shuffles (default 1000)")


def compare_tables(tasks: dict, tables_a: dict, tables_b: dict, settings) -> dict:
    """Per task in both: ``{"metric", "a", "b", "delta", "ci", "p_bootstrap", "p_randomization",
    "units"}``; tasks in only one folder go to ``"skipped"``."""
    from newsgold.stats import approximate_randomization, paired_bootstrap

    out: dict = {"tasks": {}, "skipped": {}}
    for name in tasks:
        if name not in tables_a or name not in tables_b:
            out["skipped"][name] = "only in A" if name in tables_a else "only in B"
            continue
        task, ta, tb = tasks[name], tables_a[name], tables_b[name]
        pb = paired_bootstrap(task, ta, tb, settings.bootstrap, settings.seed, settings.confidence)
        ar = approximate_randomization(task, ta, tb, settings.bootstrap, settings.seed)
        out["tasks"][name] = {"metric": pb["metric"], "a": pb["a"], "b": pb["b"], "delta": pb["delta"],
                              "ci": list(pb["ci"]), "p_bootstrap": pb["p_value"],
                              "p_randomization": ar["p_value"], "units": len(ta.unit_ids)}
    return out


HEADER = ["task", "metric", "A", "B", "delta", "CI of B-A", "p(boot)", "p(AR)", "units"]


def rows(result: dict) -> list[list[str]]:
    """One formatted row per compared task (shared by the terminal and Markdown output)."""
    return [[name, r["metric"], f"{r['a']:.4f}", f"{r['b']:.4f}", f"{r['delta']:+.4f}",
             f"[{r['ci'][0]:+.4f}, {r['ci'][1]:+.4f}]", f"{r['p_bootstrap']:.4f}",
             f"{r['p_randomization']:.4f}", str(r["units"])] for name, r in result["tasks"].items()]


def render(result: dict) -> str:
    """Plain-text table for the terminal."""
    from newsgold.report import text_table

    lines = [result["signature"], f"A = {result['a']['path']}", f"B = {result['b']['path']}", ""]
    lines += text_table(HEADER, rows(result))
    lines += [f"{name}: skipped ({why})" for name, why in result["skipped"].items()]
    return "\n".join(lines) + "\n"


def to_markdown(result: dict) -> str:
    from newsgold.report import md_table

    lines = ["## newsgold compare", "", f"`{result['signature']}`", "",
             f"A = `{result['a']['path']}`, B = `{result['b']['path']}`", "", *md_table(HEADER, rows(result))]
    lines += [f"\n{name}: skipped ({why})" for name, why in result["skipped"].items()]
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    from newsgold.count import count, resolve_tasks, resolve_unit
    from newsgold.gold import load_gold
    from newsgold.output import write_atomic, written_together
    from newsgold.report import display_path, to_json
    from newsgold.signature import settings_record, signature

    settings = settings_from(args, args.resamples)
    source = load_gold(args.gold, args.corpus)
    documents, gold = source.documents, source.annotations
    pred_a = load_pred(args.a, documents, args.tasks, settings)
    pred_b = load_pred(args.b, documents, args.tasks, settings)
    names = [n for n in (args.tasks or TASKS)
             if pred_a.task(n) is not None or pred_b.task(n) is not None]
    both = [n for n in names if pred_a.task(n) is not None and pred_b.task(n) is not None]
    tasks = {t.name: t for t in resolve_tasks(both)}
    tables_a = count(documents, gold, pred_a, settings, tasks=list(tasks.values()))
    tables_b = count(documents, gold, pred_b, settings, tasks=list(tasks.values()))
    result = compare_tables(tasks, tables_a, tables_b, settings)
    result["skipped"] = {n: "only in A" if pred_a.task(n) is not None else "only in B"
                         for n in names if n not in both}
    sha = source.checksum
    unit = resolve_unit(settings.unit, len(documents))
    result.update({
        "signature": signature(settings, both, sha, unit), "settings": settings_record(settings), "unit": unit,
        "gold": {"path": source.name, "sha256": sha},
        "a": {"path": display_path(args.a)}, "b": {"path": display_path(args.b)},
    })
    print(render(result), end="")
    with written_together():  # both files or neither
        if args.json:
            write_atomic(args.json, to_json(result), field="json")
        if args.markdown:
            write_atomic(args.markdown, to_markdown(result), field="markdown")
    return 0
