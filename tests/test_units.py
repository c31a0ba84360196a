"""Counts that bootstrap resampling relies on: within every unit a hit never outnumbers its
predictions or its gold items, so no resample can push a precision or recall above 1.

Regression test for a matched prediction starting in another sentence than its gold item
(found in review: CIs reached 1.5 for F1 and 3.0 for precision)."""

from __future__ import annotations

from pathlib import Path

from newsgold.load import Annotations
from newsgold.pipeline import evaluate
from newsgold.schema import Claim, Document, Quote, Span
from newsgold.settings import Settings

TEXT = ("The mayor spoke. “We tried. We will rebuild the bridge by May,” the mayor said. "
        "Officials said the bridge would cost millions. Nothing else happened.")
DOC = Document("d", TEXT)


def span(sub: str) -> Span:
    i = TEXT.index(sub)
    return Span(i, i + len(sub), sub)


def run(task: str, gold: list, pred: list) -> dict:
    g = Annotations(path=Path("gold"), **{task: gold})
    p = Annotations(path=Path("pred"), **{task: pred})
    report, tables = evaluate([DOC], g, p, Settings(bootstrap=500, unit="sentence"), gold_checksum="0" * 64)
    return report["tasks"][task], tables[task]


def assert_rates_bounded(result: dict) -> None:
    for metric, (low, high) in result["ci"].items():
        if metric.endswith((".f1", ".p", ".r", ".precision", ".recall", ".accuracy")):
            assert 0.0 <= low <= high <= 1.0, (metric, low, high)


def test_quote_matched_across_sentences_keeps_cis_within_0_1():
    gold = [Quote("d", "q1", "direct", span("We tried. We will rebuild the bridge by May,"),
                  span("mayor", ), "mayor", span("said"), None)]
    pred = [Quote("d", "p1", "direct", span("We will rebuild the bridge by May,"), span("mayor"), "mayor",
                  span("said"), None)]
    result, table = run("quotes", gold, pred)
    assert result["metrics"]["e2e.f1"] == 1.0
    assert_rates_bounded(result)
    col = {c: i for i, c in enumerate(table.columns)}
    for row in table.matrix:  # every unit on its own is a consistent mini-corpus
        assert row[col["e2e_tp"]] <= min(row[col["pred"]], row[col["gold"]])


def test_claim_matched_across_sentences_keeps_cis_within_0_1():
    gold = [Claim("d", "c1", span("We tried. We will rebuild the bridge by May"), "mayor", None, "reported", True)]
    pred = [Claim("d", "p1", span("We will rebuild the bridge by May"), "mayor", None, "reported", True),
            Claim("d", "p2", span("the bridge would cost millions"), "officials", None, "reported", True)]
    result, table = run("claims", gold, pred)
    assert result["metrics"]["span.precision"] == 0.5
    assert_rates_bounded(result)
    col = {c: i for i, c in enumerate(table.columns)}
    for row in table.matrix:
        assert row[col["match"]] <= min(row[col["pred"]], row[col["gold"]])
