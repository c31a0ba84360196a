"""One key normaliser (newsgold.keys) for gold, predictions and the built-in backends: the scorer
compares keys the way backends write them, so an outside system is not penalised for accents,
case or separators."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import find_span, score_one_doc
from newsgold.keys import fold, key, norm_key
from newsgold.schema import Claim, Document, Entity, Quote
from newsgold.tasks.claims import ClaimsTask, same_claimant
from newsgold.tasks.quotes import QuotesTask

TEXT = "“We are ready,” Lavrov said."


@pytest.mark.parametrize("a, b", [
    ("Sérgey Lavrov", "sergey-lavrov"), ("SERGEY_LAVROV", "sergey lavrov"), ("Søren Kierkegaard", "soren-kierkegaard"),
    ("the-west", "The West"), ("Łódź", "lodz"), ("Straße", "strasse"), ("O’Brien", "obrien"), ("U.S.", "us"),
])
def test_equal_keys(a: str, b: str) -> None:
    assert norm_key(a) == norm_key(b)


@pytest.mark.parametrize("a, b", [("sergey-lavrov", "sergey-lavrova"), ("john-kerry", "john-kerr"), ("Лавров", "Lavrov")])
def test_different_keys(a: str, b: str) -> None:
    assert norm_key(a) != norm_key(b)


def test_other_scripts_are_kept_not_dropped() -> None:
    """The old ASCII-only folding turned 'Лавров' into nothing; now it is a key of its own."""
    assert key("Лавров") == "лавров" and fold("Ελλάδα") == "ελλαδα"


def test_backends_and_scorer_share_the_one_normaliser() -> None:
    import newsgold.backends.coref as coref
    import newsgold.backends.rules.text as rules_text
    import newsgold.backends.textacy_backend as textacy_backend
    import newsgold.match as match
    import newsgold.tasks.claims as claims
    import newsgold.tasks.quotes as quotes

    assert coref.key is rules_text.key is textacy_backend.key is key
    assert match.norm_key is quotes.norm_key is claims.norm_key is norm_key


@given(st.text(max_size=30))
def test_a_backend_key_compares_equal_to_its_name(name: str) -> None:
    k = key(name)
    assert norm_key(k or "") == norm_key(name)
    assert k is None or (k == k.strip("-") and " " not in k)


def test_accented_speaker_key_is_right() -> None:
    """Issue 7: gold 'sergey-lavrov', an outside system writes 'Sérgey Lavrov' and no span."""
    doc = Document("d", TEXT)
    gold = Quote("d", "q", "direct", find_span("We are ready,", 0, TEXT), find_span("Lavrov", 0, TEXT), "sergey-lavrov",
                 find_span("said", 0, TEXT))
    pred = Quote("d", "p", "direct", gold.content, None, "Sérgey Lavrov", gold.cue)
    m, _ = score_one_doc(QuotesTask(), doc, [gold], [pred])
    assert m["e2e.f1"] == 1.0 and m["speaker.accuracy"] == 1.0


def test_accented_claimant_is_right() -> None:
    doc = Document("d", TEXT)
    gold = Claim("d", "c", find_span("We are ready", 0, TEXT), "sergey-lavrov", find_span("Lavrov", 0, TEXT), "reported", False)
    pred = Claim("d", "p", gold.span, "SÉRGEY_LAVROV", None, "reported", False)
    m, _ = score_one_doc(ClaimsTask(), doc, [gold], [pred], [Entity("d", "e", 16, 22, "Lavrov", "PERSON", "sergey-lavrov")])
    assert m["claimant.accuracy"] == 1.0
    assert same_claimant("ARTICLE", "article") is False
