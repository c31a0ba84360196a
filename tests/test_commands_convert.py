"""``newsgold convert`` end to end. The issue's bar: the shipped gold, written in each of the seven
formats, converts back to predictions that score strict F1 = 1.0 against it (CoNLL-labelled output
via --label-map conll); through brat and Label Studio its quotes and claims come back too, scoring
1.0 on every quote and claim metric (article and real development set). Also: bad input is one
line, exit 2, nothing written; outputs are guarded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import LINE, run_cli
from convert_helpers import D2, DATA
from newsgold.convert import FORMATS, TASKS_OF
from newsgold.output import MANIFEST

ROOT = Path(__file__).resolve().parent.parent
CORPUS, GOLD = str(ROOT / "corpus" / "documents.jsonl"), str(ROOT / "annotations")
REALDEV = str(ROOT / "corpus" / "realdev" / "documents.jsonl"), str(ROOT / "annotations" / "realdev")
CARRIERS = [fmt for fmt in FORMATS if "quotes" in TASKS_OF[fmt]]


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
    head = f"1 document(s) -> {exported} ({fmt}): 64 of 64 gold entities"
    pred = tmp_path / f"pred_{fmt}"
    if fmt in CARRIERS:
        assert (code, err) == (0, "")
        assert out.strip() == f"{head}, 12 of 12 quotes, 21 of 21 claims written, 0 not carried"
        code, out, err = run_cli(capsys, "convert", "--from", fmt, str(exported), "--corpus", CORPUS, "--out", str(pred))
        assert (code, err) == (0, "")
        assert out.strip() == f"64 entities, 12 quotes, 21 claims in 1 document(s) from {fmt} -> {pred} " \
                              "(entities.jsonl, quotes.jsonl, claims.jsonl)"
        files = [MANIFEST, "claims.jsonl", "entities.jsonl", "meta.json", "quotes.jsonl"]
    else:  # the quotes and claims it cannot carry are named, not dropped silently
        assert (code, err) == (0, f"note: not carried by {fmt}: 12 quotes and 21 claims ({fmt} carries entities only; "
                                  "brat, labelstudio carry quotes and claims)\n")
        assert out.strip() == f"{head}, 0 of 12 quotes, 0 of 21 claims written, 33 not carried"
        code, out, err = run_cli(capsys, "convert", "--from", fmt, str(exported), "--corpus", CORPUS, "--out", str(pred))
        assert (code, err) == (0, "") and out.startswith("64 entities in 1 document(s)")
        files = [MANIFEST, "entities.jsonl", "meta.json"]
    assert sorted(p.name for p in pred.iterdir()) == files
    assert strict_f1(capsys, pred, tmp_path) == 1.0


def test_conll_labelled_round_trip_scores_one_with_the_conll_map(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    exported = tmp_path / "gold.conll"
    code, out, err = run_cli(capsys, "convert", "--to", "conll", "--label-map", "conll", "--scheme", "iob1",
                             "--out", str(exported), "--gold", GOLD, "--corpus", CORPUS)
    assert code == 0 and err.startswith("note: label map conll drops 5 entities (DATE 4, QUANTITY 1)\n")
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
    corpus, gold = REALDEV
    exported, pred = tmp_path / f"dev.{fmt}", tmp_path / "pred"
    assert run_cli(capsys, "convert", "--to", fmt, "--gold", gold, "--corpus", corpus, "--out", str(exported))[0] == 0
    assert run_cli(capsys, "convert", "--from", fmt, str(exported), "--corpus", corpus, "--out", str(pred))[0] == 0
    assert strict_f1(capsys, pred, tmp_path, corpus=corpus, gold=gold) == 1.0


QUOTE_METRICS = ("e2e.f1", "content.exact.f1", "content.overlap.f1", "speaker.accuracy", "cue.accuracy", "type.accuracy",
                 *(f"{t}.e2e.f1" for t in ("direct", "mixed", "indirect")))
CLAIM_METRICS = ("span.f1", "status.accuracy", "status.macro.f1", "claimant.accuracy", "checkworthy.f1", "sentence.f1")


def _without_ids(path: Path) -> list[str]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return sorted(json.dumps({k: v for k, v in r.items() if k != "id"}, sort_keys=True) for r in rows)


@pytest.mark.parametrize("fmt", CARRIERS)
@pytest.mark.parametrize("corpus, gold", [(CORPUS, GOLD), REALDEV], ids=["article", "realdev"])
def test_quotes_and_claims_round_trip(fmt: str, corpus: str, gold: str, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    """The shipped gold's quotes and claims (article 12 + 21, real development set 151 + 361),
    written with --to and read back with --from, are the gold records again (ids aside), and the
    real ``newsgold score`` gives 1.0 on every quote and claim figure."""
    exported, pred, report = tmp_path / f"gold.{fmt}", tmp_path / "pred", tmp_path / "report.json"
    assert run_cli(capsys, "convert", "--to", fmt, "--gold", gold, "--corpus", corpus, "--out", str(exported))[0] == 0
    assert run_cli(capsys, "convert", "--from", fmt, str(exported), "--corpus", corpus, "--out", str(pred))[:3:2] == (0, "")
    for task in ("entities", "quotes", "claims"):
        assert _without_ids(pred / f"{task}.jsonl") == _without_ids(Path(gold) / f"{task}.jsonl"), task
    code, _, err = run_cli(capsys, "score", "--gold", gold, "--corpus", corpus, "--pred", str(pred), "--bootstrap", "0",
                           "--json", str(report))
    assert code == 0, err
    tasks = json.loads(report.read_text())["tasks"]
    quotes, claims = tasks["quotes"]["metrics"], tasks["claims"]["metrics"]
    assert quotes["gold"] == quotes["pred"] == quotes["matched"] > 0 and claims["gold"] == claims["pred"] > 0
    assert all(quotes[f"{t}.gold"] > 0 for t in ("direct", "mixed", "indirect"))  # every type is exercised
    assert {m: quotes[m] for m in QUOTE_METRICS} == {m: 1.0 for m in QUOTE_METRICS}
    assert {m: claims[m] for m in CLAIM_METRICS} == {m: 1.0 for m in CLAIM_METRICS}
    assert tasks["entities"]["metrics"]["strict.f1"] == 1.0


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


@pytest.mark.parametrize("tasks, use", [
    ([{"data": {"doc_id": "d2", "text": D2}, "annotations": []}], "annotations"),
    ([{"data": {"doc_id": "d2", "text": D2}, "annotations": [{"result": [], "was_cancelled": True}]}], "annotations"),
    ([{"data": {"doc_id": "d2", "text": D2}, "annotations": [{"result": []}]}], "predictions"),
])
def test_a_label_studio_export_with_nothing_to_read_is_an_error_not_an_empty_system(
        tasks: list, use: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "ls.json"
    src.write_text(json.dumps(tasks), encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = run_cli(capsys, "convert", "--from", "labelstudio", str(src), "--corpus",
                           str(DATA / "documents.jsonl"), "--out", str(out), "--use", use)
    assert code == 2 and not out.exists() and "input: no document to read" in err, err
    assert len([line for line in err.splitlines() if not line.startswith("note:")]) == 1


def test_a_task_with_nothing_to_read_is_a_missing_document_with_a_note(tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    d1 = json.loads((DATA / "documents.jsonl").read_text(encoding="utf-8").splitlines()[0])
    tasks = [{"data": {"doc_id": "d2", "text": D2}, "annotations": [{"result": [], "was_cancelled": True}]},
             {"data": {"doc_id": d1["id"], "text": d1["text"]}, "annotations": [{"result": []}]}]
    src = tmp_path / "ls.json"
    src.write_text(json.dumps(tasks), encoding="utf-8")
    code, _, err = run_cli(capsys, "convert", "--from", "labelstudio", str(src), "--corpus",
                           str(DATA / "documents.jsonl"), "--out", str(tmp_path / "out"))
    assert code == 0, err
    assert "1 task(s) with no annotation to read (none, or all cancelled) left out" in err
    assert "corpus document(s) not in the input" in err and "d2" in err


@pytest.mark.parametrize("fmt, name, content, first", [
    ("brat", "d2.ann", "T1\tQuote 1 25\tWe are ready (for talks)\nR1\tSaid_by Arg1:T1 Arg2:T7\nA1\tType T1 direct\n",
     "d2.ann:2: R1: relation Said_by: 'T7' is no annotation of document 'd2'"),
    ("brat", "d2.ann", "T1\tCue 35 39\tsaid\nT2\tPERSON 28 34\tLavrov\nR1\tSaid_by Arg1:T2 Arg2:T1\n",
     "d2.ann:3: R1: relation Said_by links no Quote or Claim spans (T2 (PERSON), T1 (Cue))"),
    ("brat", "d2.ann", "T1\tClaim 52 67\tthe U.S. agreed\nA1\tStatus T1 true\n",
     "d2.ann:2: A1: Status of T1: 'true' is not allowed (one of asserted, reported, hedged, denied)"),
    ("labelstudio", "ls.json", json.dumps([{"data": {"doc_id": "d2", "text": D2}, "annotations": [{"result": [
            {"id": "a", "type": "labels", "value": {"start": 1, "end": 25, "labels": ["Quote"]}},
            {"id": "a", "type": "choices", "from_name": "Type", "value": {"choices": ["reported"]}}]}]}], ensure_ascii=False),
     "ls.json:0: tasks.0.annotations.0.result.1: Type of a: 'reported' is not allowed (one of direct, mixed, indirect)"),
])
def test_bad_quotes_and_claims_are_one_line_and_nothing_is_written(fmt: str, name: str, content: str, first: str,
                                                                   tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / name).write_text(content, encoding="utf-8")
    src = folder if fmt == "brat" else folder / name
    out = tmp_path / "out"
    code, stdout, err = run_cli(capsys, "convert", "--from", fmt, str(src), "--corpus", str(DATA / "documents.jsonl"),
                                "--out", str(out))
    assert (code, stdout) == (2, "") and not out.exists()
    assert err.startswith(str(folder / name) + first.split(name, 1)[1]) and len(err.splitlines()) == 1, err
    assert LINE.match(err.strip())


def test_roles_rename_the_mapping_both_ways(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A project with its own names: --role writes the gold in them and reads them back."""
    roles = ["--role", "quote=Quotation", "--role", "said-by=source", "--role", "claimed_by=source", "--role", "type=Kind"]
    exported, pred = tmp_path / "gold", tmp_path / "pred"
    assert run_cli(capsys, "convert", "--to", "brat", "--gold", GOLD, "--corpus", CORPUS, "--out", str(exported), *roles)[0] == 0
    ann = (exported / "kerry-lavrov-2015.ann").read_text(encoding="utf-8")
    assert "\tQuotation " in ann and "\tsource Arg1:" in ann and "\tKind T" in ann and "Said_by" not in ann
    code, out, err = run_cli(capsys, "convert", "--from", "brat", str(exported), "--corpus", CORPUS, "--out", str(pred), *roles)
    assert (code, err) == (0, "") and out.startswith("64 entities, 12 quotes, 21 claims")
    assert _without_ids(pred / "quotes.jsonl") == _without_ids(Path(GOLD) / "quotes.jsonl")
    # read with the default names, it is loud, not silently without quotes: a Cued_by relation (a name
    # left as it was) now links a cue to a "Quotation", which is no quote span
    code, out, err = run_cli(capsys, "convert", "--from", "brat", str(exported), "--corpus", CORPUS, "--out", str(tmp_path / "p2"))
    lines = err.splitlines()
    assert code == 2 and len(lines) == 12 and not (tmp_path / "p2").exists()
    assert all(LINE.match(x) and "relation Cued_by links no Quote or Claim spans" in x and "(Quotation)" in x for x in lines)


