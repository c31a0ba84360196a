"""The ``newsgold validate`` command and the CLI error path: exact problem lines, exit 2, no traceback.

Each case breaks one thing in a valid tiny corpus + gold folder (tests/conftest.py), runs the CLI
from the tmp folder with relative paths and asserts the one exact line printed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import LINE, TINY_TEXT, make_doc, run_cli, span_of, write_jsonl

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tiny_corpus: Path, tiny_gold: Path) -> Path:
    """cwd = a tmp project with corpus/documents.jsonl and gold/{entities,quotes,claims}.jsonl."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _set(path: str, value: Any) -> Callable[[dict], None]:
    """A mutation setting ``record[a][b] = value`` for path ``a.b``."""
    *parents, last = path.split(".")

    def mutate(record: dict) -> None:
        for p in parents:
            record = record[p]
        record[last] = value

    return mutate


def _delete(name: str) -> Callable[[dict], None]:
    return lambda record: record.pop(name)


def _set_span(name: str, sub: str, nth: int = 0) -> Callable[[dict], None]:
    return _set(name, span_of(sub, nth))


ALL_LABELS = ("PERSON, NORP, FAC, ORG, GPE, LOC, PRODUCT, EVENT, WORK_OF_ART, LAW, LANGUAGE, DATE, "
              "TIME, PERCENT, MONEY, QUANTITY, ORDINAL, CARDINAL")

# (task, 0-based record index, mutation, exact expected line)
RECORD_CASES = {
    "missing field": ("entities", 0, _delete("label"),
                      "gold/entities.jsonl:1: label: missing required field"),
    "extra field": ("entities", 0, _set("score", 0.9),
                    "gold/entities.jsonl:1: score: unknown field "
                    "(expected only doc_id, id, start, end, text, label, entity)"),
    "bool offset": ("entities", 0, _set("start", False),  # False == 0 in Python: must still fail
                    "gold/entities.jsonl:1: start: expected an integer, got boolean false"),
    "string offset": ("entities", 1, _set("end", "16"),
                      "gold/entities.jsonl:2: end: expected an integer, got string '16'"),
    "float offset": ("entities", 1, _set("end", 16.0),
                     "gold/entities.jsonl:2: end: expected an integer, got number 16.0"),
    "negative offset": ("entities", 0, _set("start", -1),
                        "gold/entities.jsonl:1: start: must be >= 0, got -1"),
    "span outside document": ("entities", 4, _set("end", 600),
                              "gold/entities.jsonl:5: end: end 600 is past the end of document 'tiny' "
                              "(66 characters)"),
    "text mismatch": ("entities", 0, lambda r: r.update(end=4, text="Kery"),
                      "gold/entities.jsonl:1: text: 'Kery' != document[0:4] 'Kerr'"),
    "empty span": ("entities", 2, _set("end", 20),
                   "gold/entities.jsonl:3: end: end 20 <= start 20: a span must be non-empty"),
    "unknown label": ("entities", 0, _set("label", "PER"),
                      f"gold/entities.jsonl:1: label: unknown label 'PER' (expected one of {ALL_LABELS})"),
    "empty key": ("entities", 2, _set("entity", ""),
                  "gold/entities.jsonl:3: entity: empty string: use null for 'none'"),
    "duplicate id": ("entities", 3, _set("id", "e001"),
                     "gold/entities.jsonl:4: id: duplicate id 'e001' (first on line 1)"),
    "unknown quote type": ("quotes", 0, _set("type", "quoted"),
                           "gold/quotes.jsonl:1: type: unknown type 'quoted' "
                           "(expected one of direct, mixed, indirect)"),
    "nested text mismatch": ("quotes", 0, _set("content.text", "We are ready."),
                             "gold/quotes.jsonl:1: content.text: 'We are ready.' != document[39:52] "
                             "'We are ready,'"),
    "nested bool offset": ("quotes", 0, _set("cue.end", True),
                           "gold/quotes.jsonl:1: cue.end: expected an integer, got boolean true"),
    "span not an object": ("quotes", 0, _set("speaker", "Lavrov"),
                           "gold/quotes.jsonl:1: speaker: expected a span object {start, end, text}, "
                           "got string 'Lavrov'"),
    "speaker inside content": ("quotes", 0, _set_span("speaker", "ready"),
                               "gold/quotes.jsonl:1: speaker: speaker [46, 51) 'ready' overlaps the "
                               "content [39, 52) 'We are ready,'"),
    "cue inside content": ("quotes", 0, _set_span("cue", "are"),
                           "gold/quotes.jsonl:1: cue: cue [42, 45) 'are' overlaps the content "
                           "[39, 52) 'We are ready,'"),
    "unknown claim status": ("claims", 1, _set("status", "claimed"),
                             "gold/claims.jsonl:2: status: unknown status 'claimed' "
                             "(expected one of asserted, reported, hedged, denied)"),
    "null for non-nullable": ("claims", 0, _set("checkworthy", None),
                              "gold/claims.jsonl:1: checkworthy: expected a boolean (true/false), got null"),
    "int for bool": ("claims", 0, _set("checkworthy", 1),
                     "gold/claims.jsonl:1: checkworthy: expected a boolean (true/false), got number 1"),
    "unknown doc_id": ("claims", 0, _set("doc_id", "other"),
                       "gold/claims.jsonl:1: doc_id: unknown doc_id 'other' (corpus has 'tiny')"),
    "ARTICLE with a claimant span": ("claims", 0, _set_span("claimant_span", "Kerry"),
                                     "gold/claims.jsonl:1: claimant_span: must be null when claimant is ARTICLE"),
}


