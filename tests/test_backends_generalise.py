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


def _without_gazetteer(p: Path) -> bytes:
    """A file's bytes, minus the one complete general gazetteer (``lexicon.COUNTRIES``: every
    country and U.S. state): a place name may stand there, because all of them do, and nowhere
    else. ``test_gazetteer_is_complete`` keeps that block honest."""
    data = p.read_bytes()
    if p.name == "lexicon.py":
        start = data.index(b"COUNTRIES = frozenset(")
        data = data[:start] + data[data.index(b'""".replace', start):]
    return data


def test_gazetteer_is_complete():
    """The place gazetteer is general knowledge, not a list fitted to texts: it holds at least 190
    countries and all 50 U.S. states."""
    states = ("Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia Hawaii "
              "Idaho Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan "
              "Minnesota Mississippi Missouri Montana Nebraska Nevada Ohio Oklahoma Oregon Pennsylvania "
              "Tennessee Texas Utah Vermont Virginia Washington Wisconsin Wyoming").split()
    assert set(states) <= lexicon.COUNTRIES
    assert {"New Hampshire", "New Jersey", "New Mexico", "New York", "North Carolina", "North Dakota",
            "Rhode Island", "South Carolina", "South Dakota", "West Virginia"} <= lexicon.COUNTRIES
    assert len(lexicon.COUNTRIES - set(states)) >= 190


@pytest.mark.parametrize("name", ARTICLE_NAMES + DEV_NAMES)
def test_no_article_name_anywhere_in_the_backends(name):
    """Every file under eval/newsgold/backends (source, data, compiled caches), case-insensitive, as a
    whole word (so the general nationality adjective "Iraqi" is not "Iraq")."""
    rx = re.compile(rb"(?<![A-Za-z0-9])" + re.escape(name.encode()) + rb"(?![A-Za-z0-9])", re.I)
    hits = [f"{p.relative_to(BACKENDS)}: {m.group().decode(errors='replace')}"
            for p in _backend_files() for m in rx.finditer(_without_gazetteer(p))]
    assert not hits, hits


def test_the_scan_sees_the_backend_sources():
    files = {p.name for p in _backend_files()}
    assert {"lexicon.py", "clauses.py", "claimcues.py", "quotes.py", "entities.py"} <= files


def test_lexicons_are_broad():
    assert len(lexicon.OPINION_WORDS) >= 150
    assert len(lexicon.EVENT_VERBS) >= 300 and len(lexicon.EVENT_NOUNS) >= 50
    assert len(lexicon.SPEECH_VERBS) >= 100
    assert len(lexicon.SUBORDINATORS_SPLIT) >= 20
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


# The real development set (corpus/realdev): names of its people (surnames) and of its
# organisations, products, events, facilities, laws and works, read from the gold itself so the
# list cannot go stale. General institution names that any English news lexicon lists are allowed.
GENERAL_INSTITUTIONS = {"congress", "senate", "house", "democratic party", "republican party"}


def _realdev_names() -> list[str]:
    import json

    path = Path(__file__).resolve().parents[1] / "annotations" / "realdev" / "entities.jsonl"
    names: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        e = json.loads(line)
        if e["label"] == "PERSON":
            words = [w for w in e["text"].split() if len(w) >= 4 and w[0].isupper()]
            names.update(words[-1:])
        elif e["label"] in ("ORG", "PRODUCT", "EVENT", "FAC", "LAW", "WORK_OF_ART"):
            names.add(e["text"])
    return sorted(n for n in names if n.lower() not in GENERAL_INSTITUTIONS)


def test_realdev_names_are_many():
    assert len(_realdev_names()) > 150


@pytest.mark.parametrize("name", _realdev_names())
def test_no_realdev_name_in_the_backends(name):
    """Case-sensitive, whole word: a surname that is also an English word ("Long") may appear in
    lower case; the name itself, capitalised, may not."""
    rx = re.compile(rb"(?<![A-Za-z0-9])" + re.escape(name.encode()) + rb"(?![A-Za-z0-9])")
    hits = [f"{p.relative_to(BACKENDS)}" for p in _backend_files() if p.suffix == ".py" and rx.search(_without_gazetteer(p))]
    assert not hits, hits
