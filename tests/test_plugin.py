"""A third-party backend registered under the ``newsgold.backends`` entry-point group is found
through a real (temporary) dist-info on sys.path and used by extract."""

from __future__ import annotations

import json
import sys
import textwrap

from newsgold.backends import get_backend, list_backends
from newsgold.extract import extract
from newsgold.schema import Document


def _register(site, monkeypatch, module: str, entry: str) -> None:
    """A dist-info for ``module`` in ``site`` with one ``newsgold.backends`` entry point, on sys.path."""
    dist = site / f"{module}-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module}\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text(f"[newsgold.backends]\n{entry}\n")
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.delitem(sys.modules, module, raising=False)


def test_entry_point_plugin_is_discovered_and_used(tmp_path, monkeypatch):
    pkg = tmp_path / "site"
    (pkg / "toyplug").mkdir(parents=True)
    (pkg / "toyplug" / "__init__.py").write_text(textwrap.dedent('''
        from newsgold.schema import Entity

        class ToyBackend:
            name = "toy"
            tasks = frozenset({"entities"})

            def __init__(self, **options):
                self.options = options

            def describe(self):
                return {"name": "toy", "version": "9", "settings": self.options}

            def predict(self, docs):
                return {"entities": [Entity(d.id, "e" + d.id, 0, 3, d.text[:3], "ORG") for d in docs]}
    '''))
    _register(pkg, monkeypatch, "toyplug", "toy = toyplug:ToyBackend")

    assert "toy" in list_backends() and {"rules", "spacy", "textacy", "file"} <= set(list_backends())
    backend = get_backend("toy", flavour="x")
    meta = extract(backend, [Document("d1", "ACME rose.")], tmp_path / "out", progress=False)
    assert meta["backend"] == {"name": "toy", "version": "9", "settings": {"flavour": "x"}}
    [row] = [json.loads(x) for x in (tmp_path / "out" / "entities.jsonl").read_text().splitlines()]
    assert (row["doc_id"], row["text"], row["label"]) == ("d1", "ACM", "ORG")


def test_the_readme_plugin_without_a_constructor_runs_under_the_extract_command(tmp_path, monkeypatch, capsys):
    """README's complete plugin has no ``__init__``; ``newsgold extract`` passes its batch size:
    only the options a constructor takes are passed (it was a TypeError traceback)."""
    import re

    from conftest import REPO_ROOT, run_cli

    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    code = re.search(r"```python\n(# my_ner/__init__\.py.*?)```", readme, re.S).group(1)  # type: ignore[union-attr]
    pkg = tmp_path / "site"
    (pkg / "my_ner").mkdir(parents=True)
    (pkg / "my_ner" / "__init__.py").write_text(code, encoding="utf-8")
    _register(pkg, monkeypatch, "my_ner", "caps = my_ner:CapsBackend")
    monkeypatch.chdir(REPO_ROOT)
    out = tmp_path / "preds"
    code_, _, err = run_cli(capsys, "extract", "--backend", "caps", "--out", str(out), "--batch-size", "4")
    assert code_ == 0, err
    assert (out / "entities.jsonl").read_text().count('"label":"ORG"') > 10
