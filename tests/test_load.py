"""newsgold.load: reading JSONL (BOM, CRLF, blank lines, bad bytes) and loading validated folders."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from conftest import TINY_RECORDS, TINY_TEXT, make_doc, write_jsonl
from newsgold.errors import InputError
from newsgold.load import iter_corpus, load_annotations, load_corpus, read_jsonl
from newsgold.schema import Document, Entity, Quote
from newsgold.settings import Settings


def problems(exc: pytest.ExceptionInfo[InputError]) -> list[str]:
    return [str(p) for p in exc.value.problems]


def test_bom_crlf_and_blank_lines(tmp_path: Path) -> None:
    p = tmp_path / "x.jsonl"
    p.write_bytes(b'\xef\xbb\xbf{"a": 1}\r\n\r\n   \r\n{"b": "\\r\\n"}\r\n')
    assert list(read_jsonl(p)) == [(1, {"a": 1}), (4, {"b": "\r\n"})]


def test_invalid_json_reported_at_its_line(tmp_path: Path) -> None:
    p = write_jsonl(tmp_path / "x.jsonl", [{"a": 1}, "", "{oops"], crlf=True)
    with pytest.raises(InputError) as e:
        list(read_jsonl(p))
    assert problems(e) == [f"{p}:3: json: invalid JSON: Expecting property name enclosed in double quotes (column 2)"]


def test_empty_file_is_an_error_unless_allowed(tmp_path: Path) -> None:
    p = tmp_path / "x.jsonl"
    p.write_bytes(b"\xef\xbb\xbf\r\n\n")
    with pytest.raises(InputError) as e:
        list(read_jsonl(p))
    assert problems(e) == [f"{p}:1: file: empty file: no records"]
    assert list(read_jsonl(p, allow_empty=True)) == []


def test_invalid_utf8_reported_at_its_line(tmp_path: Path) -> None:
    p = tmp_path / "x.jsonl"
    p.write_bytes(b'{"a": 1}\n{"b": "\xe9"}\n')
    with pytest.raises(InputError) as e:
        list(read_jsonl(p))
    assert problems(e) == [f"{p}:2: file: not valid UTF-8"]


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as e:
        list(read_jsonl(tmp_path / "none.jsonl"))
    assert problems(e) == [f"{tmp_path / 'none.jsonl'}:0: file: No such file or directory"]


def test_load_corpus(tiny_corpus: Path, tiny_doc: dict) -> None:
    [doc] = load_corpus(tiny_corpus)
    assert doc.to_dict() == tiny_doc


def test_load_corpus_with_bom_and_crlf(tmp_path: Path, tiny_doc: dict) -> None:
    p = write_jsonl(tmp_path / "c.jsonl", [tiny_doc], bom=True, crlf=True)
    assert [d.to_dict() for d in load_corpus(p)] == [tiny_doc]


def test_iter_corpus_streams_and_catches_duplicates(tmp_path: Path) -> None:
    p = write_jsonl(tmp_path / "c.jsonl", [make_doc(), make_doc("Other.", "b"), make_doc("Again.")])
    it = iter_corpus(p)
    assert [next(it).id, next(it).id] == ["tiny", "b"]  # the first two come before the bad line
    with pytest.raises(InputError) as e:
        next(it)
    assert problems(e) == [f"{p}:3: id: duplicate document id 'tiny'"]


def test_load_corpus_reports_every_document_problem(tmp_path: Path) -> None:
    bad = make_doc("Changed.") | {"sha256": make_doc()["sha256"]}
    p = write_jsonl(tmp_path / "c.jsonl", [make_doc(), bad, [1]])
    with pytest.raises(InputError) as e:
        load_corpus(p)
    digest = hashlib.sha256(b"Changed.").hexdigest()
    assert problems(e) == [
        f"{p}:2: sha256: {make_doc()['sha256'][:12]}… does not match the text (sha256 of its UTF-8 bytes is {digest})",
        f"{p}:2: id: duplicate document id 'tiny' (first on line 1)",
        f"{p}:3: record: expected a JSON object, got array",
    ]


def test_load_annotations(tiny_gold: Path, tiny_document) -> None:
    ann = load_annotations(tiny_gold, [tiny_document])
    assert [len(ann.task(t)) for t in ("entities", "quotes", "claims")] == [5, 1, 2]
    assert isinstance(ann.entities[0], Entity) and isinstance(ann.quotes[0], Quote)
    assert ann.quotes[0].speaker.text == "Lavrov"
    assert set(ann.by_doc("entities")) == {"tiny"}


def test_missing_task_is_none_not_empty(tiny_gold: Path, tiny_document) -> None:
    (tiny_gold / "quotes.jsonl").unlink()
    write_jsonl(tiny_gold / "claims.jsonl", [])
    ann = load_annotations(tiny_gold, [tiny_document], allow_empty=True)
    assert ann.quotes is None and ann.claims == []


def test_problems_of_all_files_are_collected(tiny_gold: Path, tiny_document, tiny_records) -> None:
    write_jsonl(tiny_gold / "entities.jsonl", ["{"], crlf=True)
    tiny_records["claims"][0]["span"]["end"] += 1
    write_jsonl(tiny_gold / "claims.jsonl", tiny_records["claims"], bom=True, crlf=True)
    with pytest.raises(InputError) as e:
        load_annotations(tiny_gold, [tiny_document])
    assert [(p.path, p.line, p.field) for p in e.value.problems] == [
        (str(tiny_gold / "entities.jsonl"), 1, "json"),
        (str(tiny_gold / "claims.jsonl"), 1, "span.text"),
    ]


def test_loading_never_writes(tiny_corpus: Path, tiny_gold: Path, tiny_document) -> None:
    files = [tiny_corpus, *sorted(tiny_gold.iterdir())]
    before = [(f.read_bytes(), f.stat().st_mtime_ns) for f in files]
    load_corpus(tiny_corpus)
    load_annotations(tiny_gold, [tiny_document])
    assert [(f.read_bytes(), f.stat().st_mtime_ns) for f in files] == before


def test_every_problem_of_a_file_is_reported_not_just_the_first_bad_json_line(tmp_path, tiny_corpus, tiny_gold):
    """Invalid JSON on some lines does not hide the other problems of the same file."""
    from newsgold.errors import InputError
    from newsgold.load import load_annotations, load_corpus

    lines = (tiny_gold / "entities.jsonl").read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0])
    first["label"] = "PER"
    (tiny_gold / "entities.jsonl").write_text("\n".join([json.dumps(first), "{oops", *lines[1:], "nope"]) + "\n")
    with pytest.raises(InputError) as e:
        load_annotations(tiny_gold, load_corpus(tiny_corpus))
    found = [(p.line, p.field) for p in e.value.problems]
    assert found == [(1, "label"), (2, "json"), (len(lines) + 2, "json")]


# ------------------------------------------------------------------------------------------------
# predictions: completed records and one note line for ignored fields; the gold stays strict
# ------------------------------------------------------------------------------------------------
def test_loaded_predictions_are_complete_records(tmp_path: Path) -> None:
    write_jsonl(tmp_path / "p" / "entities.jsonl", [
        {"doc_id": "tiny", "start": 0, "end": 5, "label": "PERSON", "score": 0.9, "word": "Kerry"},
        {"doc_id": "tiny", "start": 10, "end": 16, "label": "PERSON", "score": 0.8}])
    write_jsonl(tmp_path / "p" / "quotes.jsonl", [
        {"doc_id": "tiny", "type": "direct", "content": {"start": 39, "end": 52, "confidence": 1}}])
    ann = load_annotations(tmp_path / "p", [Document("tiny", TINY_TEXT)], predictions=Settings())
    e = ann.entities[0]
    assert (e.id, e.text, e.entity) == ("L1", "Kerry", None)
    q = ann.quotes[0]
    assert (q.content.text, q.speaker, q.speaker_entity, q.cue, q.via) == ("We are ready,", None, None, None, None)
    assert ann.notes == [
        f"note: {tmp_path / 'p' / 'entities.jsonl'}: ignored fields the scorer does not use: score (2 of 2 records), "
        "word (1 of 2 records)",
        f"note: {tmp_path / 'p' / 'quotes.jsonl'}: ignored fields the scorer does not use: content.confidence (1 of 1 records)"]


def test_gold_folder_stays_strict(tmp_path: Path) -> None:
    rows = [dict(r) for r in TINY_RECORDS["entities"]]
    rows[0]["score"] = 1.0
    del rows[1]["entity"]
    write_jsonl(tmp_path / "g" / "entities.jsonl", rows)
    with pytest.raises(InputError) as e:
        load_annotations(tmp_path / "g", [Document("tiny", TINY_TEXT)])
    assert [str(p).split(" (")[0] for p in e.value.problems] == [
        f"{tmp_path / 'g' / 'entities.jsonl'}:1: score: unknown field", f"{tmp_path / 'g' / 'entities.jsonl'}:2: entity: missing required field"]
