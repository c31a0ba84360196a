"""Quotes task: hand-computed scores on a small document, plus hypothesis invariants."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from newsgold.match import match_pairs, mentions_by_key
from newsgold.schema import QUOTE_TYPES, Document, Entity, Quote, Span
from newsgold.tasks.base import DocContext, Settings, Totals
from newsgold.tasks.quotes import COUNT_KEYS, QuotesTask, match_quotes

TEXT = (
    "Secretary of State John Kerry said the talks were “very useful and long.” "
    "Kerry arrived in Sochi on Tuesday. "
    "Reportedly, the meeting lasted four hours. "
    "Lavrov told reporters that Russia is ready for dialogue."
)
from conftest import find_span, score_one_doc, totals_of  # noqa: E402

DOC = Document("d1", TEXT)
TASK = QuotesTask()


def sp(sub: str, nth: int = 0, text: str = TEXT) -> Span:
    return find_span(sub, nth, text)


ENTITIES = [
    Entity("d1", "e1", *dataclasses.astuple(sp("John Kerry"))[:3], "PERSON", "john-kerry"),
    Entity("d1", "e2", *dataclasses.astuple(sp("Kerry", 1))[:3], "PERSON", "john-kerry"),
    Entity("d1", "e3", *dataclasses.astuple(sp("Lavrov"))[:3], "PERSON", "sergey-lavrov"),
]


def q(qid, type_, content, speaker=None, key=None, cue=None) -> Quote:
    return Quote("d1", qid, type_, sp(content), speaker, key, sp(cue) if cue else None)


Q1 = q("q1", "direct", "very useful and long.", sp("Secretary of State John Kerry"), "john-kerry", "said")
Q2 = q("q2", "indirect", "the meeting lasted four hours", None, None, "Reportedly")
Q3 = q("q3", "indirect", "Russia is ready for dialogue", sp("Lavrov"), "sergey-lavrov", "told")
GOLD = [Q1, Q2, Q3]


def run(gold, pred, entities=ENTITIES, doc=DOC, **kw):
    return score_one_doc(TASK, doc, gold, pred, entities, **kw)


# ---------------------------------------------------------------------------------------------
# hand-computed
# ---------------------------------------------------------------------------------------------
def test_scenario_hand_computed():
    preds = [
        # half the content tokens (2 of 4): overlap match, not exact; "Kerry" = 2nd mention, key john-kerry
        q("p1", "direct", "very useful", sp("Kerry", 1), None, "said"),
        # exact content; speaker wrong (gold null), cue wrong (gold "Reportedly")
        q("p2", "indirect", "the meeting lasted four hours", sp("Lavrov"), "sergey-lavrov", None),
        # exact content; no speaker span but speaker_entity equal after normalising; wrong type
        q("p3", "direct", "Russia is ready for dialogue", None, "Sergey Lavrov", "told"),
        q("p4", "indirect", "Kerry arrived in Sochi on Tuesday"),  # spurious
    ]
    s, tc = run(GOLD, preds)
    approx = lambda x: pytest.approx(x)  # noqa: E731
    assert (s["gold"], s["pred"], s["matched"]) == (3, 4, 3)
    assert (s["content.exact.precision"], s["content.exact.recall"], s["content.exact.f1"]) == (0.5, approx(2 / 3), approx(4 / 7))
    assert (s["content.overlap.precision"], s["content.overlap.recall"], s["content.overlap.f1"]) == (0.75, 1.0, approx(6 / 7))
    assert s["speaker.accuracy"] == approx(2 / 3) and s["cue.accuracy"] == approx(2 / 3) and s["type.accuracy"] == approx(2 / 3)
    assert (s["e2e.precision"], s["e2e.recall"], s["e2e.f1"]) == (0.5, approx(2 / 3), approx(4 / 7))
    # direct: gold {q1}, predicted-direct {p1, p3}; p3 is a miss here (its gold is indirect)
    assert (s["direct.content.overlap.precision"], s["direct.content.overlap.recall"]) == (0.5, 1.0)
    assert s["direct.content.exact.f1"] == 0.0 and s["direct.e2e.f1"] == approx(2 / 3)
    assert s["direct.detect.recall"] == 1.0 and s["direct.type.accuracy"] == 1.0
    # indirect: gold {q2, q3}, predicted-indirect {p2, p4}
    assert (s["indirect.content.exact.precision"], s["indirect.content.exact.recall"]) == (0.5, 0.5)
    assert s["indirect.speaker.accuracy"] == 0.0 and s["indirect.cue.accuracy"] == 0.0 and s["indirect.e2e.f1"] == 0.0
    assert s["indirect.detect.recall"] == 1.0 and s["indirect.type.accuracy"] == 0.5
    assert s["mixed.gold"] == 0 and s["mixed.e2e.f1"] == 0.0
    kinds = sorted((e.kind, e.text) for e in tc.errors)
    assert kinds == [
        ("CUE", "the meeting lasted four hours"), ("FP", "Kerry arrived in Sochi on Tuesday"),
        ("PAR", "very useful and long."), ("SPEAKER", "the meeting lasted four hours"),
        ("TYPE", "Russia is ready for dialogue"),
    ]
    speaker_err = next(e for e in tc.errors if e.kind == "SPEAKER")
    assert speaker_err.detail == "gold null, predicted 'Lavrov' (sergey-lavrov)"
    assert sorted(tc.pairs) == [("direct", "direct"), ("indirect", "direct"), ("indirect", "indirect")]


def test_overlap_threshold_edge():
    pred = [q("p1", "direct", "very useful", sp("Kerry"), None, "said")]  # overlap coefficient 2/4
    assert run([Q1], pred)[0]["content.overlap.f1"] == 1.0
    s, tc = run([Q1], pred, quote_overlap=0.51)
    assert s["content.overlap.f1"] == 0.0 and sorted(e.kind for e in tc.errors) == ["FN", "FP"]


def test_overlap_is_max_normalised_not_containment():
    # pred contains the gold content plus as many extra tokens: 4 / max(4, 9) < 0.5
    big = q("p1", "direct", "the talks were “very useful and long.” Kerry arrived")
    assert run([Q1], [big])[0]["content.overlap.f1"] == 0.0


def test_position_aware_tokens():
    text = "He said yes. She said yes."
    doc = Document("d1", text)
    gold = [Quote("d1", "q1", "indirect", sp("yes", 0, text))]
    pred = [Quote("d1", "p1", "indirect", sp("yes", 1, text))]
    assert run(gold, pred, entities=[], doc=doc)[0]["content.overlap.f1"] == 0.0


@pytest.mark.parametrize(
    "speaker, key, ok",
    [
        (sp("John Kerry"), None, True),  # overlaps the gold speaker span
        (sp("Kerry", 1), None, True),  # another mention of the gold speaker_entity
        (None, "JOHN_KERRY", True),  # normalised speaker_entity
        (sp("Kerry", 1), "nobody", True),  # span rule is enough
        (sp("Lavrov"), "sergey-lavrov", False),
        (None, None, False),
        (sp("Sochi"), None, False),
    ],
)
def test_speaker_rules(speaker, key, ok):
    pred = [q("p1", "direct", "very useful and long.", speaker, key, "said")]
    s, _ = run([Q1], pred)
    assert s["speaker.accuracy"] == float(ok) and s["e2e.f1"] == float(ok) and s["content.overlap.f1"] == 1.0


def test_speaker_entity_mentions_need_the_entity_file():
    pred = [q("p1", "direct", "very useful and long.", sp("Kerry", 1), None, "said")]
    assert run([Q1], pred, entities=[])[0]["speaker.accuracy"] == 0.0


@pytest.mark.parametrize("speaker, ok", [(None, True), (sp("Lavrov"), False)])
def test_null_gold_speaker(speaker, ok):
    pred = [q("p2", "indirect", "the meeting lasted four hours", speaker, None, "Reportedly")]
    assert run([Q2], pred)[0]["speaker.accuracy"] == float(ok)


@pytest.mark.parametrize("cue, ok", [("said", True), ("sa", True), (None, False), ("talks", False)])
def test_cue_rules(cue, ok):
    pred = [q("p1", "direct", "very useful and long.", sp("Kerry"), None, cue)]
    assert run([Q1], pred)[0]["cue.accuracy"] == float(ok)


def test_both_cues_null_is_right():
    gold = [dataclasses.replace(Q1, cue=None)]
    pred = [dataclasses.replace(Q1, id="p1", cue=None)]
    assert run(gold, pred)[0]["cue.accuracy"] == 1.0


def test_e2e_uses_its_own_matching():
    # two golds with the same content, different speakers; the prediction names the second speaker
    g2 = dataclasses.replace(Q1, id="q9", speaker=sp("Lavrov"), speaker_entity="sergey-lavrov")
    pred = [dataclasses.replace(g2, id="p1")]
    s, _ = run([Q1, g2], pred)
    assert s["e2e.precision"] == 1.0 and s["e2e.recall"] == 0.5 and s["speaker.accuracy"] == 1.0  # tie goes to the right speaker


def test_match_pairs_prefers_more_pairs_and_ignores_sub_threshold():
    sim = np.array([[0.6, 0.45], [0.45, 0.0]])
    assert match_pairs(sim >= 0.5, sim) == [(0, 0)]  # plain max-sum would pick the two 0.45 pairs
    sim = np.array([[0.9, 0.55], [0.55, 0.0]])
    assert match_pairs(sim >= 0.5, sim) == [(0, 1), (1, 0)]
    sim = np.array([[1.0, 0.35], [0.35, 0.0]])
    assert match_pairs(sim >= 0.3, sim) == [(0, 1), (1, 0)]  # max-sum would keep the single 1.0 pair
    assert match_pairs(np.zeros((0, 2), bool), np.zeros((0, 2))) == []


def test_score_is_vectorised():
    s_one = [run(GOLD, GOLD[:k])[1] for k in range(4)]
    tots = [totals_of(tc) for tc in s_one]
    cols = sorted({c for t in tots for c in t})
    stacked = Totals(cols, np.array([[t[c] for c in cols] for t in tots], dtype=float))
    vec = TASK.score(stacked)
    for b, t in enumerate(tots):
        for key, value in TASK.score(t).items():
            assert vec[key][b] == pytest.approx(value), key


# ---------------------------------------------------------------------------------------------
# hypothesis invariants on random documents of numbered words
# ---------------------------------------------------------------------------------------------
WORDS = [f"w{i}" for i in range(24)]
HTEXT = " ".join(WORDS)
HDOC = Document("h", HTEXT)
OFF = [HTEXT.index(w + " ") if i < len(WORDS) - 1 else HTEXT.rindex(w) for i, w in enumerate(WORDS)]


def wspan(i: int, j: int) -> Span:
    start, end = OFF[i], OFF[j - 1] + len(WORDS[j - 1])
    return Span(start, end, HTEXT[start:end])


@st.composite
def ranges(draw, max_len=6):
    i = draw(st.integers(0, len(WORDS) - 1))
    j = draw(st.integers(i + 1, min(len(WORDS), i + max_len)))
    return wspan(i, j)


KEYS = st.sampled_from([None, "a-b", "c", "d"])


@st.composite
def quotes(draw, qid="x"):
    return Quote("h", qid, draw(st.sampled_from(QUOTE_TYPES)), draw(ranges()), draw(st.none() | ranges(2)),
                 draw(KEYS), draw(st.none() | ranges(1)))


@st.composite
def entities(draw):
    span, key = draw(ranges(2)), draw(KEYS)
    return Entity("h", "e", span.start, span.end, span.text, "PERSON", key)


def hrun(gold, pred, ents, **kw):
    ctx = DocContext(doc=HDOC, gold={"entities": ents, "quotes": list(gold)}, pred={"quotes": list(pred)},
                     unit_of=lambda off: "d")
    tc = TASK.count(ctx, Settings(**kw))
    return TASK.score(totals_of(tc)), tc


QLISTS = st.lists(quotes(), max_size=6)
ENTS = st.lists(entities(), max_size=4)
FAST = hsettings(max_examples=60, deadline=None)


@FAST
@given(QLISTS, QLISTS, ENTS, st.sampled_from([0.3, 0.5, 0.8, 1.0]))
def test_rates_in_unit_interval(gold, pred, ents, thr):
    s, _ = hrun(gold, pred, ents, quote_overlap=thr)
    for k, v in s.items():
        if k not in COUNT_KEYS:
            assert 0.0 <= v <= 1.0, k
    assert s["content.exact.f1"] <= s["content.overlap.f1"] + 1e-12 or thr > 1.0
    assert s["e2e.f1"] <= s["content.overlap.f1"] + 1e-12


@FAST
@given(QLISTS.filter(bool), ENTS)
def test_gold_against_itself_is_perfect(gold, ents):
    s, tc = hrun(gold, gold, ents)
    for k, v in s.items():
        if k in COUNT_KEYS:
            continue
        t = k.split(".")[0]
        if t in QUOTE_TYPES and s[f"{t}.gold"] == 0:
            assert v == 0.0, k
        else:
            assert v == 1.0, k
    assert tc.errors == []


@FAST
@given(QLISTS.filter(bool), ENTS)
def test_no_predictions_means_zero_recall(gold, ents):
    s, tc = hrun(gold, [], ents)
    assert all(s[k] == 0.0 for k in s if k.endswith((".r", ".recall", ".f1")))
    assert sorted({e.kind for e in tc.errors}) == ["FN"]


@FAST
@given(QLISTS, QLISTS, ENTS, st.randoms(use_true_random=False))
def test_record_order_is_irrelevant(gold, pred, ents, rnd):
    _, a = hrun(gold, pred, ents)
    g2, p2 = gold[:], pred[:]
    rnd.shuffle(g2), rnd.shuffle(p2)
    _, b = hrun(g2, p2, ents)
    assert a.rows == b.rows and a.errors == b.errors and a.pairs == b.pairs


@FAST
@given(QLISTS.filter(bool), QLISTS, ENTS, st.sampled_from([0.2, 0.5]), st.data())
def test_adding_a_correct_prediction_never_lowers_headline(gold, pred, ents, thr, data):
    before, _ = hrun(gold, pred, ents, quote_overlap=thr)
    m = match_quotes(HTEXT, gold, pred, mentions_by_key(ents), thr)
    missed = sorted(set(range(len(gold))) - {i for i, _ in m.e2e})
    if not missed:
        return
    g = gold[data.draw(st.sampled_from(missed))]
    after, _ = hrun(gold, pred + [dataclasses.replace(g, id="new")], ents, quote_overlap=thr)
    assert after[TASK.headline] >= before[TASK.headline] - 1e-12
    assert after["e2e.recall"] > before["e2e.recall"]
