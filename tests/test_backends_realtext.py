"""Each real-text rule of issue 12 shown on sentences written for the test (no corpus text):
speaker attribution, cues beyond "said", name typing and completion, claim clauses."""

from __future__ import annotations

import pytest

from newsgold.backends.attribution import attribute
from newsgold.backends.clauses import find_claims, stated
from newsgold.backends.names import finish
from newsgold.backends.rules import RulesBackend
from newsgold.backends.rules.quotes import Found, find_quotes
from newsgold.schema import Document


def doc(text: str, title: str = "") -> Document:
    return Document("t", text, title=title)


@pytest.fixture(scope="module")
def spacy_backend():
    from newsgold.backends.spacy_backend import SpacyBackend

    return SpacyBackend()


def _quotes(backend, text: str):
    return backend.predict([doc(text)])["quotes"]


# ---------------------------------------------------------------- speakers
def test_pronoun_speaker_resolves_to_the_named_person(spacy_backend):
    text = ("Mayor Tilda Okonkwo opened the new ferry terminal on Monday. "
            "“This pier will carry ten thousand people a day,” she said.")
    (q,) = _quotes(spacy_backend, text)
    assert q.speaker.text == "Tilda Okonkwo" and q.speaker_entity == "tilda-okonkwo"


def test_pronoun_prefers_the_subject_over_a_nearer_object(spacy_backend):
    text = ("Senator Rufus Pembe, who ran against Dora Vance in 2012, visited the port. "
            "He said the harbour needed dredging.")
    q = [q for q in _quotes(spacy_backend, text) if "harbour" in q.content.text][0]
    assert q.speaker.text == "Rufus Pembe"


@pytest.mark.parametrize("backend_name", ["rules", "spacy"])
def test_split_quote_and_follow_on_paragraph_inherit_the_speaker(backend_name, spacy_backend):
    backend = spacy_backend if backend_name == "spacy" else RulesBackend()
    text = ("“The bridge is safe,” said engineer Ilse Marwick. “We tested every cable.”\n\n"
            "“Traffic will resume on Friday.”")
    quotes = sorted(_quotes(backend, text), key=lambda q: q.content.start)
    assert [q.content.text for q in quotes] == ["The bridge is safe,", "We tested every cable.",
                                                 "Traffic will resume on Friday."]
    assert {q.speaker.text for q in quotes} == {"Ilse Marwick"} or {q.speaker.text for q in quotes} == {
        "engineer Ilse Marwick"}
    assert len({(q.cue.start, q.cue.end) for q in quotes}) == 1


def test_continuation_does_not_cross_a_new_person():
    text = "“One,” said Ann Lee. Bo Chan arrived.\n\n“Two.”"
    a, b = Found("direct", (1, 5), (12, 19), (7, 11)), Found("direct", (39, 43), None, None)
    attribute(text, [a, b], [(12, 19, "PERSON"), (21, 28, "PERSON")])
    assert b.speaker is None


def test_party_state_tag_is_not_part_of_the_speaker():
    text = "“We will vote today,” said Senator Ann Lee (D-NY)."
    (f,) = find_quotes(text)
    attribute(text, [f], [])
    assert text[f.speaker[0]:f.speaker[1]].endswith("Ann Lee")


@pytest.mark.parametrize("cue", ["underscored", "reiterated", "agreed", "noted", "pointed out", "stressed"])
def test_reported_speech_cues_beyond_said(cue):
    text = f"The governor {cue} that the dam would be inspected twice a year."
    found = find_quotes(text)
    assert [text[f.content[0]:f.content[1]] for f in found] == ["the dam would be inspected twice a year"]


def test_urged_with_an_object_and_infinitive_is_not_a_quote():
    assert find_quotes("The governor urged the council to inspect the dam.") == []


# ---------------------------------------------------------------- names
def test_names_typed_by_gazetteer_and_head():
    text = "Officials from Norway and the Harbor Fishing Treaty office met near the Moon Gate."
    ents = [(15, 21, "PERSON"), (30, 51, "ORG")]
    assert finish(text, ents) == [(15, 21, "GPE"), (30, 51, "LAW")]


