"""The CI quality gate: a worse prediction set fails naming the metric, an equal one passes, a
changed gold is refused, --update writes a new baseline and shows the diff."""

from __future__ import annotations

import hashlib
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


# ------------------------------------------------------------------------------------------------
# an honest gate: bad baselines and reports are bad input, --update never loses a figure silently
# ------------------------------------------------------------------------------------------------
def _report(figures: dict[str, float], signature: str = "s") -> dict:
    """A benchmark report.json with one task (entities) per backend, its three figures = the value."""
    return {"signature": signature, "gold": {"sha256": "x"}, "backends": {name: {
        "status": "ok", "signature": f"{signature}|{name}", "tasks": {"entities": {
            "headline": "strict.f1", "f1": v, "precision": v, "recall": v, "ci": None}}}
        for name, v in figures.items()}}


def _write(path: Path, obj) -> Path:
    path.write_text(obj if isinstance(obj, str) else json.dumps(obj))
    return path


def _check(capsys, sandbox: Path, *argv: str) -> tuple[int, str, list[str]]:
    from conftest import run_cli, tree_sums

    data = {k: v for k, v in tree_sums(sandbox).items() if not k.startswith("mine/base")}
    code, out, err = run_cli(capsys, "check", *argv)
    assert {k: v for k, v in tree_sums(sandbox).items() if not k.startswith("mine/base")} == data
    assert "Traceback" not in err
    return code, out, err.splitlines()


@pytest.mark.parametrize("text,line", [
    ('{"signature": "s", "backends": {"rules": {"signature": "s|rules", "tasks": {"entities": {"strict.f1": NaN}}}}}',
     "mine/base.json:0: json: invalid JSON: NaN is not a JSON number"),
    ('{"signature": "s", "backends": {"rules": {"signature": "s|rules", "tasks": {"entities": {"strict.f1": 1e999}}}}}',
     "mine/base.json:0: json: invalid JSON: number 1e999 is too large for a float"),
    ('{"signature": "s", "backends": {"rules": {"signature": "s|rules", "tasks": {"entities": {"strict.f1": "high"}}}}}',
     "mine/base.json:0: backends.rules.tasks.entities.strict.f1: expected a number in [0, 1], got string 'high'"),
    ('{"signature": "s", "backends": {"rules": {"signature": "s|rules", "tasks": {"entities": {"strict.f1": 1.5}}}}}',
     "mine/base.json:0: backends.rules.tasks.entities.strict.f1: expected a number in [0, 1], got number 1.5"),
    ('{"signature": "s", "backends": {"rules": {"tasks": {"entities": {"strict.f1": 0.5}}}}}',
     "mine/base.json:0: backends.rules.signature: missing: the signature the figures were computed under"),
    ('{"signature": "s", "backends": {"rules": {"signature": "s|rules", "tasks": ["entities"]}}}',
     "mine/base.json:0: backends.rules.tasks: expected an object of tasks, got array"),
    ('{"signature": "s", "backends": {"rules": {"signature": "s|rules", "tasks": {"entities": {"strict.f1": true}}}}}',
     "mine/base.json:0: backends.rules.tasks.entities.strict.f1: expected a number in [0, 1], got boolean true"),
    ("[" * 100_000, "mine/base.json:0: json: invalid JSON: nested too deeply to read"),
])
def test_a_bad_baseline_is_one_line_never_a_pass(text, line, sandbox, capsys):
    _write(sandbox / "mine" / "report.json", _report({"rules": 0.5}))
    _write(sandbox / "mine" / "base.json", text)
    code, _, err = _check(capsys, sandbox, "--report", "mine/report.json", "--baseline", "mine/base.json")
    assert (code, err[0]) == (2, line)


@pytest.mark.parametrize("mutate,line", [
    (lambda r: r["backends"]["rules"]["tasks"]["entities"].update(f1="0.5"),
     "backends.rules.tasks.entities.f1: expected a number in [0, 1], got string '0.5'"),
    (lambda r: r["backends"]["rules"].pop("signature"),
     "backends.rules.signature: missing: the signature the figures were computed under"),
    (lambda r: r["backends"]["rules"].update(status="done"),
     "backends.rules.status: expected 'ok' or 'skipped', got string 'done'"),
    (lambda r: r["backends"]["rules"]["tasks"]["entities"].update(ci=[0.1, "x"]),
     "backends.rules.tasks.entities.ci: expected null or [low, high] in [0, 1], got array"),
    (lambda r: r["backends"]["rules"]["tasks"]["entities"].update(result={"metrics": {"strict.f1": float("inf")}}),
     "json: invalid JSON: number 1e999 is too large for a float"),
])
def test_a_bad_report_is_one_line_never_a_pass(mutate, line, sandbox, capsys):
    report = _report({"rules": 0.5})
    _write(sandbox / "mine" / "base.json", baseline_from_report(report))
    mutate(report)
    (sandbox / "mine" / "report.json").write_text(json.dumps(report).replace("Infinity", "1e999"))
    code, _, err = _check(capsys, sandbox, "--report", "mine/report.json", "--baseline", "mine/base.json")
    assert (code, err[0]) == (2, f"mine/report.json:0: {line}")


def test_a_non_finite_figure_built_in_python_is_refused_too():
    from newsgold.check import report_problems

    report = _report({"rules": 0.5})
    report["backends"]["rules"]["tasks"]["entities"]["result"] = {"metrics": {"strict.f1": float("nan")}}
    assert [str(p) for p in report_problems(report, "r")] == [
        "r:0: backends.rules.tasks.entities.result.metrics.strict.f1: not a finite number (NaN and Infinity are "
        "not valid figures)"]
    report["backends"]["rules"]["tasks"]["entities"]["f1"] = float("nan")
    with pytest.raises(InputError, match="f1: expected a number in"):
        baseline_from_report(report)


