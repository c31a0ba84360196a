"""Stage "score": sum a task's count table and hand the totals to the task's pure ``score``.

Also :func:`evaluate`, the one call used by ``newsgold score`` and the benchmark runner:
count -> score -> bootstrap -> report dict.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence

import numpy as np

from newsgold.tasks.base import Settings, Task, Totals

if TYPE_CHECKING:  # pragma: no cover
    from newsgold.count import Table
    from newsgold.load import Annotations
    from newsgold.schema import Document


def to_plain(value: Any) -> Any:
    """Numpy scalars / 0-d arrays -> Python numbers, arrays -> lists, tuples -> lists, recursively,
    so metrics can go to JSON and compare with ``==``.

    >>> to_plain({"f": np.float64(0.5), "n": np.int64(3), "v": np.array([1.0, 2.0]), "t": (1, 2)})
    {'f': 0.5, 'n': 3, 'v': [1.0, 2.0], 't': [1, 2]}
    """
    if isinstance(value, Mapping):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_plain(v) for v in value]
    if isinstance(value, np.ndarray):
        return to_plain(value.item()) if value.ndim == 0 else [to_plain(v) for v in value.tolist()]
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    return value


def flatten(metrics: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested metric dicts -> ``{"a.b": value}``.

    >>> flatten({"f1": 1.0, "per_label": {"GPE": {"f1": 0.5}}})
    {'f1': 1.0, 'per_label.GPE.f1': 0.5}
    """
    out: dict[str, Any] = {}
    for k, v in metrics.items():
        key = f"{prefix}{k}"
        if isinstance(v, Mapping):
            out.update(flatten(v, key + "."))
        else:
            out[key] = v
    return out


def unflatten(flat: Mapping[str, Any]) -> dict[str, Any]:
    """Dotted names -> nested dicts (the inverse of :func:`flatten`); a value whose name is also a
    prefix of others is kept under the key ``""``.

    >>> unflatten({"f1": 1.0, "strict.f1": 0.5, "strict.PER.f1": 0.25})
    {'f1': 1.0, 'strict': {'f1': 0.5, 'PER': {'f1': 0.25}}}
    """
    out: dict[str, Any] = {}
    for key, value in flatten(flat).items():
        node = out
        *parents, leaf = key.split(".")
        for part in parents:
            child = node.get(part)
            if not isinstance(child, dict):
                child = node[part] = {} if child is None else {"": child}
            node = child
        if isinstance(node.get(leaf), dict):
            node[leaf][""] = value
        else:
            node[leaf] = value
    return out


def lookup(metrics: Mapping[str, Any], key: str) -> Any:
    """``metrics[key]``, or a dotted path into nested dicts (``"strict.f1"``).

    >>> lookup({"strict": {"f1": 0.25}}, "strict.f1")
    0.25
    """
    if key in metrics:
        return metrics[key]
    flat = flatten(metrics)
    if key in flat:
        return flat[key]
    value: Any = metrics
    for part in key.split("."):
        value = value[part]
    return value


def is_number(v: Any) -> bool:
    """A real number (booleans excluded).

    >>> is_number(0.5), is_number(np.float64(1)), is_number(True), is_number("x")
    (True, True, False, False)
    """
    if isinstance(v, (bool, np.bool_)):
        return False
    if isinstance(v, np.ndarray):
        return v.dtype.kind in "iuf"
    return isinstance(v, (int, float, np.integer, np.floating))


def score_totals(task: Task, columns: list[str], totals: np.ndarray) -> dict[str, Any]:
    """``task.score`` on one ``(k,)`` total vector, as plain Python values."""
    return to_plain(task.score(Totals(list(columns), np.asarray(totals, dtype=float))))


def score_table(task: Task, table: "Table") -> dict[str, Any]:
    """The task's metrics for the whole table (all units summed)."""
    return score_totals(task, table.columns, table.totals())


def evaluate(
    documents: Sequence["Document"],
    gold: "Annotations",
    pred: "Annotations",
    settings: Settings,
    gold_checksum: str | None = None,
    tasks: Iterable[str | Task] | None = None,
) -> tuple[dict[str, Any], dict[str, "Table"]]:
    """count -> score -> bootstrap -> report dict, in one call.

    ``gold_checksum`` goes into the report signature (see :func:`newsgold.signature.gold_checksum`);
    when omitted it is computed over the gold folder's task files alone (no corpus). Returns the
    report dict and the count tables (for paired tests).
    """
    from newsgold.count import _resolve_tasks, count, resolve_unit
    from newsgold.report import build_report, task_result

    resolved = _resolve_tasks(tasks, pred)
    tables = count(documents, gold, pred, settings, tasks=resolved)
    by_name = {t.name: t for t in resolved}
    results = {name: task_result(by_name[name], table, settings) for name, table in tables.items()}
    report = build_report(results, settings, gold_path=str(gold.path), pred_path=str(pred.path),
                          gold_sha256=gold_checksum, tasks=[by_name[n] for n in tables],
                          unit=resolve_unit(settings.unit, len(documents)))
    return report, tables
