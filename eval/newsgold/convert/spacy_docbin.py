"""spaCy's binary ``.spacy`` format (``spacy.tokens.DocBin``), as ``spacy train`` reads it.

Reading: each ``Doc`` is one document, found by ``doc.user_data["doc_id"]`` (a DocBin keeps user
data when made with ``store_user_data=True``), else by identical text; entities are ``doc.ents``
or, with ``--spans-key KEY``, the span group ``doc.spans[KEY]``; ``span.kb_id_`` (when set) is the
entity key. Problems are reported as ``path:N:`` with N the position of the ``Doc`` (1-based).

Writing: one ``Doc`` per corpus document whose text is the document text exactly (tokens from
:func:`newsgold.convert.align.export_tokens`, so every entity is whole tokens), ``user_data["doc_id"]``
set, gold entities as ``doc.ents`` with their key as ``kb_id``.

Also used by the in-memory API (:func:`entities_of`) to read predictions from spaCy ``Doc`` objects.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from newsgold.convert.align import export_tokens, words_and_spaces
from newsgold.convert.common import Export, Options, Reading, by_doc, describe, trim
from newsgold.errors import InputError, Problem
from newsgold.schema import Document, Entity


def doc_spans(doc: Any, spans_key: str | None) -> list[Any] | str:
    """The entity spans of a spaCy ``Doc`` (``doc.ents`` or ``doc.spans[spans_key]``), or what is
    wrong."""
    if spans_key is None:
        return list(doc.ents)
    if spans_key not in doc.spans:
        have = ", ".join(sorted(doc.spans)) or "none"
        return f"no span group {spans_key!r} (span groups: {have})"
    return list(doc.spans[spans_key])


def read_docs(docs: list[Any], r: Reading) -> None:
    """Entities of spaCy ``Doc`` objects into ``r`` (``line`` = position of the Doc, 1-based)."""
    for n, doc in enumerate(docs, start=1):
        doc_id = doc.user_data.get("doc_id") if isinstance(doc.user_data, dict) else None
        found = r.document(n, "doc", doc_id, doc.text)
        if found is None:
            continue
        spans = doc_spans(doc, r.options.spans_key)
        if isinstance(spans, str):
            r.bad(n, "spans_key", spans)
            continue
        for span in spans:
            r.add(found, n, "ents" if r.options.spans_key is None else "spans", span.start_char, span.end_char,
                  span.label_, span.kb_id_ or None)


def read(path: Path, r: Reading) -> None:
    from spacy.tokens import DocBin
    from spacy.vocab import Vocab

    data = path.read_bytes()
    try:
        docs = list(DocBin(store_user_data=True).from_bytes(data).get_docs(Vocab()))
    except Exception as e:  # msgpack, zlib and spaCy raise many types on a file that is not a DocBin
        raise InputError(Problem(str(path), 0, "file", f"not a spaCy DocBin ({type(e).__name__}: {str(e)[:80]})")) from None
    read_docs(docs, r)


def write(documents: list[Document], entities: list[Entity], options: Options) -> Export:
    """A DocBin of the gold (module docstring)."""
    from spacy.tokens import Doc, DocBin
    from spacy.vocab import Vocab

    vocab = Vocab()
    grouped = by_doc(entities)
    out = DocBin(store_user_data=True)
    not_carried: list[str] = []
    for d in documents:
        ents = []
        for e in grouped.get(d.id, []):
            if trim(d.text, e.start, e.end) != (e.start, e.end):
                not_carried.append(describe(e, "begins or ends with white space, not a token boundary"))
            else:
                ents.append(e)
        words, spaces = words_and_spaces(d.text, export_tokens(d.text, [x for e in ents for x in (e.start, e.end)]))
        doc = Doc(vocab, words=words, spaces=spaces)
        assert doc.text == d.text
        doc.user_data["doc_id"] = d.id
        spans = []
        for e in ents:
            span = doc.char_span(e.start, e.end, label=e.label, kb_id=e.entity or "")
            if span is None:  # pragma: no cover -- export_tokens cuts at every boundary
                not_carried.append(describe(e, "not on token boundaries"))
            else:
                spans.append(span)
        doc.ents = spans
        out.add(doc)
    return Export({"": out.to_bytes()}, not_carried=not_carried)
