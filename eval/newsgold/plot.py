"""``scores.png``: headline F1 per task and backend, with bootstrap CI error bars."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from newsgold.benchmark_render import ci_label
from newsgold.output import write_atomic
from newsgold.tasks import TASKS


def plot_scores(report: Mapping[str, Any], path: str | Path) -> None:
    """Grouped bar chart (tasks on x, one bar per backend) written atomically as PNG."""
    import io

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    ok = {n: b for n, b in report["backends"].items() if b["status"] == "ok"}
    names = sorted(ok)
    tasks = [t for t in TASKS if any(t in b["tasks"] for b in ok.values())]
    fig, ax = plt.subplots(figsize=(7, 4.4), dpi=100)
    width = 0.8 / max(1, len(names))
    x = np.arange(len(tasks))
    for i, name in enumerate(names):
        f1, lo, hi = [], [], []
        for t in tasks:
            r = ok[name]["tasks"].get(t)
            if r is None:  # the backend does not do this task: no bar at all (not a zero)
                f1.append(np.nan)
                lo.append(0.0)
                hi.append(0.0)
                continue
            v = r["f1"]
            ci = r.get("ci") or [v, v]
            f1.append(v)
            lo.append(max(0.0, v - ci[0]))
            hi.append(max(0.0, ci[1] - v))
        ax.bar(x + (i - (len(names) - 1) / 2) * width, f1, width, yerr=[lo, hi], capsize=3, label=name)
    heads = {t: next(b["tasks"][t]["headline"] for b in ok.values() if t in b["tasks"]) for t in tasks}
    ax.set_xticks(x, [f"{t}\n({heads[t]})" for t in tasks])
    ax.set_ylim(0, 1.05)
    ax.set_ylabel(f"F1 ({ci_label(report)})")
    ax.set_title("newsgold benchmark")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=max(1, len(names)), fontsize=8,
              frameon=False)
    fig.tight_layout()
    buf = io.BytesIO()
    try:
        fig.savefig(buf, format="png", metadata={"Software": None})
    finally:
        plt.close(fig)
    write_atomic(path, buf.getvalue())
