"""Backend registry: built-ins and third-party plugins via the ``newsgold.backends`` entry points.

Built-in backends are declared in ``pyproject.toml`` under the same group, so there is one
discovery path for everyone. ``file:PATH`` is special: it reads an existing predictions folder.

>>> "rules" in list_backends()
True
"""

from __future__ import annotations

from importlib.metadata import entry_points

from newsgold.backends.base import Backend, availability, description

GROUP = "newsgold.backends"
__all__ = ["Backend", "GROUP", "availability", "description", "get_backend", "list_backends"]


def _entry_points() -> dict:
    return {ep.name: ep for ep in entry_points(group=GROUP)}


def list_backends() -> list[str]:
    """Names of the registered backends (``file`` takes a path, ``file:PATH``, so it is listed
    as ``file``)."""
    return sorted(set(_entry_points()) | {"file"})


def get_backend(name: str, **options: object) -> Backend:
    """Instantiate backend ``name`` with keyword ``options`` (e.g. ``model``, ``n_process``; those
    its constructor does not take are not passed).

    ``file:PATH`` returns a :class:`~newsgold.backends.file.FileBackend` for the folder PATH.
    Raises ``KeyError`` with the known names for an unknown backend.
    """
    if name == "file" or name.startswith("file:"):
        from newsgold.backends.file import FileBackend

        path = name.partition(":")[2] or options.pop("path", None)
        if not path:
            raise KeyError("backend 'file' needs a folder: use file:PATH")
        return FileBackend(str(path), **options)
    eps = _entry_points()
    if name not in eps:
        raise KeyError(f"unknown backend {name!r} (known: {', '.join(list_backends())})")
    cls = eps[name].load()
    return cls(**_accepted(cls, options))


def _accepted(cls: object, options: dict[str, object]) -> dict[str, object]:
    """The ``options`` the backend's constructor takes (all, when it takes ``**options``): a plugin
    written without ``__init__`` still runs under ``extract``, which passes its batch size.

    >>> class Plain: pass
    >>> class Tuned:
    ...     def __init__(self, batch_size: int = 8) -> None: ...
    >>> _accepted(Plain, {"batch_size": 64}), _accepted(Tuned, {"batch_size": 64, "model": "x"})
    ({}, {'batch_size': 64})
    """
    import inspect

    try:
        params = inspect.signature(cls).parameters.values()  # type: ignore[arg-type]
    except (TypeError, ValueError):  # no signature to read: pass everything, as before
        return options
    if any(p.kind is p.VAR_KEYWORD for p in params):
        return options
    names = {p.name for p in params if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)}
    return {k: v for k, v in options.items() if k in names}
