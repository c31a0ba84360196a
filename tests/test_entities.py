"""The entity task: hand-computed SemEval-2013 expectations, label maps, invariants and properties."""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from newsgold.errors import InputError
from newsgold.schema import Document, Entity
from newsgold.tasks import get_task
from newsgold.tasks.base import DocContext, Settings, TaskCounts, Totals
from newsgold.tasks.entities import (
    KINDS,
    SCHEMES,
    EntitiesTask,
    _overlap_edges,
    load_label_map,
    match_entities,
    shipped_label_maps,
)

TASK = EntitiesTask()


def ent(start: int, end: int, label: str, text: str = "") -> Entity:
    return Entity("d", f"{start}-{end}-{label}", start, end, text, label)


def find(text: str, sub: str, label: str) -> Entity:
    start = text.index(sub)
    return Entity("d", sub, start, start + len(sub), sub, label)


def count(gold: Sequence[Entity], pred: Sequence[Entity], settings: Settings = Settings(),
          unit_of: Callable[[int], str] = lambda o: "u", text: str = "") -> TaskCounts:
    return TASK.count(DocContext(Document("d", text), {"entities": list(gold)}, {"entities": list(pred)}, unit_of),
                      settings)


def totals_of(*tcs: TaskCounts) -> Totals:
    total: Counter = Counter()
    for tc in tcs:
        for row in tc.rows.values():
            total.update(row)
    cols = sorted(total)
    return Totals(cols, np.array([total[c] for c in cols], dtype=float))


def score(gold: Sequence[Entity], pred: Sequence[Entity], settings: Settings = Settings()) -> dict[str, Any]:
    return TASK.score(totals_of(count(gold, pred, settings)))


def kinds(m: dict[str, Any], scheme: str, label: str | None = None) -> tuple:
    prefix = f"{scheme}.{label}." if label else f"{scheme}."
    return tuple(m.get(prefix + k, 0.0) for k in KINDS)


# --------------------------------------------------------------------------------------------
# The SemEval-2013 worked example (nervaluate README, "Evaluation Scenarios")
# --------------------------------------------------------------------------------------------
SEMEVAL_TEXT = ("tikosyn was healthy; warfarin of warfarin; propranolol; phenytoin; "
                "oral contraceptives; aspirin")
# scenario -> (gold, pred, expected outcome per scheme: type, partial, exact, strict)
SCENARIOS: dict[str, tuple[tuple | None, tuple | None, tuple[str, str, str, str]]] = {
    "III": (("tikosyn", "BRAND"), None, ("MIS", "MIS", "MIS", "MIS")),
    "II": (None, ("healthy", "BRAND"), ("SPU", "SPU", "SPU", "SPU")),
    "V": (("warfarin", "DRUG"), ("of warfarin", "DRUG"), ("COR", "PAR", "INC", "INC")),
    "IV": (("propranolol", "DRUG"), ("propranolol", "BRAND"), ("INC", "COR", "COR", "INC")),
    "I": (("phenytoin", "DRUG"), ("phenytoin", "DRUG"), ("COR", "COR", "COR", "COR")),
    "VI": (("contraceptives", "GROUP"), ("oral contraceptives", "DRUG"), ("INC", "PAR", "INC", "INC")),
}


def _span(sub: str, label: str) -> Entity:
    # "warfarin" the gold is the *second* occurrence, inside "of warfarin"
    if sub == "warfarin":
        start = SEMEVAL_TEXT.index("of warfarin") + 3
        return Entity("d", sub, start, start + len(sub), sub, label)
    return find(SEMEVAL_TEXT, sub, label)


def scenario(name: str) -> tuple[list[Entity], list[Entity]]:
    g, p, _ = SCENARIOS[name]
    return ([_span(*g)] if g else []), ([_span(*p)] if p else [])


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_each_semeval_scenario(name: str) -> None:
    gold, pred = scenario(name)
    m = score(gold, pred)
    for scheme, expected in zip(("type", "partial", "exact", "strict"), SCENARIOS[name][2]):
        got = dict(zip(KINDS, kinds(m, scheme)))
        assert got[expected] == 1 and sum(got.values()) == 1, (name, scheme, got)


