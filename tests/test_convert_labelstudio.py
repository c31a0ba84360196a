"""newsgold.convert.labelstudio: the hand-written JSON export (annotations, a cancelled one,
predictions, a choices result), --use/--annotation, UTF-16 offsets, problems, the writer."""

from __future__ import annotations

import json
from collections.abc import Callable
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

    source = read_predictions("labelstudio", LS, DOCS, Options()).entities
    export, _ = export_gold("labelstudio", DOCS, source)
    tasks = json.loads(str(export.files[""]))
    assert [t["data"]["doc_id"] for t in tasks] == ["d1", "d2"]
    first = tasks[0]["annotations"][0]["result"][0]
    assert first["from_name"] == "label" and first["to_name"] == "text" and first["type"] == "labels"
    (tmp_path / "o.json").write_text(str(export.files[""]), encoding="utf-8")
    assert read_predictions("labelstudio", tmp_path / "o.json", DOCS, Options()).entities == source


# ------------------------------------------------------------------------------------------------
# quotes and claims (newsgold.convert.relations has the mapping)
# ------------------------------------------------------------------------------------------------
LSQ = DATA / "labelstudio_quotes.json"


def test_quotes_and_claims_of_the_hand_written_export() -> None:
    """Regions, a labelled and an unlabelled relation (direction left), per-region choices named in
    lower case (one value capitalised), per-region key notes: the same records as the brat fixture
    holding the same annotations."""
    from convert_helpers import DOCS
    from newsgold.convert import read_predictions

    ls, brat = read_predictions("labelstudio", LSQ, DOCS), read_predictions("brat", DATA / "brat_quotes", DOCS)
    assert ls.quotes is not None and len(ls.quotes) == 1 and ls.claims is not None and len(ls.claims) == 3
    assert (ls.entities, ls.quotes, ls.claims) == (brat.entities, brat.quotes, brat.claims)
    assert ls.notes == [f"note: {LSQ}: not read (not part of the quote and claim mapping): choices topic (1)"]


def _edited(tmp_path: Path, edit: Callable[[list], None]) -> Path:
    tasks = json.loads(LSQ.read_text(encoding="utf-8"))
    edit(tasks[1]["annotations"][0]["result"])
    p = tmp_path / "ls.json"
    p.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    return p


def test_bad_relations_and_per_region_results(tmp_path: Path) -> None:
    def edit(res: list) -> None:
        res[1]["value"]["choices"] = ["direct", "mixed"]  # two quote types
        res.append({"id": "q_Lav1", "type": "labels", "value": {"start": 43, "end": 49, "labels": ["GPE"]}})  # its id again
        res[14]["to_id"] = "nowhere"  # the Said_by relation points to a missing region
        res[15]["labels"] = ["Said_by", "Cued_by"]
        res.append({"from_id": "cue_01", "type": "relation"})
        res.append({"id": "cl_003", "from_name": "checkworthy", "type": "choices", "value": {"choices": ["maybe"]}})

    p = _edited(tmp_path, edit)
    at = f"{p}:0: tasks.1.annotations.0.result"
    assert problems("labelstudio", p) == [
        f"{at}.1: per-region type needs the region's id and one value in value.choices, got id 'q_Lav1', "
        "choices ['direct', 'mixed']",
        f"{at}.15: a relation with two labels of newsgold's mapping: Said_by, Cued_by",
        f"{at}.18: region id 'q_Lav1' is labelled twice: give each labelled region its own id",
        f"{at}.19: a relation needs from_id and to_id, got 'cue_01', None",
        f"{at}.14: relation Said_by: 'nowhere' is no annotation of document 'd2'",
        f"{at}.20: checkworthy of cl_003: 'maybe' is not allowed (a flag, or one of 0, 1, false, no, true, yes)",
    ]  # (the quote whose type could not be read is not reported again as "no Type")


def test_a_missing_status_and_a_region_without_offsets(tmp_path: Path) -> None:
    def edit(res: list) -> None:
        del res[8]  # cl_002's status
        del res[0]["value"]["start"]  # the quote's content has no start

    p = _edited(tmp_path, edit)
    at = f"{p}:0: tasks.1.annotations.0.result"
    assert problems("labelstudio", p) == [
        f"{at}.0: offsets must be integers, got start None, end 25",
        f"{at}.7: Claim span cl_002 has no Status attribute (one of asserted, reported, hedged, denied)"]


def test_writer_carries_quotes_and_claims_and_entity_keys(tmp_path: Path) -> None:
    from convert_helpers import DOCS
    from newsgold.convert import export_gold, read_predictions

    source = read_predictions("labelstudio", LSQ, DOCS)
    export, notes = export_gold("labelstudio", DOCS, source.entities, quotes=source.quotes, claims=source.claims)
    assert notes == [] and export.written == {"entities": 6, "quotes": 1, "claims": 3}
    result = json.loads(str(export.files[""]))[1]["annotations"][0]["result"]
    kinds = [(r["type"], r.get("from_name"), r.get("id", "")[3:]) for r in result]
    assert kinds[:9] == [("labels", "label", str(k)) for k in range(1, 10)]  # entities, then quote and claim parts
    assert ("choices", "Type", "4") in kinds and ("textarea", "entity", "1") in kinds and ("textarea", "speaker_entity", "4") in kinds
    relation = next(r for r in result if r["type"] == "relation")
    assert relation == {"from_id": "d2-4", "to_id": "d2-5", "type": "relation", "direction": "right", "labels": ["Said_by"]}
    (tmp_path / "o.json").write_text(str(export.files[""]), encoding="utf-8")
    back = read_predictions("labelstudio", tmp_path / "o.json", DOCS)
    assert (back.entities, back.quotes, back.claims, back.notes) == (source.entities, source.quotes, source.claims, [])
