"""The distribution owns its name: ``import newsgold`` works from a research repository that has
its own ``eval/`` package, and nothing of this project is importable as ``eval``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_import_newsgold_beside_a_users_own_eval_package(tmp_path: Path) -> None:
    (tmp_path / "eval").mkdir()
    (tmp_path / "eval" / "__init__.py").write_text("MINE = True\n")
    code = ("import eval, newsgold\nfrom newsgold.schema import Entity\n"
            "print(eval.MINE, newsgold.__version__, Entity.__module__)")
    run = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split()[0] == "True" and run.stdout.split()[2] == "newsgold.schema"


def test_no_top_level_eval_package_is_installed(tmp_path: Path) -> None:
    code = "import importlib.util as u; print(u.find_spec('eval'))"
    run = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True)
    assert run.stdout.strip() == "None", run.stdout


def test_python_m_newsgold_runs_the_cli(tmp_path: Path) -> None:
    run = subprocess.run([sys.executable, "-m", "newsgold", "--help"], cwd=tmp_path, capture_output=True, text=True)
    assert run.returncode == 0 and "score" in run.stdout


def test_package_ships_py_typed_and_data() -> None:
    from importlib import resources

    root = resources.files("newsgold")
    assert (root / "py.typed").is_file()
    assert (root / "data" / "labelmap_conll.json").is_file() and (root / "baselines.json").is_file()
    assert (root / "assets" / "report.js").is_file() and (root / "assets" / "report.css").is_file()  # the HTML report
