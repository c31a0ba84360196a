"""Claims task: hand-computed scores on a small document, sklearn cross-checks, hypothesis invariants."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from newsgold.match import mentions_by_key
from newsgold.schema import CLAIM_STATUSES, Claim, Document, Entity, Span
from newsgold.sentences import split_sentences
from newsgold.tasks.base import DocContext, Settings, Totals
from newsgold.tasks.claims import COUNT_KEYS, ClaimsTask, match_claims

TEXT = (
    "Kerry met Lavrov in Sochi on Tuesday. The talks were very useful. "
    "Russia may host another meeting in June. RT said the trip was planned. "
    "RT reported that the two men spoke for four hours. Alpha beta gamma delta."
)
from conftest import find_span, score_one_doc, totals_of  # noqa: E402

DOC = Document("d1", TEXT)
TASK = ClaimsTask()


def sp(sub: str, nth: int = 0, text: str = TEXT) -> Span:
    return find_span(sub, nth, text)


def ent(sub: str, nth: int, key: str) -> Entity:
    s = sp(sub, nth)
    return Entity("d1", f"e{s.start}", s.start, s.end, s.text, "ORG", key)


ENTITIES = [ent("RT", 0, "russia-today"), ent("RT", 1, "russia-today"), ent("Kerry", 0, "john-kerry")]


def c(cid, sub, claimant="ARTICLE", cspan=None, status="asserted", cw=True, nth=0) -> Claim:
    return Claim("d1", cid, sp(sub, nth), claimant, cspan, status, cw)


GOLD = [
    c("c1", "Kerry met Lavrov in Sochi on Tuesday"),
    c("c2", "The talks were very useful", cw=False),
    c("c3", "Russia may host another meeting in June", status="hedged"),
    c("c4", "the trip was planned", "russia-today", sp("RT", 0), "reported"),
    c("c5", "the two men spoke for four hours", "russia-today", sp("RT", 1), "reported"),
]


def run(gold, pred, entities=ENTITIES, doc=DOC, **kw):
    return score_one_doc(TASK, doc, gold, pred, entities, **kw)


PREDS = [
    c("p1", "Kerry met Lavrov in Sochi"),  # Jaccard 5/7, all attributes right
    c("p2", "The talks were very useful", claimant="article"),  # wrong claimant, checkworthy FP
    c("p3", "Russia may host another meeting in June"),  # status asserted, gold hedged
    c("p4", "the two men spoke for four hours", "rt", sp("RT", 0), "reported", cw=False),  # claimant via mention
    c("p5", "Alpha beta gamma delta", cw=False),  # spurious
]


def test_scenario_hand_computed():
    s, tc = run(GOLD, PREDS)
    approx = pytest.approx
    assert (s["gold"], s["pred"], s["matched"]) == (5, 5, 4)
    assert (s["span.precision"], s["span.recall"], s["span.f1"]) == (0.8, 0.8, approx(0.8))
    assert s["claimant.accuracy"] == 0.75 and s["status.accuracy"] == 0.75
    # matched: gold cw T,F,T,T ; pred cw T,T,T,F  -> tp 2, pred 3, gold 3
    assert (s["checkworthy.precision"], s["checkworthy.recall"], s["checkworthy.f1"]) == (approx(2 / 3),) * 3
    # asserted: tp2 pred3 gold2 -> F1 0.8; hedged: gold1 only -> 0; reported: 1; denied absent
    assert s["status.asserted.f1"] == approx(0.8) and s["status.hedged.f1"] == 0.0
    assert s["status.reported.f1"] == 1.0 and s["status.macro.f1"] == approx(0.6)
    # sentences: gold {0,1,2,3,4}, pred {0,1,2,4,5}
    assert (s["sentence.precision"], s["sentence.recall"], s["sentence.f1"]) == (0.8, 0.8, approx(0.8))
    kinds = sorted((e.kind, e.text) for e in tc.errors)
    assert kinds == [
        ("CHECKWORTHY", "The talks were very useful"), ("CHECKWORTHY", "the two men spoke for four hours"),
        ("CLAIMANT", "The talks were very useful"), ("FN", "the trip was planned"),
        ("FP", "Alpha beta gamma delta"), ("PAR", "Kerry met Lavrov in Sochi on Tuesday"),
        ("STATUS", "Russia may host another meeting in June"),
    ]
    assert next(e for e in tc.errors if e.kind == "STATUS").detail == "gold hedged, predicted asserted"
    expected_pairs = [("asserted", "asserted")] * 2 + [("hedged", "asserted"), ("reported", "reported")]
    assert sorted(tc.pairs) == sorted(expected_pairs)


def test_macro_and_checkworthiness_agree_with_sklearn():
    from sklearn.metrics import f1_score, precision_recall_fscore_support

    s, tc = run(GOLD, PREDS)
    g_status, p_status = zip(*tc.pairs)
    assert s["status.macro.f1"] == pytest.approx(f1_score(g_status, p_status, average="macro"))
    # matched pairs in gold order: c1-p1, c2-p2, c3-p3, c5-p4
    y_true, y_pred = [True, False, True, True], [True, True, True, False]
    ref = precision_recall_fscore_support(y_true, y_pred, average="binary", zero_division=0)[:3]
    assert (s["checkworthy.precision"], s["checkworthy.recall"], s["checkworthy.f1"]) == pytest.approx(ref)


@pytest.mark.parametrize("pred, thr, matched", [
    ("Alpha beta", 0.5, True),  # Jaccard exactly 2/4
    ("Alpha beta", 0.51, False),
    ("Alpha beta gamma delta. Kerry", 0.8, True),  # 4/5, the period is not a token
    ("Alpha beta gamma delta. Kerry", 0.81, False),
])
def test_jaccard_threshold_edges(pred, thr, matched):
    text = "Alpha beta gamma delta. Kerry"
    doc = Document("d1", text)
    gold = [Claim("d1", "c1", sp("Alpha beta gamma delta", 0, text), "ARTICLE", None, "asserted", True)]
    p = [Claim("d1", "p1", sp(pred, 0, text), "ARTICLE", None, "asserted", True)]
    assert run(gold, p, entities=[], doc=doc, claim_jaccard=thr)[0]["span.f1"] == float(matched)


def test_short_prediction_below_threshold():
    s, _ = run(GOLD[:1], [c("p1", "Kerry met Lavrov")])  # 3/7
    assert s["span.f1"] == 0.0


def test_position_aware_tokens():
    text = "It rained. It rained."
    doc = Document("d1", text)
    gold = [Claim("d1", "c1", sp("It rained", 0, text), "ARTICLE", None, "asserted", True)]
    pred = [Claim("d1", "p1", sp("It rained", 1, text), "ARTICLE", None, "asserted", True)]
    assert run(gold, pred, entities=[], doc=doc)[0]["span.f1"] == 0.0


@pytest.mark.parametrize("claimant, cspan, entities, ok", [
    ("Russia_Today", None, ENTITIES, True),  # normalised key
    ("someone", sp("RT", 1), [], True),  # overlaps the gold claimant_span
    ("someone", sp("RT", 0), ENTITIES, True),  # another mention of the gold claimant
    ("someone", sp("RT", 0), [], False),
    ("someone", sp("Kerry"), ENTITIES, False),
    (None, None, ENTITIES, False),
    ("ARTICLE", None, ENTITIES, False),
])
def test_claimant_rules(claimant, cspan, entities, ok):
    pred = [dataclasses.replace(GOLD[4], id="p", claimant=claimant, claimant_span=cspan)]
    assert run(GOLD[4:], pred, entities=entities)[0]["claimant.accuracy"] == float(ok)


@pytest.mark.parametrize("gold_key, pred_key, ok", [
    ("ARTICLE", "ARTICLE", True), ("ARTICLE", "article", False), ("ARTICLE", None, False),
    (None, None, True), (None, "ARTICLE", False),
])
def test_article_and_null_claimants(gold_key, pred_key, ok):
    gold = [dataclasses.replace(GOLD[0], claimant=gold_key)]
    pred = [dataclasses.replace(GOLD[0], id="p", claimant=pred_key)]
    assert run(gold, pred)[0]["claimant.accuracy"] == float(ok)


def test_unmatched_claims_are_not_in_checkworthiness():
    s, _ = run(GOLD[:1], [c("p1", "Alpha beta gamma delta")])
    assert s["checkworthy.recall"] == 0.0 and s["checkworthy.precision"] == 0.0 and s["status.macro.f1"] == 0.0


def test_score_is_vectorised():
    tots = [totals_of(run(GOLD, PREDS[:k])[1]) for k in range(len(PREDS) + 1)]
    cols = sorted({k for t in tots for k in t})
    vec = TASK.score(Totals(cols, np.array([[t[k] for k in cols] for t in tots], dtype=float)))
    for b, t in enumerate(tots):
        for key, value in TASK.score(t).items():
            assert vec[key][b] == pytest.approx(value), key


# ---------------------------------------------------------------------------------------------
# hypothesis: random claims over a document of numbered words in 4-word sentences
# ---------------------------------------------------------------------------------------------
N = 24
WORDS = [(f"W{i}" if i % 4 == 0 else f"w{i}") + ("." if i % 4 == 3 else "") for i in range(N)]
HTEXT = " ".join(WORDS)
HDOC = Document("h", HTEXT)
OFF = [sum(len(w) + 1 for w in WORDS[:i]) for i in range(N)]


def wspan(i: int, j: int) -> Span:
    start, end = OFF[i], OFF[j - 1] + len(WORDS[j - 1].rstrip("."))
    return Span(start, end, HTEXT[start:end])


@st.composite
def ranges(draw, max_len=6):
    i = draw(st.integers(0, N - 1))
    return wspan(i, draw(st.integers(i + 1, min(N, i + max_len))))


@st.composite
def claims(draw):
    return Claim("h", "x", draw(ranges()), draw(st.sampled_from([None, "ARTICLE", "a", "b"])),
                 draw(st.none() | ranges(1)), draw(st.sampled_from(CLAIM_STATUSES)), draw(st.booleans()))


CLISTS = st.lists(claims(), max_size=6)
ENTS = st.lists(st.builds(lambda s, k: Entity("h", "e", s.start, s.end, s.text, "ORG", k), ranges(2),
                          st.sampled_from([None, "a", "b"])), max_size=3)
FAST = hsettings(max_examples=60, deadline=None)


def hrun(gold, pred, ents=(), **kw):
    ctx = DocContext(doc=HDOC, gold={"entities": list(ents), "claims": list(gold)}, pred={"claims": list(pred)},
                     unit_of=lambda off: "d")
    tc = TASK.count(ctx, Settings(**kw))
    return TASK.score(totals_of(tc)), tc


def test_hypothesis_document_has_sentences():
    assert len(split_sentences(HTEXT)) == N // 4


@FAST
@given(CLISTS, CLISTS)
def test_sentence_detection_equals_sklearn(gold, pred):
    from sklearn.metrics import precision_recall_fscore_support

    sents = split_sentences(HTEXT)
    label = lambda cs: [any(s <= x.span.start < e for x in cs) for s, e in sents]  # noqa: E731
    y_true, y_pred = label(gold), label(pred)
    s, _ = hrun(gold, pred)
    if not any(y_true) and not any(y_pred):
        assert (s["sentence.precision"], s["sentence.recall"], s["sentence.f1"]) == (0.0, 0.0, 0.0)
        return
    ref = precision_recall_fscore_support(y_true, y_pred, average="binary", zero_division=0)[:3]
    assert (s["sentence.precision"], s["sentence.recall"], s["sentence.f1"]) == pytest.approx(ref)


@FAST
@given(CLISTS, CLISTS, ENTS, st.sampled_from([0.2, 0.5, 1.0]))
def test_rates_in_unit_interval(gold, pred, ents, thr):
    s, _ = hrun(gold, pred, ents, claim_jaccard=thr)
    for k, v in s.items():
        if k not in COUNT_KEYS:
            assert 0.0 <= v <= 1.0, k


@FAST
@given(CLISTS.filter(bool), ENTS)
def test_gold_against_itself_is_perfect(gold, ents):
    s, tc = hrun(gold, gold, ents)
    assert tc.errors == []
    for key in ("span.f1", "claimant.accuracy", "status.accuracy", "status.macro.f1", "sentence.f1"):
        assert s[key] == 1.0, key
    assert s["checkworthy.f1"] == float(any(x.checkworthy for x in gold))


@FAST
@given(CLISTS.filter(bool))
def test_no_predictions_means_zero_recall(gold):
    s, tc = hrun(gold, [])
    assert s["span.recall"] == s["sentence.recall"] == s["checkworthy.recall"] == 0.0
    assert {e.kind for e in tc.errors} == {"FN"}


@FAST
@given(CLISTS, CLISTS, ENTS, st.randoms(use_true_random=False))
def test_record_order_is_irrelevant(gold, pred, ents, rnd):
    _, a = hrun(gold, pred, ents)
    g2, p2 = gold[:], pred[:]
    rnd.shuffle(g2), rnd.shuffle(p2)
    _, b = hrun(g2, p2, ents)
    assert a.rows == b.rows and a.errors == b.errors and a.pairs == b.pairs


@FAST
@given(CLISTS.filter(bool), CLISTS, st.sampled_from([0.2, 0.5]), st.data())
def test_adding_a_correct_prediction_never_lowers_headline(gold, pred, thr, data):
    before, _ = hrun(gold, pred, claim_jaccard=thr)
    pairs, _ = match_claims(HTEXT, gold, pred, mentions_by_key([]), thr)
    missed = sorted(set(range(len(gold))) - {i for i, _ in pairs})
    if not missed:
        return
    g = gold[data.draw(st.sampled_from(missed))]
    after, _ = hrun(gold, pred + [dataclasses.replace(g, id="new")], claim_jaccard=thr)
    assert after[TASK.headline] >= before[TASK.headline] - 1e-12
    assert after["span.recall"] > before["span.recall"]
