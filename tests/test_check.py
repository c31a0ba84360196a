"""The CI quality gate: a worse prediction set fails naming the metric, an equal one passes, a
changed gold is refused, --update writes a new baseline and shows the diff."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from newsgold.benchmark import BenchmarkConfig, run
from newsgold.check import baseline_from_report, compare, failed
from newsgold.cli import main
from newsgold.errors import InputError
from newsgold.tasks.base import Settings


@pytest.fixture
def setup(tmp_path, tiny_corpus, tiny_gold):
    """A predictions folder equal to the gold, a benchmark report of it, and its baseline file."""
    pred = tmp_path / "pred"
    shutil.copytree(tiny_gold, pred)

    def bench(out: str) -> Path:
        cfg = BenchmarkConfig(corpus=tiny_corpus, gold=tiny_gold, out=tmp_path / out,
                              backends=[f"file:{pred}"], settings=Settings(bootstrap=100), plot=False)
        run(cfg)
        return cfg.out / "report.json"

    first = bench("first")
    baseline = tmp_path / "baselines.json"
    assert main(["check", "--report", str(first), "--baseline", str(baseline), "--update"]) == 0
    return {"pred": pred, "bench": bench, "baseline": baseline, "gold": tiny_gold}


def test_equal_report_passes(setup, capsys):
    again = setup["bench"]("again")
    capsys.readouterr()
    assert main(["check", "--report", str(again), "--baseline", str(setup["baseline"])]) == 0
    assert "OK: no metric dropped" in capsys.readouterr().out


def test_worse_predictions_fail_naming_the_metric(setup, capsys, write_jsonl):
    ents = [json.loads(x) for x in (setup["pred"] / "entities.jsonl").read_text().splitlines()]
    write_jsonl(setup["pred"] / "entities.jsonl", ents[1:])  # one entity fewer: recall drops
    worse = setup["bench"]("worse")
    capsys.readouterr()
    assert main(["check", "--report", str(worse), "--baseline", str(setup["baseline"])]) == 1
    out = capsys.readouterr().out
    assert "FAILED" in out and "entities/strict.recall" in out and "entities/strict.f1" in out
    assert "quotes/" not in out.split("FAILED")[1]  # quotes did not change


def test_improvement_suggests_update(setup, capsys):
    base = json.loads(setup["baseline"].read_text())
    name = next(iter(base["backends"]))
    base["backends"][name]["tasks"]["claims"]["span.f1"] = 0.5
    setup["baseline"].write_text(json.dumps(base))
    again = setup["bench"]("again")
    capsys.readouterr()
    assert main(["check", "--report", str(again), "--baseline", str(setup["baseline"])]) == 0
    out = capsys.readouterr().out
    assert "improved" in out and "newsgold check --update" in out


def test_changed_gold_is_refused(setup, capsys, write_jsonl):
    claims = [json.loads(x) for x in (setup["gold"] / "claims.jsonl").read_text().splitlines()]
    write_jsonl(setup["gold"] / "claims.jsonl", claims[:1])  # a different gold: new checksum
    other = setup["bench"]("other")
    capsys.readouterr()
    assert main(["check", "--report", str(other), "--baseline", str(setup["baseline"])]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "signature" in err[0] and "not comparable" in err[0]


def test_missing_backend_fails():
    report = {"signature": "s", "gold": {"sha256": "x"}, "backends": {"a": {
        "status": "ok", "signature": "s|a", "tasks": {"entities": {
            "headline": "strict.f1", "f1": 0.5, "precision": 0.5, "recall": 0.5}}}}}
    baseline = baseline_from_report(report)
    report["backends"]["a"] = {"status": "skipped", "reason": "not installed", "backend": {}}
    rows = compare(baseline, report, 0.01)
    assert failed(rows) and {r.verdict for r in rows} == {"missing"}


def test_changed_backend_signature_is_refused():
    report = {"signature": "s", "gold": {"sha256": "x"}, "backends": {"a": {
        "status": "ok", "signature": "s|a(1)", "tasks": {}}}}
    baseline = baseline_from_report(report)
    report["backends"]["a"]["signature"] = "s|a(2)"
    with pytest.raises(InputError, match="not comparable"):
        compare(baseline, report, 0.01)


def test_update_writes_atomically_and_shows_diff(setup, capsys):
    before = setup["baseline"].read_text()
    again = setup["bench"]("again")
    capsys.readouterr()
    assert main(["check", "--report", str(again), "--baseline", str(setup["baseline"]), "--update"]) == 0
    assert capsys.readouterr().out == "(no change)\n"
    assert setup["baseline"].read_text() == before
    assert not list(setup["baseline"].parent.glob("*.tmp*"))


def test_shipped_baseline_matches_the_signature_scheme():
    """eval/newsgold/baselines.json is keyed by the current signature scheme and holds the built-ins."""
    from newsgold.check import DEFAULT_BASELINE

    base = json.loads(DEFAULT_BASELINE.read_text())
    assert base["signature"].startswith("newsgold:") and "|ent:" in base["signature"]
    assert {"rules", "spacy"} <= set(base["backends"])
