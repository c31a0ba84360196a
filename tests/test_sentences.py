"""The fixed sentence splitter: its documented rules, any script's capitals, and linear cost."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgold.sentences import sentence_index, sentence_locator, split_sentences

ROOT = Path(__file__).resolve().parents[1]


def texts(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def test_rules():
    assert texts("Dr. Ann Lee arrived. J. Smith left! Did he? Yes.") == [
        "Dr. Ann Lee arrived.", "J. Smith left!", "Did he?", "Yes."]
    assert texts("It rose 3.5 percent. The U.S. market fell.") == ["It rose 3.5 percent.", "The U.S. market fell."]
    assert texts("“We won,” she said. “Next year too.”\n\nNew paragraph") == [
        "“We won,” she said.", "“Next year too.”", "New paragraph"]
    assert texts("no capital after. so no break") == ["no capital after. so no break"]


def test_capitals_of_any_script_start_a_sentence():
    assert texts("He left. Émile arrived. Ödön came. Σωκράτης spoke.") == [
        "He left.", "Émile arrived.", "Ödön came.", "Σωκράτης spoke."]


def test_the_article_has_15_sentences():
    text = json.loads((ROOT / "corpus" / "documents.jsonl").read_text(encoding="utf-8"))["text"]
    spans = split_sentences(text)
    assert len(spans) == 15 and text[slice(*spans[0])].startswith("Secretary of State")


def test_locator_agrees_with_index():
    spans = [(0, 5), (6, 10), (12, 20)]
    locate = sentence_locator(spans)
    assert [locate(o) for o in range(21)] == [sentence_index(spans, o) for o in range(21)]


@pytest.mark.benchmark(group="sentences")
def test_benchmark_long_paragraph_with_many_abbreviations(benchmark):
    """A 240,000-character paragraph full of abbreviations (quadratic before the review fix)."""
    big = "Dr. Smith met Mr. Jones and Mrs. Lee at St. Mary's with Gen. Ray and Sen. Cole. " * 3000
    assert len(benchmark(split_sentences, big)) == 3000


def test_cr_only_line_ends_break_paragraphs():
    assert texts("First line\rsecond line\r\nthird") == ["First line", "second line", "third"]
