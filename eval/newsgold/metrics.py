"""Metric dictionaries: the bottom of the pipe, imported by every stage that reads scores.

Metric names follow one convention for every task (README, "Metric names"): a dotted path
``<measure>[.<group>...].<statistic>`` where the statistic is ``precision``, ``recall``, ``f1``
or ``accuracy``; averages over labels sit under ``macro`` (``strict.macro.f1``,
``status.macro.f1``); counts are bare names (``gold``, ``pred``, ``matched``, ``COR`` ...).
A task's headline is always an ``….f1`` whose siblings ``….precision`` / ``….recall`` exist.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np


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


def headline_keys(headline: str) -> tuple[str, str, str]:
    """The (precision, recall, F1) metric names of a headline ``<prefix>.f1``.

    >>> headline_keys("strict.f1")
    ('strict.precision', 'strict.recall', 'strict.f1')
    """
    prefix, _, last = headline.rpartition(".")
    if last != "f1":
        raise ValueError(f"a headline metric must be named <prefix>.f1, not {headline!r}")
    dot = prefix + "." if prefix else ""
    return f"{dot}precision", f"{dot}recall", headline


def headline_prf(task_result: Mapping[str, Any]) -> tuple[float, float, float]:
    """(precision, recall, F1) of a task result (``{"headline", "metrics"}``).

    >>> headline_prf({"headline": "e2e.f1", "metrics": {"e2e": {"f1": 0.5, "precision": 1.0, "recall": 0.25}}})
    (1.0, 0.25, 0.5)
    """
    metrics = task_result["metrics"]
    p, r, f = (float(lookup(metrics, k)) for k in headline_keys(task_result["headline"]))
    return p, r, f
