"""The CI quality gate: compare a benchmark report with stored baselines.

pytest-benchmark gates timings only; this gates quality. ``eval/newsgold/baselines.json`` records, per
backend and task, the headline metric and its precision/recall together with the signature they
were computed under. A check compares a fresh benchmark report metric by metric:

* a drop of more than ``tolerance`` (absolute) is a **FAIL** -> exit 1;
* a rise of more than ``tolerance`` is **improved** -> exit 0, with the command to raise the baseline;
* a different signature (other gold, settings, backend/model version) is refused outright
  (:class:`newsgold.errors.InputError`, exit 2): numbers computed under different conditions are not
  comparable, so no silent comparison.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsgold.errors import InputError, Problem

DEFAULT_BASELINE = Path(__file__).with_name("baselines.json")
METRICS = ("f1", "precision", "recall")


@dataclass(frozen=True)
class Row:
    backend: str
    task: str
    metric: str  # e.g. "strict.f1"
    baseline: float | None
    now: float | None
    verdict: str  # "ok" | "FAIL" | "improved" | "missing"

    @property
    def delta(self) -> float | None:
        if self.baseline is None or self.now is None:
            return None
        return self.now - self.baseline


def baseline_from_report(report: Mapping[str, Any], path: str = "report") -> dict[str, Any]:
    """The baseline document for a benchmark report (only backends that ran)."""
    if not (isinstance(report, Mapping) and isinstance(report.get("backends"), Mapping)
            and isinstance(report.get("gold"), Mapping) and "signature" in report):
        raise InputError(Problem(path, 0, "backends", "not a newsgold benchmark report.json "
                                 "(needs signature, gold and backends: run 'newsgold benchmark')"))
    out: dict[str, Any] = {"signature": report["signature"], "gold_sha256": report["gold"]["sha256"],
                           "backends": {}}
    for name, b in sorted(report["backends"].items()):
        if b["status"] != "ok":
            continue
        tasks = {}
        for task, t in sorted(b["tasks"].items()):
            prefix = t["headline"].rpartition(".")[0]
            tasks[task] = {f"{prefix}.{m}" if prefix else m: round(float(t[m]), 6) for m in METRICS}
        out["backends"][name] = {"signature": b["signature"], "tasks": tasks}
    return out


def dumps(doc: Mapping[str, Any]) -> str:
    return json.dumps(doc, indent=2, sort_keys=True) + "\n"


def compare(baseline: Mapping[str, Any], report: Mapping[str, Any], tolerance: float,
            baseline_path: str = "baseline", report_path: str = "report") -> list[Row]:
    """Rows of (backend, task, metric, baseline, now, verdict). Raises :class:`InputError` when
    the signatures differ."""
    if not isinstance(baseline, Mapping) or not isinstance(baseline.get("backends"), Mapping):
        raise InputError(Problem(baseline_path, 0, "backends", "not a newsgold baseline file (no 'backends')"))
    now = baseline_from_report(report, report_path)
    if baseline.get("signature") != now["signature"]:
        raise InputError(Problem(baseline_path, 0, "signature",
                                 f"baseline was computed under {baseline.get('signature')!r}, this report under "
                                 f"{now['signature']!r}; not comparable (re-run with the same gold and settings, "
                                 "or accept the new conditions with 'newsgold check --update')"))
    rows: list[Row] = []
    for name, b in sorted(baseline.get("backends", {}).items()):
        cur = now["backends"].get(name)
        if cur is not None and cur["signature"] != b["signature"]:
            raise InputError(Problem(baseline_path, 0, f"backends.{name}.signature",
                                     f"baseline {b['signature']!r} != now {cur['signature']!r} (backend or model "
                                     "version changed); not comparable, update the baseline deliberately"))
        for task, metrics in sorted(b["tasks"].items()):
            for metric, base in sorted(metrics.items()):
                value = None if cur is None else cur["tasks"].get(task, {}).get(metric)
                if value is None:
                    verdict = "missing"
                elif value < base - tolerance:
                    verdict = "FAIL"
                elif value > base + tolerance:
                    verdict = "improved"
                else:
                    verdict = "ok"
                rows.append(Row(name, task, metric, base, value, verdict))
    return rows


def failed(rows: list[Row]) -> bool:
    return any(r.verdict in ("FAIL", "missing") for r in rows)


def render(rows: list[Row], tolerance: float) -> str:
    from newsgold.report import text_table

    def f(x: float | None, signed: bool = False) -> str:
        return "-" if x is None else (f"{x:+.4f}" if signed else f"{x:.4f}")

    table = text_table(["backend", "task", "metric", "baseline", "now", "delta", "verdict"],
                       [[r.backend, r.task, r.metric, f(r.baseline), f(r.now), f(r.delta, True), r.verdict]
                        for r in rows])
    lines = table + [""]
    bad = [r for r in rows if r.verdict in ("FAIL", "missing")]
    if bad:
        lines.append(f"FAILED: {len(bad)} metric(s) dropped by more than {tolerance} or are missing: "
                     + ", ".join(f"{r.backend}/{r.task}/{r.metric}" for r in bad))
    else:
        lines.append(f"OK: no metric dropped by more than {tolerance}")
    if any(r.verdict == "improved" for r in rows):
        lines.append("Some metrics improved: run 'newsgold check --update' to raise the baseline.")
    return "\n".join(lines) + "\n"


def update(path: Path, report: Mapping[str, Any]) -> str:
    """Write the baseline for ``report`` atomically; returns a unified diff old -> new."""
    from newsgold.output import write_atomic

    new = dumps(baseline_from_report(report))
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    write_atomic(path, new)
    return "".join(difflib.unified_diff(old.splitlines(True), new.splitlines(True),
                                        f"{path} (old)", f"{path} (new)")) or "(no change)\n"


def load_json(path: Path, what: str) -> dict[str, Any]:
    """A report or baseline file: :func:`newsgold.load.read_json`, which must hold a JSON object."""
    from newsgold.load import read_json

    obj = read_json(path)
    if not isinstance(obj, dict):
        raise InputError(Problem(str(path), 1, what, "expected a JSON object"))
    return obj
