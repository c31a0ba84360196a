"""The ``spacy`` backend: a spaCy pipeline (default ``en_core_web_sm``) plus general rules.

* entities: ``doc.ents`` post-processed to the guidelines (:mod:`.entities`)
* quotes:   quotation marks + attribution patterns + the dependency parse (:mod:`.quotes`)
* claims:   clauses of :mod:`newsgold.backends.clauses`, claimants from the quotes, status and
  check-worthiness from :mod:`newsgold.backends.claimcues`

spaCy is imported only when documents are processed, so listing backends stays fast.
Options: ``model`` (any installed pipeline), ``n_process`` and ``batch_size`` for ``nlp.pipe``.
"""

from __future__ import annotations

import bisect

from newsgold.backends.attribution import attribute
from newsgold.backends.base import IdMaker, Record
from newsgold.backends.claimcues import checkworthy, status
from newsgold.backends.clauses import find_claims
from newsgold.backends.coref import KeyResolver
from newsgold.backends.rules import to_quote
from newsgold.backends.spacy_backend import model as _model
from newsgold.schema import Claim, Document, Entity, Span
from newsgold.tasks import TASKS

FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
"""Penn tags of finite verbs and modals: a claim clause holds one (a list item or a participle
phrase -- "creating jobs" -- does not)."""


class SpacyBackend:
    """spaCy NER and dependency parse, with guideline post-processing."""

    name = "spacy"
    tasks = frozenset(TASKS)
    version = "1"

    def __init__(self, model: str = _model.DEFAULT_MODEL, n_process: int = 1, batch_size: int = 32,
                 **options: object) -> None:
        self.model = model
        self.n_process = int(n_process)
        self.batch_size = int(batch_size)
        self._ids = IdMaker()
        self._nlp = None

    @property
    def nlp(self):
        if self._nlp is None:
            self._nlp = _model.load(self.model)
        return self._nlp

    def available(self) -> str | None:
        return _model.missing_reason(self.model)

    def describe(self) -> dict:
        info = _model.model_info(self.nlp) if self.available() is None else {
            "model": self.model, "model_package": None, "model_version": None}
        return {"name": self.name, "version": self.version, **info,
                "settings": {"model": self.model, "n_process": self.n_process, "batch_size": self.batch_size}}

    def parse(self, docs: list[Document]):
        """The spaCy Docs of ``docs`` (``nlp.pipe`` with this backend's batch size / processes)."""
        _model.check_lengths(self.nlp, docs)
        return self.nlp.pipe((d.text for d in docs), batch_size=self.batch_size, n_process=self.n_process)

    def predict(self, docs: list[Document]) -> dict[str, list[Record]]:
        out: dict[str, list[Record]] = {t: [] for t in TASKS}
        for doc, sdoc in zip(docs, self.parse(docs)):
            self.records(doc, sdoc, out)
        return out

    def finite_headline(self, title: str) -> bool:
        """Is the headline a clause? Title case hides verbs from a tagger trained on running text,
        so the headline is tagged in lower case (its first word and acronyms kept): a finite verb
        (present or past tense) that is the root or a conjoined root makes it a clause."""
        words = title.split(" ")
        plain = " ".join(w if i == 0 or (w.isupper() and len(w) > 1) else w.lower() for i, w in enumerate(words))
        parsed = self.nlp(plain)
        return any(t.tag_ in ("VBZ", "VBP", "VBD") and t.dep_ in ("ROOT", "conj") for t in parsed)

    def records(self, doc: Document, sdoc, out: dict[str, list[Record]]) -> None:
        """Append the records of one parsed document to ``out``."""
        from newsgold.backends.spacy_backend.entities import convert
        from newsgold.backends.spacy_backend.quotes import assign_keys, find, subject_mentions

        text = doc.text
        ents = convert(sdoc)
        found = find(sdoc)
        attribute(text, found, ents, subject_mentions(sdoc, ents))
        keys = assign_keys(text, ents, found, KeyResolver())
        for s, e, label in ents:
            out["entities"].append(Entity(doc.id, self._ids("e"), s, e, text[s:e], label, keys[(s, e)]))
        out["quotes"].extend(to_quote(doc, f, self._ids("q")) for f in found)
        headline = bool(doc.title) and text.startswith(doc.title) and self.finite_headline(doc.title)
        finite = sorted(t.idx for t in sdoc if t.tag_ in FINITE_TAGS)

        def has_finite(span: tuple[int, int]) -> bool:
            i = bisect.bisect_left(finite, span[0])
            return i < len(finite) and finite[i] < span[1]

        for h in find_claims(text, doc.title, found, lambda q: q.speaker_key(text), headline_clause=headline,
                             has_finite=has_finite):
            span_text = text[h.start:h.end]
            cs = Span(h.claimant_span[0], h.claimant_span[1], text[h.claimant_span[0]:h.claimant_span[1]]) \
                if h.claimant_span else None
            out["claims"].append(Claim(doc.id, self._ids("c"), Span(h.start, h.end, span_text), h.claimant,
                                       cs, status(span_text, h.claimant, h.cue), checkworthy(span_text)))
