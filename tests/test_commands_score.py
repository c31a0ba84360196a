"""``newsgold score`` and ``newsgold compare`` end to end: exit codes, one-line errors, reports
written atomically and byte-identically, and the shipped gold scoring 1.0 against itself."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import LINE, TINY_RECORDS, run_cli, span_of, write_jsonl
from newsgold.cli import main
from newsgold.schema import ENTITY_LABELS

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tiny_corpus: Path, tiny_gold: Path) -> Path:
    """cwd = tmp project: corpus/documents.jsonl, gold/ (all tasks), pred/ (entities: one missed)."""
    monkeypatch.chdir(tmp_path)
    write_jsonl(tmp_path / "pred" / "entities.jsonl", TINY_RECORDS["entities"][:-1])
    return tmp_path


def score(capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str, str]:
    return run_cli(capsys, "score", "--gold", "gold", "--corpus", "corpus/documents.jsonl", *extra)


# ------------------------------------------------------------------------------------------------
def test_score_prints_and_writes_identical_reports(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = score(capsys, "--pred", "pred", "--json", "out/r.json", "--markdown", "out/r.md")
    assert (code, err) == (0, "note: pred has no quotes.jsonl: quotes not scored\n"
                              "note: pred has no claims.jsonl: claims not scored\n")
    assert "== entities: strict.f1 = 0.8889  [" in out  # 4 of 5 gold found, no false positive
    assert "1 error: MIS 1" in out or "1 error: FN 1" in out
    assert "quotes" not in out  # no quotes.jsonl in pred: not done, not scored
    first = (project / "out" / "r.json").read_bytes()
    report = json.loads(first)
    assert list(report["tasks"]) == ["entities"]
    assert report["tasks"]["entities"]["metrics"]["strict.recall"] == 0.8
    assert report["gold"]["path"] == "gold" and str(project) not in first.decode()
    assert (project / "out" / "r.md").read_text().startswith("## newsgold score")
    assert score(capsys, "--pred", "pred", "--json", "out/r.json")[0] == 0
    assert (project / "out" / "r.json").read_bytes() == first
    assert sorted(p.name for p in (project / "out").iterdir()) == [".newsgold-manifest.json", "r.errors.jsonl", "r.json", "r.md"]


def test_errors_stream_to_errors_jsonl_and_report_keeps_the_first_n(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """report.json lists the first --errors N per task; every error item is in errors.jsonl beside
    it, so the report's size does not grow with the number of errors."""
    rows = [dict(r, label="ORG" if r["label"] != "ORG" else "GPE") for r in TINY_RECORDS["entities"]]
    write_jsonl(project / "pred" / "entities.jsonl", rows)  # every entity mistyped: 5 INC errors
    assert score(capsys, "--pred", "pred", "--json", "out/report.json", "--errors", "2")[0] == 0
    report = json.loads((project / "out" / "report.json").read_text(encoding="utf-8"))
    result = report["tasks"]["entities"]
    lines = (project / "out" / "errors.jsonl").read_text(encoding="utf-8").splitlines()
    listed = [json.loads(line) for line in lines]
    assert result["n_errors"] == len(listed) == 5 and result["error_kinds"] == {"INC": 5}
    assert result["errors"] == listed[:2]
    assert all(e["task"] == "entities" and e["kind"] == "INC" and "«" in e["context"] for e in listed)
    _, out, _ = score(capsys, "--pred", "pred", "--errors", "2")
    assert "5 errors: INC 5 (first 2 shown)" in out
    assert score(capsys, "--pred", "pred", "--json", "out/report.json", "--errors", "0")[0] == 0
    assert json.loads((project / "out" / "report.json").read_text(encoding="utf-8"))["tasks"]["entities"]["errors"] == []
    assert len((project / "out" / "errors.jsonl").read_text(encoding="utf-8").splitlines()) == 5


