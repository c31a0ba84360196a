"""``newsgold convert`` end to end. The issue's bar: the shipped gold, written in each of the seven
formats, converts back to predictions that score strict F1 = 1.0 against it (CoNLL-labelled output
via --label-map conll). Also: bad input is one line, exit 2, nothing written; outputs are guarded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import LINE, run_cli
from convert_helpers import DATA
from newsgold.convert import FORMATS
from newsgold.output import MANIFEST

ROOT = Path(__file__).resolve().parent.parent
CORPUS, GOLD = str(ROOT / "corpus" / "documents.jsonl"), str(ROOT / "annotations")


def strict_f1(capsys: pytest.CaptureFixture[str], pred: Path, tmp_path: Path, *extra: str,
              corpus: str = CORPUS, gold: str = GOLD) -> float:
    out = tmp_path / f"{pred.name}.report.json"
    code, _, err = run_cli(capsys, "score", "--gold", gold, "--corpus", corpus, "--pred", str(pred), "--tasks", "entities",
                           "--bootstrap", "0", "--json", str(out), *extra)
    assert code == 0, err
    return float(json.loads(out.read_text())["tasks"]["entities"]["metrics"]["strict.f1"])


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_shipped_gold_round_trips_through_every_format(fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    exported = tmp_path / f"gold.{fmt}"
    code, out, err = run_cli(capsys, "convert", "--to", fmt, "--gold", GOLD, "--corpus", CORPUS, "--out", str(exported))
    assert (code, err) == (0, "")
    assert out.strip() == f"1 document(s) -> {exported} ({fmt}): 64 of 64 gold entities written, 0 not carried"
    pred = tmp_path / f"pred_{fmt}"
    code, out, err = run_cli(capsys, "convert", "--from", fmt, str(exported), "--corpus", CORPUS, "--out", str(pred))
    assert (code, err) == (0, "") and out.startswith("64 entities in 1 document(s)")
    assert sorted(p.name for p in pred.iterdir()) == [MANIFEST, "entities.jsonl", "meta.json"]
    assert strict_f1(capsys, pred, tmp_path) == 1.0


def test_conll_labelled_round_trip_scores_one_with_the_conll_map(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    exported = tmp_path / "gold.conll"
    code, out, err = run_cli(capsys, "convert", "--to", "conll", "--label-map", "conll", "--scheme", "iob1",
                             "--out", str(exported), "--gold", GOLD, "--corpus", CORPUS)
    assert code == 0 and err == "note: label map conll drops 5 entities (DATE 4, QUANTITY 1)\n"
    assert {line.split()[-1][2:] for line in exported.read_text().splitlines() if line[-2:] != " O" and line} == {
        "PER", "ORG", "LOC", "MISC"}
    pred = tmp_path / "pred"
    code, _, err = run_cli(capsys, "convert", "--from", "conll", str(exported), "--corpus", CORPUS, "--out", str(pred))
    assert code == 0 and err.endswith("labels MISC, PER are not OntoNotes labels: score with --label-map conll\n")
    assert strict_f1(capsys, pred, tmp_path, "--label-map", "conll") == 1.0
    code, _, err = run_cli(capsys, "score", "--gold", GOLD, "--corpus", CORPUS, "--pred", str(pred))
    assert code == 2 and "unknown label 'PER'" in err  # without the map the labels are refused, loudly


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_real_development_set_round_trips(fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """12 real news texts, 894 entities: documents in corpus order, real typography and layout."""
    corpus, gold = str(ROOT / "corpus" / "realdev" / "documents.jsonl"), str(ROOT / "annotations" / "realdev")
    exported, pred = tmp_path / f"dev.{fmt}", tmp_path / "pred"
    assert run_cli(capsys, "convert", "--to", fmt, "--gold", gold, "--corpus", corpus, "--out", str(exported))[0] == 0
    assert run_cli(capsys, "convert", "--from", fmt, str(exported), "--corpus", corpus, "--out", str(pred))[0] == 0
    assert strict_f1(capsys, pred, tmp_path, corpus=corpus, gold=gold) == 1.0


def test_hand_written_fixture_scores_against_its_gold(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The Label Studio fixture's annotations are the fixture corpus's full gold: F1 = 1.0 once
    converted; the Prodigy fixture lacks 'Tuesday': recall 9/10."""
    gold = tmp_path / "gold"
    code, _, _ = run_cli(capsys, "convert", "--from", "labelstudio", str(DATA / "labelstudio.json"),
                         "--corpus", str(DATA / "documents.jsonl"), "--out", str(gold))
    assert code == 0
    pred = tmp_path / "prodigy"
    assert run_cli(capsys, "convert", "--from", "prodigy", str(DATA / "prodigy.jsonl"), "--corpus", str(DATA / "documents.jsonl"),
                   "--out", str(pred))[0] == 0
    # a converted folder is a prediction folder; as gold it needs ids/texts/keys, which it has
    rows = [json.loads(x) for x in (gold / "entities.jsonl").read_text().splitlines()]
    assert set(rows[0]) == {"doc_id", "id", "start", "end", "text", "label", "entity"}
    out = tmp_path / "r.json"
    code, _, err = run_cli(capsys, "score", "--gold", str(gold), "--corpus", str(DATA / "documents.jsonl"), "--pred", str(pred),
                           "--bootstrap", "0", "--json", str(out))
    assert code == 0, err
    m = json.loads(out.read_text())["tasks"]["entities"]["metrics"]
    assert (m["strict.precision"], m["strict.recall"]) == (1.0, 0.9)


