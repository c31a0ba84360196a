"""Speed of the whole ``newsgold score`` command, side by side with its peers on the same files.

Issue 14's targets, as pytest-benchmark benchmarks (marked ``benchmark``: not in the default run)::

    python -m pytest -m benchmark --benchmark-enable tests/test_bench_score.py

Every command runs as its own process on the same seeded JSONL workload (written here, not
committed: :func:`helpers_workload.write_workload`, 10,000 documents, 200,000 gold entities,
20,000 quotes, 20,000 claims), so loading, validation and report writing are measured, and each
process's peak memory is read from ``os.wait4``. The peers are plain scripts in ``tests/peers/``:
nervaluate 1.2.1 (``nervaluate_score.py``), seqeval 1.2.2 on IOB2 tags per word
(``seqeval_score.py``) and the floor, orjson parse + set-intersection exact count
(``floor_score.py``). A peer timed against newsgold runs interleaved with it (pedantic
``setup``), round by round, so a busy machine slows both alike. Figures go to
``benchmark.extra_info``; nothing asserts a wall-clock time. The counts are asserted equal.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest

from helpers_workload import Workload, write_workload

PEERS = Path(__file__).resolve().parent / "peers"
NERVALUATE = {"strict": "strict", "exact": "exact", "partial": "partial", "type": "ent_type"}
KINDS = {"COR": "correct", "INC": "incorrect", "PAR": "partial", "MIS": "missed", "SPU": "spurious"}


# Runs argv[1:] and prints its wall seconds, peak RSS (KiB) and exit code. Why a small launcher
# process: Linux counts the memory of the process a child was forked from into the child's
# ru_maxrss, and this pytest process is large; forked from the launcher, the figure is the command's.
LAUNCHER = ("import os, subprocess, sys, time\n"
            "t = time.perf_counter()\n"
            "p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)\n"
            "_, status, usage = os.wait4(p.pid, 0)\n"
            "print(time.perf_counter() - t, usage.ru_maxrss, os.waitstatus_to_exitcode(status))\n")


def run(argv: list[str]) -> tuple[float, float]:
    """Run one command to completion: (wall seconds, peak resident memory in MiB)."""
    with tempfile.TemporaryFile() as err:
        done = subprocess.run([sys.executable, "-c", LAUNCHER, *argv], stdout=subprocess.PIPE, stderr=err, text=True)
        err.seek(0)
        seconds, kib, code = done.stdout.split()
        assert done.returncode == 0 and code == "0", err.read().decode("utf-8", "replace")[-2000:]
    return float(seconds), int(kib) / 1024


def score_cmd(w: Workload, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "newsgold", "score", "--corpus", str(w.corpus), "--gold", str(w.gold),
            "--pred", str(w.pred), "--json", str(out / "report.json"), *extra]


def peer_cmd(script: str, w: Workload, out: Path) -> list[str]:
    return [sys.executable, str(PEERS / script), str(w.corpus), str(w.gold), str(w.pred), str(out / f"{script}.json")]


@pytest.fixture(scope="module")
def workload(tmp_path_factory: pytest.TempPathFactory) -> Workload:
    return write_workload(tmp_path_factory.mktemp("workload"), n_docs=10_000)


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("out")


def timed_side_by_side(benchmark: Any, ours: list[str], peers: dict[str, list[str]], rounds: int = 3) -> dict[str, Any]:
    """Benchmark ``ours``; before each round run every peer once (interleaved). Returns the
    figures: best seconds and peak MiB per command, and the peers' time over ours."""
    times: dict[str, list[tuple[float, float]]] = {"newsgold": [], **{name: [] for name in peers}}

    def setup() -> None:
        for name, argv in peers.items():
            times[name].append(run(argv))

    benchmark.pedantic(lambda: times["newsgold"].append(run(ours)), setup=setup, rounds=rounds, iterations=1)
    info: dict[str, Any] = {}
    for name, runs in times.items():
        info[f"{name}_seconds"] = round(min(s for s, _ in runs), 3)
        info[f"{name}_peak_mib"] = round(max(m for _, m in runs), 1)
    for name in peers:
        info[f"{name}_over_newsgold"] = round(info[f"{name}_seconds"] / info["newsgold_seconds"], 2)
    return info