def test_seed_and_bootstrap_change_the_signature(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = score(capsys, "--pred", "pred", "--seed", "7", "--bootstrap", "0", "--unit", "document")
    assert out.splitlines()[0].endswith("|unit:document|ci:none|seed:7")


def test_bad_prediction_file_is_one_line_exit_2(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "pred" / "entities.jsonl").write_text('{"doc_id": "tiny"\n')
    code, out, err = score(capsys, "--pred", "pred")
    assert code == 2 and out == ""
    lines = err.splitlines()
    assert len(lines) == 1 and LINE.match(lines[0]) and lines[0].startswith("pred/entities.jsonl:1: json:")


def test_prediction_with_bad_offsets_is_exit_2(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [dict(TINY_RECORDS["entities"][0], end=3)]
    write_jsonl(project / "pred" / "entities.jsonl", rows)
    code, _, err = score(capsys, "--pred", "pred")
    assert code == 2 and err and all(LINE.match(line) for line in err.splitlines())


@pytest.mark.parametrize("setup, expected", [
    ("missing", "nope:0: folder: does not exist (relative to {project})"),
    ("empty", "empty:0: folder: nothing to score: none of entities.jsonl, quotes.jsonl, claims.jsonl"),
])
def test_unusable_prediction_folder(project: Path, capsys: pytest.CaptureFixture[str], setup: str, expected: str) -> None:
    (project / "empty").mkdir()
    code, _, err = score(capsys, "--pred", "nope" if setup == "missing" else "empty")
    assert (code, err) == (2, expected.format(project=project) + "\n")


def test_empty_prediction_file_scores_zero(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "pred" / "entities.jsonl").write_text("")
    code, out, _ = score(capsys, "--pred", "pred", "--json", "r.json")
    assert code == 0
    assert json.loads((project / "r.json").read_text())["tasks"]["entities"]["metrics"]["strict.f1"] == 0.0


def test_label_map(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = score(capsys, "--pred", "pred", "--label-map", "klingon")
    assert code == 2 and err.startswith("klingon:0: label_map: no such file and no shipped map")
    code, out, _ = score(capsys, "--pred", "pred", "--label-map", "conll")
    assert code == 0 and "ent:strict,exact,partial,type,map:conll|" in out.splitlines()[0]


def test_tasks_option_restricts(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(project / "gold", project / "all")
    code, out, _ = score(capsys, "--pred", "all", "--tasks", "entities", "--json", "r.json")
    assert code == 0 and list(json.loads((project / "r.json").read_text())["tasks"]) == ["entities"]


@pytest.mark.parametrize("words", [["claims,entities"], ["claims", "entities"], ["claims,", "entities"],
                                   ["claims entities"], ["claims", "--tasks", "entities"]])
def test_tasks_take_commas_and_spaces(project: Path, capsys: pytest.CaptureFixture[str], words: list[str]) -> None:
    shutil.copytree(project / "gold", project / "all")
    code, out, err = score(capsys, "--pred", "all", "--tasks", *words, "--json", "r.json")
    assert code == 0 and list(json.loads((project / "r.json").read_text())["tasks"]) == ["claims", "entities"]


@pytest.mark.parametrize("words, message", [(["claims,bogus"], "invalid choice: 'bogus'"),
                                            (["claims", "claims"], "task 'claims' named twice"),
                                            ([","], "invalid choice: ','")])
def test_bad_tasks_are_one_line(project: Path, capsys: pytest.CaptureFixture[str], words: list[str],
                                message: str) -> None:
    with pytest.raises(SystemExit) as e:
        score(capsys, "--pred", "pred", "--tasks", *words)
    err = capsys.readouterr().err
    assert e.value.code == 2 and message in err.splitlines()[0] and "Traceback" not in err


def test_bad_option_value_is_usage_error(project: Path) -> None:
    with pytest.raises(SystemExit) as e:
        main(["score", "--pred", "pred", "--confidence", "1.5"])
    assert e.value.code == 2


def test_compare_identical_and_different(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "compare", "--gold", "gold", "--json", "c.json", "--markdown", "c.md",
                             "--resamples", "200", "gold", "gold")
    assert (code, err) == (0, "")
    result = json.loads((project / "c.json").read_text())
    assert set(result["tasks"]) == {"entities", "quotes", "claims"}
    for r in result["tasks"].values():
        assert r["delta"] == 0 and r["p_bootstrap"] == 1.0 and r["p_randomization"] == 1.0
    assert "| entities |" in (project / "c.md").read_text()
    code, out, _ = run_cli(capsys, "compare", "--gold", "gold", "pred", "gold")
    assert code == 0 and "quotes: skipped (only in B)" in out and "claims: skipped (only in B)" in out
    assert re.search(r"entities\s+strict\.f1\s+0\.8889\s+1\.0000\s+\+0\.1111", out)


def test_compare_system_with_itself_per_document(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "compare", "--gold", "gold", "--unit", "document", "pred", "pred")
    assert code == 0
    assert re.search(r"entities\s+strict\.f1\s+0\.8889\s+0\.8889\s+\+0\.0000\s+\[\+0\.0000, \+0\.0000\]"
                     r"\s+1\.0000\s+1\.0000\s+1$", out, flags=re.M), out


def test_command_modules_import_fast() -> None:
    code = ("import sys, newsgold.commands.score, newsgold.commands.compare; "
            "heavy = [m for m in ('numpy', 'scipy', 'sklearn', 'spacy') if m in sys.modules]; "
            "assert not heavy, heavy")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


# ------------------------------------------------------------------------------------------------
# the shipped gold against itself
# ------------------------------------------------------------------------------------------------
def test_gold_against_itself_scores_one_everywhere(tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("newsgold")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "newsgold"]
    out_json = tmp_path / "self.json"
    proc = subprocess.run(cmd + ["score", "--gold", "annotations", "--pred", "annotations", "--json", str(out_json)],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    report = json.loads(out_json.read_text())
    assert sorted(report["tasks"]) == ["claims", "entities", "quotes"]
    heads = re.findall(r"^== (\w+): (\S+) = (\S+)  \[(\S+), (\S+)\]", proc.stdout, flags=re.M)
    assert [h[0] for h in heads] == ["entities", "quotes", "claims"]
    for name, metric, value, lo, hi in heads:
        assert (value, lo, hi) == ("1.0000", "1.0000", "1.0000"), name
        result = report["tasks"][name]
        assert result["headline"] == metric
        assert result["metrics"][metric] == 1.0 and result["ci"][metric] == [1.0, 1.0]
        assert result["n_errors"] == 0 and result["errors"] == []
        if result["confusion"]:
            m = result["confusion"]["matrix"]
            assert all(m[i][j] == 0 for i in range(len(m)) for j in range(len(m)) if i != j)


# ------------------------------------------------------------------------------------------------
# predictions from another tool: lenient, labels after the map, --min-overlap (issue 11)
# ------------------------------------------------------------------------------------------------
CONLL = {"PERSON": "PER", "GPE": "LOC", "ORG": "ORG", "NORP": "MISC"}


@pytest.fixture
def conll_pred(tmp_path: Path, tiny_gold: Path) -> Path:
    """The tiny gold's entities as a CoNLL-labelled model would give them: minimal, with a score."""
    rows = [{"doc_id": r["doc_id"], "start": r["start"], "end": r["end"], "label": CONLL.get(r["label"], r["label"]),
             "score": 0.99} for r in TINY_RECORDS["entities"] if r["label"] != "DATE"]
    return write_jsonl(tmp_path / "conll_pred" / "entities.jsonl", rows).parent


def test_issue_example_scores_with_the_conll_map(conll_pred: Path, tiny_corpus: Path, tiny_gold: Path, capsys) -> None:
    args = ("score", "--gold", str(tiny_gold), "--corpus", str(tiny_corpus), "--pred", str(conll_pred), "--bootstrap", "0")
    code, out, err = run_cli(capsys, *args)
    assert code == 2 and all(LINE.match(x) for x in err.splitlines())
    assert err.splitlines()[0].endswith(f"label: unknown label 'PER' (expected one of {', '.join(ENTITY_LABELS)})")
    code, out, err = run_cli(capsys, *args, "--label-map", "conll")
    assert code == 0
    assert err.splitlines() == [
        f"note: {conll_pred / 'entities.jsonl'}: ignored fields the scorer does not use: score (4 of 4 records)",
        f"note: {conll_pred} has no quotes.jsonl: quotes not scored", f"note: {conll_pred} has no claims.jsonl: claims not scored"]
    assert "== entities: strict.f1 = 1.0000" in out


def test_validate_predictions_with_a_label_map(conll_pred: Path, tiny_corpus: Path, capsys) -> None:
    code, out, err = run_cli(capsys, "validate", "--corpus", str(tiny_corpus), "--annotations", str(conll_pred),
                             "--predictions", "--label-map", "conll")
    assert code == 0 and out.strip().endswith("4 entities, no quotes file, no claims file in 1 document: ok")
    assert err.count("\n") == 1 and "ignored fields the scorer does not use: score" in err
    code, _, err = run_cli(capsys, "validate", "--corpus", str(tiny_corpus), "--annotations", str(conll_pred), "--predictions")
    assert code == 2 and "unknown label 'PER'" in err


def test_min_overlap_in_signature_and_scores(tmp_path: Path, tiny_corpus: Path, tiny_gold: Path, capsys) -> None:
    kerry = span_of("Kerry")
    write_jsonl(tmp_path / "p" / "entities.jsonl",
                [{"doc_id": "tiny", "start": kerry["start"], "end": kerry["start"] + 2, "label": "PERSON"}])
    base = ("score", "--gold", str(tiny_gold), "--corpus", str(tiny_corpus), "--pred", str(tmp_path / "p"),
            "--bootstrap", "0", "--json")
    assert run_cli(capsys, *base, str(tmp_path / "a.json"))[0] == 0
    assert run_cli(capsys, *base, str(tmp_path / "b.json"), "--min-overlap", "0.5")[0] == 0
    a, b = (json.loads((tmp_path / f"{x}.json").read_text()) for x in "ab")
    assert a["tasks"]["entities"]["metrics"]["partial.PAR"] == 1.0  # 2 of 5 characters: one shared is enough
    assert b["tasks"]["entities"]["metrics"]["partial.PAR"] == 0.0  # 40% < 50%: no pair, SPU + MIS
    assert b["tasks"]["entities"]["metrics"]["partial.SPU"] == 1.0
    assert "ent:strict,exact,partial,type|" in a["signature"] and "ent:strict,exact,partial,type,minovl0.5|" in b["signature"]
    assert b["settings"]["min_overlap"] == 0.5
    with pytest.raises(SystemExit):
        run_cli(capsys, *base, str(tmp_path / "c.json"), "--min-overlap", "1.5")