@pytest.mark.parametrize("case", list(RECORD_CASES))
def test_record_error_reported_exactly(case: str, project: Path, tiny_records, capsys) -> None:
    task, index, mutate, expected = RECORD_CASES[case]
    rows = tiny_records[task]
    mutate(rows[index])
    write_jsonl(project / "gold" / f"{task}.jsonl", rows)
    code, out, err = run_cli(capsys, "validate", "--annotations", "gold")
    assert code == 2
    assert err.splitlines() == [expected]
    assert out == ""


def test_not_a_json_object(project: Path, tiny_records, capsys) -> None:
    write_jsonl(project / "gold/entities.jsonl", [tiny_records["entities"][0], [1, 2]])
    code, _, err = run_cli(capsys, "validate", "--annotations", "gold")
    assert (code, err) == (2, "gold/entities.jsonl:2: record: expected a JSON object, got array\n")


def test_overlapping_entities(project: Path, tiny_records, capsys) -> None:
    extra = {"doc_id": "tiny", "id": "e006", **span_of("Kerry met"), "label": "PERSON", "entity": None}
    write_jsonl(project / "gold/entities.jsonl", tiny_records["entities"] + [extra])
    code, _, err = run_cli(capsys, "validate", "--annotations", "gold")
    assert code == 2
    assert err == ("gold/entities.jsonl:6: start: entity span [0, 9) 'Kerry met' overlaps e001 "
                   "[0, 5) 'Kerry' (line 1); entity spans must not overlap\n")


def test_invalid_json_line(project: Path, tiny_records, capsys) -> None:
    write_jsonl(project / "gold/claims.jsonl", [tiny_records["claims"][0], '{"doc_id": "tiny",'])
    code, _, err = run_cli(capsys, "validate", "--annotations", "gold")
    assert (code, err) == (2, "gold/claims.jsonl:2: json: invalid JSON: Expecting property name "
                              "enclosed in double quotes (column 19)\n")


