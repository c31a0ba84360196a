"""Quotes and claims as annotation tools hold them: labelled spans, relations between two spans and
attributes on a span (brat's ``T``/``R``/``A`` lines, Label Studio's ``labels``/``relation``/per-region
results). The format modules parse their own syntax into :class:`Parts`; :func:`assemble` reads
quotes and claims out of them and :func:`layout` lays the gold's out for a writer.

The mapping (default names: :class:`newsgold.convert.common.Roles`, each overridable with
``--role NAME=LABEL``; names and values compare case-insensitively)::

    quote content          a span labelled Quote
    quote type             attribute Type on it: direct | mixed | indirect (required)
    quote speaker          the span a Said_by relation links the quote to (a Speaker span or any entity span)
    quote cue              the Cue span a Cued_by relation links it to
    quote speaker_entity   key note speaker_entity=KEY on the quote; else the speaker span's own key
                           (its entity=KEY note or newsgold: normalisation); else newsgold.keys.key of
                           the speaker's text; null without a speaker
    quote via              key note via=KEY on the quote
    claim span             a span labelled Claim
    claim status           attribute Status: asserted | reported | hedged | denied (required)
    claim checkworthy      flag CheckWorthy: present (brat binary attribute; value true/yes/1) = true,
                           absent or false/no/0 = false
    claim claimant_span    the span a Claimed_by relation links the claim to (a Claimant span or any entity span)
    claim claimant         key note claimant=KEY (ARTICLE: the article's own voice); else the claimant
                           span's own key; else newsgold.keys.key of its text; null without either

A relation links one quote or claim span and one other span, in either order (so brat's Arg1/Arg2
and Label Studio's direction are not needed). A Label Studio relation without a label is read from
the spans it links: a Cue span is a quote's cue, any other span its speaker or a claim's claimant.
Relation types may share a name (one ``source`` relation for speakers and claimants): the spans tell
them apart. An entity span that is also a speaker or claimant stays an entity. Relations, attributes
and key notes of other names are not read (one note line counts them by name); Speaker, Cue and
Claimant spans no relation uses are left out (a note line).

Bad input is one problem each: a relation or attribute naming an id the document does not define,
or something that is not a span; one of ours linking no quote or claim span, or two, or the wrong
kind of part; a second speaker, cue or claimant; a Type or Status missing, not allowed or given twice
with different values, or on the wrong kind of span; and every check a prediction record gets
(:func:`newsgold.validate.check_records`: e.g. a speaker overlapping the quote's content, a claimant
span on an ARTICLE claim).

The keys a tool gives are kept as given; a derived one is :func:`newsgold.keys.key` of the span's
text (as the textacy backend derives its speakers). The scorer needs no key: a speaker or claimant
is right when its span overlaps the gold one or a gold mention of the gold key, or when the keys are
equal after :func:`newsgold.keys.norm_key` -- the derived key lets a speaker named elsewhere in the
text count when the names agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from newsgold.convert.common import Mention, Reading, Roles
from newsgold.errors import Problem
from newsgold.schema import ARTICLE_VOICE, CLAIM_STATUSES, QUOTE_TYPES, Claim, Document, Quote, Span

KEY_NOTES = ("entity", "speaker_entity", "claimant", "via")
"""The key notes a span may carry, by newsgold's field names (brat: ``#`` AnnotatorNotes of
``NAME=KEY`` tokens; Label Studio: per-region TextArea results of that name)."""

TRUE, FALSE = frozenset({"true", "yes", "1"}), frozenset({"false", "no", "0"})
"""Values of the check-worthiness flag (besides a brat binary attribute, which is true)."""

_HEAD = {"speaker": "quote", "cue": "quote", "claimant": "claim"}
"""Part -> the kind of span it belongs to."""
_TARGETS = {"speaker": {"speaker", "claimant", "entity"}, "cue": {"cue"}, "claimant": {"claimant", "speaker", "entity"}}
"""Part -> the kinds of span a relation may give it."""


@dataclass(frozen=True)
class Link:
    """A relation between two spans, as the tool gives it (ids in its order)."""

    name: str | None  # relation type or label; None: a Label Studio relation without a label
    a: str
    b: str
    line: int
    where: str


@dataclass(frozen=True)
class Attr:
    """An attribute (brat) or per-region choice (Label Studio) of a span."""

    name: str
    target: str
    value: str | None  # None: a brat binary attribute
    line: int
    where: str


@dataclass
class Parts:
    """One document of a tool's output: its labelled spans by id and what links and describes them."""

    doc: Document
    regions: dict[str, Mention] = field(default_factory=dict)
    dropped: set[str] = field(default_factory=set)  # spans refused or left out (a problem or note says so)
    known: set[str] = field(default_factory=set)  # every id the document's annotation defines
    links: list[Link] = field(default_factory=list)
    attrs: list[Attr] = field(default_factory=list)
    notes: dict[str, dict[str, str]] = field(default_factory=dict)  # span id -> key notes
    refused: set[tuple[str, str]] = field(default_factory=set)  # (span id, attribute name) given but unreadable

    def add(self, rid: str, m: Mention | None) -> None:
        """A labelled span, or ``None`` for one that was refused or left out."""
        self.known.add(rid)
        if m is None:
            self.dropped.add(rid)
        else:
            self.regions[rid] = m


