"""Claims for the rules backend: clauses (newsgold.backends.clauses) with status and
check-worthiness from the shared cue lists."""

from __future__ import annotations

from newsgold.backends.base import IdMaker
from newsgold.backends.claimcues import checkworthy, status
from newsgold.backends.rules.quotes import Found
from newsgold.schema import Claim, Document, Span


def claims_for(doc: Document, quotes: list[Found], ids: IdMaker) -> list[Claim]:
    """Claim records of one document, given its quotes."""
    from newsgold.backends.clauses import find_claims  # clauses imports rules.quotes: avoid a cycle

    text = doc.text
    out = []
    for h in find_claims(text, doc.title, quotes, lambda q: q.speaker_key(text)):
        span_text = text[h.start:h.end]
        cs = Span(h.claimant_span[0], h.claimant_span[1], text[h.claimant_span[0]:h.claimant_span[1]]) \
            if h.claimant_span else None
        out.append(Claim(doc.id, ids("c"), Span(h.start, h.end, span_text), h.claimant, cs,
                         status(span_text, h.claimant, h.cue), checkworthy(span_text)))
    return out
