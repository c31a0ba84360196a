"""The backend protocol and the small helpers every backend shares.

A backend turns documents into records of :mod:`newsgold.schema`. Keeping the contract this small
(``name``, ``tasks``, ``predict``) lets a third-party package plug in through the
``newsgold.backends`` entry-point group without depending on anything else here.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from newsgold.schema import Claim, Document, Entity, Quote, Span

Record = Entity | Quote | Claim


@runtime_checkable
class Backend(Protocol):
    """An extractor. ``predict`` returns task -> records for every task in ``tasks``.

    Records carry ``doc_id``; ids are unique per task file (use :class:`IdMaker`); every span
    satisfies ``text == doc.text[start:end]`` (use :func:`make_span`). Optional methods:
    ``available() -> str | None`` (why it cannot run) and ``describe() -> dict`` (goes into
    report signatures).
    """

    name: str
    tasks: frozenset[str]

    def predict(self, docs: list[Document]) -> dict[str, list[Record]]: ...


def availability(backend: object) -> str | None:
    """The reason ``backend`` cannot run, or ``None`` -- ``available()`` is optional."""
    fn = getattr(backend, "available", None)
    return fn() if callable(fn) else None


def description(backend: object) -> dict:
    """``backend.describe()`` or a minimal description, so reports always get a signature."""
    fn = getattr(backend, "describe", None)
    if callable(fn):
        return dict(fn())
    return {"name": getattr(backend, "name", type(backend).__name__), "tasks": sorted(backend.tasks)}  # type: ignore[attr-defined]


class IdMaker:
    """Unique ids per task across all batches of one run (``e000001``, ``q000001``...).

    One instance lives as long as the backend, so batching never produces duplicate ids.
    """

    def __init__(self) -> None:
        self._n: dict[str, int] = {}

    def __call__(self, prefix: str) -> str:
        self._n[prefix] = self._n.get(prefix, 0) + 1
        return f"{prefix}{self._n[prefix]:06d}"


_WS = " \t\r\n\u00a0\u2009\u202f"


def trim(text: str, start: int, end: int, strip: str = _WS) -> tuple[int, int]:
    """Move ``start``/``end`` inwards past characters in ``strip`` (whitespace by default)."""
    while start < end and text[start] in strip:
        start += 1
    while end > start and text[end - 1] in strip:
        end -= 1
    return start, end


def make_span(text: str, start: int, end: int) -> Span | None:
    """A whitespace-trimmed :class:`Span` of ``text`` or ``None`` when empty -- spans built this way
    are valid by construction."""
    start, end = trim(text, start, end)
    return Span(start, end, text[start:end]) if end > start else None


def clause_span(text: str, start: int, end: int) -> Span | None:
    """A span trimmed of whitespace and edge punctuation (, ; : — -), and of a final period
    (guideline: no sentence-final period), keeping quotation marks."""
    start, end = trim(text, start, end, _WS + ",;:—–-")
    if end > start and text[end - 1] == "." and not text[start:end].endswith(".."):
        end -= 1
    return make_span(text, start, end)