def assemble(r: Reading, p: Parts) -> None:
    """Split one document's spans into entities (appended to ``r.mentions``) and quote and claim
    parts, and add the quote and claim records to ``r.records``; problems and notes go to ``r``."""
    a = _Assembly(r, p)
    a.link()
    a.describe()
    a.build()


class _Assembly:
    """The state of :func:`assemble` for one document."""

    def __init__(self, r: Reading, p: Parts):
        self.r, self.p, self.roles = r, p, r.options.roles
        ro = self.roles
        kinds = {ro.quote: "quote", ro.speaker: "speaker", ro.cue: "cue", ro.claim: "claim", ro.claimant: "claimant"}
        span_kind = {label.casefold(): kind for label, kind in kinds.items()}
        self.kind = {rid: span_kind.get(m.label.casefold(), "entity") for rid, m in p.regions.items()}
        self.relation: dict[str, set[str]] = {}
        for name, part in ((ro.said_by, "speaker"), (ro.cued_by, "cue"), (ro.claimed_by, "claimant")):
            self.relation.setdefault(name.casefold(), set()).add(part)
        self.attribute = {ro.type.casefold(): "type", ro.status.casefold(): "status",
                          ro.checkworthy.casefold(): "checkworthy"}
        self.parts: dict[str, dict[str, tuple[str, Link]]] = {}  # quote/claim id -> part -> (span id, relation)
        self.values: dict[str, dict[str, tuple[str | bool, Attr]]] = {}  # quote/claim id -> attribute -> value
        self.used: set[str] = set()

    def bad(self, line: int, where: str, message: str) -> None:
        self.r.problems.append(Problem(self.r.path, line, where, message))

    def label(self, kind: str) -> str:
        return str(getattr(self.roles, kind))

    def show(self, rid: str) -> str:
        return f"{rid} ({self.p.regions[rid].label})"

    # -- relations ------------------------------------------------------------------------------
    def link(self) -> None:
        for link in self.p.links:
            parts = {"speaker", "cue", "claimant"} if link.name is None else self.relation.get(link.name.casefold())
            name = "without a label" if link.name is None else link.name
            missing = [x for x in (link.a, link.b) if x not in self.p.known]
            if missing:
                self.bad(link.line, link.where, f"relation {name}: {missing[0]!r} is no annotation of document {self.p.doc.id!r}")
            elif not parts:
                self.r.ignored[f"relation {name}"] += 1
            elif link.a not in self.p.dropped and link.b not in self.p.dropped:
                self._link(link, name, parts)

    def _link(self, link: Link, name: str, parts: set[str]) -> None:
        not_spans = [x for x in (link.a, link.b) if x not in self.p.regions]
        if not_spans:
            self.bad(link.line, link.where, f"relation {name}: {not_spans[0]!r} is not a labelled span")
            return
        heads = [x for x in (link.a, link.b) if self.kind[x] in ("quote", "claim")]
        if len(heads) != 1:
            if link.name is None:  # an unlabelled Label Studio relation of the user's own
                self.r.ignored["relation without a label between " + ("two quote/claim spans" if heads else "other spans")] += 1
                return
            self.bad(link.line, link.where, f"relation {name} links {'two' if heads else 'no'} {self.roles.quote} or "
                                            f"{self.roles.claim} spans ({self.show(link.a)}, {self.show(link.b)}): "
                                            "it links one to its speaker, cue or claimant")
            return
        head = heads[0]
        other = link.b if head == link.a else link.a
        hk, ok = self.kind[head], self.kind[other]
        candidates = {x for x in parts if _HEAD[x] == hk}
        if not candidates:
            wanted = sorted(self.label(_HEAD[x]) for x in parts)
            self.bad(link.line, link.where, f"relation {name} links {self.show(head)}: it belongs to a "
                                            f"{' or '.join(dict.fromkeys(wanted))} span")
            return
        part = candidates.pop() if len(candidates) == 1 else ("cue" if ok == "cue" else "speaker")
        if ok not in _TARGETS[part]:
            allowed = " or ".join(self.label(k) for k in sorted(_TARGETS[part] - {"entity"}))
            self.bad(link.line, link.where, f"relation {name} links {self.show(head)} to {self.show(other)}: a {part} "
                                            f"is a {allowed} span" + (" or an entity span" if "entity" in _TARGETS[part] else ""))
            return
        have = self.parts.setdefault(head, {}).get(part)
        if have is not None and have[0] != other:
            self.bad(link.line, link.where, f"{self.show(head)} has two {part}s: {self.show(have[0])} "
                                            f"({have[1].where}) and {self.show(other)}")
            return
        self.parts[head][part] = (other, link)
        self.used.add(other)

    # -- attributes -----------------------------------------------------------------------------
    def describe(self) -> None:
        for at in self.p.attrs:
            what = self.attribute.get(at.name.casefold())
            if at.target not in self.p.known:
                self.bad(at.line, at.where, f"attribute {at.name}: {at.target!r} is no annotation of document {self.p.doc.id!r}")
            elif what is None:
                self.r.ignored[f"attribute {at.name}"] += 1
            elif at.target not in self.p.dropped:
                self._describe(at, what)

    def _describe(self, at: Attr, what: str) -> None:
        if at.target not in self.p.regions:
            self.bad(at.line, at.where, f"{at.name} is on {at.target!r}, which is not a labelled span")
            return
        kind, wanted = self.kind[at.target], "quote" if what == "type" else "claim"
        if kind == "entity":
            self.r.ignored[f"attribute {at.name} of entity spans"] += 1
            return
        if kind != wanted:
            self.bad(at.line, at.where, f"{at.name} is on {self.show(at.target)}: it describes a {self.label(wanted)} span")
            return
        value = self._value(at, what)
        if value is None:
            self.p.refused.add((at.target, at.name.casefold()))
            return
        have = self.values.setdefault(at.target, {}).get(what)
        if have is not None and have[0] != value:
            self.bad(at.line, at.where, f"{self.show(at.target)} has two {at.name} values: {have[0]!r} ({have[1].where}) "
                                        f"and {value!r}")
            return
        self.values[at.target][what] = (value, at)

    def _value(self, at: Attr, what: str) -> str | bool | None:
        if what == "checkworthy":
            if at.value is None or at.value.casefold() in TRUE:
                return True
            if at.value.casefold() in FALSE:
                return False
            self.bad(at.line, at.where, f"{at.name} of {at.target}: {at.value!r} is not allowed "
                                        f"(a flag, or one of {', '.join(sorted(TRUE | FALSE))})")
            return None
        allowed = QUOTE_TYPES if what == "type" else CLAIM_STATUSES
        if at.value is None or at.value.casefold() not in allowed:
            got = "has no value" if at.value is None else f"{at.value!r} is not allowed"
            self.bad(at.line, at.where, f"{at.name} of {at.target}: {got} (one of {', '.join(allowed)})")
            return None
        return at.value.casefold()

    # -- records --------------------------------------------------------------------------------
    def build(self) -> None:
        for rid, m in self.p.regions.items():
            kind = self.kind[rid]
            if kind == "entity":
                key = m.key or self.p.notes.get(rid, {}).get("entity")
                self.r.mentions.append(m if key == m.key else replace(m, key=key))
            elif kind == "quote":
                self._quote(rid, m)
            elif kind == "claim":
                self._claim(rid, m)
            elif rid not in self.used:
                self.r.skipped[f"{self.label(kind)} spans linked to no {self.label(_HEAD[kind])}"] += 1

    def _part(self, rid: str, part: str) -> Mention | None:
        found = self.parts.get(rid, {}).get(part)
        return None if found is None else self.p.regions[found[0]]

    def _key(self, m: Mention) -> str | None:
        """A speaker's or claimant's key: its own, else derived from its text."""
        from newsgold.keys import key

        return m.key or self.p.notes.get(m.rid, {}).get("entity") or key(self.p.doc.text[m.start:m.end])

    def _required(self, rid: str, m: Mention, what: str, kind: str, allowed: tuple[str, ...]) -> str | None:
        found = self.values.get(rid, {}).get(what)
        if found is None and (rid, self.label(what).casefold()) in self.p.refused:
            return None  # its problem is reported already
        if found is None:
            self.bad(m.line, m.where, f"{self.label(kind)} span {rid} has no {self.label(what)} attribute "
                                      f"(one of {', '.join(allowed)})")
            return None
        return str(found[0])

    def _quote(self, rid: str, m: Mention) -> None:
        qtype = self._required(rid, m, "type", "quote", QUOTE_TYPES)
        if qtype is None:
            return
        notes = self.p.notes.get(rid, {})
        speaker, cue = self._part(rid, "speaker"), self._part(rid, "cue")
        key = notes.get("speaker_entity") or (self._key(speaker) if speaker is not None else None)
        self._keep("quotes", m, {"doc_id": m.doc_id, "type": qtype, "content": self._span(m), "speaker": self._span(speaker),
                                 "speaker_entity": key, "cue": self._span(cue), "via": notes.get("via")})

    def _claim(self, rid: str, m: Mention) -> None:
        status = self._required(rid, m, "status", "claim", CLAIM_STATUSES)
        if status is None:
            return
        worthy = self.values.get(rid, {}).get("checkworthy")
        claimant_span = self._part(rid, "claimant")
        claimant = self.p.notes.get(rid, {}).get("claimant")
        if claimant is not None and claimant.casefold() == ARTICLE_VOICE.casefold():
            claimant = ARTICLE_VOICE
        if claimant is None and claimant_span is not None:
            claimant = self._key(claimant_span)
        self._keep("claims", m, {"doc_id": m.doc_id, "span": self._span(m), "claimant": claimant,
                                 "claimant_span": self._span(claimant_span), "status": status,
                                 "checkworthy": bool(worthy and worthy[0])})

    def _span(self, m: Mention | None) -> dict | None:
        return None if m is None else {"start": m.start, "end": m.end, "text": self.p.doc.text[m.start:m.end]}

    def _keep(self, task: str, m: Mention, record: dict) -> None:
        """Keep a record that passes every check a prediction record gets (its problems named by
        the span they are about: ``T3.speaker``)."""
        from newsgold.validate import check_records

        problems = check_records(task, self.r.path, [(m.line, record)], {self.p.doc.id: self.p.doc}, lenient=True)
        for p in problems:
            self.r.problems.append(Problem(p.path, p.line, f"{m.where}.{p.field}", p.message))
        if not problems:
            self.r.records.setdefault(task, []).append((m.line, m.where, record))


