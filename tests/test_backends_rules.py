"""The rules backend on small invented texts (never the corpus article)."""

from __future__ import annotations

import pytest

from newsgold.backends.rules import RulesBackend
from newsgold.backends.rules.entities import find_entities
from newsgold.backends.rules.quotes import find_quotes
from newsgold.schema import Document
from newsgold.validate import check_records


def quotes(text: str) -> list[dict]:
    out = []
    for f in find_quotes(text):
        g = lambda r: text[r[0]:r[1]] if r else None  # noqa: E731
        out.append({"type": f.type, "content": g(f.content), "speaker": g(f.speaker), "cue": g(f.cue),
                    "via": f.via, "key": f.speaker_key(text)})
    return out


def ents(text: str) -> set[tuple[str, str]]:
    return {(text[s:e], label) for s, e, label in find_entities(text)}


def test_curly_direct_quote_with_trailing_attribution():
    [q] = quotes("“We will win the vote,” Jane Doe said on Monday.")
    assert q == {"type": "direct", "content": "We will win the vote,", "speaker": "Jane Doe",
                 "cue": "said", "via": None, "key": "jane-doe"}


def test_straight_marks_and_inverted_said_x():
    [q] = quotes('"Prices will fall next year," said the finance minister.')
    assert (q["type"], q["content"], q["speaker"], q["cue"]) == (
        "direct", "Prices will fall next year,", "finance minister", "said")


def test_colon_attribution_before_the_quote():
    [q] = quotes("Mayor Tom Park said: “The bridge opens in June.”")
    assert (q["type"], q["content"], q["speaker"]) == ("direct", "The bridge opens in June.", "Mayor Tom Park")
    assert q["key"] == "tom-park"


def test_according_to_covers_the_rest_of_the_sentence():
    [q] = quotes("According to the city council, the budget rose by 5 percent last year.")
    assert (q["type"], q["cue"], q["speaker"]) == ("indirect", "According to", "city council")
    assert q["content"] == "the budget rose by 5 percent last year"


def test_x_quoted_y_as_saying_gives_speaker_y_via_x():
    [q] = quotes("The Daily Planet quoted a police source as saying that the suspect had fled.")
    assert (q["type"], q["speaker"], q["cue"], q["via"]) == ("indirect", "police source", "quoted", "daily-planet")
    assert q["content"] == "the suspect had fled"


def test_nested_attribution_gives_two_quotes_inner_via_outer():
    text = ("The company did not comment, however, a spokesman had said last month that "
            "layoffs are possible, local media reported.")
    outer, inner = quotes(text)
    assert (outer["speaker"], outer["cue"], outer["via"]) == ("local media", "reported", None)
    assert outer["content"].startswith("The company did not comment") and outer["content"].endswith("are possible")
    assert (inner["speaker"], inner["content"], inner["via"]) == ("spokesman", "layoffs are possible", "local-media")


def test_quote_without_a_speaker():
    [q] = quotes("The vote was close.\n\n“Nobody knows what happens next.”")
    assert (q["type"], q["content"], q["speaker"], q["cue"]) == ("direct", "Nobody knows what happens next.", None, None)


def test_wrong_way_closing_mark_ends_a_mixed_quote():
    text = "The union is “ready to strike at any time,“ the union leader said."
    [q] = quotes(text)
    assert q["type"] == "mixed" and q["content"] == "The union is “ready to strike at any time,“"
    assert q["speaker"] == "union leader"


def test_adding_that_inherits_the_speaker_and_mixed_fragment():
    text = "Sales fell in March, the paper reported, adding that the firm faces “a very hard year.”"
    first, second = quotes(text)
    assert (first["type"], first["content"], first["speaker"]) == ("indirect", "Sales fell in March", "paper")
    assert (second["type"], second["cue"], second["speaker"]) == ("mixed", "adding", "paper")
    assert second["content"] == "the firm faces “a very hard year.”"


def test_reportedly_has_no_speaker():
    [q] = quotes("Reportedly, the plant will close in May.")
    assert (q["speaker"], q["cue"], q["content"]) == (None, "Reportedly", "the plant will close in May")


@pytest.mark.parametrize("text", [
    "Analysts believe that the market will recover.",
    "The deal has been confirmed by both firms.",
    "The so-called “peace plan” failed in the senate vote after the storm.",
])
def test_not_quotes(text):
    assert quotes(text) == []


