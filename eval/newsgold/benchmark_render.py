"""Rendering of the benchmark comparison: one table (backend x task) plus significance lines.

Shared by the terminal output and ``report.md``; the per-backend details (per-label tables,
errors) live in ``report.json`` and are rendered by :mod:`newsgold.report` for ``newsgold score``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from newsgold.tasks import TASKS


def ci_label(report: Mapping[str, Any]) -> str:
    """``"95% CI"`` -- the level the report's intervals were computed at (``--confidence``).

    >>> ci_label({"settings": {"confidence": 0.8, "bootstrap": 1000}})
    '80% CI'
    """
    settings = report.get("settings", {})
    if not settings.get("bootstrap", 1):
        return "no CI"
    return f"{100 * float(settings.get('confidence', 0.95)):g}% CI"


def header(report: Mapping[str, Any]) -> list[str]:
    return ["backend", "task", "metric", "F1", ci_label(report), "P", "R", "docs/s"]


def _f(x: Any) -> str:
    return "-" if x is None or x != x else f"{x:.3f}"


def rows(report: Mapping[str, Any], times: Mapping[str, Any]) -> list[list[str]]:
    """One row per (backend, task) scored, in task then score order; skipped backends last."""
    out: list[list[str]] = []
    ok = {n: b for n, b in report["backends"].items() if b["status"] == "ok"}
    for task in TASKS:
        scored = [(n, b["tasks"][task]) for n, b in ok.items() if task in b["tasks"]]
        scored.sort(key=lambda nb: (-nb[1]["f1"], nb[0]))
        for name, t in scored:
            ci = t.get("ci")
            dps = times.get(name, {}).get("docs_per_second")
            out.append([name, task, t["headline"], _f(t["f1"]),
                        f"[{_f(ci[0])}, {_f(ci[1])}]" if ci else "-",
                        _f(t["precision"]), _f(t["recall"]), "-" if dps is None else f"{dps:g}"])
    return out


def significance_lines(report: Mapping[str, Any]) -> list[str]:
    lines = []
    for task, s in report.get("significance", {}).items():
        pb, ar = s["paired_bootstrap"], s["approximate_randomization"]
        def p(test: Mapping[str, Any]) -> str:  # a test that could not run says why, not "p=1.000"
            return f"not computed ({test['note']})" if test.get("note") else f"p={_f(test.get('p_value'))}"

        lines.append(f"{task}: {s['a']} vs {s['b']} on {s['metric']}: "
                     f"paired bootstrap {p(pb)}, approximate randomization {p(ar)}")
    return lines


def skipped_lines(report: Mapping[str, Any]) -> list[str]:
    return [f"{n}: skipped ({b['reason']})" for n, b in report["backends"].items()
            if b["status"] != "ok"]


def to_terminal(report: Mapping[str, Any], times: Mapping[str, Any]) -> str:
    from newsgold.report import text_table

    lines = [f"newsgold benchmark  {report['signature']}", ""]
    lines += text_table(header(report), rows(report, times))
    sig = significance_lines(report)
    if sig:
        lines += ["", "Significance (top two per task):"] + [f"  {x}" for x in sig]
    skipped = skipped_lines(report)
    if skipped:
        lines += ["", "Not run:"] + [f"  {x}" for x in skipped]
    return "\n".join(lines) + "\n"


def to_markdown(report: Mapping[str, Any], times: Mapping[str, Any]) -> str:
    from newsgold.report import md_table

    lines = ["# newsgold benchmark", "", f"`{report['signature']}`", ""]
    lines += md_table(header(report), rows(report, times))
    sig = significance_lines(report)
    if sig:
        lines += ["", "## Significance (top two per task)", ""] + [f"- {x}" for x in sig]
    skipped = skipped_lines(report)
    if skipped:
        lines += ["", "## Not run", ""] + [f"- {x}" for x in skipped]
    lines += ["", "docs/s is wall-clock extraction throughput after model load (timings.json); "
              "every other number is reproducible from report.json."]
    return "\n".join(lines) + "\n"