def test_semeval_six_scenarios_together() -> None:
    gold, pred = [], []
    for name in SCENARIOS:
        g, p = scenario(name)
        gold += g
        pred += p
    m = score(gold, pred)
    # counts read off the scenario table: (COR, INC, PAR, MIS, SPU); possible = actual = 5
    assert kinds(m, "type") == (2, 2, 0, 1, 1)
    assert kinds(m, "partial") == (2, 0, 2, 1, 1)
    assert kinds(m, "exact") == (2, 2, 0, 1, 1)
    assert kinds(m, "strict") == (1, 3, 0, 1, 1)
    for metric in ("precision", "recall", "f1"):
        assert m[f"type.{metric}"] == pytest.approx(0.4)
        assert m[f"partial.{metric}"] == pytest.approx((2 + 0.5 * 2) / 5)
    assert m["exact.f1"] == pytest.approx(0.4)
    assert m["strict.f1"] == pytest.approx(0.2)


def test_semeval_summary_table_of_the_readme() -> None:
    """The README's "Putting all together" table has one more COR in every column than the six
    scenario rows give: it equals the six scenarios plus a second exact match."""
    gold, pred = [], []
    for name in SCENARIOS:
        g, p = scenario(name)
        gold += g
        pred += p
    gold.append(find(SEMEVAL_TEXT, "aspirin", "DRUG"))
    pred.append(find(SEMEVAL_TEXT, "aspirin", "DRUG"))
    m = score(gold, pred)
    expected = {  # scheme: (COR, INC, PAR, MIS, SPU, P = R = F1)
        "type": (3, 2, 0, 1, 1, 0.5), "partial": (3, 0, 2, 1, 1, 4 / 6),
        "exact": (3, 2, 0, 1, 1, 0.5), "strict": (2, 3, 0, 1, 1, 2 / 6),
    }
    for scheme, (*counts, prf1) in expected.items():
        assert kinds(m, scheme) == tuple(counts), scheme
        for metric in ("precision", "recall", "f1"):
            assert m[f"{scheme}.{metric}"] == pytest.approx(prf1), (scheme, metric)


def _bio_document(tokens: list[str], tags: list[str]) -> tuple[str, list[Entity]]:
    """Whitespace-joined text and the entities of IOB2 ``tags`` (character offsets)."""
    text = " ".join(tokens)
    starts = [sum(len(t) + 1 for t in tokens[:k]) for k in range(len(tokens))]
    out: list[Entity] = []
    for k, tag in enumerate(tags + ["O"]):
        if out and out[-1].id == "open" and not tag.startswith("I-"):
            e = out.pop()
            out.append(Entity("d", "e", e.start, e.end, text[e.start:e.end], e.label))
        if tag.startswith("B-"):
            out.append(Entity("d", "open", starts[k], starts[k] + len(tokens[k]), "", tag[2:]))
        elif tag.startswith("I-"):
            e = out.pop()
            out.append(Entity("d", "open", e.start, starts[k] + len(tokens[k]), "", e.label))
    return text, out


def test_nervaluate_readme_usage_example() -> None:
    """nervaluate's own README example (summary_report: ent_type 5/0/0/0/0, exact 2/3 -> 0.40,
    partial 2 COR + 3 PAR -> 0.70, strict 2/3 -> 0.40), over two documents."""
    sentences = [
        ("The John Smith who works at Google Inc".split(),
         ["O", "B-PER", "I-PER", "O", "O", "O", "B-ORG", "I-ORG"],
         ["O", "O", "B-PER", "I-PER", "O", "O", "B-ORG", "I-ORG"]),
        ("In Paris Marie Curie lived in 1895".split(),
         ["O", "B-LOC", "B-PER", "I-PER", "O", "O", "B-DATE"],
         ["O", "B-LOC", "I-LOC", "B-PER", "O", "O", "B-DATE"]),
    ]
    rows = []
    for tokens, true, pred in sentences:
        _, gold = _bio_document(tokens, true)
        _, hyp = _bio_document(tokens, pred)
        rows.append(count(gold, hyp))
    m = TASK.score(totals_of(*rows))
    assert kinds(m, "type") == (5, 0, 0, 0, 0)
    assert kinds(m, "exact") == (2, 3, 0, 0, 0) and m["exact.f1"] == pytest.approx(0.4)
    assert kinds(m, "partial") == (2, 0, 3, 0, 0) and m["partial.f1"] == pytest.approx(0.7)
    assert kinds(m, "strict") == (2, 3, 0, 0, 0) and m["strict.f1"] == pytest.approx(0.4)


