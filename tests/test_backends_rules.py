"""The rules backend on small invented texts (never the corpus article)."""

from __future__ import annotations

import pytest

from eval.backends.rules import RulesBackend
from eval.backends.rules.entities import find_entities
from eval.backends.rules.quotes import find_quotes
from eval.schema import Document
from eval.validate import check_records


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