def test_entities_titles_possessive_and_the_are_outside():
    text = "Prime Minister Anna Berg met Mr. Olsen in Oslo on Friday, the Daily Ledger reported."
    found = ents(text)
    assert {("Anna Berg", "PERSON"), ("Olsen", "PERSON"), ("Oslo", "GPE"), ("Friday", "DATE"),
            ("Daily Ledger", "ORG")} <= found
    assert not any("Minister" in t for t, _ in found)
    found = ents("Swedish officials praised Sweden’s Trade Ministry.")
    assert {("Swedish", "NORP"), ("Trade Ministry", "ORG")} <= found
    assert any(t == "Sweden" for t, _ in found)


def test_numbers_and_dates():
    found = ents("The fund lost $5 million, or 12 percent, in May 2019, its third loss since last week.")
    assert {("$5 million", "MONEY"), ("12 percent", "PERCENT"), ("May 2019", "DATE"),
            ("third", "ORDINAL"), ("last week", "DATE")} <= found


def test_backend_records_are_valid_and_ids_unique_across_batches():
    docs = [Document("a", "“We are ready,” Ann Lee said on Friday.\n\nBob Ray may resign, the Herald reported."),
            Document("b", "According to the Daily Ledger, 40 people were hurt in Lyon.")]
    backend = RulesBackend()
    first, second = backend.predict(docs[:1]), backend.predict(docs[1:])
    by_id = {d.id: d for d in docs}
    for task in ("entities", "quotes", "claims"):
        recs = first[task] + second[task]
        assert recs, task
        rows = [(i, r.to_dict()) for i, r in enumerate(recs, 1)]
        assert check_records(task, task, rows, by_id) == []


def test_claims_status_and_claimant():
    doc = Document("d", "Bob Ray may resign, the Herald reported. The factory closed in 2020.")
    claims = RulesBackend().predict([doc])["claims"]
    got = {(c.span.text, c.claimant, c.status, c.checkworthy) for c in claims}
    assert ("Bob Ray may resign", "herald", "hedged", True) in got
    assert ("The factory closed in 2020", "ARTICLE", "asserted", True) in got


# --- general entity rules (invented sentences) ------------------------------------------------

@pytest.mark.parametrize("text, span, label", [
    ("The ferry left at 6:15 p.m. on Friday.", "6:15 p.m.", "TIME"),
    ("The vote closes at around 9 a.m. sharp.", "around 9 a.m.", "TIME"),
    ("A 41-year-old driver was hurt.", "41-year-old", "DATE"),
    ("The strike lasted three weeks in all.", "three weeks", "DATE"),
    ("It offers a five-day warranty.", "five-day", "DATE"),
    ("Sales may double in the first 18 months.", "first 18 months", "DATE"),
    ("Rain will ease over the next 36 hours.", "next 36 hours", "TIME"),
    ("The hall was full within an hour.", "an hour", "TIME"),
    ("The dam holds about 9,500 litres.", "about 9,500 litres", "QUANTITY"),
    ("Winds reached 140 kilometres per hour.", "140 kilometres per hour", "QUANTITY"),
    ("The fund lost more than 3,000 members.", "more than 3,000", "CARDINAL"),
    ("Costs hit roughly $7 billion last year.", "roughly $7 billion", "MONEY"),
    ("The club paid NZ$40 million for it.", "NZ$40 million", "MONEY"),
    ("The bakery closed late Thursday.", "late Thursday", "DATE"),
    ("A new mill opens early next year.", "early next year", "DATE"),
    ("Output should recover by October.", "October", "DATE"),
])
def test_numeric_and_date_patterns_follow_ontonotes_edges(text, span, label):
    assert (span, label) in ents(text), ents(text)


def test_headline_capitals_are_typographic():
    text = "Kovar Mills Shuts Plant After Flood Damage\n\nThe flood hit Kovar Mills on Monday, officials said."
    found = ents(text)
    assert ("Shuts Plant After Flood Damage", "PERSON") not in found
    assert not any(t.startswith(("Shuts", "Plant", "Flood")) for t, _ in found), found