# --------------------------------------------------------------------------------------------
# Matching, charging, errors, units
# --------------------------------------------------------------------------------------------
def test_unmatched_prediction_overlapping_a_matched_gold_is_spurious() -> None:
    m = score([ent(0, 10, "PER")], [ent(2, 5, "PER"), ent(0, 10, "PER")])
    assert kinds(m, "strict") == (1, 0, 0, 0, 1)
    assert kinds(m, "partial") == (1, 0, 0, 0, 1)


def test_optimal_assignment_beats_greedy() -> None:
    gold = [ent(0, 10, "PER"), ent(10, 20, "PER")]
    pred = [ent(5, 15, "PER"), ent(2, 8, "PER")]  # greedy: first pred takes gold 0, second is SPU
    assert match_entities([(g.start, g.end, g.label) for g in gold],
                          [(p.start, p.end, p.label) for p in pred]) == [(0, 1), (1, 0)]
    for g, p in ((gold, pred), (gold[::-1], pred[::-1])):
        assert kinds(score(g, p), "partial") == (0, 0, 2, 0, 0)


@hsettings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 300), st.integers(1, 40)), min_size=9, max_size=40),
       st.lists(st.tuples(st.integers(0, 300), st.integers(1, 40)), min_size=9, max_size=40))
def test_overlap_search_for_many_leftovers(gold: list, pred: list) -> None:
    """The bisect search used when many entities are left equals the plain double loop."""
    gspans = [(s, s + n) for s, n in gold]
    pspans = [(s, s + n) for s, n in pred]
    edges, isolated = _overlap_edges(gspans, pspans, list(range(len(gspans))), list(range(len(pspans))))
    brute = {(i, j, min(ge, pe) - max(gs, ps)) for i, (gs, ge) in enumerate(gspans)
             for j, (ps, pe) in enumerate(pspans) if min(ge, pe) > max(gs, ps)}
    assert sorted(edges) == sorted(brute)
    degrees = Counter(i for i, _, _ in brute) + Counter(str(j) for _, j, _ in brute)
    assert isolated == all(d == 1 for d in degrees.values())


def test_more_pairs_beat_more_overlap() -> None:
    """As newsgold.match.match_pairs: the number of pairs first, then the overlap."""
    gold = [ent(0, 20, "PER"), ent(20, 22, "PER")]
    pred = [ent(0, 21, "PER"), ent(1, 5, "PER")]  # max overlap alone would pair 0-0 (20 chars) only
    for g, p in ((gold, pred), (gold[::-1], pred[::-1])):
        assert kinds(score(g, p), "partial") == (0, 0, 2, 0, 0)


@pytest.mark.parametrize("label, matched", [("ORG", "ORG"), ("PER", "PER")])
def test_equal_overlap_prefers_the_same_label(label: str, matched: str) -> None:
    gold = [ent(0, 4, "PER"), ent(6, 10, "ORG")]
    pred = [ent(2, 8, label)]  # two characters of each gold entity
    for g in (gold, gold[::-1]):
        m = score(g, pred)
        assert kinds(m, "type") == (1, 0, 0, 1, 0)
        assert m[f"type.{matched}.COR"] == 1


def test_boundary_and_type_error() -> None:
    text = "Foreign Ministry said"
    tc = count([find(text, "Foreign Ministry", "ORG")], [find(text, "Ministry said", "GPE")], text=text)
    assert tc.pairs == [("ORG", "GPE")]
    assert tc.rows["u"] == {"n.ORG.bound_label": 1, "n.GPE.xpred": 1}
    (error,) = tc.errors
    assert (error.kind, error.text) == ("INC", "Foreign Ministry")
    assert error.detail == "gold ORG, predicted GPE; boundary: predicted 'Ministry said' [8:21]"
    m = TASK.score(totals_of(tc))
    assert [kinds(m, s) for s in ("strict", "exact", "partial", "type")] == [
        (0, 1, 0, 0, 0), (0, 1, 0, 0, 0), (0, 0, 1, 0, 0), (0, 1, 0, 0, 0)]


