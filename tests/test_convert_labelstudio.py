"""newsgold.convert.labelstudio: the hand-written JSON export (annotations, a cancelled one,
predictions, a choices result), --use/--annotation, UTF-16 offsets, problems, the writer."""

from __future__ import annotations

import json
from pathlib import Path

from convert_helpers import D1_GOLD, D2_GOLD, DATA, problems, read
from newsgold.load import load_corpus

LS = DATA / "labelstudio.json"


def test_annotations_first_live_one_by_default() -> None:
    """Task 2's first annotation was cancelled: the second (id 2002) is read."""
    assert read("labelstudio", LS) == D1_GOLD + D2_GOLD


def test_pick_annotation_by_id_annotator_or_last_and_predictions(tmp_path: Path) -> None:
    assert read("labelstudio", LS, annotation="last") == D1_GOLD + [("d2", "Lavrov", "PERSON")]
    assert read("labelstudio", LS, use="predictions") == [("d2", "Lavrov", "PERSON"), ("d2", "Moscow", "LOC")]
    assert problems("labelstudio", LS, annotation="2002") == [
        f"{LS}:0: tasks.0.annotations: no annotation with id or annotator 2002 (annotations: 1001 by 1)"]
    only_task_2 = tmp_path / "t2.json"
    only_task_2.write_text(json.dumps(json.loads(LS.read_text(encoding="utf-8"))[1:]), encoding="utf-8")
    assert read("labelstudio", only_task_2, annotation="2002") == D2_GOLD  # by annotation id
    assert read("labelstudio", only_task_2, annotation="3") == [("d2", "Lavrov", "PERSON")]  # by annotator
    assert problems("labelstudio", only_task_2, annotation="1") == [  # annotator 1 cancelled theirs
        f"{only_task_2}:0: tasks.0.annotations: no annotation with id or annotator 1 (annotations: 2002 by 2, 2003 by 3)"]


def test_problems_name_the_task_and_result(tmp_path: Path) -> None:
    tasks = json.loads(LS.read_text(encoding="utf-8"))
    res = tasks[0]["annotations"][0]["result"]
    res[0]["value"]["text"] = "Jon Kerry"
    res[1]["value"]["labels"] = ["NORP", "GPE"]
    tasks[1]["data"]["text"] = "unknown text"
    p = tmp_path / "ls.json"
    p.write_text(json.dumps(tasks), encoding="utf-8")
    assert problems("labelstudio", p) == [
        f"{p}:0: tasks.0.annotations.0.result.0: text 'Jon Kerry' != document[19:29] 'John Kerry'",
        f"{p}:0: tasks.0.annotations.0.result.1: expected exactly one label in value.labels, got ['NORP', 'GPE']",
        f"{p}:0: tasks.1: no corpus document has this text ('unknown text'): give its doc id",
    ]
    p.write_text("{not json", encoding="utf-8")
    assert problems("labelstudio", p) == [f"{p}:1: json: invalid JSON: Expecting property name enclosed in double quotes (column 2)"]


def test_utf16_offsets_of_astral_characters(tmp_path: Path) -> None:
    """Label Studio counts offsets in JavaScript string units: an emoji is two."""
    import hashlib

    text = "🇷🇺 Lavrov met 🇺🇸 Kerry"
    doc = {"id": "e", "text": text, "title": "t", "published": "2015-05-11", "language": "en", "source": "s",
           "sha256": hashlib.sha256(text.encode()).hexdigest()}
    (tmp_path / "c.jsonl").write_text(json.dumps(doc, ensure_ascii=False) + "\n", encoding="utf-8")
    docs = load_corpus(tmp_path / "c.jsonl")
    value = {"start": 5, "end": 11, "text": "Lavrov", "labels": ["PERSON"]}  # UTF-16: 2 flags x 2 units before
    value2 = {"start": 21, "end": 26, "text": "Kerry", "labels": ["PERSON"]}
    task = [{"data": {"text": text}, "annotations": [{"id": 1, "result": [
        {"type": "labels", "value": value}, {"type": "labels", "value": value2}]}]}]
    (tmp_path / "ls.json").write_text(json.dumps(task, ensure_ascii=False), encoding="utf-8")
    assert read("labelstudio", tmp_path / "ls.json", docs) == [("e", "Lavrov", "PERSON"), ("e", "Kerry", "PERSON")]
    from newsgold.convert import export_gold
    from newsgold.schema import Entity

    export, _ = export_gold("labelstudio", docs, [Entity("e", "a", 3, 9, "Lavrov", "PERSON")])
    assert json.loads(str(export.files[""]))[0]["annotations"][0]["result"][0]["value"]["start"] == 5


def test_writer_is_an_importable_task_list(tmp_path: Path) -> None:
    from convert_helpers import DOCS
    from newsgold.convert import export_gold, read_predictions
    from newsgold.convert.common import Options

    source, _ = read_predictions("labelstudio", LS, DOCS, Options())
    export, _ = export_gold("labelstudio", DOCS, source)
    tasks = json.loads(str(export.files[""]))
    assert [t["data"]["doc_id"] for t in tasks] == ["d1", "d2"]
    first = tasks[0]["annotations"][0]["result"][0]
    assert first["from_name"] == "label" and first["to_name"] == "text" and first["type"] == "labels"
    (tmp_path / "o.json").write_text(str(export.files[""]), encoding="utf-8")
    assert read_predictions("labelstudio", tmp_path / "o.json", DOCS, Options())[0] == source
