"""The backends must generalise: no trace of the seed article in their source, and general rules
that behave on invented texts (never sentences of the corpus article)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsgold.backends import lexicon
from newsgold.backends.claimcues import checkworthy, opinion_cues, status

BACKENDS = Path(__file__).resolve().parents[1] / "eval" / "newsgold" / "backends"

# distinctive names and figures of the seed article (corpus/documents.jsonl)
ARTICLE_NAMES = ["Kerry", "Lavrov", "Sochi", "Putin", "Kremlin", "Harf", "Novosti", "Guardian",
                 "Wall Street", "Ukraine", "Yemen", "Syria", "Iraq", "Moscow", "Washington", "180"]


# distinctive names of the development set (tests/data/dev): rules are measured there, never built from it
DEV_NAMES = ["Lumora", "Marlo", "Okoro", "Falk", "Brenner", "Tremmel", "Harbourline", "NorthPower", "TechWire",
             "Kestrel", "Redwood", "Ferreira", "Ellison", "Osei", "Doyle", "Townsville", "Ingham", "Hofburg",
             "Brandt", "Civic Renewal", "Liberal Centre", "Halo Fold", "Queensland", "Ayr", "Railway Estate",
             "Brisbane", "Karen", "Elena", "Tobias"]


def _backend_files() -> list[Path]:
    return sorted(p for p in BACKENDS.rglob("*") if p.is_file())


@pytest.mark.parametrize("name", ARTICLE_NAMES + DEV_NAMES)
def test_no_article_name_anywhere_in_the_backends(name):
    """Every file under eval/newsgold/backends (source, data, compiled caches), case-insensitive, as a
    whole word (so the general nationality adjective "Iraqi" is not "Iraq")."""
    rx = re.compile(rb"(?<![A-Za-z0-9])" + re.escape(name.encode()) + rb"(?![A-Za-z0-9])", re.I)
    hits = [f"{p.relative_to(BACKENDS)}: {m.group().decode(errors='replace')}"
            for p in _backend_files() for m in rx.finditer(p.read_bytes())]
    assert not hits, hits


def test_the_scan_sees_the_backend_sources():
    files = {p.name for p in _backend_files()}
    assert {"lexicon.py", "clauses.py", "claimcues.py", "quotes.py", "entities.py"} <= files


def test_lexicons_are_broad():
    assert len(lexicon.OPINION_WORDS) >= 150
    assert len(lexicon.EVENT_VERBS) >= 300 and len(lexicon.EVENT_NOUNS) >= 50
    assert len(lexicon.SPEECH_VERBS) >= 100
    assert len(lexicon.SUBORDINATORS_SPLIT) + len(lexicon.SUBORDINATORS_KEPT) >= 30
    assert not lexicon.OPINION_WORDS & (lexicon.EVENT_VERBS | lexicon.EVENT_NOUNS)


def test_lexicon_policy_is_stated():
    assert "general lexicons only" in (lexicon.__doc__ or "").lower()


@pytest.mark.parametrize("text", [
    "This is a terrible outcome for the town",
    "The council is determined to cut costs",
    "Residents clearly deserve an answer",
    "The league should punish the club",
    "We want a fair deal for growers",
    "The mayor thinks the budget is too small",
    "The merger was a costly mistake",
    "The firm is keen to expand abroad",
])
def test_opinions_stances_intentions_are_not_checkworthy(text):
    assert not checkworthy(text), opinion_cues(text.lower().split())


@pytest.mark.parametrize("text", [
    "the ferry sank near the harbour",
    "the striker was injured in training",
    "the bakery closed its doors",
    "the talks are expected to resume",
    "a verdict was delivered after the trial",
])
def test_events_are_checkworthy(text):
    assert checkworthy(text)


def test_status_hedges_are_general():
    assert status("the minister is understood to have resigned", "ARTICLE") == "hedged"
    assert status("the suspect apparently fled", "ARTICLE") == "hedged"
    assert status("the ferry sank", "ARTICLE") == "asserted"


def _claims(text: str) -> list[str]:
    from newsgold.backends.rules import RulesBackend
    from newsgold.schema import Document

    return [c.span.text for c in RulesBackend().predict([Document("d", text)])["claims"]]


@pytest.mark.parametrize("subordinator", ["because", "although", "whereas", "shortly after",
                                          "ever since", "even though", "once"])
def test_clauses_split_at_general_subordinators(subordinator):
    text = f"The bakery closed in June, {subordinator} the rent rose sharply."
    assert _claims(text) == ["The bakery closed in June", "the rent rose sharply"]


@pytest.mark.parametrize("subordinator", ["if", "unless", "so that", "as"])
def test_conditions_and_purposes_stay_inside_the_clause(subordinator):
    text = f"The bakery will close in June, {subordinator} the rent rises again."
    assert _claims(text) == [f"The bakery will close in June, {subordinator} the rent rises again"]


def test_linking_adverbs_and_semicolons_split():
    text = "The ferry was late; nevertheless, the passengers boarded quickly."
    assert _claims(text) == ["The ferry was late", "the passengers boarded quickly"]


def test_a_sentence_initial_preposition_is_not_stripped():
    assert _claims("After the storm, the harbour reopened on Monday.") == [
        "After the storm, the harbour reopened on Monday"]
