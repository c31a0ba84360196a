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
# ------------------------------------------------------------------------------------------------
# fast_records (msgspec decode-and-validate) never accepts what check_records rejects
# ------------------------------------------------------------------------------------------------
def _line(obj: object) -> bytes:
    import json

    return json.dumps(obj, ensure_ascii=False).encode("utf-8") if not isinstance(obj, bytes) else obj


_ODD_VALUES = [None, True, False, 0, -1, 1.0, 2**70, "", " ", "x", "ORG", "person", [], {}, {"start": 0},
               {"start": 0, "end": 5, "text": "Kerry"}, {"start": 0, "end": 5, "text": "Kerry", "x": 1},
               {"start": 5, "end": 5, "text": ""}, {"start": 0, "end": 999, "text": "Kerry"}]
_ODD_LINES = [b"", b"   ", b"\xc2\xa0", b"null", b"[1]", b"{", b'{"a": NaN}', b"\xff\xfe", b'{"doc_id": "tiny"} {}',
              b'"\\ud800"', b'{"doc_id": "tiny", "doc_id": "tiny"}']


@st.composite
def _mutated_file(draw: st.DrawFn) -> tuple[str, bytes]:
    task = draw(st.sampled_from(["entities", "quotes", "claims"]))
    rows: list[object] = copy.deepcopy(TINY_RECORDS[task])
    for _ in range(draw(st.integers(0, 3))):
        op = draw(st.sampled_from(["set", "drop", "add", "dup", "line", "swap", "dupkey"]))
        k = draw(st.integers(0, len(rows) - 1)) if rows else 0
        rec = rows[k] if rows and isinstance(rows[k], dict) else None
        if op == "set" and rec is not None:
            rec[draw(st.sampled_from(sorted(rec)))] = copy.deepcopy(draw(st.sampled_from(_ODD_VALUES)))
        elif op == "drop" and rec is not None:
            rec.pop(draw(st.sampled_from(sorted(rec))))
        elif op == "add" and rec is not None:
            rec["extra"] = 1
        elif op == "dup" and rows:
            rows.append(copy.deepcopy(rows[k]))
        elif op == "line":
            rows.insert(k, draw(st.sampled_from(_ODD_LINES)))
        elif op == "dupkey" and rec is not None and rec:  # a key twice in one object, the last value valid
            name = draw(st.sampled_from(sorted(rec)))
            rows[k] = b"{" + _line({name: rec[name]})[1:-1] + b", " + _line(rec)[1:]
        elif op == "swap" and rec is not None and "start" in rec and "end" in rec:
            rec["start"], rec["end"] = rec["end"], rec["start"]
    nl = draw(st.sampled_from([b"\n", b"\r\n"]))
    body = nl.join(_line(r) for r in rows) + (nl if draw(st.booleans()) else b"")
    return task, (b"\xef\xbb\xbf" if draw(st.booleans()) else b"") + body


@given(_mutated_file(), st.booleans())
@settings(max_examples=400, deadline=None)
def test_fast_records_agree_with_check_records(tmp_path_factory: pytest.TempPathFactory, case: tuple[str, bytes],
                                                allow_empty: bool) -> None:
    from newsgold.load import read_jsonl_all
    from newsgold.tasks import get_task
    from newsgold.validate import fast_records

    task, raw = case
    f = tmp_path_factory.mktemp("fast") / f"{task}.jsonl"
    f.write_bytes(raw)
    rows, problems = read_jsonl_all(f, allow_empty)
    problems += check_records(task, str(f), rows, DOCS)
    built = [get_task(task).record.from_dict(obj) for _, obj in rows] if not problems else None
    fast = fast_records(task, raw, DOCS, allow_empty)
    if fast is not None:
        assert problems == [] and fast == built
        assert all(type(r) is get_task(task).record for r in fast)
    if not problems and b"\xc2\xa0" not in raw:  # (a line of no-break spaces is blank only to the full check)
        assert fast is not None  # a valid file takes the fast path


def test_fast_records_on_the_tiny_gold_shares_document_ids() -> None:
    from newsgold.validate import fast_records

    raw = b"".join(_line(r) + b"\n" for r in TINY_RECORDS["entities"])
    records = fast_records("entities", raw, DOCS)
    assert records is not None and [r.id for r in records] == ["e001", "e002", "e003", "e004", "e005"]
    assert all(r.doc_id is DOCS["tiny"].id for r in records)
    assert fast_records("entities", b"", DOCS) is None and fast_records("entities", b"\n", DOCS, allow_empty=True) == []
