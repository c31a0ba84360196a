"""newsgold.validate: the checks themselves (the CLI rendering is in test_cli.py)."""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import TINY_RECORDS, TINY_TEXT, make_doc, span_of
from newsgold.schema import FIELDS, Document, FieldSpec
from newsgold.settings import Settings
from newsgold.tasks import get_task
from newsgold.validate import check_documents, check_records

DOCS = {"tiny": Document.from_dict(make_doc())}


def lines(problems) -> list[str]:
    return [str(p) for p in problems]


def entity(start: int, end: int, text: str | None = None, i: int = 1, doc_id: str = "tiny") -> dict:
    return {"doc_id": doc_id, "id": f"e{i}", "start": start, "end": end,
            "text": TINY_TEXT[start:end] if text is None else text, "label": "PERSON", "entity": None}


@pytest.mark.parametrize("task", ["entities", "quotes", "claims"])
def test_tiny_records_are_valid(task: str) -> None:
    rows = list(enumerate(copy.deepcopy(TINY_RECORDS[task]), start=1))
    assert check_records(task, "f.jsonl", rows, DOCS) == []


def test_tiny_document_is_valid() -> None:
    assert check_documents("c.jsonl", [(1, make_doc())]) == []


def test_all_problems_reported_sorted_by_line() -> None:
    rows = [(3, entity(0, 5, "Kery")), (1, [1]), (2, entity(0, 5) | {"label": "X", "id": 7})]
    assert lines(check_records("entities", "f", rows, DOCS)) == [
        "f:1: record: expected a JSON object, got array",
        "f:2: id: expected a string, got number 7",
        "f:2: label: unknown label 'X' (expected one of PERSON, NORP, FAC, ORG, GPE, LOC, PRODUCT, EVENT, "
        "WORK_OF_ART, LAW, LANGUAGE, DATE, TIME, PERCENT, MONEY, QUANTITY, ORDINAL, CARDINAL)",
        "f:3: text: 'Kery' != document[0:5] 'Kerry'",
    ]


def test_case_hint_for_labels() -> None:
    [p] = check_records("entities", "f", [(1, entity(0, 5) | {"label": "person"})], DOCS)
    assert p.message.endswith("; did you mean 'PERSON'?")


def test_unknown_doc_skips_offset_checks() -> None:
    """A record of an unknown document gets one problem, not a cascade of offset errors."""
    rows = [(1, entity(0, 5, "whatever", doc_id="nope"))]
    assert lines(check_records("entities", "f", rows, DOCS)) == [
        "f:1: doc_id: unknown doc_id 'nope' (corpus has 'tiny')"]


def test_mistyped_span_field_skips_span_checks() -> None:
    rows = [(1, entity(0, 5) | {"end": "5", "text": "nonsense"})]
    assert lines(check_records("entities", "f", rows, DOCS)) == [
        "f:1: end: expected an integer, got string '5'"]


def test_long_text_mismatch_points_at_the_difference() -> None:
    text = "x" * 200
    docs = {"d": Document("d", text)}
    rec = {"doc_id": "d", "id": "c", "span": {"start": 0, "end": 100, "text": "x" * 90 + "y" + "x" * 9},
           "claimant": None, "claimant_span": None, "status": "asserted", "checkworthy": True}
    [p] = check_records("claims", "f", [(1, rec)], docs)
    assert p.field == "span.text"
    assert p.message == ("differs from document[0:100] at character 90 of the span: "
                         f"...{'x' * 20 + 'y' + 'x' * 9!r} != ...{'x' * 30!r}")


@pytest.mark.parametrize("second,overlaps", [((5, 9), False), ((4, 9), True), ((0, 5), True), ((1, 3), True)])
def test_entity_overlap(second: tuple[int, int], overlaps: bool) -> None:
    rows = [(1, entity(0, 5, i=1)), (2, entity(*second, i=2))]
    found = check_records("entities", "f", rows, DOCS)
    assert [(p.line, p.field) for p in found] == ([(2, "start")] if overlaps else [])


def test_overlap_reported_once_per_record_on_the_later_line() -> None:
    # line 1 spans 0-16; lines 2 and 3 both sit inside it but not in each other
    rows = [(2, entity(0, 5, i=2)), (3, entity(10, 16, i=3)), (1, entity(0, 16, i=1))]
    found = check_records("entities", "f", rows, DOCS)
    assert [(p.line, "e1" in p.message) for p in found] == [(2, True), (3, True)]


def test_overlap_only_within_one_document() -> None:
    docs = {**DOCS, "b": Document("b", TINY_TEXT)}
    rows = [(1, entity(0, 5, i=1)), (2, entity(0, 5, i=2, doc_id="b"))]
    assert check_records("entities", "f", rows, docs) == []


