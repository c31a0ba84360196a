"""newsgold.convert.doccano: both export shapes (label lists, entity objects), problems, the writer."""

from __future__ import annotations

import json
from pathlib import Path

from convert_helpers import D1_GOLD, D2_GOLD, DATA, DOCS, notes, problems, read


def test_label_shape() -> None:
    assert read("doccano", DATA / "doccano_label.jsonl") == D1_GOLD + D2_GOLD


def test_entities_shape() -> None:
    p = DATA / "doccano_entities.jsonl"
    assert read("doccano", p) == D1_GOLD[:4]
    assert notes("doccano", p) == [f"note: {p}: 1 corpus document(s) not in the input, so without entities: d2"]


def test_problems(tmp_path: Path) -> None:
    p = tmp_path / "d.jsonl"
    p.write_text("\n".join([
        json.dumps({"id": 1, "text": DOCS[0].text, "label": [[19, 29], [34, 41.5, "NORP"], [59, 72, "PER SON"]]}),
        json.dumps({"id": 2, "doc_id": "d2", "entities": [{"start_offset": 28, "end_offset": 34}]}),
    ]) + "\n", encoding="utf-8")
    assert problems("doccano", p) == [
        f"{p}:1: label.0: expected [start, end, label], got [19, 29]",
        f"{p}:1: label.1: offsets must be integers, got start 34, end 41.5",
        f"{p}:1: label.2: label must be a non-empty string without spaces, got 'PER SON'",
        f"{p}:2: entities.0: label must be a non-empty string without spaces, got None",
    ]


def test_writer_reads_back(tmp_path: Path) -> None:
    from newsgold.convert import export_gold, read_predictions
    from newsgold.convert.common import Options

    source = read_predictions("doccano", DATA / "doccano_label.jsonl", DOCS, Options()).entities
    export, _ = export_gold("doccano", DOCS, source)
    (tmp_path / "o.jsonl").write_text(str(export.files[""]), encoding="utf-8")
    assert read_predictions("doccano", tmp_path / "o.jsonl", DOCS, Options()).entities == source
