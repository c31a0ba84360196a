"""newsgold.convert.hf_pipeline: transformers' token-classification output, aggregated and not
(word pieces grouped as the pipeline's "simple" strategy does), --min-score, problems, the writer."""

from __future__ import annotations

import json
from pathlib import Path

from convert_helpers import DATA, DOCS, notes, problems, read

HF = DATA / "hf_pipeline.jsonl"
D1_CONLL = [("d1", "John Kerry", "PER"), ("d1", "Russian", "MISC"), ("d1", "Sergey Lavrov", "PER"), ("d1", "Sochi", "LOC")]
D2_CONLL = [("d2", "Lavrov", "PER"), ("d2", "Moscow", "LOC"), ("d2", "U.S.", "LOC"), ("d2", "Kerry", "PER"),
            ("d2", "Ann Lee", "PER")]


def test_aggregated_and_token_level_output() -> None:
    """'Lav' + '##rov' and 'U' '.' 'S' '.' are one entity each; the 0.41 'the' is an entity too."""
    assert read("hf-pipeline", HF) == D1_CONLL + D2_CONLL[:2] + [("d2", "the", "MISC")] + D2_CONLL[2:]


def test_min_score() -> None:
    assert read("hf-pipeline", HF, min_score=0.5) == D1_CONLL + D2_CONLL
    assert notes("hf-pipeline", HF, min_score=0.5)[0] == f"note: {HF}: 1 entities scored below --min-score 0.5 left out"


def test_b_tag_and_gaps_split_entities(tmp_path: Path) -> None:
    toks = [{"entity": "B-PER", "score": 0.9, "index": 4, "word": "John", "start": 19, "end": 23},
            {"entity": "B-PER", "score": 0.9, "index": 5, "word": "Kerry", "start": 24, "end": 29},  # B-: a new entity
            {"entity": "PER", "score": 0.9, "word": "Sergey", "start": 59, "end": 65},  # no prefix, no index
            {"entity": "PER", "score": 0.9, "word": "Lavrov", "start": 66, "end": 72}]  # white space between: joined
    p = tmp_path / "h.jsonl"
    p.write_text(json.dumps({"doc_id": "d1", "entities": toks}) + "\n", encoding="utf-8")
    assert read("hf-pipeline", p) == [("d1", "John", "PER"), ("d1", "Kerry", "PER"), ("d1", "Sergey Lavrov", "PER")]


def test_problems(tmp_path: Path) -> None:
    p = tmp_path / "h.jsonl"
    p.write_text("\n".join([
        json.dumps({"doc_id": "d1", "entities": [{"entity_group": "PER", "start": None, "end": None, "word": "x"},
                                                 {"word": "y", "start": 0, "end": 1}]}),
        json.dumps({"doc_id": "d3", "entities": []}),
        json.dumps({"text": DOCS[1].text, "entities": "PER"}),
    ]) + "\n", encoding="utf-8")
    assert problems("hf-pipeline", p) == [
        f"{p}:1: entities.0: start/end must be character offsets, got None, None (run the pipeline with a fast tokenizer)",
        f"{p}:1: entities.1: expected a pipeline item with 'entity_group' or 'entity'",
        f"{p}:2: doc_id: unknown document 'd3' (corpus has 'd1', 'd2')",
        f"{p}:3: entities: expected the list the pipeline returned",
    ]


def test_writer_reads_back(tmp_path: Path) -> None:
    from newsgold.convert import export_gold, read_predictions
    from newsgold.convert.common import Options

    source = read_predictions("hf-pipeline", HF, DOCS, Options(min_score=0.5)).entities
    export, _ = export_gold("hf-pipeline", DOCS, source)
    first = json.loads(str(export.files[""]).splitlines()[0])
    assert first["entities"][0] == {"entity_group": "PER", "score": 1.0, "word": "John Kerry", "start": 19, "end": 29}
    (tmp_path / "o.jsonl").write_text(str(export.files[""]), encoding="utf-8")
    assert read_predictions("hf-pipeline", tmp_path / "o.jsonl", DOCS, Options()).entities == source
