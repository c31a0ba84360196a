"""``scores.png``: headline F1 per task and backend, with bootstrap CI error bars.

Each bar carries its value; the title names the gold (path and checksum) and the caption holds the
report signature, so a picture is never separated from what it measured. A task group has bars
only for the backends that do the task, centred on the group (no empty slot for a task a backend
does not do); a backend keeps its colour across groups.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from newsgold.benchmark_render import ci_label
from newsgold.output import write_atomic
from newsgold.tasks import TASKS


def wrap_signature(text: str, width: int) -> str:
    """Break a signature into lines of at most ``width`` characters at its ``|`` separators.

    >>> print(wrap_signature("a:1|bb:2|c:3", 8))
    a:1|bb:2
    |c:3
    """
    lines = [""]
    for i, part in enumerate(text.split("|")):
        piece = part if i == 0 else "|" + part
        if lines[-1] and len(lines[-1]) + len(piece) > width:
            lines.append("")
        lines[-1] += piece
    return "\n".join(lines)


def scores_figure(report: Mapping[str, Any]) -> Any:
    """The matplotlib figure of a benchmark report. A plain ``Figure`` with an Agg canvas, not pyplot:
    no global figure registry to close, no GUI backend, and 0.3 s less to import."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    ok = {n: b for n, b in report["backends"].items() if b["status"] == "ok"}
    names = sorted(ok)
    tasks = [t for t in TASKS if any(t in b["tasks"] for b in ok.values())]
    per_task = {t: [n for n in names if t in ok[n]["tasks"]] for t in tasks}
    widest = max((len(v) for v in per_task.values()), default=1)
    width = 0.8 / widest
    colours = {n: f"C{i % 10}" for i, n in enumerate(names)}
    fig = Figure(figsize=(7.5, 5.0), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.subplots()
    labelled: set[str] = set()
    for x, t in enumerate(tasks):
        doing = per_task[t]
        for i, name in enumerate(doing):
            r = ok[name]["tasks"][t]
            v = float(r["f1"])
            ci = r.get("ci") or [v, v]
            pos = x + (i - (len(doing) - 1) / 2) * width
            ax.bar(pos, v, width, yerr=[[max(0.0, v - ci[0])], [max(0.0, ci[1] - v)]], capsize=3,
                   color=colours[name], label=None if name in labelled else name, gid=f"bar:{name}:{t}")
            labelled.add(name)
            ax.text(pos, max(v, ci[1]) + 0.015, f"{v:.3f}", ha="center", va="bottom", fontsize=8, gid=f"value:{name}:{t}")
    heads = {t: ok[per_task[t][0]]["tasks"][t]["headline"] for t in tasks}
    ax.set_xticks(range(len(tasks)), [f"{t}\n({heads[t]})" for t in tasks])
    ax.set_xlim(-0.6, len(tasks) - 0.4)
    ax.set_ylim(0, 1.15)
    ax.set_yticks([0, 0.2, 0.4, 0.6, 0.8, 1.0])
    ax.set_ylabel(f"F1 ({ci_label(report)})")
    gold = report.get("gold", {})
    ax.set_title(f"newsgold benchmark · gold: {gold.get('path', '?')} ({str(gold.get('sha256', ''))[:12]})", fontsize=10)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=max(1, min(4, len(names))), fontsize=8,
              frameon=False)
    caption = wrap_signature(f"signature: {report.get('signature', '')}", 110)
    fig.text(0.5, 0.01, caption, ha="center", va="bottom", fontsize=6.5, family="monospace", gid="caption")
    fig.tight_layout(rect=(0, 0.06, 1, 1))
    return fig


def plot_scores(report: Mapping[str, Any], path: str | Path) -> None:
    """:func:`scores_figure` written atomically as PNG."""
    import io

    buf = io.BytesIO()
    scores_figure(report).savefig(buf, format="png", metadata={"Software": None})
    write_atomic(path, buf.getvalue())
