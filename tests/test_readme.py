"""The README stays true: its quick-start commands are the ones .ci/run runs, and its plugin example
is a working backend."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_ci_runs_exactly_the_readme_commands():
    blocks = re.findall(r"```bash\n(.*?)\n```", README, re.S)
    install, tests = blocks[0].strip(), blocks[1].strip()
    assert "newsgold benchmark" in install and "pip install -e \".[dev]\"" in install
    ci = [line for line in (ROOT / ".ci" / "run").read_text().splitlines()
          if line.strip() and not line.startswith(("#", "set ", "cd "))]
    # first the browser for the HTML report tests, installed only when absent and named in the README
    browser = ci[0]
    assert browser.startswith("command -v chromium >/dev/null ||") and "apt-get install -y chromium" in browser
    assert f"`{browser}`" in README
    assert ci[1:] == [install, tests]


def test_plugin_example_is_a_complete_backend(tmp_path):
    from newsgold.backends.base import Backend
    from newsgold.extract import extract
    from newsgold.load import iter_corpus, load_annotations, load_corpus

    code = re.search(r"```python\n(# my_ner.*?)```", README, re.S).group(1)
    assert len(code.strip().splitlines()) <= 25
    namespace: dict = {}
    exec(compile(code, "README-example", "exec"), namespace)
    backend = namespace["CapsBackend"]()
    assert isinstance(backend, Backend)
    extract(backend, iter_corpus(ROOT / "corpus" / "documents.jsonl"), tmp_path / "pred")
    docs = load_corpus(ROOT / "corpus" / "documents.jsonl")
    pred = load_annotations(tmp_path / "pred", docs, allow_empty=True)  # validates every span
    assert pred.entities and pred.quotes is None