# ------------------------------------------------------------------------------------------------
# Writing
# ------------------------------------------------------------------------------------------------
@dataclass
class Layout:
    """What carries one document's gold quotes and claims in a span/relation/attribute format;
    a span is named by its index in ``spans``."""

    spans: list[tuple[int, int, str]] = field(default_factory=list)  # start, end, label
    links: list[tuple[str, int, int]] = field(default_factory=list)  # relation, quote/claim span, part span
    attrs: list[tuple[str, int, str | None]] = field(default_factory=list)  # name, span, value (None: a flag)
    notes: list[tuple[int, list[tuple[str, str]]]] = field(default_factory=list)  # span, (key note, key)


def layout(quotes: list[Quote], claims: list[Claim], roles: Roles) -> Layout:
    """The gold quotes and claims of one document as :class:`Layout` (the mapping of the module
    docstring): one span per quote and claim, speaker, cue and claimant spans shared by the
    records that have the same one, keys as key notes on the quote or claim, so every key is kept
    as the gold spells it; a check-worthy claim carries the flag, another none.

    >>> q = Quote("d", "q1", "direct", Span(1, 5, "Hi!"), Span(7, 12, "Kerry"), "john-kerry", Span(13, 17, "said"))
    >>> out = layout([q], [], Roles())
    >>> out.spans, out.links, out.attrs, out.notes
    ([(1, 5, 'Quote'), (7, 12, 'Speaker'), (13, 17, 'Cue')], [('Said_by', 0, 1), ('Cued_by', 0, 2)], \
[('Type', 0, 'direct')], [(0, [('speaker_entity', 'john-kerry')])])
    """
    out = Layout()
    shared: dict[tuple[int, int, str], int] = {}

    def span(s: Span, label: str, share: bool = False) -> int:
        k = (s.start, s.end, label)
        if share and k in shared:
            return shared[k]
        out.spans.append(k)
        if share:
            shared[k] = len(out.spans) - 1
        return len(out.spans) - 1

    for q in sorted(quotes, key=lambda q: (q.content.start, q.content.end, q.id)):
        i = span(q.content, roles.quote)
        out.attrs.append((roles.type, i, q.type))
        if q.speaker is not None:
            out.links.append((roles.said_by, i, span(q.speaker, roles.speaker, share=True)))
        if q.cue is not None:
            out.links.append((roles.cued_by, i, span(q.cue, roles.cue, share=True)))
        keys = [(n, v) for n, v in (("speaker_entity", q.speaker_entity), ("via", q.via)) if v]
        if keys:
            out.notes.append((i, keys))
    for c in sorted(claims, key=lambda c: (c.span.start, c.span.end, c.id)):
        i = span(c.span, roles.claim)
        out.attrs.append((roles.status, i, c.status))
        if c.checkworthy:
            out.attrs.append((roles.checkworthy, i, None))
        if c.claimant_span is not None:
            out.links.append((roles.claimed_by, i, span(c.claimant_span, roles.claimant, share=True)))
        if c.claimant:
            out.notes.append((i, [("claimant", c.claimant)]))
    return out


def by_doc(records: list) -> dict[str, list]:
    """Quotes or claims grouped by document."""
    out: dict[str, list] = {}
    for x in records:
        out.setdefault(x.doc_id, []).append(x)
    return out
