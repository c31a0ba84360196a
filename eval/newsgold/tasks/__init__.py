"""Task registry: name -> "module:Class". A task implements :class:`newsgold.tasks.base.Task`.

Adding a task = one module in this folder with a class implementing the contract (record type,
field specs, validation rules, ``count``, ``score``, ``signature``) plus one line here; no stage
changes. This module imports nothing heavy (task modules load on first use), so ``--help`` and
option parsing stay fast.
"""

from __future__ import annotations

import importlib
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from newsgold.schema import FieldSpec
    from newsgold.tasks.base import Task

REGISTRY: dict[str, str] = {
    "entities": "newsgold.tasks.entities:EntitiesTask",
    "quotes": "newsgold.tasks.quotes:QuotesTask",
    "claims": "newsgold.tasks.claims:ClaimsTask",
}

TASKS: tuple[str, ...] = tuple(REGISTRY)
"""Task names in their canonical order; each is one file ``<task>.jsonl`` in an annotations or
predictions folder."""


@cache
def _task_class(name: str) -> type:
    module, cls = REGISTRY[name].split(":")
    task_class: type = getattr(importlib.import_module(module), cls)
    return task_class


def get_task(name: str) -> "Task":
    """Instantiate the task called ``name`` (``KeyError`` for an unknown name)."""
    task: Task = _task_class(name)()
    return task


def fields_of(kind: str) -> dict[str, FieldSpec]:
    """The field specs of ``documents`` or of a registered task (the task declares them)."""
    from newsgold.schema import FIELDS

    return FIELDS["documents"] if kind == "documents" else get_task(kind).fields
