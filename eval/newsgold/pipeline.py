"""The one place that runs the pipe: count -> score -> stats -> report.

Every entry point (``newsgold score``, ``compare``, ``benchmark``, the agreement script, the
in-memory API) calls :func:`evaluate`; the stages below it never import each other upwards.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from newsgold.count import Table, count, resolve_tasks, resolve_unit
from newsgold.load import Annotations, gc_paused
from newsgold.report import build_report, confusion
from newsgold.schema import Document
from newsgold.score import score_table
from newsgold.stats import bootstrap
from newsgold.tasks.base import Settings, Task


def task_result(task: Task, table: Table, settings: Settings, errors: int | None = None) -> dict[str, Any]:
    """Score one table: metrics, bootstrap intervals, errors, confusion.

    ``errors``: list only the first N error items (``n_errors`` and ``error_kinds`` still count them
    all; the full listing stays in ``table.errors``, for ``errors.jsonl``); ``None`` lists all.
    """
    ci = bootstrap(task, table, settings.bootstrap, settings.confidence, settings.seed)
    result = {
        "headline": task.headline,
        "metrics": score_table(task, table),
        "ci": {k: [lo, hi] for k, (lo, hi) in ci.items()},
        "units": len(table.unit_ids),
        "n_errors": len(table.errors),
        "errors": [e.to_dict() for e in (table.errors if errors is None else table.errors[:errors])],
        "confusion": confusion(table.pairs),
    }
    if errors is not None:
        result["error_kinds"] = dict(sorted(Counter(e.kind for e in table.errors).items()))
    return result


def evaluate(
    documents: Sequence[Document],
    gold: Annotations,
    pred: Annotations,
    settings: Settings,
    gold_checksum: str | None = None,
    tasks: Iterable[str | Task] | None = None,
    errors: int | None = None,
) -> tuple[dict[str, Any], dict[str, Table]]:
    """count -> score -> bootstrap -> report dict, in one call.

    ``gold_checksum`` goes into the report signature (see :func:`newsgold.signature.gold_checksum`);
    when omitted it is computed over the gold folder's task files alone (no corpus); ``errors`` keeps
    only the first N error items per task in the report (:func:`task_result`). Returns the
    report dict and the count tables (for paired tests and the full error listing).
    """
    resolved = resolve_tasks(tasks, pred)
    with gc_paused():  # counting allocates many long-lived objects and no cycles
        tables = count(documents, gold, pred, settings, tasks=resolved)
    by_name = {t.name: t for t in resolved}
    results = {name: task_result(by_name[name], table, settings, errors) for name, table in tables.items()}
    report = build_report(results, settings, gold_path=str(gold.path), pred_path=str(pred.path),
                          gold_sha256=gold_checksum, tasks=[by_name[n] for n in tables],
                          unit=resolve_unit(settings.unit, len(documents)))
    return report, tables
