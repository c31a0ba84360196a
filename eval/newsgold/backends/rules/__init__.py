"""The ``rules`` backend: standard library only, no model -- a transparent baseline.

* entities: :mod:`newsgold.backends.rules.entities` (patterns + capitalised runs)
* quotes:   :mod:`newsgold.backends.rules.quotes` (quotation marks + speech-verb patterns)
* claims:   :mod:`newsgold.backends.clauses` with :mod:`newsgold.backends.claimcues`
"""

from __future__ import annotations

from newsgold.backends.attribution import attribute
from newsgold.backends.base import IdMaker, Record
from newsgold.backends.rules.claims import claims_for
from newsgold.backends.rules.entities import find_entities
from newsgold.backends.rules.quotes import Found, find_quotes
from newsgold.schema import Document, Entity, Quote, Span
from newsgold.tasks import TASKS


def to_quote(doc: Document, f: Found, qid: str) -> Quote:
    """A :class:`Quote` record from a found quote (offsets are into ``doc.text``)."""
    t = doc.text

    def sp(r: tuple[int, int] | None) -> Span | None:
        return Span(r[0], r[1], t[r[0]:r[1]]) if r else None

    content = Span(f.content[0], f.content[1], t[f.content[0]:f.content[1]])  # a found quote always has content
    return Quote(doc.id, qid, f.type, content, sp(f.speaker), f.speaker_key(t), sp(f.cue), f.via)


class RulesBackend:
    """Regex and lexicon rules; works on any English news text, no dependencies."""

    name = "rules"
    tasks = frozenset(TASKS)
    version = "1"

    def __init__(self, **options: object) -> None:
        self.options = {k: v for k, v in options.items() if v is not None}
        self._ids = IdMaker()

    def available(self) -> str | None:
        return None

    def describe(self) -> dict:
        return {"name": self.name, "version": self.version, "model": None, "settings": self.options}

    def predict(self, docs: list[Document]) -> dict[str, list[Record]]:
        out: dict[str, list[Record]] = {t: [] for t in TASKS}
        for doc in docs:
            ents = find_entities(doc.text)
            for s, e, label in ents:
                out["entities"].append(Entity(doc.id, self._ids("e"), s, e, doc.text[s:e], label, None))
            found = find_quotes(doc.text)
            attribute(doc.text, found, ents)
            out["quotes"].extend(to_quote(doc, f, self._ids("q")) for f in found)
            out["claims"].extend(claims_for(doc, found, self._ids))
        return out
