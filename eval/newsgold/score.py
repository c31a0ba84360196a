"""Stage "score": sum a task's count table and hand the totals to the task's pure ``score``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from newsgold.metrics import to_plain
from newsgold.tasks.base import Task, Totals

if TYPE_CHECKING:  # pragma: no cover
    from newsgold.count import Table


def score_totals(task: Task, columns: list[str], totals: np.ndarray) -> dict[str, Any]:
    """``task.score`` on one ``(k,)`` total vector, as plain Python values."""
    return to_plain(task.score(Totals(list(columns), np.asarray(totals, dtype=float))))


def score_table(task: Task, table: "Table") -> dict[str, Any]:
    """The task's metrics for the whole table (all units summed)."""
    return score_totals(task, table.columns, table.totals())
