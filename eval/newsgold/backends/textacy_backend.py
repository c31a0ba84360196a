"""The ``textacy`` backend: direct quotations only, via
``textacy.extract.triples.direct_quotations`` on the spaCy parse.

Each (speaker, cue, content) triple becomes a ``direct`` Quote: content without its quotation
marks, speaker = the speaker tokens (a contiguous span), cue = the cue tokens. A reference point
for the spaCy backend's quote finder. When textacy cannot be imported, :meth:`available` says why
and the benchmark skips the backend.
"""

from __future__ import annotations

import importlib.util

from newsgold.backends.base import IdMaker, Record, make_span
from newsgold.backends.spacy_backend import model as _model
from newsgold.keys import key
from newsgold.schema import Document, Quote

_MARKS = "\"“”„'‘’"


class TextacyBackend:
    """textacy's rule-based direct-quotation extractor."""

    name = "textacy"
    tasks = frozenset({"quotes"})

    def __init__(self, model: str = _model.DEFAULT_MODEL, n_process: int = 1, batch_size: int = 32,
                 **options: object) -> None:
        self.model, self.n_process, self.batch_size = model, int(n_process), int(batch_size)
        self._ids = IdMaker()

    def available(self) -> str | None:
        """Installed packages only, found without importing them (importing textacy costs 1.4 s:
        its package imports scikit-learn, pandas and scipy.stats); an install broken beyond that
        shows when :meth:`predict` imports it."""
        missing = [p for p in ("textacy", "cytoolz") if importlib.util.find_spec(p) is None]
        if missing:
            return f"{' and '.join(missing)} not installed (pip install 'newsgold[textacy]')"
        return _model.missing_reason(self.model)

    def describe(self) -> dict:
        info: dict = {"model": self.model}
        if self.available() is None:
            from importlib.metadata import version

            info = {**_model.model_info(_model.load(self.model)), "textacy_version": version("textacy")}
        return {"name": self.name, "version": "1", **info,
                "settings": {"model": self.model, "n_process": self.n_process, "batch_size": self.batch_size}}

    def predict(self, docs: list[Document]) -> dict[str, list[Record]]:
        direct_quotations = _direct_quotations()
        nlp = _model.load(self.model)
        _model.check_lengths(nlp, docs)
        out: list[Record] = []
        texts = (d.text for d in docs)
        for doc, sdoc in zip(docs, nlp.pipe(texts, batch_size=self.batch_size, n_process=self.n_process)):
            try:
                triples = list(direct_quotations(sdoc))
            except ValueError:
                # textacy refuses documents with an odd number of quotation marks ("bail out
                # rather than guess"); as a published peer it then simply finds nothing there.
                triples = []
            for triple in triples:
                q = self._quote(doc, triple)
                if q is not None:
                    out.append(q)
        return {"quotes": out}

    def _quote(self, doc: Document, triple) -> Quote | None:
        text = doc.text
        c = triple.content
        s, e = c.start_char, c.end_char
        while s < e and text[s] in _MARKS:
            s += 1
        while e > s and text[e - 1] in _MARKS:
            e -= 1
        content = make_span(text, s, e)
        if content is None:
            return None
        speaker = _tokens_span(text, triple.speaker)
        cue = _tokens_span(text, triple.cue)
        if speaker and speaker.overlaps(content):
            speaker = None
        if cue and cue.overlaps(content):
            cue = None
        return Quote(doc.id, self._ids("q"), "direct", content, speaker,
                     key(speaker.text) if speaker else None, cue, None)


def _tokens_span(text: str, toks):
    """The character span from the first to the last token of a token list (or None)."""
    if not toks:
        return None
    toks = sorted(toks, key=lambda t: t.i)
    return make_span(text, toks[0].idx, toks[-1].idx + len(toks[-1]))


def _direct_quotations():
    """textacy's ``extract.triples.direct_quotations`` without running textacy's package
    ``__init__`` files, which import scikit-learn, pandas and scipy.stats (1.4 s) that this
    function never uses: the two packages are entered as bare package modules while the
    submodule loads, then removed, so a later ``import textacy`` still runs the real ``__init__``
    (and reuses the same submodules). Any failure falls back to the plain import."""
    import sys
    import types
    from importlib.machinery import ModuleSpec
    from pathlib import Path

    if "textacy" not in sys.modules:
        spec = importlib.util.find_spec("textacy")
        roots = list(spec.submodule_search_locations or []) if spec else []
        added = []
        try:
            for name, paths in (("textacy", roots), ("textacy.extract", [str(Path(r) / "extract") for r in roots])):
                module = types.ModuleType(name)
                module.__path__ = paths
                module.__spec__ = ModuleSpec(name, None, is_package=True)
                module.__spec__.submodule_search_locations = paths
                sys.modules[name] = module
                added.append(name)
            triples = importlib.import_module("textacy.extract.triples")
            return triples.direct_quotations
        except Exception:
            pass  # the plain import below says what is wrong, if anything
        finally:
            for name in added:
                sys.modules.pop(name, None)
    from textacy.extract.triples import direct_quotations

    return direct_quotations
