"""A third-party backend registered under the ``newsgold.backends`` entry-point group is found
through a real (temporary) dist-info on sys.path and used by extract."""

from __future__ import annotations

import json
import sys
import textwrap

from newsgold.backends import get_backend, list_backends
from newsgold.extract import extract
from newsgold.schema import Document


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
    dist = pkg / "toyplug-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: toyplug\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text("[newsgold.backends]\ntoy = toyplug:ToyBackend\n")
    monkeypatch.syspath_prepend(str(pkg))
    monkeypatch.delitem(sys.modules, "toyplug", raising=False)

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
    dist = pkg / "my_ner-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: my-ner\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text("[newsgold.backends]\ncaps = my_ner:CapsBackend\n")
    monkeypatch.syspath_prepend(str(pkg))
    monkeypatch.delitem(sys.modules, "my_ner", raising=False)
    monkeypatch.chdir(REPO_ROOT)
    out = tmp_path / "preds"
    code_, _, err = run_cli(capsys, "extract", "--backend", "caps", "--out", str(out), "--batch-size", "4")
    assert code_ == 0, err
    assert (out / "entities.jsonl").read_text().count('"label":"ORG"') > 10
