"""The benchmark runner end to end, on the tiny corpus with external prediction folders (``file:``
backends, so no model is loaded): outputs, determinism, significance, CLI errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from newsgold.benchmark import BenchmarkConfig, backend_tag, run
from newsgold.cli import main
from newsgold.metrics import headline_prf
from newsgold.tasks.base import Settings


def worsen(gold: Path, out: Path, write_jsonl) -> Path:
    """A copy of the gold with one entity and the only quote removed."""
    shutil.copytree(gold, out)
    ents = [json.loads(x) for x in (gold / "entities.jsonl").read_text().splitlines()]
    write_jsonl(out / "entities.jsonl", ents[:-1])
    (out / "quotes.jsonl").write_text("")
    return out


def config(tmp_path: Path, corpus: Path, gold: Path, backends: list[str], out: str) -> BenchmarkConfig:
    return BenchmarkConfig(corpus=corpus, gold=gold, out=tmp_path / out, backends=backends,
                           settings=Settings(bootstrap=200), plot=False)


def test_benchmark_scores_ranks_and_writes_outputs(tmp_path, tiny_corpus, tiny_gold, write_jsonl):
    worse = worsen(tiny_gold, tmp_path / "worse", write_jsonl)
    cfg = config(tmp_path, tiny_corpus, tiny_gold, [f"file:{tiny_gold}", f"file:{worse}"], "run")
    cfg.plot = True
    report, times = run(cfg)
    perfect, weak = report["backends"][f"file:{tiny_gold}"], report["backends"][f"file:{worse}"]
    assert {t: v["f1"] for t, v in perfect["tasks"].items()} == {"entities": 1.0, "quotes": 1.0, "claims": 1.0}
    assert weak["tasks"]["entities"]["f1"] < 1.0
    assert weak["tasks"]["quotes"]["recall"] == 0.0
    assert report["significance"]["entities"]["a"] == f"file:{tiny_gold}"
    for name in ("report.json", "report.md", "timings.json", "scores.png"):
        assert (cfg.out / name).stat().st_size > 0
    assert (cfg.out / "scores.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert set(times) == set(report["backends"])
    md = (cfg.out / "report.md").read_text()
    assert "| file:" in md and "Significance" in md


def test_benchmark_report_is_byte_identical_for_the_same_inputs(tmp_path, tiny_corpus, tiny_gold, write_jsonl):
    worse = worsen(tiny_gold, tmp_path / "worse", write_jsonl)
    names = [f"file:{tiny_gold}", f"file:{worse}"]
    run(config(tmp_path, tiny_corpus, tiny_gold, names, "a"))
    run(config(tmp_path, tiny_corpus, tiny_gold, names, "b"))
    assert (tmp_path / "a" / "report.json").read_bytes() == (tmp_path / "b" / "report.json").read_bytes()


def test_signature_names_every_task_and_the_gold(tmp_path, tiny_corpus, tiny_gold):
    report, _ = run(config(tmp_path, tiny_corpus, tiny_gold, [f"file:{tiny_gold}"], "run"))
    sig = report["signature"]
    assert sig.startswith("newsgold:") and "|ent:" in sig and "|quote:" in sig and "|claim:" in sig
    assert f"gold:{report['gold']['sha256'][:12]}" in sig


def test_headline_prf_reads_both_naming_styles():
    assert headline_prf({"headline": "strict.f1", "metrics": {"strict.f1": 0.5, "strict.precision": 0.4,
                                                              "strict.recall": 0.6}}) == (0.4, 0.6, 0.5)
    assert headline_prf({"headline": "e2e.f1", "metrics": {"e2e.f1": 0.5, "e2e.precision": 1.0, "e2e.recall": 1 / 3}}) == (1.0, 1 / 3, 0.5)


def test_backend_tag():
    assert backend_tag({"name": "x", "model": "m", "model_version": "1"}) == "x(m-1)"


def test_cli_benchmark_prints_table(tmp_path, tiny_corpus, tiny_gold, capsys):
    rc = main(["benchmark", "--corpus", str(tiny_corpus), "--gold", str(tiny_gold), "--backends",
               f"file:{tiny_gold}", "--out", str(tmp_path / "run"), "--no-plot", "--bootstrap", "100"])
    out = capsys.readouterr().out
    assert rc == 0
    assert "strict.f1" in out and "e2e.f1" in out and "span.f1" in out and "1.000" in out


def test_cli_unknown_backend_is_one_line_exit_2(tmp_path, tiny_corpus, tiny_gold, capsys):
    rc = main(["benchmark", "--corpus", str(tiny_corpus), "--gold", str(tiny_gold), "--backends", "nosuch",
               "--out", str(tmp_path / "run"), "--no-plot"])
    err = capsys.readouterr().err.strip().splitlines()
    assert rc == 2 and len(err) == 1 and "unknown backend 'nosuch'" in err[0]
    assert not (tmp_path / "run" / "report.json").exists()


def test_benchmark_refuses_to_write_into_a_data_folder(tmp_path, tiny_corpus, tiny_gold, capsys):
    before = {p.name: p.read_bytes() for p in tiny_gold.iterdir()}
    rc = main(["benchmark", "--corpus", str(tiny_corpus), "--gold", str(tiny_gold), "--backends",
               f"file:{tiny_gold}", "--out", str(tiny_gold), "--no-plot"])
    err = capsys.readouterr().err.strip().splitlines()
    assert rc == 2 and len(err) == 1 and "refusing to write" in err[0]
    assert {p.name: p.read_bytes() for p in tiny_gold.iterdir()} == before


def test_benchmark_never_writes_inside_the_gold_or_leaves_half_a_run(tmp_path, tiny_corpus, tiny_gold, capsys):
    inside = tiny_gold / "schema"
    rc = main(["benchmark", "--corpus", str(tiny_corpus), "--gold", str(tiny_gold), "--backends",
               f"file:{tiny_gold}", "--out", str(inside), "--no-plot"])
    assert rc == 2 and "refusing to write into annotation data" in capsys.readouterr().err
    assert not inside.exists()
    # a later backend name that does not exist: nothing at all is written, no temp folder left
    out = tmp_path / "run"
    rc = main(["benchmark", "--corpus", str(tiny_corpus), "--gold", str(tiny_gold), "--backends",
               f"file:{tiny_gold},nosuch", "--out", str(out), "--no-plot"])
    assert rc == 2 and not out.exists() and "unknown backend 'nosuch'" in capsys.readouterr().err
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".run.")]
    # a missing external folder is an error, not a silently skipped backend
    rc = main(["benchmark", "--corpus", str(tiny_corpus), "--gold", str(tiny_gold), "--backends",
               f"file:{tmp_path / 'nope'}", "--out", str(out), "--no-plot"])
    err = capsys.readouterr().err.strip().splitlines()
    assert rc == 2 and len(err) == 1 and not out.exists()


def test_plot_is_drawn_lazily_only_when_the_report_changes(tmp_path, tiny_corpus, tiny_gold, write_jsonl, monkeypatch):
    """scores.png is a function of report.json: a rerun with a byte-identical report keeps the
    earlier plot instead of drawing it again; a changed report draws a new one."""
    import newsgold.plot

    cfg = config(tmp_path, tiny_corpus, tiny_gold, [f"file:{tiny_gold}"], "run")
    cfg.plot = True
    run(cfg)
    png = (tmp_path / "run" / "scores.png").read_bytes()
    drawn: list[str] = []
    real = newsgold.plot.plot_scores
    monkeypatch.setattr(newsgold.plot, "plot_scores", lambda report, path: (drawn.append(str(path)), real(report, path)))
    run(cfg)
    assert drawn == [] and (tmp_path / "run" / "scores.png").read_bytes() == png
    cfg.backends = [f"file:{tiny_gold}", f"file:{worsen(tiny_gold, tmp_path / 'worse', write_jsonl)}"]
    run(cfg)
    assert len(drawn) == 1 and (tmp_path / "run" / "scores.png").read_bytes() != png


def test_availability_checks_import_no_heavy_package():
    """Listing which backends can run imports neither spaCy nor textacy (nor what textacy pulls in)."""
    import subprocess
    import sys

    code = ("import sys\n"
            "from newsgold.backends import get_backend\n"
            "print([get_backend(n).available() for n in ('rules', 'spacy', 'textacy')])\n"
            "print(sorted(m for m in ('spacy', 'textacy', 'sklearn', 'pandas', 'matplotlib', 'scipy') if m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.splitlines()
    assert out == ["[None, None, None]", "[]"]


@pytest.mark.benchmark(group="benchmark-command")
def test_bench_benchmark_command_on_the_article(benchmark, tmp_path):
    """Target 4: the whole ``newsgold benchmark`` on the article (all three backends, 3 x 1000
    bootstrap resamples, significance tests, report files) after a first run, as a process.
    The first run (warm-up) draws the plot; the timed runs find the same report and keep it."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    argv = [sys.executable, "-m", "newsgold", "benchmark", "--out", str(tmp_path / "run")]
    benchmark.pedantic(lambda: subprocess.run(argv, cwd=root, check=True, capture_output=True),
                       rounds=3, iterations=1, warmup_rounds=1)
    report = json.loads((tmp_path / "run" / "report.json").read_text(encoding="utf-8"))
    assert all(b["status"] == "ok" for b in report["backends"].values())