def test_update_keeps_the_backends_that_did_not_run(sandbox, capsys):
    base = _write(sandbox / "mine" / "base.json", baseline_from_report(_report({"rules": 0.5, "spacy": 0.7})))
    _write(sandbox / "mine" / "report.json", _report({"rules": 0.6}))  # spacy did not run
    code, out, err = _check(capsys, sandbox, "--report", "mine/report.json", "--baseline", "mine/base.json", "--update")
    assert (code, err) == (0, [])
    assert out.splitlines()[0] == "kept spacy: it did not run; its baseline stays"
    new = json.loads(base.read_text())
    assert new["backends"]["spacy"]["tasks"]["entities"]["strict.f1"] == 0.7
    assert new["backends"]["rules"]["tasks"]["entities"]["strict.f1"] == 0.6


def test_update_lowers_a_figure_only_with_allow_drop(sandbox, capsys):
    base = _write(sandbox / "mine" / "base.json", baseline_from_report(_report({"rules": 0.5, "spacy": 0.7})))
    before = base.read_bytes()
    _write(sandbox / "mine" / "report.json", _report({"rules": 0.4, "spacy": 0.7}))
    argv = ["--report", "mine/report.json", "--baseline", "mine/base.json", "--update"]
    code, out, err = _check(capsys, sandbox, *argv)
    assert (code, out) == (1, "")
    assert err == [
        "mine/base.json:0: backends.rules.tasks.entities.strict.f1: would drop from 0.5000 to 0.4000; pass --allow-drop "
        "to lower the baseline",
        "mine/base.json:0: backends.rules.tasks.entities.strict.precision: would drop from 0.5000 to 0.4000; pass "
        "--allow-drop to lower the baseline",
        "mine/base.json:0: backends.rules.tasks.entities.strict.recall: would drop from 0.5000 to 0.4000; pass "
        "--allow-drop to lower the baseline",
        "newsgold check: mine/base.json not updated: 3 figure(s) would drop"]
    assert base.read_bytes() == before
    code, out, err = _check(capsys, sandbox, *argv, "--allow-drop")
    assert (code, err) == (0, [])
    assert out.splitlines()[:3] == [f"lowered backends.rules.tasks.entities.strict.{m}: 0.5000 -> 0.4000"
                                    for m in ("f1", "precision", "recall")]
    assert json.loads(base.read_text())["backends"]["rules"]["tasks"]["entities"]["strict.f1"] == 0.4


def test_update_under_a_new_signature_drops_the_old_backends_only_when_allowed(sandbox, capsys):
    base = _write(sandbox / "mine" / "base.json", baseline_from_report(_report({"rules": 0.5, "spacy": 0.7})))
    before = base.read_bytes()
    _write(sandbox / "mine" / "report.json", _report({"rules": 0.6}, signature="other"))
    argv = ["--report", "mine/report.json", "--baseline", "mine/base.json", "--update"]
    code, _, err = _check(capsys, sandbox, *argv)
    assert (code, err[0]) == (1, "mine/base.json:0: backends.spacy.tasks.entities.strict.f1: would be removed (was "
                                 "0.7000): the backend or task is not in this report; pass --allow-drop to lower "
                                 "the baseline")
    assert base.read_bytes() == before
    assert _check(capsys, sandbox, *argv, "--allow-drop")[0] == 0
    assert list(json.loads(base.read_text())["backends"]) == ["rules"]


def test_update_never_overwrites_a_file_that_is_not_a_baseline(sandbox, capsys):
    _write(sandbox / "mine" / "report.json", _report({"rules": 0.6}))
    code, _, err = _check(capsys, sandbox, "--report", "mine/report.json", "--baseline", "mine/thesis.tex", "--update")
    assert (code, err[0]) == (2, "mine/thesis.tex:1: json: invalid JSON: Expecting value (column 1)")


def test_update_never_loses_an_edit_made_to_the_baseline_meanwhile(sandbox, capsys, monkeypatch):
    """--update rewrites the baseline in place (no manifest: it is the project's file), but only if
    it still holds the bytes it read: an edit made while the figures were merged stops it."""
    import newsgold.check

    base = _write(sandbox / "mine" / "base.json", baseline_from_report(_report({"rules": 0.5})))
    read = base.read_bytes()
    _write(sandbox / "mine" / "report.json", _report({"rules": 0.6}))
    merge = newsgold.check.merge_baseline

    def merge_while_the_user_edits(*args, **kwargs):
        base.write_text(base.read_text().replace("0.5", "0.55"))  # e.g. a hand edit in an editor
        return merge(*args, **kwargs)

    monkeypatch.setattr(newsgold.check, "merge_baseline", merge_while_the_user_edits)
    edited = base.read_bytes().replace(b"0.5", b"0.55")
    code, out, err = _check(capsys, sandbox, "--report", "mine/report.json", "--baseline", "mine/base.json", "--update")
    assert (code, out, err) == (2, "", [
        f"mine/base.json:0: baseline: changed while newsgold was updating it (sha256 {hashlib.sha256(read).hexdigest()[:12]} "
        f"read, now {hashlib.sha256(edited).hexdigest()[:12]}): nothing written; run the command again"])
    assert base.read_bytes() == edited and not list(base.parent.glob(".*"))
    monkeypatch.setattr(newsgold.check, "merge_baseline", merge)
    assert _check(capsys, sandbox, "--report", "mine/report.json", "--baseline", "mine/base.json", "--update")[0] == 0
    assert json.loads(base.read_text())["backends"]["rules"]["tasks"]["entities"]["strict.f1"] == 0.6
    assert not (base.parent / ".newsgold-manifest.json").exists()