def test_same_span_prefers_same_label_whatever_the_order() -> None:
    gold = [ent(0, 5, "PER")]
    for pred in ([ent(0, 5, "ORG"), ent(0, 5, "PER")], [ent(0, 5, "PER"), ent(0, 5, "ORG")]):
        m = score(gold, pred)
        assert kinds(m, "strict") == (1, 0, 0, 0, 1)
        assert m["strict.ORG.SPU"] == 1 and m["strict.PER.COR"] == 1


def test_wrong_type_is_charged_to_the_gold_label() -> None:
    m = score([ent(0, 6, "ORG"), ent(10, 16, "GPE")], [ent(0, 6, "GPE"), ent(10, 16, "GPE")])
    assert kinds(m, "strict", "ORG") == (0, 1, 0, 0, 0)
    assert kinds(m, "strict", "GPE") == (1, 0, 0, 0, 0)
    assert m["strict.GPE.precision"] == 1.0 and m["strict.ORG.recall"] == 0.0
    assert m["exact.ORG.COR"] == 1
    # macro over ORG and GPE: (0 + 1) / 2
    assert m["strict.macro.f1"] == pytest.approx(0.5)


def test_label_only_predicted_as_a_wrong_type_counts_in_macro() -> None:
    m = score([ent(0, 6, "ORG"), ent(10, 16, "PER")], [ent(0, 6, "GPE"), ent(10, 16, "PER")])
    assert "strict.GPE.f1" in m and m["strict.GPE.f1"] == 0.0
    assert m["strict.macro.f1"] == pytest.approx(1 / 3)  # ORG 0, PER 1, GPE 0


def test_error_items_and_confusion_pairs() -> None:
    text = "Kerry met Lavrov in Moscow on Tuesday, said John Kerry."
    gold = [find(text, "Kerry", "PERSON"), find(text, "Lavrov", "PERSON"), find(text, "Moscow", "GPE"),
            find(text, "Tuesday", "DATE"), find(text, "John Kerry", "PERSON")]
    pred = [find(text, "Kerry", "PERSON"), find(text, "Lavrov", "ORG"), find(text, "Moscow on", "GPE"),
            find(text, "said", "ORG"), find(text, "Kerry.", "PERSON")]
    tc = count(gold, pred, text=text)
    by_kind = {e.kind: e for e in tc.errors}
    assert sorted(e.kind for e in tc.errors) == ["FN", "FP", "INC", "PAR", "PAR"]
    assert by_kind["INC"].detail == "gold PERSON, predicted ORG" and by_kind["INC"].text == "Lavrov"
    assert by_kind["FN"].text == "Tuesday" and by_kind["FN"].detail == "missed DATE"
    assert by_kind["FP"].text == "said" and by_kind["FP"].detail == "spurious ORG"
    par = sorted(e.text for e in tc.errors if e.kind == "PAR")
    assert par == ["John Kerry", "Moscow"]
    assert all(e.task == "entities" and e.doc_id == "d" for e in tc.errors)
    assert sorted(tc.pairs) == sorted([("PERSON", "PERSON"), ("PERSON", "ORG"), ("GPE", "GPE"),
                                       ("DATE", "O"), ("O", "ORG"), ("PERSON", "PERSON")])


def test_counts_go_to_the_unit_of_the_offset() -> None:
    def unit_of(offset: int) -> str:
        return "s1" if offset < 20 else "s2"

    tc = count([ent(0, 5, "PER"), ent(25, 30, "ORG")], [ent(0, 5, "PER"), ent(40, 45, "LOC")], unit_of=unit_of)
    assert tc.rows == {"s1": Counter({"n.PER.cor": 1}), "s2": Counter({"n.ORG.mis": 1, "n.LOC.spu": 1})}


def test_empty_inputs() -> None:
    assert count([], []).rows == {}
    m = score([], [])
    assert m["strict.f1"] == 0.0 and m["strict.macro.f1"] == 0.0
    m = score([ent(0, 5, "PER")], [])
    assert kinds(m, "strict") == (0, 0, 0, 1, 0) and m["strict.recall"] == 0.0


def test_registry_and_headline() -> None:
    task = get_task("entities")
    assert task.name == "entities" and task.headline == "strict.f1"
    assert task.headline in score([ent(0, 1, "PER")], [ent(0, 1, "PER")])