def test_role_option_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        run_cli(capsys, "convert", "--to", "brat", "--out", str(tmp_path / "o"), "--role", "voice=X")
    assert "expected NAME=LABEL with NAME one of quote, speaker" in capsys.readouterr().err
    code, _, err = run_cli(capsys, "convert", "--to", "brat", "--out", str(tmp_path / "o"), "--role", "cue=Speaker")
    assert (code, err) == (2, "newsgold convert:0: role: speaker and cue are both 'Speaker': give each its own name\n")
    assert not (tmp_path / "o").exists()


def test_an_input_with_quotes_and_claims_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """No entity spans: no entities.jsonl (an empty one would score a system that does not do
    entities as finding none); a quotes-only input likewise writes no claims.jsonl."""
    folder = tmp_path / "b"
    folder.mkdir()
    (folder / "d2.ann").write_text("T1\tQuote 1 25\tWe are ready (for talks)\nA1\tType T1 direct\n", encoding="utf-8")
    pred = tmp_path / "pred"
    code, out, err = run_cli(capsys, "convert", "--from", "brat", str(folder), "--corpus", str(DATA / "documents.jsonl"),
                             "--out", str(pred))
    assert code == 0 and out.strip() == f"1 quotes in 1 document(s) from brat -> {pred / 'quotes.jsonl'}"
    assert sorted(p.name for p in pred.iterdir()) == [MANIFEST, "meta.json", "quotes.jsonl"]
    assert json.loads((pred / "meta.json").read_text())["records"] == {"quotes": 1}
    assert err == f"note: {folder}: 1 corpus document(s) not in the input, so without entities: d1\n"


