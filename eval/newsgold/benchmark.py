"""The benchmark runner: every installed backend -> predictions -> scores -> one comparison.

This is the pipe end to end (load -> validate -> extract -> match -> count -> score -> report) run
once per backend, plus a paired significance test between the two best backends of each task.

Outputs in the run folder (written atomically, never into the gold or the corpus)::

    predictions/<backend>/{entities,quotes,claims}.jsonl + meta.json
    report.json    every number, deterministic: same inputs + seed -> byte-identical
    report.md      for a PR comment / job summary
    report.html    every error in the text, one view per backend (self-contained, no network)
    timings.json   wall-clock figures (seconds, documents/second) -- kept out of report.json
                   because timings are never reproducible byte for byte
    scores.png     F1 per task and backend with CI error bars (matplotlib)
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgold.errors import InputError, Problem
from newsgold.load import DEFAULT_CORPUS, Annotations, load_annotations
from newsgold.metrics import headline_prf
from newsgold.tasks import TASKS
from newsgold.tasks.base import Settings
from newsgold.version import __version__

BUILTIN_BACKENDS: tuple[str, ...] = ("rules", "spacy", "textacy")
BUILTIN_PACKAGES: dict[str, str] = {"spacy": "spacy", "textacy": "textacy"}
"""The Python package a built-in backend needs; without it the default benchmark leaves it out."""


@dataclass
class BenchmarkConfig:
    corpus: Path | str | None = None  # None: corpus/documents.jsonl for a gold folder; the export's for hf:
    gold: Path | str = Path("annotations")  # a gold folder or an hf: export (newsgold.gold.load_gold)
    out: Path = Path("runs/latest")
    backends: list[str] = field(default_factory=lambda: list(BUILTIN_BACKENDS))
    settings: Settings = field(default_factory=Settings)
    backend_options: dict[str, Any] = field(default_factory=dict)  # e.g. {"model": ..., "n_process": 2}
    plot: bool = True
    html: bool = True
    progress: bool = False
    skip_unavailable: bool = False  # list a backend that cannot load as skipped instead of exit 2


@dataclass
class BackendRun:
    """What one backend produced: its report (from :func:`newsgold.pipeline.evaluate`), tables,
    the predictions they were computed from (for the HTML report), timing."""

    name: str
    description: dict[str, Any]
    report: dict[str, Any] | None = None
    tables: dict[str, Any] = field(default_factory=dict)
    pred: Annotations | None = None
    seconds: float = 0.0
    documents: int = 0
    skipped: str | None = None




def installed_builtins() -> tuple[list[str], dict[str, str]]:
    """The built-in backends whose package is installed (the default benchmark), and why each
    other one is left out."""
    import importlib.util

    names, missing = [], {}
    for name in BUILTIN_BACKENDS:
        package = BUILTIN_PACKAGES.get(name)
        if package and importlib.util.find_spec(package) is None:
            missing[name] = f"the {package} package is not installed"
        else:
            names.append(name)
    return names, missing


def resolve_backends(cfg: BenchmarkConfig) -> list[tuple[str, Any]]:
    """Instantiate every requested backend before anything runs or is written: an unknown name, an
    external ``file:`` folder that cannot be read, or (unless ``cfg.skip_unavailable``) a backend
    that cannot load is an error up front, never a silently empty row."""
    from newsgold.backends import get_backend
    from newsgold.backends.base import availability

    out = []
    for name in cfg.backends:
        options = dict(cfg.backend_options.get(name, {}))
        if name.startswith("file:"):  # an outside system's labels are checked after the label map
            options.setdefault("label_map", cfg.settings.label_map)
        try:
            backend = get_backend(name, **options)
        except KeyError as e:
            raise InputError(Problem("--backends", 0, "backend", str(e.args[0]))) from None
        reason = availability(backend)
        if reason and name.startswith("file:"):
            raise InputError(Problem(name.partition(":")[2], 0, "backend", reason))
        if reason and not cfg.skip_unavailable:
            raise InputError(Problem("--backends", 0, "backend", f"{name!r} cannot load: {reason} "
                                     "(--skip-unavailable benchmarks the others)"))
        out.append((name, backend))
    return out


def run_backend(name: str, backend: Any, documents: list, gold: Annotations, cfg: BenchmarkConfig,
                checksum: str, folder: Path) -> BackendRun:
    """Extract with one backend into ``<folder>/predictions/<name>`` and score it against the gold."""
    from newsgold.backends.base import availability, description
    from newsgold.extract import extract
    from newsgold.pipeline import evaluate

    desc = description(backend)
    reason = availability(backend)
    if reason:
        return BackendRun(name, desc, skipped=reason)
    warm = getattr(backend, "load", None)  # model loading is not part of the throughput figure
    if callable(warm):
        warm()
    pred_dir = folder / "predictions" / name.replace("/", "_")
    start = time.perf_counter()
    extract(backend, iter(documents), pred_dir, progress=cfg.progress)
    seconds = time.perf_counter() - start
    pred = load_annotations(pred_dir, documents, predictions=cfg.settings)
    report, tables = evaluate(documents, gold, pred, cfg.settings, gold_checksum=checksum)
    return BackendRun(name, desc, report, tables, pred, seconds, len(documents))


def significance(runs: list[BackendRun], settings: Settings) -> dict[str, Any]:
    """Per task, a paired bootstrap and an approximate-randomization test between the two
    backends with the highest headline score (ties broken by name)."""
    from newsgold.stats import approximate_randomization, paired_bootstrap
    from newsgold.tasks import get_task

    out: dict[str, Any] = {}
    for task_name in TASKS:
        reports = {r.name: r.report for r in runs if r.report is not None and task_name in r.report["tasks"]}
        scored = [r for r in runs if r.name in reports]
        if len(scored) < 2:
            continue
        scored.sort(key=lambda r: (-headline_prf(reports[r.name]["tasks"][task_name])[2], r.name))
        a, b = scored[:2]
        task = get_task(task_name)
        ta, tb = a.tables[task_name], b.tables[task_name]
        boot = paired_bootstrap(task, ta, tb, settings.bootstrap, settings.seed, settings.confidence)
        ar = approximate_randomization(task, ta, tb, n=settings.bootstrap, seed=settings.seed)
        out[task_name] = {"a": a.name, "b": b.name, "metric": task.headline,
                          "paired_bootstrap": boot, "approximate_randomization": ar}
    return out


def build_summary(runs: list[BackendRun], cfg: BenchmarkConfig, checksum: str,
                  sig: dict[str, Any], names: tuple[str, str] | None = None) -> dict[str, Any]:
    """The deterministic benchmark report (no timings); ``names`` = (corpus, gold) as reports show
    them (default: the config's paths)."""
    from newsgold.count import resolve_unit
    from newsgold.report import display_path
    from newsgold.signature import settings_record, signature

    corpus_name, gold_name = names or (display_path(cfg.corpus or DEFAULT_CORPUS), display_path(cfg.gold))

    backends: dict[str, Any] = {}
    n_docs = max((r.documents for r in runs), default=0)
    for r in runs:
        if r.skipped:
            backends[r.name] = {"status": "skipped", "reason": r.skipped, "backend": r.description}
            continue
        assert r.report is not None
        tasks = {}
        for name, res in r.report["tasks"].items():
            p, rec, f1 = headline_prf(res)
            tasks[name] = {"headline": res["headline"], "f1": f1, "precision": p, "recall": rec,
                           "ci": res["ci"].get(res["headline"]), "result": res}
        backends[r.name] = {"status": "ok", "backend": r.description,
                            "signature": f"{r.report['signature']}|backend:{backend_tag(r.description)}",
                            "tasks": tasks}
    return {
        "newsgold": __version__,
        # one signature for the whole comparison: all tasks, the resolved unit (each backend's own,
        # task-restricted signature is under backends.<name>.signature)
        "signature": signature(cfg.settings, TASKS, checksum, resolve_unit(cfg.settings.unit, n_docs)),
        "corpus": corpus_name,
        "gold": {"path": gold_name, "sha256": checksum},
        "settings": settings_record(cfg.settings),
        "backends": backends,
        "significance": sig,
    }


def backend_tag(desc: dict[str, Any]) -> str:
    """Short backend identity for signatures, e.g. ``spacy(en_core_web_sm-3.8.0)``.

    >>> backend_tag({"name": "spacy", "model": "en_core_web_sm", "model_version": "3.8.0"})
    'spacy(en_core_web_sm-3.8.0)'
    >>> backend_tag({"name": "rules", "version": "0.1.0"})
    'rules(0.1.0)'
    """
    name = desc.get("name", "?")
    if desc.get("model"):
        return f"{name}({desc['model']}-{desc.get('model_version', '?')})"
    return f"{name}({desc.get('version', __version__)})"


def timings(runs: list[BackendRun]) -> dict[str, Any]:
    return {r.name: {"seconds": round(r.seconds, 4), "documents": r.documents,
                     "docs_per_second": round(r.documents / r.seconds, 2) if r.seconds else None}
            for r in runs if not r.skipped}


def run(cfg: BenchmarkConfig) -> tuple[dict[str, Any], dict[str, Any]]:
    """Run the benchmark; returns (report, timings). Everything is written to a temporary sibling
    of ``cfg.out`` that replaces it only once complete: a failed run leaves nothing half-written."""
    from newsgold.benchmark_render import to_markdown
    from newsgold.gold import gold_paths, load_gold
    from newsgold.output import backend_paths, check_output, staged_folder, write_atomic
    from newsgold.report import to_json

    corpus = [(cfg.corpus if cfg.corpus is not None else DEFAULT_CORPUS, "--corpus")]
    check_output(cfg.out, "out", folder=True,
                 reads=[*((p, "--gold") for p in gold_paths(cfg.gold)), *corpus,
                        *((p, "--backends") for p in backend_paths(cfg.backends))])
    source = load_gold(cfg.gold, cfg.corpus)
    documents, gold, checksum = source.documents, source.annotations, source.checksum
    backends = resolve_backends(cfg)
    with staged_folder(cfg.out) as tmp:
        runs = [run_backend(name, b, documents, gold, cfg, checksum, tmp) for name, b in backends]
        report = build_summary(runs, cfg, checksum, significance(runs, cfg.settings), (source.corpus, source.name))
        times = timings(runs)
        report_json = to_json(report)
        write_atomic(tmp / "report.json", report_json)
        write_atomic(tmp / "timings.json", json.dumps(times, indent=2, sort_keys=True) + "\n")
        write_atomic(tmp / "report.md", to_markdown(report, times))
        if cfg.html:
            from newsgold.html_report import benchmark_html

            preds = {r.name: r.pred for r in runs if r.pred is not None}
            write_atomic(tmp / "report.html", benchmark_html(report, documents, gold, preds, cfg.settings))
        if cfg.plot:
            earlier = earlier_plot(cfg.out, report_json)
            if earlier is not None:
                write_atomic(tmp / "scores.png", earlier)
            else:
                from newsgold.plot import plot_scores

                plot_scores(report, tmp / "scores.png")
    return report, times


def earlier_plot(out: Path, report_json: str) -> bytes | None:
    """The plot is drawn lazily: ``scores.png`` is a function of ``report.json`` alone, so when the
    run folder being replaced holds a byte-identical ``report.json`` (same inputs, settings and
    seed) its ``scores.png`` is kept rather than drawn again (importing matplotlib and drawing
    cost more than the scoring of the article)."""
    try:
        if (out / "report.json").read_bytes() == report_json.encode("utf-8"):
            return (out / "scores.png").read_bytes()
    except OSError:
        pass
    return None


__all__ = ["BenchmarkConfig", "BackendRun", "run", "backend_tag"]