@pytest.mark.benchmark(group="score-10k-docs")
def test_bench_score_entities_vs_nervaluate_script(benchmark: Any, workload: Workload, out: Path) -> None:
    """Target 1: ``newsgold score --tasks entities --bootstrap 0`` >= 2x faster than the nervaluate
    script on the same JSONL, peak memory no higher; its ratio to the floor."""
    assert workload.gold_counts["entities"] == 200_000
    info = timed_side_by_side(
        benchmark, score_cmd(workload, out, "--tasks", "entities", "--bootstrap", "0"),
        {"nervaluate": peer_cmd("nervaluate_score.py", workload, out), "floor": peer_cmd("floor_score.py", workload, out)})
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))["tasks"]["entities"]["metrics"]
    theirs = json.loads((out / "nervaluate_score.py.json").read_text(encoding="utf-8"))
    for scheme, nv in NERVALUATE.items():  # the same counts as nervaluate on every scheme
        for kind, field in KINDS.items():
            assert report[f"{scheme}.{kind}"] == theirs[nv][field], (scheme, kind)
    floor = json.loads((out / "floor_score.py.json").read_text(encoding="utf-8"))
    assert floor["tp"] == report["strict.COR"] and floor["gold"] == report["strict.possible"]
    info["newsgold_over_floor"] = round(info["newsgold_seconds"] / info["floor_seconds"], 2)
    benchmark.extra_info.update(documents=workload.documents, gold_entities=workload.gold_counts["entities"],
                                predicted_entities=workload.pred_counts["entities"], **info)


@pytest.mark.benchmark(group="score-10k-docs")
def test_bench_score_all_tasks_bootstrap_1000_vs_nervaluate_entities(benchmark: Any, workload: Workload, out: Path) -> None:
    """Target 1b: all three tasks with 1,000 bootstrap resamples no slower than the nervaluate
    script on entities alone. Also: report.json stays small (the error listing is in errors.jsonl)."""
    info = timed_side_by_side(benchmark, score_cmd(workload, out, "--bootstrap", "1000"),
                              {"nervaluate": peer_cmd("nervaluate_score.py", workload, out)})
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert sorted(report["tasks"]) == ["claims", "entities", "quotes"]
    n_errors = sum(t["n_errors"] for t in report["tasks"].values())
    with open(out / "errors.jsonl", "rb") as f:
        assert sum(1 for _ in f) == n_errors > 100_000
    benchmark.extra_info.update(
        documents=workload.documents, gold=workload.gold_counts, predicted=workload.pred_counts,
        report_json_bytes=(out / "report.json").stat().st_size, errors_jsonl_bytes=(out / "errors.jsonl").stat().st_size,
        error_items=n_errors, **info)


@pytest.mark.benchmark(group="score-10k-docs")
def test_bench_score_rerun_checks_the_files_it_replaces(benchmark: Any, workload: Workload,
                                                        tmp_path_factory: pytest.TempPathFactory) -> None:
    """What the manifest checksums cost: ``score --tasks entities --bootstrap 0 --json`` re-run over
    its own earlier output (report.json and a 29 MB errors.jsonl, each read and hashed right before
    it is replaced; the check before the work compares sizes) vs the same command into a new folder
    (nothing to check), interleaved round by round. Both hash what they write as they write it."""
    again = tmp_path_factory.mktemp("again")
    fresh = tmp_path_factory.mktemp("fresh")
    args = ("--tasks", "entities", "--bootstrap", "0")
    run(score_cmd(workload, again, *args))  # the earlier output
    times: dict[str, list[float]] = {"rerun": [], "new_folder": []}

    def setup() -> None:
        times["new_folder"].append(run(score_cmd(workload, fresh / str(len(times["new_folder"])), *args))[0])

    benchmark.pedantic(lambda: times["rerun"].append(run(score_cmd(workload, again, *args))[0]), setup=setup,
                       rounds=7, iterations=1)
    listed = json.loads((again / ".newsgold-manifest.json").read_text(encoding="utf-8"))["files"]
    assert sorted(listed) == ["errors.jsonl", "report.json"]
    best = {k: min(v) for k, v in times.items()}
    benchmark.extra_info.update(rerun_seconds=round(best["rerun"], 3), new_folder_seconds=round(best["new_folder"], 3),
                                rerun_minus_new_folder_ms=round(1000 * (best["rerun"] - best["new_folder"]), 1),
                                checked_bytes=sum(e["bytes"] for e in listed.values()))


