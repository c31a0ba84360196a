"""newsgold.convert.relations: quotes and claims read out of labelled spans, relations and
attributes (the format-neutral part of the brat and Label Studio readers), every problem one line,
and the layout the writers use."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from convert_helpers import DOCS
from newsgold.convert.common import DocFinder, Options, Reading, Roles
from newsgold.convert.relations import Attr, Link, Parts, assemble

D2 = DOCS[1]  # “We are ready (for talks),” Lavrov said in Moscow — the U.S. agreed…\nKerry’s aide, Ann Lee, left.
SPANS = {"T1": (1, 25, "Quote"), "T2": (28, 34, "PERSON"), "T3": (35, 39, "Cue"), "T4": (52, 67, "Claim"),
         "T5": (69, 90, "Speaker"), "T6": (43, 49, "GPE")}


def run(spans: dict[str, tuple[int, int, str]] | None = None, links: Sequence[tuple[Any, str, str]] = (),
        attrs: Sequence[tuple[str, str, str | None]] = (), notes: dict[str, dict[str, str]] | None = None,
        dropped: tuple[str, ...] = (), **roles: str) -> Reading:
    """Assemble one document (d2) of spans ``{id: (start, end, label)}``, relations ``(name, a, b)``
    (line 10 + k, field ``Rk``) and attributes ``(name, target, value)`` (line 20 + k, ``Ak``)."""
    r = Reading("x.ann", DocFinder(DOCS), Options(roles=Roles(**roles)))
    p = Parts(D2, notes=notes or {})
    for n, (rid, (s, e, label)) in enumerate((SPANS if spans is None else spans).items(), start=1):
        p.add(rid, None if rid in dropped else r.span(D2, n, rid, s, e, label, rid=rid))
    p.links = [Link(name, a, b, 10 + k, f"R{k}") for k, (name, a, b) in enumerate(links, start=1)]
    p.attrs = [Attr(name, t, v, 20 + k, f"A{k}") for k, (name, t, v) in enumerate(attrs, start=1)]
    assemble(r, p)
    return r


def quotes(r: Reading) -> list[dict]:
    return [rec for _, _, rec in r.records.get("quotes", [])]


def claims(r: Reading) -> list[dict]:
    return [rec for _, _, rec in r.records.get("claims", [])]


def problems(r: Reading) -> list[str]:
    return [str(p) for p in r.problems]


QUOTE = [("Said_by", "T1", "T2"), ("Cued_by", "T1", "T3")]
TYPED = [("Type", "T1", "direct"), ("Status", "T4", "asserted")]


def test_a_quote_and_its_parts() -> None:
    r = run(links=QUOTE, attrs=TYPED)
    assert problems(r) == []
    assert quotes(r) == [{"doc_id": "d2", "type": "direct", "content": {"start": 1, "end": 25, "text": "We are ready (for talks)"},
                          "speaker": {"start": 28, "end": 34, "text": "Lavrov"}, "speaker_entity": "lavrov",
                          "cue": {"start": 35, "end": 39, "text": "said"}, "via": None}]
    # the PERSON span is the speaker and stays an entity; the unused Speaker span is left out, with a note
    assert [(m.label, m.start) for m in r.mentions] == [("PERSON", 28), ("GPE", 43)]
    assert r.skipped == {"Speaker spans linked to no Quote": 1}


def test_speaker_keys_from_the_quote_the_speaker_span_or_its_text() -> None:
    """speaker_entity: the quote's own key note, else the speaker span's key, else newsgold.keys.key of its text."""
    with_span_key = run(links=QUOTE, attrs=TYPED, notes={"T2": {"entity": "sergey-lavrov"}})
    assert quotes(with_span_key)[0]["speaker_entity"] == "sergey-lavrov"
    assert [m.key for m in with_span_key.mentions if m.label == "PERSON"] == ["sergey-lavrov"]
    own = run(links=QUOTE, attrs=TYPED, notes={"T1": {"speaker_entity": "Sergey Lavrov", "via": "tass"},
                                                "T2": {"entity": "lavrov-sr"}})
    assert (quotes(own)[0]["speaker_entity"], quotes(own)[0]["via"]) == ("Sergey Lavrov", "tass")
    speaker_span = run(links=[("Said_by", "T1", "T5")], attrs=TYPED)  # a Speaker span: "Kerry’s aide, Ann Lee"
    assert quotes(speaker_span)[0]["speaker_entity"] == "kerrys-aide-ann-lee" and quotes(speaker_span)[0]["cue"] is None
    assert quotes(run(attrs=TYPED))[0]["speaker"] is None and quotes(run(attrs=TYPED))[0]["speaker_entity"] is None


def test_relations_in_either_order_unlabelled_or_sharing_a_name() -> None:
    reverse = run(links=[("said_by", "T2", "T1"), ("CUED_BY", "T3", "T1")], attrs=TYPED)  # names compare case-insensitively
    assert quotes(reverse) == quotes(run(links=QUOTE, attrs=TYPED))
    # Label Studio relations without a label: a Cue span is the cue, any other span the speaker / claimant
    unlabelled = run(links=[(None, "T2", "T1"), (None, "T1", "T3"), (None, "T4", "T5")], attrs=TYPED)
    assert quotes(unlabelled) == quotes(reverse) and claims(unlabelled)[0]["claimant_span"]["start"] == 69
    assert problems(unlabelled) == [] and not unlabelled.skipped
    shared = run(links=[("source", "T1", "T2"), ("source", "T4", "T5"), ("source", "T1", "T3")], attrs=TYPED,
                 said_by="source", cued_by="source", claimed_by="source")
    assert problems(shared) == [] and quotes(shared) == quotes(reverse)
    assert claims(shared)[0]["claimant"] == "kerrys-aide-ann-lee"


def test_claims_status_flag_and_claimant() -> None:
    r = run(attrs=[("Type", "T1", "indirect"), ("Status", "T4", "Reported"), ("CheckWorthy", "T4", None)],
            links=[("Claimed_by", "T4", "T2")])
    assert claims(r) == [{"doc_id": "d2", "span": {"start": 52, "end": 67, "text": "the U.S. agreed"}, "claimant": "lavrov",
                          "claimant_span": {"start": 28, "end": 34, "text": "Lavrov"}, "status": "reported", "checkworthy": True}]
    for value, worthy in (("yes", True), ("TRUE", True), ("1", True), ("no", False), ("false", False)):
        assert claims(run(attrs=[*TYPED, ("checkworthy", "T4", value)]))[0]["checkworthy"] is worthy
    plain = claims(run(attrs=TYPED))[0]
    assert (plain["checkworthy"], plain["claimant"], plain["claimant_span"]) == (False, None, None)
    article = claims(run(attrs=TYPED, notes={"T4": {"claimant": "article"}}))[0]
    assert article["claimant"] == "ARTICLE"  # the article's own voice, however it is spelled


def test_other_names_are_counted_not_read() -> None:
    r = run(links=[*QUOTE, ("Located", "T2", "T6"), (None, "T2", "T6")],
            attrs=[*TYPED, ("Negation", "T1", None), ("Type", "T2", "PER"), ("Confidence", "T4", "high")])
    assert problems(r) == [] and len(quotes(r)) == 1
    assert r.ignored == {"relation Located": 1, "relation without a label between other spans": 1, "attribute Negation": 1,
                         "attribute Type of entity spans": 1, "attribute Confidence": 1}


def test_spans_left_out_take_their_relations_with_them() -> None:
    """A relation or attribute of a span refused or left out (e.g. --discontinuous skip) is no second problem."""
    r = run(links=QUOTE, attrs=TYPED, dropped=("T2",))
    assert problems(r) == [] and quotes(r)[0]["speaker"] is None


@pytest.mark.parametrize("links, attrs, notes, expected", [
    # a relation pointing to a missing span
    ([("Said_by", "T1", "T9")], TYPED, None, "x.ann:11: R1: relation Said_by: 'T9' is no annotation of document 'd2'"),
    # a quote without content: the relation's spans are a cue and a person
    ([("Said_by", "T3", "T2")], TYPED, None,
     "x.ann:11: R1: relation Said_by links no Quote or Claim spans (T3 (Cue), T2 (PERSON)): it links one to its speaker, "
     "cue or claimant"),
    ([("Said_by", "T1", "T4")], TYPED, None,
     "x.ann:11: R1: relation Said_by links two Quote or Claim spans (T1 (Quote), T4 (Claim)): it links one to its speaker, "
     "cue or claimant"),
    ([("Said_by", "T4", "T2")], TYPED, None, "x.ann:11: R1: relation Said_by links T4 (Claim): it belongs to a Quote span"),
    ([("Claimed_by", "T4", "T3")], TYPED, None,
     "x.ann:11: R1: relation Claimed_by links T4 (Claim) to T3 (Cue): a claimant is a Claimant or Speaker span or an entity span"),
    ([("Cued_by", "T1", "T2")], TYPED, None, "x.ann:11: R1: relation Cued_by links T1 (Quote) to T2 (PERSON): a cue is a Cue span"),
    ([*QUOTE, ("Said_by", "T1", "T5")], TYPED, None,
     "x.ann:13: R3: T1 (Quote) has two speakers: T2 (PERSON) (R1) and T5 (Speaker)"),
    # attributes: missing, not allowed, twice, on the wrong span
    (QUOTE, [("Status", "T4", "asserted")], None, "x.ann:1: T1: Quote span T1 has no Type attribute (one of direct, mixed, indirect)"),
    (QUOTE, [("Type", "T1", "direct")], None,
     "x.ann:4: T4: Claim span T4 has no Status attribute (one of asserted, reported, hedged, denied)"),
    (QUOTE, [*TYPED, ("Type", "T1", "quoted")], None,
     "x.ann:23: A3: Type of T1: 'quoted' is not allowed (one of direct, mixed, indirect)"),
    (QUOTE, [("Type", "T1", "quoted"), ("Status", "T4", "asserted")], None,  # not reported again as "no Type"
     "x.ann:21: A1: Type of T1: 'quoted' is not allowed (one of direct, mixed, indirect)"),
    (QUOTE, [*TYPED, ("Status", "T4", None)], None,
     "x.ann:23: A3: Status of T4: has no value (one of asserted, reported, hedged, denied)"),
    (QUOTE, [*TYPED, ("Type", "T1", "mixed")], None, "x.ann:23: A3: T1 (Quote) has two Type values: 'direct' (A1) and 'mixed'"),
    (QUOTE, [*TYPED, ("Status", "T1", "hedged")], None, "x.ann:23: A3: Status is on T1 (Quote): it describes a Claim span"),
    (QUOTE, [*TYPED, ("Type", "T3", "direct")], None, "x.ann:23: A3: Type is on T3 (Cue): it describes a Quote span"),
    (QUOTE, [*TYPED, ("CheckWorthy", "T4", "maybe")], None,
     "x.ann:23: A3: CheckWorthy of T4: 'maybe' is not allowed (a flag, or one of 0, 1, false, no, true, yes)"),
    (QUOTE, [*TYPED, ("Type", "A9", "direct")], None, "x.ann:23: A3: attribute Type: 'A9' is no annotation of document 'd2'"),
    # the checks every prediction record gets
    ([("Claimed_by", "T4", "T2")], TYPED, {"T4": {"claimant": "ARTICLE"}},
     "x.ann:4: T4.claimant_span: must be null when claimant is ARTICLE"),
])
def test_problems_are_one_line_each(links: list, attrs: list, notes: dict | None, expected: str) -> None:
    r = run(links=links, attrs=attrs, notes=notes)
    assert problems(r) == [expected]


def test_a_speaker_inside_the_content_is_refused_like_in_a_prediction_file() -> None:
    spans = {"T1": (1, 25, "Quote"), "T2": (8, 13, "Speaker")}
    r = run(spans, links=[("Said_by", "T1", "T2")], attrs=[("Type", "T1", "direct")])
    assert problems(r) == ["x.ann:1: T1.speaker: speaker [8, 13) 'ready' overlaps the content [1, 25) 'We are ready (for talks)'"]
    assert quotes(r) == []


def test_a_relation_to_something_that_is_not_a_span() -> None:
    r = Reading("x.ann", DocFinder(DOCS), Options())
    p = Parts(D2)
    p.add("T1", r.span(D2, 1, "T1", 1, 25, "Quote", rid="T1"))
    p.known.add("E1")  # an event: defined, but no span
    p.links = [Link("Said_by", "T1", "E1", 2, "R1")]
    p.attrs = [Attr("Type", "T1", "direct", 3, "A1")]
    assemble(r, p)
    assert problems(r) == ["x.ann:2: R1: relation Said_by: 'E1' is not a labelled span"]


def test_roles_clash() -> None:
    assert Roles().clash() is None
    assert Roles(speaker="quote").clash() == "quote and speaker are both 'quote'"
    assert Roles(checkworthy="status").clash() == "status and checkworthy are both 'status'"
    assert Roles(said_by="source", claimed_by="source", cued_by="source").clash() is None  # relations may share one
