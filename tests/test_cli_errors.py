"""Bad command-line input: one line (argparse's usage error, or ``path:line: field: message``),
exit status 2, no traceback, nothing written -- for the cases a review found."""

from __future__ import annotations

import json

import pytest

from conftest import run_cli


@pytest.mark.parametrize("argv", [
    ["score", "--pred", "x", "--seed", "-1"],
    ["benchmark", "--seed", "-3"],
    ["check", "--tolerance", "nan"],
    ["check", "--tolerance", "-0.1"],
    ["extract", "--backend", "spacy", "--out", "x", "--n-process", "0"],
    ["benchmark", "--n-process", "0"],
])
def test_bad_option_values_are_usage_errors(argv, capsys):
    with pytest.raises(SystemExit) as e:
        run_cli(capsys, *argv)
    err = capsys.readouterr().err
    assert e.value.code == 2 and "error: argument" in err and "Traceback" not in err


def test_unwritable_output_is_one_line(tmp_path, tiny_corpus, tiny_gold, capsys):
    (tmp_path / "adir").mkdir()
    code, _, err = run_cli(capsys, "score", "--gold", str(tiny_gold), "--corpus", str(tiny_corpus),
                           "--pred", str(tiny_gold), "--json", str(tmp_path / "adir"), "--bootstrap", "0")
    assert code == 2 and len(err.strip().splitlines()) == 1 and err.startswith(str(tmp_path / "adir"))


def test_check_refuses_a_report_that_is_not_a_benchmark(tmp_path, capsys):
    bad = tmp_path / "r.json"
    bad.write_text(json.dumps({"tasks": {}}))
    base = tmp_path / "b.json"
    base.write_text(json.dumps({"signature": "s", "backends": {}}))
    code, _, err = run_cli(capsys, "check", "--report", str(bad), "--baseline", str(base))
    assert code == 2 and err.strip() == (f"{bad}:0: backends: not a newsgold benchmark report.json "
                                         "(needs signature, gold and backends: run 'newsgold benchmark')")


def test_extract_never_writes_inside_the_corpus_folder(tiny_corpus, capsys):
    out = tiny_corpus.parent / "preds"
    code, _, err = run_cli(capsys, "extract", "--backend", "rules", "--corpus", str(tiny_corpus), "--out", str(out))
    assert code == 2 and "refusing to write into the gold or the corpus" in err and not out.exists()


def test_label_map_target_may_not_clash_with_score_names(tmp_path, tiny_corpus, tiny_gold, capsys):
    m = tmp_path / "map.json"
    m.write_text(json.dumps({"PERSON": "macro", "GPE": "a.b"}))
    code, _, err = run_cli(capsys, "score", "--gold", str(tiny_gold), "--corpus", str(tiny_corpus),
                           "--pred", str(tiny_gold), "--label-map", str(m), "--bootstrap", "0")
    assert code == 2 and len(err.strip().splitlines()) == 2 and "reserved" in err


def test_validate_a_corpus_alone_outside_a_checkout(tmp_path, monkeypatch, tiny_corpus, capsys):
    monkeypatch.chdir(tmp_path / "corpus")  # no ./annotations here
    code, out, err = run_cli(capsys, "validate", "--corpus", "documents.jsonl")
    assert code == 0 and out.strip() == "documents.jsonl: 1 document: ok (no annotation folder given)", err