@pytest.mark.benchmark(group="score-10k-docs")
def test_bench_seqeval_token_view(benchmark: Any, workload: Workload, out: Path) -> None:
    """seqeval on the same spans as IOB2 tags per word: its strict micro P/R/F1 equal newsgold's
    strict ones (whole-word, flat spans), for the README's side-by-side table."""
    runs: list[tuple[float, float]] = []
    benchmark.pedantic(lambda: runs.append(run(peer_cmd("seqeval_score.py", workload, out))), rounds=2, iterations=1)
    theirs = json.loads((out / "seqeval_score.py.json").read_text(encoding="utf-8"))["micro avg"]
    ours_dir = out / "seqeval-check"
    ours_dir.mkdir(exist_ok=True)
    run(score_cmd(workload, ours_dir, "--tasks", "entities", "--bootstrap", "0"))
    ours = json.loads((ours_dir / "report.json").read_text(encoding="utf-8"))["tasks"]["entities"]["metrics"]
    for metric, key in (("precision", "precision"), ("recall", "recall"), ("f1", "f1-score")):
        assert ours[f"strict.{metric}"] == pytest.approx(theirs[key], abs=1e-6)
    benchmark.extra_info.update(seqeval_seconds=round(min(s for s, _ in runs), 3),
                                seqeval_peak_mib=round(max(m for _, m in runs), 1))


@pytest.mark.benchmark(group="score-scaling")
def test_bench_score_grows_linearly(benchmark: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Target 5: time of ``newsgold score --tasks entities --bootstrap 0`` from 10k to 1M gold
    entities (500 -> 50,000 documents). extra_info holds the times and the fitted exponent
    (slope of log time on log size; 1.0 = linear), also between 100k and 1M only, where the
    process start-up (~0.5 s) no longer weighs."""
    sizes = {10_000: 500, 100_000: 5_000, 1_000_000: 50_000}
    seconds: dict[int, float] = {}
    peak: dict[int, float] = {}
    for n_entities, n_docs in sizes.items():
        root = tmp_path_factory.mktemp(f"scale{n_entities}")
        w = write_workload(root, n_docs=n_docs, quotes_per_doc=0, claims_per_doc=0, seed=n_docs)
        assert w.gold_counts["entities"] == n_entities
        cmd = score_cmd(w, root, "--tasks", "entities", "--bootstrap", "0")
        runs: list[tuple[float, float]] = []
        if n_entities == max(sizes):
            benchmark.pedantic(lambda cmd=cmd, runs=runs: runs.append(run(cmd)), rounds=1, iterations=1)
        else:
            runs += [run(cmd) for _ in range(3)]
        seconds[n_entities] = min(s for s, _ in runs)
        peak[n_entities] = max(m for _, m in runs)
    xs = [math.log(n) for n in seconds]
    ys = [math.log(s) for s in seconds.values()]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
    upper = math.log(seconds[1_000_000] / seconds[100_000]) / math.log(10)
    benchmark.extra_info.update(seconds={str(k): round(v, 3) for k, v in seconds.items()},
                                peak_mib={str(k): round(v, 1) for k, v in peak.items()},
                                exponent_10k_to_1m=round(slope, 3), exponent_100k_to_1m=round(upper, 3))