# ------------------------------------------------------------------ corpus problems
CORPUS_CASES = {
    "bad date format": (_set("published", "11/05/2015"),
                        "corpus/documents.jsonl:1: published: '11/05/2015' is not a YYYY-MM-DD date"),
    "impossible date": (_set("published", "2015-02-30"),
                        "corpus/documents.jsonl:1: published: '2015-02-30' is not a valid calendar date"),
    "bad language": (_set("language", "english"),
                     "corpus/documents.jsonl:1: language: 'english' is not an ISO 639-1 code like 'en'"),
    "sha256 mismatch": (_set("text", TINY_TEXT + " "),
                        "corpus/documents.jsonl:1: sha256: "
                        f"{make_doc()['sha256'][:12]}… does not match the text (sha256 of its UTF-8 bytes "
                        f"is {hashlib.sha256((TINY_TEXT + ' ').encode()).hexdigest()})"),
    "missing text": (_delete("text"), "corpus/documents.jsonl:1: text: missing required field"),
}


@pytest.mark.parametrize("case", list(CORPUS_CASES))
def test_corpus_error_reported_exactly(case: str, project: Path, capsys) -> None:
    mutate, expected = CORPUS_CASES[case]
    doc = make_doc()
    mutate(doc)
    write_jsonl(project / "corpus/documents.jsonl", [doc])
    code, out, err = run_cli(capsys, "validate", "--annotations", "gold")
    assert (code, out, err.splitlines()) == (2, "", [expected])


def test_duplicate_document_id(project: Path, capsys) -> None:
    write_jsonl(project / "corpus/documents.jsonl", [make_doc(), make_doc("Other text.")])
    code, _, err = run_cli(capsys, "validate", "--annotations", "gold")
    assert (code, err) == (2, "corpus/documents.jsonl:2: id: duplicate document id 'tiny' (first on line 1)\n")


def test_empty_corpus_and_missing_corpus(project: Path, capsys) -> None:
    write_jsonl(project / "corpus/documents.jsonl", [])
    assert run_cli(capsys, "validate")[::2] == (2, "corpus/documents.jsonl:1: file: empty file: no records\n")
    code, _, err = run_cli(capsys, "validate", "--corpus", "nope.jsonl")  # relative: says where it looked
    assert (code, err) == (2, f"nope.jsonl:0: file: No such file or directory (relative to {project})\n")


# ------------------------------------------------------------------ folders
def test_valid_gold_summary(project: Path, capsys) -> None:
    code, out, err = run_cli(capsys, "validate", "--annotations", "gold")
    assert (code, out, err) == (0, "gold: 5 entities, 1 quotes, 2 claims in 1 document: ok\n", "")


def test_gold_needs_all_three_files(project: Path, capsys) -> None:
    (project / "gold/quotes.jsonl").unlink()
    code, out, err = run_cli(capsys, "validate", "--annotations", "gold")
    assert (code, out) == (2, "")
    assert err == ("gold/quotes.jsonl:0: file: missing (a gold folder needs entities.jsonl, quotes.jsonl, "
                   "claims.jsonl)\n")


def test_gold_file_must_not_be_empty_but_predictions_may(project: Path, capsys) -> None:
    write_jsonl(project / "gold/claims.jsonl", [])
    code, _, err = run_cli(capsys, "validate", "--annotations", "gold")
    assert (code, err) == (2, "gold/claims.jsonl:1: file: empty file: no records\n")
    (project / "gold/quotes.jsonl").unlink()
    code, out, err = run_cli(capsys, "validate", "--predictions", "--annotations", "gold")
    assert (code, out, err) == (0, "gold: 5 entities, no quotes file, 0 claims in 1 document: ok\n", "")


def test_predictions_folder_without_any_task_file(project: Path, capsys) -> None:
    (project / "preds").mkdir()
    code, _, err = run_cli(capsys, "validate", "--predictions", "--annotations", "preds")
    assert (code, err) == (2, "preds:0: folder: no task files (expected at least one of entities.jsonl, "
                              "quotes.jsonl, claims.jsonl)\n")