# ------------------------------------------------------------------------------------------------
# bad input: one line each, exit 2, nothing written
# ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt, content, first", [
    ("conll", "-DOCSTART- -X- -X- O\n\nSecretary O\nof O\nStaat O\n", ":5: token: cannot align 'Staat' to document"),
    ("prodigy", '{"text": "no such text", "spans": []}\n', ":1: text: no corpus document has this text"),
    ("doccano", '{"doc_id": "kerry-lavrov-2015", "label": [[0, 99999, "ORG"]]}\n', ":1: label.0: offsets [0, 99999) are outside"),
    ("hf-pipeline", '{"doc_id": "nope", "entities": []}\n', ":1: doc_id: unknown document 'nope'"),
    ("labelstudio", '[{"data": {"text": "x", "doc_id": "kerry-lavrov-2015"}}]', ":0: tasks.0: the text differs from corpus document"),
    ("prodigy", "{broken\n", ":1: json: invalid JSON"),
])
def test_bad_input_is_one_line_and_nothing_is_written(fmt: str, content: str, first: str, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "input.txt"
    src.write_text(content, encoding="utf-8")
    out = tmp_path / "out"
    code, stdout, err = run_cli(capsys, "convert", "--from", fmt, str(src), "--corpus", CORPUS, "--out", str(out))
    assert code == 2 and stdout == "" and not out.exists()
    assert err.startswith(str(src) + first), err
    assert all(LINE.match(line) for line in err.splitlines())


def test_usage_problems(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "convert", "--from", "conll", "--out", str(tmp_path / "o"))
    assert code == 2 and err == "newsgold convert:0: input: --from needs the INPUT file or folder to read\n"
    code, _, err = run_cli(capsys, "convert", "--to", "conll", "x.conll", "--out", str(tmp_path / "o"))
    assert code == 2 and err == "x.conll:0: input: --to writes the gold: it takes no INPUT (use --gold)\n"
    with pytest.raises(SystemExit):
        run_cli(capsys, "convert", "--from", "word", "x", "--out", "o")


def test_outputs_are_guarded(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    conll = tmp_path / "g.conll"
    assert run_cli(capsys, "convert", "--to", "conll", "--out", str(conll), "--gold", GOLD, "--corpus", CORPUS)[0] == 0
    code, _, err = run_cli(capsys, "convert", "--from", "conll", str(conll), "--corpus", CORPUS,
                           "--out", str(ROOT / "annotations" / "converted"))
    assert code == 2 and "refusing to write into the gold or the corpus" in err
    assert not (ROOT / "annotations" / "converted").exists()
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "thesis.tex").write_text("precious")
    code, _, err = run_cli(capsys, "convert", "--from", "conll", str(conll), "--corpus", CORPUS, "--out", str(mine))
    assert code == 2 and (mine / "thesis.tex").read_text() == "precious"
    pred = tmp_path / "pred"
    for _ in range(2):  # its own output may be replaced
        assert run_cli(capsys, "convert", "--from", "conll", str(conll), "--corpus", CORPUS, "--out", str(pred))[0] == 0
    code, _, err = run_cli(capsys, "convert", "--to", "brat", "--out", str(mine), "--gold", GOLD, "--corpus", CORPUS)
    assert code == 2 and (mine / "thesis.tex").read_text() == "precious"
    brat = tmp_path / "brat"
    for _ in range(2):
        assert run_cli(capsys, "convert", "--to", "brat", "--out", str(brat), "--gold", GOLD, "--corpus", CORPUS)[0] == 0
    assert sorted(p.name for p in brat.iterdir()) == [MANIFEST, "annotation.conf", "kerry-lavrov-2015.ann",
                                                      "kerry-lavrov-2015.txt"]


def test_meta_records_the_conversion(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pred = tmp_path / "pred"
    assert run_cli(capsys, "convert", "--from", "hf-pipeline", str(DATA / "hf_pipeline.jsonl"), "--min-score", "0.5",
                   "--corpus", str(DATA / "documents.jsonl"), "--out", str(pred))[0] == 0
    meta = json.loads((pred / "meta.json").read_text())
    assert meta["converted"]["from"] == "hf-pipeline" and meta["converted"]["options"]["min_score"] == 0.5
    assert meta["records"] == {"entities": 9} and meta["documents"] == 2
