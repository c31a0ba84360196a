"""The ``spacy`` backend: a spaCy pipeline (default ``en_core_web_sm``) plus general rules.

* entities: ``doc.ents`` post-processed to the guidelines (:mod:`.entities`)
* quotes:   quotation marks + attribution patterns + the dependency parse (:mod:`.quotes`)
* claims:   clauses of :mod:`newsgold.backends.clauses`, claimants from the quotes, status and
  check-worthiness from :mod:`newsgold.backends.claimcues`

spaCy is imported only when documents are processed, so listing backends stays fast.
Options: ``model`` (any installed pipeline), ``n_process`` and ``batch_size`` for ``nlp.pipe``.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Iterator
from itertools import islice, tee

from newsgold.backends.attribution import attribute
from newsgold.backends.base import IdMaker, Record
from newsgold.backends.claimcues import checkworthy, status
from newsgold.backends.clauses import find_claims
from newsgold.backends.coref import KeyResolver
from newsgold.backends.rules import to_quote
from newsgold.backends.spacy_backend import model as _model
from newsgold.schema import Claim, Document, Entity, Span
from newsgold.tasks import TASKS

UNUSED_PIPES = _model.UNUSED_PIPES

HEADLINE_PIPES = ("tok2vec", "tagger", "parser")
"""The components a headline is parsed with (only its tags and tree are read; the attribute ruler
of the English pipelines sets a tag and a label only on whitespace tokens, so it is not run)."""

FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
"""Penn tags of finite verbs and modals: a claim clause holds one (a list item or a participle
phrase -- "creating jobs" -- does not)."""


def _finite_offsets(sdoc) -> list[int]:
    """Character offsets of the finite verbs of a parsed Doc, read off its TAG/IDX arrays."""
    from spacy.attrs import IDX, TAG

    strings = sdoc.vocab.strings
    finite = {strings.add(tag) for tag in FINITE_TAGS}
    return sorted(int(idx) for tag, idx in sdoc.to_array([TAG, IDX]).tolist() if tag in finite)


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

    def parse(self, docs: Iterable[Document]) -> Iterator[tuple[Document, object]]:
        """``(document, spaCy Doc)`` pairs in order, from ONE ``nlp.pipe`` stream over ``docs`` in this
        process (batch size ``batch_size``; the components in :data:`UNUSED_PIPES` are not run). A
        document over the pipeline's ``max_length`` is bad input (:func:`model.check_lengths`) when
        the stream reaches it."""
        nlp = self.nlp
        unused = [name for name in UNUSED_PIPES if name in nlp.pipe_names]
        feed, keep = tee(docs)

        def texts() -> Iterator[str]:
            for d in feed:
                _model.check_lengths(nlp, [d])
                yield d.text

        return zip(keep, nlp.pipe(texts(), batch_size=self.batch_size, disable=unused))

    def predict(self, docs: list[Document]) -> dict[str, list[Record]]:
        _model.check_lengths(self.nlp, docs)  # every document too long, in one error, before any work
        out: dict[str, list[Record]] = {t: [] for t in TASKS}
        for _, records in self.predict_stream(docs):
            for t, recs in records.items():
                out[t].extend(recs)
        return out

    def predict_stream(self, docs: Iterable[Document]) -> Iterator[tuple[Document, dict[str, list[Record]]]]:
        """Each document with its records, in document order (optional backend method:
        :func:`newsgold.extract.extract` writes them batch by batch as they come).

        One process: one ``nlp.pipe`` stream over the corpus. ``n_process > 1``: ONE pool of that
        many worker processes for the whole corpus, each parsing chunks of ``batch_size``
        documents with ``nlp.pipe`` *and* running the post-processing on them (spaCy's own
        ``n_process`` parallelises only the parse, and a pool per call costs more than it saves).
        Record ids are given here, in document order, so the output is the same whatever the
        processes or the batching."""
        workers = (os.cpu_count() or 1) if self.n_process == -1 else self.n_process
        if workers <= 1:
            parsed = self.parse(docs)
            while chunk := list(islice(parsed, self.batch_size)):
                # the chunk's headlines in one nlp.pipe call (a call per headline costs more than its parse)
                clauses = iter(self.finite_headlines([doc.title for doc, _ in chunk if _headline(doc)]))
                for doc, sdoc in chunk:
                    out: dict[str, list[Record]] = {t: [] for t in TASKS}
                    self.records(doc, sdoc, out, next(clauses) if _headline(doc) else False)
                    yield doc, out
            return
        yield from self._pool_stream(docs, workers)

    def _pool_stream(self, docs: Iterable[Document], workers: int) -> Iterator[tuple[Document, dict[str, list[Record]]]]:
        import multiprocessing
        from collections import deque

        nlp = self.nlp  # loaded before the workers fork, so they share it
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        it = iter(docs)
        pending: deque = deque()
        with context.Pool(workers, initializer=_start_worker, initargs=(self.model, self.batch_size)) as pool:
            while True:
                chunk = list(islice(it, self.batch_size))
                if chunk:
                    _model.check_lengths(nlp, chunk)
                    pending.append(pool.apply_async(_work, (chunk,)))
                if pending and (not chunk or len(pending) >= 2 * workers):  # bounded read-ahead
                    for doc, records in pending.popleft().get():
                        for t, recs in records.items():
                            for r in recs:  # unpickled copies only this process holds: the id is set in place
                                object.__setattr__(r, "id", self._ids(ID_PREFIX[t]))  # (dataclasses.replace rebuilds each)
                        yield doc, records
                elif not chunk:
                    return

    def finite_headline(self, title: str) -> bool:
        """Is the headline a clause? (:meth:`finite_headlines` of one title.)"""
        return self.finite_headlines([title])[0]

    def finite_headlines(self, titles: list[str]) -> list[bool]:
        """Is each headline a clause? Title case hides verbs from a tagger trained on running text,
        so a headline is tagged in lower case (its first word and acronyms kept): a finite verb
        (present or past tense) that is the root or a conjoined root makes it a clause. The
        headlines are parsed in one ``nlp.pipe`` call with :data:`HEADLINE_PIPES` only."""
        if not titles:
            return []
        skip = [name for name in self.nlp.pipe_names if name not in HEADLINE_PIPES]
        plain = (" ".join(w if i == 0 or (w.isupper() and len(w) > 1) else w.lower() for i, w in enumerate(t.split(" ")))
                 for t in titles)
        return [any(t.tag_ in ("VBZ", "VBP", "VBD") and t.dep_ in ("ROOT", "conj") for t in parsed)
                for parsed in self.nlp.pipe(plain, disable=skip, batch_size=max(1, len(titles)))]

    def records(self, doc: Document, sdoc, out: dict[str, list[Record]], headline: bool | None = None) -> None:
        """Append the records of one parsed document to ``out`` (``headline``: whether its title is a
        clause, :meth:`finite_headlines`, when the caller has parsed it already)."""
        from newsgold.backends.spacy_backend.entities import convert
        from newsgold.backends.spacy_backend.quotes import assign_keys, find, has_offset, subject_mentions

        text = doc.text
        ents = convert(sdoc, text)
        finite = _finite_offsets(sdoc)
        found = find(sdoc, text, finite)
        attribute(text, found, ents, subject_mentions(sdoc, ents))
        keys = assign_keys(text, ents, found, KeyResolver())
        for s, e, label in ents:
            out["entities"].append(Entity(doc.id, self._ids("e"), s, e, text[s:e], label, keys[(s, e)]))
        out["quotes"].extend(to_quote(doc, f, self._ids("q")) for f in found)
        if headline is None:
            headline = _headline(doc) and self.finite_headline(doc.title)

        for h in find_claims(text, doc.title, found, lambda q: q.speaker_key(text), headline_clause=headline,
                             has_finite=functools.partial(has_offset, finite)):
            span_text = text[h.start:h.end]
            cs = Span(h.claimant_span[0], h.claimant_span[1], text[h.claimant_span[0]:h.claimant_span[1]]) \
                if h.claimant_span else None
            out["claims"].append(Claim(doc.id, self._ids("c"), Span(h.start, h.end, span_text), h.claimant,
                                       cs, status(span_text, h.claimant, h.cue), checkworthy(span_text)))


def _headline(doc: Document) -> bool:
    """Does the document open with its title (the headline that may be a claim)?"""
    return bool(doc.title) and doc.text.startswith(doc.title)


ID_PREFIX = {"entities": "e", "quotes": "q", "claims": "c"}
"""The id prefix of each task's records (:meth:`SpacyBackend.records` asks its IdMaker for these)."""

_WORKER: list[SpacyBackend] = []


def _start_worker(model: str, batch_size: int) -> None:
    """Pool initializer: this worker's backend (one process; the pipeline is inherited from the
    parent when the pool forks, loaded here when it spawns)."""
    _WORKER[:] = [SpacyBackend(model=model, n_process=1, batch_size=batch_size)]


def _work(chunk: list[Document]) -> list[tuple[Document, dict[str, list[Record]]]]:
    """Parse and post-process one chunk of documents in a worker (ids are given by the parent)."""
    return list(_WORKER[0].predict_stream(chunk))