def test_every_mention_of_a_tagged_name_and_defined_acronyms():
    text = "Dora Vance met the Coastal Safety Board (CSB). Later Vance said the CSB would act."
    ents = [(0, 10, "PERSON"), (19, 39, "ORG")]
    out = finish(text, ents)
    assert (53, 58, "PERSON") in out  # the repeated surname
    assert (41, 44, "ORG") in out and (68, 71, "ORG") in out  # the acronym, defined and reused


def test_party_tags_datelines_based_and_frequency_adverbs():
    text = "OSLO — Senator Ann Lee (R-Ohio) praised the Oslo-based firm, which reports quarterly."
    ents = [(15, 22, "PERSON"), (44, 54, "ORG"), (75, 84, "DATE")]
    out = finish(text, ents)
    assert (0, 4, "GPE") in out and (24, 25, "NORP") in out and (26, 30, "GPE") in out
    assert (44, 48, "GPE") in out and not any(lab == "DATE" for *_, lab in out)


def test_a_lone_title_word_is_not_a_name():
    text = "The Committee met the Co-Chair."
    assert finish(text, [(4, 13, "ORG"), (22, 30, "ORG")]) == []


# ---------------------------------------------------------------- claims
def _claims(text: str, found=None, **kw):
    return [text[h.start:h.end] for h in find_claims(text, kw.pop("title", ""), found or [],
                                                     lambda q: "speaker", **kw)]


def test_quotation_sentences_are_separate_claims():
    text = "“The dam holds. The river fell two metres overnight.” said Ann Lee."
    f = Found("direct", (1, 51), (58, 65), (53, 57))
    assert _claims(text, [f]) == ["The dam holds", "The river fell two metres overnight"]


def test_thanks_wishes_and_credit_lines_are_not_claims():
    assert not stated("We look forward to the launch")
    assert not stated("It’s been an honor to serve the county")
    assert not stated("Ann Lee contributed to this report")
    assert stated("The county closed two schools")


def test_belief_frame_is_attribution():
    text = "“I think the levy is far too high,” said Ann Lee."
    f = Found("direct", (1, 34), (41, 48), (36, 40))
    assert _claims(text, [f]) == ["the levy is far too high"]


def test_coordination_with_a_pronoun_subject_splits():
    text = "The plant closed in May and they moved the machines to Leeds."
    assert _claims(text) == ["The plant closed in May", "they moved the machines to Leeds"]


def test_headline_with_a_finite_verb_is_a_claim(spacy_backend):
    title = "Harbor Board Approves New Ferry Route"
    text = title + "\n\nThe board voted on Monday."
    claims = spacy_backend.predict([doc(text, title)])["claims"]
    assert claims[0].span.text == title and claims[0].claimant == "ARTICLE"
    nominal = "Secretary Vale Meeting with Minister Orr"
    text2 = nominal + "\n\nThe two met on Monday."
    assert all(c.span.text != nominal for c in spacy_backend.predict([doc(text2, nominal)])["claims"])


def test_list_items_without_a_finite_verb_are_not_claims(spacy_backend):
    text = "The grant funds new classrooms, creating hundreds of jobs and better teaching."
    spans = [c.span.text for c in spacy_backend.predict([doc(text)])["claims"]]
    assert "creating hundreds of jobs and better teaching" not in spans


@pytest.mark.parametrize("text,span,label", [
    ("The bridge opened 40 years ago and closed in fall 2021.", "40 years ago", "DATE"),
    ("The bridge opened 40 years ago and closed in fall 2021.", "fall 2021", "DATE"),
    ("Senator Ann B. Lee spoke.", "Ann B. Lee", "PERSON"),
    ("She joined the Harbor Pilots Association of the United States last year.",
     "Harbor Pilots Association of the United States", "ORG"),
    ("He moved to the Coastal Institute for Marine Research.", "Coastal Institute for Marine Research", "ORG"),
])
def test_rules_dates_initials_and_long_organisation_names(text, span, label):
    from newsgold.backends.rules.entities import find_entities

    ents = {text[s:e]: lab for s, e, lab in find_entities(text)}
    assert ents.get(span) == label, ents


def test_plural_acronyms_and_plural_titles_are_not_names():
    text = "Senators back SMRs."
    assert finish(text, [(0, 8, "ORG"), (14, 18, "ORG")]) == []
