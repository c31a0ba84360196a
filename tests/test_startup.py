"""`newsgold --help` must start fast: heavy libraries are imported lazily. The import check is
deterministic (which modules get loaded); the time itself is a pytest-benchmark figure."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("spacy", "numpy", "scipy", "sklearn", "datasets", "matplotlib", "pyarrow", "huggingface_hub")


@pytest.mark.parametrize("argv", [["--help"], ["score", "--help"], ["benchmark", "--help"],
                                  ["validate", "--help"], ["check", "--help"], ["convert", "--help"]])
def test_help_imports_no_heavy_library(argv):
    code = ("import sys\nfrom newsgold.cli import main\ntry:\n    main(%r)\nexcept SystemExit:\n    pass\n"
            "print('HEAVY=' + ','.join(m for m in %r if m in sys.modules))" % (argv, HEAVY))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines()[-1] == "HEAVY=", f"heavy imports for {argv}: {out.splitlines()[-1]}"


@pytest.mark.benchmark(group="startup")
def test_benchmark_help_startup(benchmark):
    """Recorded figure for the issue target (< 0.3 s): a whole `python -m newsgold --help` process."""
    benchmark.pedantic(lambda: subprocess.run([sys.executable, "-m", "newsgold", "--help"],
                                              capture_output=True, check=True), rounds=10, iterations=1)


def test_import_newsgold_is_light_and_evaluate_is_lazy():
    """``newsgold.evaluate`` is at package level, but ``import newsgold`` loads no heavy library."""
    code = ("import sys, newsgold\nbefore = [m for m in %r if m in sys.modules]\nnewsgold.evaluate\n"
            "print(before, 'newsgold.api' in sys.modules)" % (HEAVY,))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[] True"