def test_hand_written_quote_fixtures_score_against_each_other(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The brat and the Label Studio fixture hold the same quotes and claims: one, converted, is the
    gold of the other, and ``newsgold score`` finds every quote and claim with all its attributes."""
    corpus = str(DATA / "documents.jsonl")
    gold, pred, report = tmp_path / "gold", tmp_path / "pred", tmp_path / "r.json"
    assert run_cli(capsys, "convert", "--from", "brat", str(DATA / "brat_quotes"), "--corpus", corpus, "--out", str(gold))[0] == 0
    assert run_cli(capsys, "convert", "--from", "labelstudio", str(DATA / "labelstudio_quotes.json"), "--corpus", corpus,
                   "--out", str(pred))[0] == 0
    code, _, err = run_cli(capsys, "score", "--gold", str(gold), "--corpus", corpus, "--pred", str(pred), "--bootstrap", "0",
                           "--json", str(report))
    assert code == 0, err
    tasks = json.loads(report.read_text())["tasks"]
    q, c = tasks["quotes"]["metrics"], tasks["claims"]["metrics"]
    assert (q["gold"], q["e2e.f1"], q["speaker.accuracy"], q["cue.accuracy"], q["type.accuracy"]) == (1, 1.0, 1.0, 1.0, 1.0)
    assert (c["gold"], c["span.f1"], c["status.accuracy"], c["claimant.accuracy"], c["checkworthy.f1"]) == (3, 1.0, 1.0, 1.0, 1.0)


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
    assert code == 2 and "refusing to write into annotation data newsgold did not write" in err
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
    assert "roles" not in meta["converted"]["options"]  # no quote and claim mapping in this format
    pred = tmp_path / "brat_pred"
    assert run_cli(capsys, "convert", "--from", "brat", str(DATA / "brat_quotes"), "--corpus", str(DATA / "documents.jsonl"),
                   "--role", "type=Kind", "--out", str(pred))[0] == 2  # (the fixture's attribute is Type)
    assert run_cli(capsys, "convert", "--from", "brat", str(DATA / "brat_quotes"), "--corpus", str(DATA / "documents.jsonl"),
                   "--out", str(pred))[0] == 0
    meta = json.loads((pred / "meta.json").read_text())
    assert meta["records"] == {"entities": 6, "quotes": 1, "claims": 3} and meta["converted"]["options"]["roles"]["quote"] == "Quote"
