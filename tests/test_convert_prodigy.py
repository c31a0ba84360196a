"""newsgold.convert.prodigy: accepted tasks only, meta.doc_id or text, problems, the writer."""

from __future__ import annotations

import json
from pathlib import Path

from convert_helpers import D1_GOLD, D2_GOLD, DATA, DOCS, notes, problems, read

PRODIGY = DATA / "prodigy.jsonl"


def test_accepted_tasks() -> None:
    assert read("prodigy", PRODIGY) == D1_GOLD[:4] + D2_GOLD
    assert notes("prodigy", PRODIGY) == [f"note: {PRODIGY}: 1 Prodigy tasks answered 'ignore' left out",
                                         f"note: {PRODIGY}: 1 Prodigy tasks answered 'reject' left out"]


def test_problems(tmp_path: Path) -> None:
    p = tmp_path / "p.jsonl"
    p.write_text("\n".join([
        json.dumps({"text": DOCS[0].text, "spans": [{"start": 19, "end": 29, "label": "PERSON", "text": "John"}]}),
        "{oops",
        json.dumps({"text": DOCS[0].text, "spans": [{"start": 0, "end": 9, "label": "TITLE"}]}),
        json.dumps({"text": "nothing like it", "meta": {"doc_id": "d2"}, "spans": []}),
        json.dumps(["not", "a", "task"]),
    ]) + "\n", encoding="utf-8")
    assert problems("prodigy", p) == [
        f"{p}:1: spans.0: text 'John' != document[19:29] 'John Kerry'",
        f"{p}:2: json: invalid JSON: Expecting property name enclosed in double quotes (column 2)",
        f"{p}:3: text: document 'd1' was already given on line 1",
        f"{p}:4: text: the text differs from corpus document 'd2' (first difference at character 0): offsets would point elsewhere",
        f"{p}:5: record: expected a JSON object, got list",
    ]


def test_writer_reads_back(tmp_path: Path) -> None:
    from newsgold.convert import export_gold, read_predictions
    from newsgold.convert.common import Options

    source = read_predictions("prodigy", PRODIGY, DOCS, Options()).entities
    export, _ = export_gold("prodigy", DOCS, source)
    first = json.loads(str(export.files[""]).splitlines()[0])
    assert first["answer"] == "accept" and first["meta"] == {"doc_id": "d1"}
    (tmp_path / "o.jsonl").write_text(str(export.files[""]), encoding="utf-8")
    assert read_predictions("prodigy", tmp_path / "o.jsonl", DOCS, Options()).entities == source