def test_not_a_directory(project: Path, capsys) -> None:
    code, _, err = run_cli(capsys, "validate", "--annotations", "nowhere")
    assert (code, err) == (2, f"nowhere:0: folder: does not exist (relative to {project})\n")
    (project / "afile").write_text("x", encoding="utf-8")
    code, _, err = run_cli(capsys, "validate", "--annotations", "afile")
    assert (code, err) == (2, "afile:0: folder: not a directory\n")


def test_every_problem_of_every_folder_sorted_by_line(project: Path, tiny_records, capsys) -> None:
    (project / "ok").mkdir()
    for task, rows in tiny_records.items():
        write_jsonl(project / "ok" / f"{task}.jsonl", rows if task != "claims" else rows[:1])
    ents = tiny_records["entities"]
    ents[4]["label"] = "PER"
    ents[1]["text"] = "Lavrow"
    ents[1]["label"] = True
    write_jsonl(project / "gold/entities.jsonl", ents)
    tiny_records["claims"][1]["status"] = "x"
    write_jsonl(project / "gold/claims.jsonl", tiny_records["claims"])
    code, out, err = run_cli(capsys, "validate", "--annotations", "gold", "--annotations", "ok")
    assert code == 2
    assert out == "ok: 5 entities, 1 quotes, 1 claims in 1 document: ok\n"
    lines = err.splitlines()
    assert [line.split(": ")[0:2] for line in lines] == [
        ["gold/entities.jsonl:2", "label"], ["gold/entities.jsonl:2", "text"],
        ["gold/entities.jsonl:5", "label"], ["gold/claims.jsonl:2", "status"],
    ]
    assert all(LINE.match(line) for line in lines)


def test_absolute_paths_stay_absolute(project: Path, capsys) -> None:
    write_jsonl(project / "gold/entities.jsonl", ['"just a string"'])
    code, _, err = run_cli(capsys, "validate", "--corpus", str(project / "corpus/documents.jsonl"),
                           "--annotations", str(project / "gold"))
    assert (code, err) == (2, f"{project}/gold/entities.jsonl:1: record: expected a JSON object, "
                              "got string 'just a string'\n")


# ------------------------------------------------------------------ BOM / CRLF
def test_bom_and_crlf_accepted(project: Path, tiny_records, capsys) -> None:
    write_jsonl(project / "corpus/documents.jsonl", [make_doc()], bom=True, crlf=True)
    for task, rows in tiny_records.items():
        write_jsonl(project / "gold" / f"{task}.jsonl", rows, bom=True, crlf=True)
    assert run_cli(capsys, "validate", "--annotations", "gold") == (
        0, "gold: 5 entities, 1 quotes, 2 claims in 1 document: ok\n", "")


def test_bom_and_crlf_offsets_still_checked(project: Path, tiny_records, capsys) -> None:
    rows = tiny_records["entities"]
    rows[2]["start"] += 1  # 'ochi' != 'Sochi'
    write_jsonl(project / "gold/entities.jsonl", rows, bom=True, crlf=True)
    code, _, err = run_cli(capsys, "validate", "--annotations", "gold")
    assert (code, err) == (2, "gold/entities.jsonl:3: text: 'Sochi' != document[21:25] 'ochi'\n")


# ------------------------------------------------------------------ CLI error path
def test_no_traceback_on_garbage(project: Path, capsys) -> None:
    (project / "gold/entities.jsonl").write_bytes(b"\xff\xfe not utf-8\n")
    (project / "gold/quotes.jsonl").write_text("[]\n{\"a\": 1}\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "validate", "--annotations", "gold")
    assert code == 2
    assert "Traceback" not in err
    assert err.splitlines()[0] == "gold/entities.jsonl:1: file: not valid UTF-8"
    assert all(LINE.match(line) for line in err.splitlines())


def test_shipped_data_validates(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.chdir(REPO)
    code, _, err = run_cli(capsys, "validate")
    assert code == 0, err
