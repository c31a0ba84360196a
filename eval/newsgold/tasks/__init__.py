"""Task registry: name -> "module:Class". A task implements :class:`newsgold.tasks.base.Task`.

Adding a task = one module with a class implementing ``count`` and ``score`` plus one line here;
no stage changes.
"""

from __future__ import annotations

import importlib

from newsgold.schema import TASKS

REGISTRY: dict[str, str] = {
    "entities": "newsgold.tasks.entities:EntitiesTask",
    "quotes": "newsgold.tasks.quotes:QuotesTask",
    "claims": "newsgold.tasks.claims:ClaimsTask",
}
assert tuple(REGISTRY) == TASKS


def get_task(name: str):
    """Instantiate the task called ``name``."""
    module, cls = REGISTRY[name].split(":")
    return getattr(importlib.import_module(module), cls)()
