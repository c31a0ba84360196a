"""Task registry: name -> "module:Class". A task implements :class:`newsgold.tasks.base.Task`.

Adding a task = one module in this folder with a class implementing the contract (record type,
field specs, validation rules, ``count``, ``score``, ``signature``) plus one line here; no stage
changes. This module imports nothing heavy (task modules load on first use), so ``--help`` and
option parsing stay fast.
"""

from __future__ import annotations

import importlib
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from newsgold.tasks.base import Task

REGISTRY: dict[str, str] = {
    "entities": "newsgold.tasks.entities:EntitiesTask",
    "quotes": "newsgold.tasks.quotes:QuotesTask",
    "claims": "newsgold.tasks.claims:ClaimsTask",
}

TASKS: tuple[str, ...] = tuple(REGISTRY)
"""Task names in their canonical order; each is one file ``<task>.jsonl`` in an annotations or
predictions folder."""


@lru_cache(maxsize=None)
def _task_class(name: str) -> type:
    module, cls = REGISTRY[name].split(":")
    return getattr(importlib.import_module(module), cls)  # type: ignore[no-any-return]


def get_task(name: str) -> "Task":
    """Instantiate the task called ``name`` (``KeyError`` for an unknown name)."""
    return _task_class(name)()  # type: ignore[no-any-return]
