"""The CI quality gate: compare a benchmark report with stored baselines.

pytest-benchmark gates timings only; this gates quality. ``eval/newsgold/baselines.json`` records, per
backend and task, the headline metric and its precision/recall together with the signature they
were computed under. A check compares a fresh benchmark report metric by metric:

* a drop of more than ``tolerance`` (absolute) is a **FAIL** -> exit 1;
* a rise of more than ``tolerance`` is **improved** -> exit 0, with the command to raise the baseline;
* a different signature (other gold, settings, backend/model version) is refused outright
  (:class:`newsgold.errors.InputError`, exit 2): numbers computed under different conditions are not
  comparable, so no silent comparison.

Baselines and reports are checked field by field first (:func:`baseline_problems`,
:func:`report_problems`): a wrong type, a missing signature or a non-finite number is one
``path:0: field: what is wrong`` line, never a traceback and never a silent pass. ``--update``
keeps the baselines of backends that did not run and lowers a figure only when allowed
(:func:`update`).
"""

from __future__ import annotations

import difflib
import json
import math
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


def _describe(value: Any) -> str:
    from newsgold.validate import _describe as describe

    return describe(value)


def _score(value: Any) -> bool:
    """A figure: a finite number in [0, 1] (``true`` is not a number)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) and 0 <= value <= 1


def _non_finite(obj: Any, prefix: str) -> list[tuple[str, Any]]:
    """(dotted field, value) of every NaN/Infinity anywhere in ``obj`` (iterative: no depth limit)."""
    out, stack = [], [(prefix, obj)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, float) and not math.isfinite(value):
            out.append((where, value))
        elif isinstance(value, dict):
            stack.extend((f"{where}.{k}" if where else str(k), v) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((f"{where}.{i}", v) for i, v in enumerate(value))
    return sorted(out, key=lambda t: t[0])


def _figures(where: str, metrics: Any, names: tuple[str, ...] | None = None) -> list[tuple[str, str]]:
    """Problems of an object of figures (every value, or the ``names`` given, in [0, 1])."""
    if not isinstance(metrics, Mapping):
        return [(where, f"expected an object of figures, got {_describe(metrics)}")]
    out = []
    for name in names or tuple(metrics):
        if name not in metrics:
            out.append((f"{where}.{name}", "missing"))
        elif not _score(metrics[name]):
            out.append((f"{where}.{name}", f"expected a number in [0, 1], got {_describe(metrics[name])}"))
    return out


def _signed(where: str, doc: Mapping[str, Any]) -> list[tuple[str, str]]:
    sig = doc.get("signature")
    if isinstance(sig, str):
        return []
    return [(f"{where}signature", "missing: the signature the figures were computed under" if sig is None
             else f"expected a string, got {_describe(sig)}")]


def baseline_problems(baseline: Any, path: str) -> list[Problem]:
    """Every structural problem of a baseline file (empty when it is a valid baseline)."""
    if not isinstance(baseline, Mapping) or not isinstance(baseline.get("backends"), Mapping):
        return [Problem(path, 0, "backends", "not a newsgold baseline file (no 'backends')")]
    found = _signed("", baseline)
    for name, b in baseline["backends"].items():
        where = f"backends.{name}"
        if not isinstance(b, Mapping):
            found.append((where, f"expected an object, got {_describe(b)}"))
            continue
        if not _signed_with_tasks(where, b, found):
            continue
        for task, metrics in b["tasks"].items():
            found += _figures(f"{where}.tasks.{task}", metrics)
    return [Problem(path, 0, f, m) for f, m in found]


def _signed_with_tasks(where: str, backend: Mapping[str, Any], found: list[tuple[str, str]]) -> bool:
    """The checks a backend entry of a baseline and of a report share: its signature, and a
    ``tasks`` object (appended to ``found``); true when the tasks can be read."""
    found += _signed(where + ".", backend)
    if isinstance(backend.get("tasks"), Mapping):
        return True
    found.append((f"{where}.tasks", f"expected an object of tasks, got {_describe(backend.get('tasks'))}"))
    return False


def report_problems(report: Any, path: str) -> list[Problem]:
    """Every structural problem of a ``newsgold benchmark`` report.json, as far as the gate and the
    Hub card read it (empty when valid); any NaN/Infinity anywhere is one too."""
    if not (isinstance(report, Mapping) and isinstance(report.get("backends"), Mapping)
            and isinstance(report.get("gold"), Mapping) and "signature" in report):
        return [Problem(path, 0, "backends", "not a newsgold benchmark report.json "
                        "(needs signature, gold and backends: run 'newsgold benchmark')")]
    found = _signed("", report)
    if not isinstance(report["gold"].get("sha256"), str):
        found.append(("gold.sha256", f"expected a string, got {_describe(report['gold'].get('sha256'))}"))
    for name, b in report["backends"].items():
        where = f"backends.{name}"
        status = b.get("status") if isinstance(b, Mapping) else None
        if status not in ("ok", "skipped"):
            found.append((f"{where}.status", f"expected 'ok' or 'skipped', got {_describe(status)}"))
            continue
        if status == "skipped":
            continue
        if not _signed_with_tasks(where, b, found):
            continue
        for task, t in b["tasks"].items():
            tw = f"{where}.tasks.{task}"
            if not isinstance(t, Mapping) or not isinstance(t.get("headline"), str):
                found.append((f"{tw}.headline", "missing: expected a task result with a headline metric"))
                continue
            found += _figures(tw, t, METRICS)
            ci = t.get("ci")
            if ci is not None and not (isinstance(ci, list) and len(ci) == 2 and all(_score(x) for x in ci)):
                found.append((f"{tw}.ci", f"expected null or [low, high] in [0, 1], got {_describe(ci)}"))
            if "result" in t and not isinstance(t["result"], Mapping):
                found.append((f"{tw}.result", f"expected an object, got {_describe(t['result'])}"))
    found += [(f, "not a finite number (NaN and Infinity are not valid figures)") for f, _ in _non_finite(report, "")]
    return [Problem(path, 0, f, m) for f, m in dict.fromkeys(found)]


def baseline_from_report(report: Mapping[str, Any], path: str = "report") -> dict[str, Any]:
    """The baseline document for a benchmark report (only backends that ran)."""
    problems = report_problems(report, path)
    if problems:
        raise InputError(problems)
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
    problems = baseline_problems(baseline, baseline_path)
    if problems:
        raise InputError(problems)
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


@dataclass(frozen=True)
class Drop:
    """A baseline figure an update would lower (``now`` is ``None`` when it would disappear)."""

    field: str  # backends.<name>.tasks.<task>.<metric>
    baseline: float
    now: float | None

    def __str__(self) -> str:
        if self.now is None:
            return f"would be removed (was {self.baseline:.4f}): the backend or task is not in this report"
        return f"would drop from {self.baseline:.4f} to {self.now:.4f}"


class DropRefused(Exception):
    """``check --update`` would lower a figure and ``--allow-drop`` was not given."""

    def __init__(self, path: Path, drops: list[Drop]):
        self.lines = [str(Problem(str(path), 0, d.field, f"{d}; pass --allow-drop to lower the baseline"))
                      for d in drops]
        self.lines.append(f"newsgold check: {path} not updated: {len(drops)} figure(s) would drop")
        super().__init__("\n".join(self.lines))


def merge_baseline(old: Mapping[str, Any] | None, report: Mapping[str, Any],
                   report_path: str = "report") -> tuple[dict[str, Any], list[str], list[Drop]]:
    """The new baseline for ``report``: its backends, plus (under the same signature) the old
    baselines of backends that did not run. Returns (baseline, kept backend names, drops)."""
    new = baseline_from_report(report, report_path)
    kept: list[str] = []
    if old is not None and old.get("signature") == new["signature"]:
        kept = sorted(n for n in old["backends"] if n not in new["backends"])
        for n in kept:
            new["backends"][n] = old["backends"][n]
        new["backends"] = dict(sorted(new["backends"].items()))
    drops = []
    for name, b in sorted((old or {}).get("backends", {}).items()):
        cur = new["backends"].get(name)
        for task, metrics in sorted(b["tasks"].items()):
            for metric, value in sorted(metrics.items()):
                now = None if cur is None else cur["tasks"].get(task, {}).get(metric)
                if now is None or now < value:
                    drops.append(Drop(f"backends.{name}.tasks.{task}.{metric}", value, now))
    return new, kept, drops


def update(path: Path, report: Mapping[str, Any], allow_drop: bool = False, report_path: str = "report") -> str:
    """Write the baseline for ``report`` atomically; returns what changed (backends kept, figures
    lowered) and a unified diff old -> new. Raises :class:`DropRefused` instead of lowering or
    removing a figure unless ``allow_drop``; an existing ``path`` must be a valid baseline."""
    from newsgold.output import write_atomic

    raw = path.read_bytes() if path.is_file() else b""  # first: a change after this is noticed when writing
    old = load_json(path, "baseline") if path.exists() else None
    new_doc, kept, drops = merge_baseline(old, report, report_path)
    if drops and not allow_drop:
        raise DropRefused(path, drops)
    new = dumps(new_doc)
    before = raw.decode("utf-8")
    # --update rewrites the baseline on purpose (no manifest: the file is the project's), but only
    # while it still holds the bytes read here: an edit made meanwhile is never lost
    write_atomic(path, new, field="baseline", replace=True, read_as=raw)
    notes = [f"kept {n}: it did not run; its baseline stays\n" for n in kept]
    notes += [f"lowered {d.field}: {d.baseline:.4f} -> {'removed' if d.now is None else f'{d.now:.4f}'}\n" for d in drops]
    diff = "".join(difflib.unified_diff(before.splitlines(True), new.splitlines(True),
                                        f"{path} (old)", f"{path} (new)")) or "(no change)\n"
    return "".join(notes) + diff


def load_json(path: Path, what: str) -> dict[str, Any]:
    """A report or baseline file: :func:`newsgold.load.read_json`, checked by
    :func:`report_problems` / :func:`baseline_problems` (``what`` is "report" or "baseline")."""
    from newsgold.load import read_json

    obj = read_json(path)
    if not isinstance(obj, dict):
        raise InputError(Problem(str(path), 1, what, "expected a JSON object"))
    problems = (baseline_problems if what == "baseline" else report_problems)(obj, str(path))
    if problems:
        raise InputError(problems)
    return obj