def test_claimant_span_needs_a_named_claimant() -> None:
    rec = copy.deepcopy(TINY_RECORDS["claims"][1]) | {"claimant": None}
    assert lines(check_records("claims", "f", [(1, rec)], DOCS)) == [
        "f:1: claimant_span: must be null when claimant is null"]


def test_checks_follow_the_field_specs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A field added to a task's field specs is validated without touching newsgold.validate."""
    from newsgold.tasks.entities import EntitiesTask

    monkeypatch.setattr(EntitiesTask, "fields", {**FIELDS["entities"], "score": FieldSpec("int", nullable=True)})
    rows = [(1, entity(0, 5)), (2, entity(10, 16, i=2) | {"score": True})]
    assert lines(check_records("entities", "f", rows, DOCS)) == [
        "f:1: score: missing required field", "f:2: score: expected an integer, got boolean true"]


# ------------------------------------------------------------------ documents
def test_document_problems_all_at_once() -> None:
    doc = make_doc() | {"published": "2015-5-1", "language": "EN", "extra": 1, "id": ""}
    assert lines(check_documents("c", [(1, doc)])) == [
        "c:1: id: must not be empty",
        "c:1: published: '2015-5-1' is not a YYYY-MM-DD date",
        "c:1: extra: unknown field (expected only id, text, title, published, language, source, sha256)",
        "c:1: language: 'EN' is not an ISO 639-1 code like 'en'",
    ]


def test_sha256_format_checked_before_value() -> None:
    [p] = check_documents("c", [(1, make_doc() | {"sha256": "ABC"})])
    assert (p.field, p.message) == ("sha256", "'ABC' is not 64 lower-case hex digits")


def test_seen_ids_carry_across_calls() -> None:
    """iter_corpus checks one line per call; a duplicate on a later call is still caught."""
    seen: set[str] = set()
    assert check_documents("c", [(1, make_doc())], seen_ids=seen) == []
    assert seen == {"tiny"}
    assert lines(check_documents("c", [(4, make_doc("Other."))], seen_ids=seen)) == [
        "c:4: id: duplicate document id 'tiny'"]


def test_sha256_is_of_utf8_bytes() -> None:
    doc = make_doc("“curly”") | {"sha256": hashlib.sha256("“curly”".encode("utf-16")).hexdigest()}
    [p] = check_documents("c", [(1, doc)])
    assert p.field == "sha256"
    assert p.message.endswith(f"is {hashlib.sha256('“curly”'.encode()).hexdigest()})")


# ------------------------------------------------------------------ properties
@settings(max_examples=200, deadline=None)
@given(st.integers(0, len(TINY_TEXT)), st.integers(0, len(TINY_TEXT) + 5))
def test_span_valid_iff_ordered_in_bounds(start: int, end: int) -> None:
    found = check_records("entities", "f", [(1, entity(start, end))], DOCS)
    assert (found == []) == (start < end <= len(TINY_TEXT))


@settings(max_examples=100, deadline=None)
@given(st.one_of(st.booleans(), st.floats(), st.text(), st.none(), st.lists(st.integers()),
                 st.dictionaries(st.text(), st.integers())))
def test_non_integer_offsets_always_rejected(value) -> None:
    found = check_records("entities", "f", [(1, entity(0, 5) | {"start": value})], DOCS)
    assert [p.field for p in found] == ["start"]


def test_span_of_helper_matches_text() -> None:
    s = span_of("Lavrov", 1)
    assert TINY_TEXT[s["start"]:s["end"]] == "Lavrov"


CONLL = {"PERSON": "PER", "GPE": "LOC", "ORG": "ORG", "NORP": "MISC"}


def lenient(task: str, rows: list[tuple[int, object]], settings: Settings = Settings()) -> list[str]:
    fields = get_task(task).prediction_fields(settings)
    return [str(p) for p in check_records(task, "p.jsonl", rows, DOCS, fields, lenient=True)]


# ------------------------------------------------------------------------------------------------
# predictions are lenient (only the fields the metric uses), labels checked after the label map
# ------------------------------------------------------------------------------------------------
def test_minimal_entity_is_a_valid_prediction_but_not_valid_gold() -> None:
    rec = {"doc_id": "tiny", "start": 0, "end": 5, "label": "PERSON"}
    assert lenient("entities", [(1, rec)]) == []
    strict = [str(p) for p in check_records("entities", "g.jsonl", [(1, rec)], DOCS)]
    assert strict == ["g.jsonl:1: id: missing required field", "g.jsonl:1: text: missing required field",
                      "g.jsonl:1: entity: missing required field"]