def test_sentence_opening_common_word_is_not_a_name():
    found = ents("Farmers protested in the square. Inspectors arrived later.")
    assert not {t for t, _ in found} & {"Farmers", "Inspectors"}, found


def test_upper_case_dateline_is_gpe():
    text = "Storm Hits Coast\n\nPORT ELLA, Tasmania, March 3 — A storm hit the coast."
    assert {("PORT ELLA", "GPE"), ("Tasmania", "GPE")} <= ents(text)


def test_org_suffixes_events_and_country_suffixes():
    found = ents("Analysts at Birchfield Capital said the Westmark Developer Summit in the United Kingdom "
                 "was moved; Hurricane Pell was to blame.")
    assert {("Birchfield Capital", "ORG"), ("Westmark Developer Summit", "EVENT"),
            ("United Kingdom", "GPE"), ("Hurricane Pell", "EVENT")} <= found, found


def test_portfolio_title_before_a_name_stays_outside():
    found = ents("Transport Services Minister Ada Quill visited the port.")
    assert ("Ada Quill", "PERSON") in found and not any("Services" in t for t, _ in found), found


def test_place_before_mayor_is_gpe():
    assert ("Dunmore", "GPE") in ents("The storm passed. Dunmore Mayor Ivo Bell said roads were shut.")


def test_one_name_one_type_in_a_document():
    found = ents("Quarrow Holdings cut jobs. Shares of Quarrow fell in Oslo, Bergen and Tromso.")
    assert {("Quarrow", "ORG"), ("Bergen", "GPE"), ("Tromso", "GPE")} <= found, found


def test_name_before_lower_case_party_is_org():
    assert ("Green Dawn", "ORG") in ents("The vote was called by the opposition Green Dawn party on Monday.")


# --- general quote rules -----------------------------------------------------------------------

def test_sentence_final_according_to():
    [q] = quotes("Turnout rose to 70 percent, according to the Electoral Office.")
    assert (q["type"], q["content"], q["speaker"], q["cue"]) == (
        "indirect", "Turnout rose to 70 percent", "Electoral Office", "according to")


def test_said_without_that():
    [q] = quotes("Union leader Jo Park said the strike would go ahead.")
    assert (q["content"], q["speaker"]) == ("the strike would go ahead", "Union leader Jo Park")


def test_told_addressee_then_clause():
    [q] = quotes("The treasurer Ben Ross told reporters the budget will balance.")
    assert (q["content"], q["cue"]) == ("the budget will balance", "told")


def test_confirm_with_object_is_not_a_bare_complement():
    assert quotes("The club didn't confirm the transfer on Monday.") == []


def test_trailing_said_x_with_relative_clause():
    [q] = quotes('"The river rose overnight," said Mia Holt, who owns a bakery.')
    assert (q["type"], q["speaker"]) == ("direct", "Mia Holt")


def test_a_following_speech_event_ends_the_content():
    qs = quotes("The firm denied that it had cut jobs, saying 40 percent of staff would stay.")
    assert [q["content"] for q in qs] == ["it had cut jobs", "40 percent of staff would stay"]
    assert qs[1]["speaker"] == "firm"


def test_participle_speaker_is_the_sentence_subject():
    [q] = quotes("Analyst Rosa Lind was cautious, saying the price was too high.")
    assert (q["content"], q["speaker"], q["cue"]) == ("the price was too high", "Analyst Rosa Lind", "saying")


def test_month_abbreviation_does_not_end_the_sentence():
    [q] = quotes("The phone goes on sale on Oct. 3, Ann Lee told reporters.")
    assert (q["content"], q["speaker"]) == ("The phone goes on sale on Oct. 3", "Ann Lee")


@pytest.mark.parametrize("text, content, speaker", [
    ('Mayor Bob Smith said, "We will rebuild the bridge." Officials agreed.', "We will rebuild the bridge.", "Mayor Bob Smith"),
    ("The minister said, “We have no plans to resign.”", "We have no plans to resign.", "minister"),
])
def test_said_comma_then_quotation_is_a_direct_quote(text, content, speaker):
    from newsgold.backends import get_backend
    from newsgold.schema import Document

    for name in ("rules", "spacy"):
        [q] = get_backend(name).predict([Document("d", text)])["quotes"]
        assert (q.type, q.content.text, q.speaker.text, q.cue.text) == ("direct", content, speaker, "said"), name