def test_score_is_vectorised() -> None:
    rng = np.random.default_rng(0)
    cols = ["n.PER.cor", "n.PER.bound", "n.PER.label", "n.ORG.mis", "n.ORG.spu", "n.GPE.xpred", "n.ORG.bound_label"]
    values = rng.integers(0, 4, size=(6, len(cols))).astype(float)
    values[1, :2] = 0  # PER only in "n.PER.label": still present
    values[2, :3] = 0  # PER absent from this resample: not in its macro average
    batched = TASK.score(Totals(cols, values))
    for b in range(len(values)):
        single = TASK.score(Totals(cols, values[b]))
        assert set(single) == set(batched)
        for key, v in single.items():
            assert batched[key][b] == pytest.approx(v), key
        # a resample is scored as if absent labels had never been seen
        sparse = TASK.score({c: v for c, v in zip(cols, values[b]) if v})
        for scheme in SCHEMES:
            for metric in ("precision", "recall", "f1"):
                key = f"{scheme}.macro.{metric}"
                assert batched[key][b] == pytest.approx(sparse[key]), (b, key)


# --------------------------------------------------------------------------------------------
# Label maps
# --------------------------------------------------------------------------------------------
def test_conll_label_map() -> None:
    assert "conll" in shipped_label_maps()
    cmap = load_label_map("conll").gold
    assert cmap["PERSON"] == "PER" and cmap["GPE"] == "LOC" and cmap["NORP"] == "MISC"
    assert cmap["DATE"] is None and cmap["CARDINAL"] is None
    from newsgold.schema import ENTITY_LABELS

    assert set(cmap) == set(ENTITY_LABELS)
    gold = [ent(0, 6, "GPE"), ent(10, 16, "DATE"), ent(20, 25, "PERSON")]
    pred = [ent(0, 6, "LOC"), ent(30, 32, "CARDINAL"), ent(20, 25, "PERSON")]
    plain = score(gold, pred)
    assert kinds(plain, "strict") == (1, 1, 0, 1, 1)
    mapped = score(gold, pred, Settings(label_map="conll"))
    assert kinds(mapped, "strict") == (2, 0, 0, 0, 0)
    assert mapped["strict.LOC.COR"] == 1 and mapped["strict.PER.COR"] == 1
    assert not any(".DATE." in k or ".CARDINAL." in k for k in mapped)


def test_label_map_from_a_path(tmp_path: Path) -> None:
    path = tmp_path / "map.json"
    path.write_text(json.dumps({"ORG": "GPE", "DATE": None}), encoding="utf-8")
    m = score([ent(0, 6, "ORG"), ent(8, 9, "DATE")], [ent(0, 6, "GPE")], Settings(label_map=str(path)))
    assert kinds(m, "strict") == (1, 0, 0, 0, 0) and m["strict.GPE.COR"] == 1


def test_split_label_map_maps_gold_and_predictions_separately(tmp_path: Path) -> None:
    """A system with its own label names: its PERSONNE must meet the gold's PERSON as PER, while a
    prediction labelled PERSON is not mapped by the prediction map (and stays PERSON: no match)."""
    path = tmp_path / "split.json"
    path.write_text(json.dumps({"gold": {"PERSON": "PER", "GPE": "LOC"}, "pred": {"PERSONNE": "PER", "LIEU": "LOC"}}))
    gold = [ent(0, 6, "PERSON"), ent(10, 16, "GPE")]
    m = score(gold, [ent(0, 6, "PERSONNE"), ent(10, 16, "LIEU")], Settings(label_map=str(path)))
    assert kinds(m, "strict") == (2, 0, 0, 0, 0) and m["strict.PER.COR"] == 1 and m["strict.LOC.COR"] == 1
    m = score(gold, [ent(0, 6, "PERSON")], Settings(label_map=str(path)))
    assert kinds(m, "strict") == (0, 1, 0, 1, 0)  # same span, PER vs PERSON: INC
    accepted = set(load_label_map(str(path)).accepted())  # what a prediction may be labelled
    assert {"PERSONNE", "LIEU", "PER", "LOC", "DATE"} <= accepted and not {"PERSON", "GPE"} & accepted


