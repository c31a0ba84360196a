"""The file backend replays (and validates) an external predictions folder."""

from __future__ import annotations

import json

import pytest

from eval.backends import get_backend
from eval.errors import InputError
from eval.extract import extract
from eval.schema import Document

DOCS = [Document("a", "“We are ready,” Ann Lee said on Friday."),
        Document("b", "Bob Ray may resign, the Herald reported.")]


def test_roundtrip_through_rules_predictions(tmp_path):
    extract(get_backend("rules"), DOCS, tmp_path / "pred", progress=False)
    fb = get_backend(f"file:{tmp_path / 'pred'}")
    assert fb.available() is None and fb.tasks == {"entities", "quotes", "claims"}
    again = fb.predict(DOCS)
    fresh = get_backend("rules").predict(DOCS)
    for task in fb.tasks:
        assert [r.to_dict() for r in again[task]] == [r.to_dict() for r in fresh[task]]
    # in batches: each batch gets exactly its own documents' records
    part = fb.predict(DOCS[1:])
    assert {r.doc_id for recs in part.values() for r in recs} == {"b"}


def test_only_present_task_files_are_supported(tmp_path):
    (tmp_path / "quotes.jsonl").write_text("", encoding="utf-8")  # a system that found nothing
    fb = get_backend(f"file:{tmp_path}")
    assert fb.tasks == {"quotes"} and fb.predict(DOCS) == {"quotes": []}


def test_invalid_records_raise_input_error(tmp_path):
    bad = {"doc_id": "a", "id": "e1", "start": 0, "end": 3, "text": "xyz", "label": "PERSON", "entity": None}
    (tmp_path / "entities.jsonl").write_text(json.dumps(bad) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        get_backend(f"file:{tmp_path}").predict(DOCS)
    assert "text" in str(e.value)


def test_missing_folder_is_unavailable(tmp_path):
    assert "not a directory" in get_backend(f"file:{tmp_path / 'nope'}").available()
    with pytest.raises(KeyError):
        get_backend("file")