def test_prediction_checks_what_it_has() -> None:
    rows = [(1, {"doc_id": "tiny", "start": 0, "end": 5, "label": "PERSON", "text": "Kery"}),
            (2, {"doc_id": "tiny", "start": 0, "end": 5}),
            (3, {"doc_id": "tiny", "start": 10, "end": 99, "label": "PERSON"}),
            (4, {"doc_id": "nope", "start": 0, "end": 5, "label": "PERSON"}),
            (5, {"doc_id": "tiny", "id": "x", "start": 10, "end": 16, "label": "PERSON"}),
            (6, {"doc_id": "tiny", "id": "x", "start": 20, "end": 25, "label": "GPE"})]
    assert lenient("entities", rows) == [
        "p.jsonl:1: text: 'Kery' != document[0:5] 'Kerry'",
        "p.jsonl:2: label: missing required field",
        "p.jsonl:3: end: end 99 is past the end of document 'tiny' (66 characters)",
        "p.jsonl:4: doc_id: unknown doc_id 'nope' (corpus has 'tiny')",
        "p.jsonl:6: id: duplicate id 'x' (first on line 5)",
    ]


def test_overlapping_predictions_without_ids_are_named_by_line() -> None:
    rows = [(1, {"doc_id": "tiny", "start": 0, "end": 5, "label": "PERSON"}),
            (2, {"doc_id": "tiny", "start": 2, "end": 8, "label": "PERSON"})]
    [line] = lenient("entities", rows)
    assert line == "p.jsonl:2: start: entity span [2, 8) overlaps entity [0, 5) (line 1); entity spans must not overlap"


def test_minimal_quote_and_claim() -> None:
    quote = {"doc_id": "tiny", "type": "direct", "content": {"start": 39, "end": 52}}
    claim = {"doc_id": "tiny", "span": {"start": 0, "end": 36}, "status": "asserted", "checkworthy": True}
    assert lenient("quotes", [(1, quote)]) == lenient("claims", [(1, claim)]) == []
    assert lenient("quotes", [(1, {"doc_id": "tiny", "content": {"start": 39, "end": 52, "text": "nope"}})]) == [
        "p.jsonl:1: type: missing required field", "p.jsonl:1: content.text: 'nope' != document[39:52] 'We are ready,'"]
    assert lenient("claims", [(1, {"doc_id": "tiny", "span": {"start": 0, "end": 36}, "status": "asserted"})]) == [
        "p.jsonl:1: checkworthy: missing required field"]


def test_labels_are_checked_after_the_label_map() -> None:
    per = [(1, {"doc_id": "tiny", "start": 0, "end": 5, "label": "PER"})]
    assert lenient("entities", per)[0].startswith("p.jsonl:1: label: unknown label 'PER' (expected one of PERSON,")
    assert lenient("entities", per, Settings(label_map="conll")) == []
    both = [(1, {"doc_id": "tiny", "start": 0, "end": 5, "label": "PERSON"}),
            (2, {"doc_id": "tiny", "start": 10, "end": 16, "label": "MISC"}),
            (3, {"doc_id": "tiny", "start": 20, "end": 25, "label": "DATE"}),  # mapped to null: dropped, not wrong
            (4, {"doc_id": "tiny", "start": 29, "end": 36, "label": "FOO"})]
    assert [p.split(" (")[0] for p in lenient("entities", both, Settings(label_map="conll"))] == [
        "p.jsonl:4: label: unknown label 'FOO'"]


def test_a_map_may_map_gold_and_prediction_labels_separately(tmp_path: Path) -> None:
    path = tmp_path / "map.json"
    path.write_text(json.dumps({"gold": CONLL, "pred": {"PERSONNE": "PER", "LIEU": "LOC", "AUTRE": None}}))
    from newsgold.tasks.entities import load_label_map

    m = load_label_map(str(path))
    assert {"PER", "LOC", "MISC", "ORG", "DATE"} <= set(m.targets()) and not {"PERSON", "GPE"} & set(m.targets())
    ok = [(1, {"doc_id": "tiny", "start": 0, "end": 5, "label": "PERSONNE"}),
          (2, {"doc_id": "tiny", "start": 20, "end": 25, "label": "LIEU"}),
          (3, {"doc_id": "tiny", "start": 29, "end": 36, "label": "AUTRE"}),
          (4, {"doc_id": "tiny", "start": 10, "end": 16, "label": "PER"})]
    assert lenient("entities", ok, Settings(label_map=str(path))) == []
    assert lenient("entities", [(1, {"doc_id": "tiny", "start": 0, "end": 5, "label": "PERSON"})],
                   Settings(label_map=str(path)))[0].startswith("p.jsonl:1: label: unknown label 'PERSON'")