@pytest.mark.parametrize("content, field", [
    (None, "label_map"),  # no such file
    ("{not json", "json"),
    ("[1, 2]", "label_map"),
    ('{"ORG": 3}', "label_map"),
    ('{"ORG": ""}', "label_map"),
    ('{"ORG": "O"}', "label_map"),
    ('{"ORG": "TWO WORDS"}', "label_map"),
])
def test_bad_label_maps(tmp_path: Path, content: str | None, field: str) -> None:
    path = tmp_path / "bad.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_label_map(str(path))
    assert info.value.problems[0].field == field
    assert str(path) in str(info.value)


def test_unknown_shipped_name() -> None:
    with pytest.raises(InputError, match="shipped maps: .*conll"):
        load_label_map("no-such-map")


# --------------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------------
LABELS = ("PER", "ORG", "LOC")


@st.composite
def entities(draw: st.DrawFn, max_size: int = 8) -> list[Entity]:
    out = []
    for _ in range(draw(st.integers(0, max_size))):
        start = draw(st.integers(0, 60))
        out.append(ent(start, start + draw(st.integers(1, 12)), draw(st.sampled_from(LABELS))))
    return out


def prf_keys(m: dict[str, Any]) -> list[str]:
    return [k for k in m if k.rsplit(".", 1)[-1] in ("precision", "recall", "f1")]


@hsettings(max_examples=150, deadline=None)
@given(entities(), entities())
def test_scores_are_in_unit_interval_and_labels_add_up(gold: list[Entity], pred: list[Entity]) -> None:
    m = score(gold, pred)
    assert all(0.0 <= m[k] <= 1.0 for k in prf_keys(m))
    labels = {k.split(".")[1] for k in m if k.count(".") == 2} - {"macro"}
    for scheme in SCHEMES:
        for kind in (*KINDS, "possible", "actual"):
            assert sum(m.get(f"{scheme}.{lab}.{kind}", 0.0) for lab in labels) == m[f"{scheme}.{kind}"]
        assert m[f"{scheme}.possible"] == len(gold) and m[f"{scheme}.actual"] == len(pred)


@hsettings(max_examples=100, deadline=None)
@given(entities().filter(bool))
def test_gold_against_itself_is_perfect(gold: list[Entity]) -> None:
    m = score(gold, list(reversed(gold)))
    assert all(m[k] == 1.0 for k in prf_keys(m))


@hsettings(max_examples=60, deadline=None)
@given(entities().filter(bool))
def test_no_predictions_gives_zero_recall(gold: list[Entity]) -> None:
    m = score(gold, [])
    assert all(m[f"{s}.recall"] == 0.0 and m[f"{s}.MIS"] == len(gold) for s in SCHEMES)


@hsettings(max_examples=150, deadline=None)
@given(entities(), entities(), st.randoms(use_true_random=False))
def test_invariant_to_record_order(gold: list[Entity], pred: list[Entity], rnd: random.Random) -> None:
    m = score(gold, pred)
    g2, p2 = gold[:], pred[:]
    rnd.shuffle(g2)
    rnd.shuffle(p2)
    assert score(g2, p2) == m
    a, b = count(gold, pred), count(g2, p2)
    assert sorted(a.pairs) == sorted(b.pairs)
    key = lambda e: (e.start, e.end, e.kind, e.detail)  # noqa: E731
    assert sorted(map(key, a.errors)) == sorted(map(key, b.errors))


@hsettings(max_examples=150, deadline=None)
@given(entities(), entities())
def test_strict_is_the_lowest(gold: list[Entity], pred: list[Entity]) -> None:
    m = score(gold, pred)
    for metric in ("precision", "recall", "f1"):
        assert m[f"strict.{metric}"] <= m[f"exact.{metric}"] + 1e-12
        assert m[f"strict.{metric}"] <= m[f"type.{metric}"] + 1e-12


@hsettings(max_examples=150, deadline=None)
@given(entities(), entities(), st.data())
def test_adding_a_correct_prediction_never_lowers_f1(gold: list[Entity], pred: list[Entity], data: st.DataObject) -> None:
    free = [g for g in gold if not any(g.start < p.end and p.start < g.end for p in pred)]
    if not free:
        return
    extra = data.draw(st.sampled_from(free))
    before, after = score(gold, pred), score(gold, pred + [extra])
    for scheme in SCHEMES:
        for key in (f"{scheme}.f1", f"{scheme}.macro.f1"):
            assert after[key] >= before[key] - 1e-12, key
