"""The file backend replays (and validates) an external predictions folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import TINY_RECORDS, run_cli, write_jsonl
from newsgold.backends import get_backend
from newsgold.errors import InputError
from newsgold.extract import extract
from newsgold.schema import Document

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


def _write(path, rows, bom=False):
    text = "\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows) + "\n"
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))


def _ent(doc_id, rid, text, sub):
    s = text.index(sub)
    return {"doc_id": doc_id, "id": rid, "start": s, "end": s + len(sub), "text": sub,
            "label": "PERSON", "entity": None}


def test_each_task_file_is_read_once_across_batches(tmp_path, monkeypatch):
    from newsgold.backends import file as fmod

    docs = [Document(f"d{i}", f"Ann Lee{i} met Bob Ray.") for i in range(6)]
    rows = [_ent(d.id, f"e{i}", d.text, "Bob Ray") for i, d in enumerate(reversed(docs))]
    _write(tmp_path / "entities.jsonl", rows, bom=True)
    builds = []
    real = fmod._TaskIndex.__init__
    monkeypatch.setattr(fmod._TaskIndex, "__init__", lambda self, p: (builds.append(p), real(self, p))[1])
    fb = get_backend(f"file:{tmp_path}")
    got = [fb.predict(docs[i:i + 2])["entities"] for i in range(0, 6, 2)]
    assert len(builds) == 1
    assert [[r.doc_id for r in batch] for batch in got] == [["d1", "d0"], ["d3", "d2"], ["d5", "d4"]]
    assert all(r.text == "Bob Ray" for batch in got for r in batch)
    # the file changed on disk: it is indexed again
    _write(tmp_path / "entities.jsonl", rows[:1])
    assert [r.doc_id for r in fb.predict(docs)["entities"]] == ["d5"]
    assert len(builds) == 2


def test_file_level_problems_are_reported_with_their_lines(tmp_path):
    text = DOCS[0].text
    rows = [_ent("a", "e1", text, "Ann Lee"), "{not json", _ent("b", "e1", DOCS[1].text, "Bob Ray"), "[1, 2]"]
    _write(tmp_path / "entities.jsonl", rows)
    with pytest.raises(InputError) as e:
        get_backend(f"file:{tmp_path}").predict(DOCS[:1])  # problems elsewhere in the file count too
    msg = str(e.value)
    assert ":2: json: invalid JSON" in msg and ":3: id: duplicate id 'e1'" in msg and ":4: record" in msg


def test_benchmark_file_backend_reads_lenient_predictions(tmp_path: Path, tiny_corpus: Path, tiny_gold: Path, capsys) -> None:
    """Minimal, CoNLL-labelled predictions with a model's score: scored with --label-map conll."""
    conll = {"PERSON": "PER", "GPE": "LOC"}
    rows = [{"doc_id": r["doc_id"], "start": r["start"], "end": r["end"], "label": conll[r["label"]], "score": 0.99}
            for r in TINY_RECORDS["entities"] if r["label"] in conll]
    conll_pred = write_jsonl(tmp_path / "conll_pred" / "entities.jsonl", rows).parent
    code, out, err = run_cli(capsys, "benchmark", "--corpus", str(tiny_corpus), "--gold", str(tiny_gold),
                             "--backends", f"file:{conll_pred}", "--out", str(tmp_path / "run"), "--no-plot",
                             "--bootstrap", "0", "--label-map", "conll")
    assert code == 0, err
    report = json.loads((tmp_path / "run" / "report.json").read_text())
    assert report["backends"][f"file:{conll_pred}"]["tasks"]["entities"]["f1"] == 1.0
    assert "ignored fields the scorer does not use: score" in err
