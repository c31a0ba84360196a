"""``extract --n-process 2`` against ``--n-process 1`` on 1,000 documents, and the spacy backend
against a bare ``nlp.pipe`` with the same processes (issue 14, target 3)::

    python -m pytest -m benchmark --benchmark-enable tests/test_bench_extract.py

The 1,000 documents cycle through the shipped article and the synthetic dev and held-out texts
(ids made unique). The model is loaded before timing (as ``newsgold benchmark`` does: loading is
not throughput). Each round runs ``extract()`` with one process, then with two, then the bare
pipes, so a busy machine slows all alike; figures in ``benchmark.extra_info``, no wall-clock assert.
The bare pipes run the plain default pipeline (every component) with the backend's batch size;
the backend skips the components no rule reads (``UNUSED_PIPES``: the attribute ruler and the
lemmatizer), so a third side, ``same``, runs the bare pipe without them too: the backend's time over
that one is what the post-processing (and the headline parse, and writing the files) costs.
The outputs of one and two processes are asserted byte-identical.
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path
from typing import Any

import pytest

from newsgold.load import load_corpus
from newsgold.schema import Document

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "corpus" / "documents.jsonl", ROOT / "tests" / "data" / "dev" / "documents.jsonl",
           ROOT / "tests" / "data" / "heldout" / "documents.jsonl"]


def thousand_documents(n: int = 1_000) -> list[Document]:
    texts = [d for p in SOURCES for d in load_corpus(p)]
    out = []
    for i in range(n):
        d = texts[i % len(texts)]
        out.append(Document(f"{d.id}-{i:04d}", d.text, d.title, d.published, d.language, d.source,
                            hashlib.sha256(d.text.encode("utf-8")).hexdigest()))
    return out


@pytest.mark.benchmark(group="extract-1000-docs")
def test_bench_extract_two_processes_vs_one(benchmark: Any, tmp_path: Path) -> None:
    from newsgold.backends import get_backend
    from newsgold.extract import extract

    docs = thousand_documents()
    one, two = get_backend("spacy", n_process=1), get_backend("spacy", n_process=2)
    nlp = one.nlp  # type: ignore[attr-defined]  # loaded once; both backends share the cached pipeline
    assert two.nlp is nlp  # type: ignore[attr-defined]
    from newsgold.backends.spacy_backend import UNUSED_PIPES

    times: dict[str, list[float]] = {"n1": [], "n2": [], "bare_n1": [], "bare_n2": [], "same_n1": [], "same_n2": []}

    def timed(key: str, fn: Any) -> None:
        t0 = time.perf_counter()
        fn()
        times[key].append(time.perf_counter() - t0)

    def bare(n_process: int, disable: tuple[str, ...] = ()) -> None:
        for _ in nlp.pipe((d.text for d in docs), batch_size=one.batch_size, n_process=n_process,  # type: ignore[attr-defined]
                          disable=list(disable)):
            pass

    def setup() -> None:
        timed("n1", lambda: extract(one, iter(docs), tmp_path / "n1", progress=False))
        timed("bare_n1", lambda: bare(1))
        timed("bare_n2", lambda: bare(2))
        timed("same_n1", lambda: bare(1, UNUSED_PIPES))
        timed("same_n2", lambda: bare(2, UNUSED_PIPES))

    benchmark.pedantic(lambda: timed("n2", lambda: extract(two, iter(docs), tmp_path / "n2", progress=False)),
                       setup=setup, rounds=2, iterations=1)
    for name in ("entities.jsonl", "quotes.jsonl", "claims.jsonl"):
        assert (tmp_path / "n1" / name).read_bytes() == (tmp_path / "n2" / name).read_bytes()
    best = {k: min(v) for k, v in times.items()}
    benchmark.extra_info.update(
        documents=len(docs), characters=sum(len(d.text) for d in docs),
        **{f"{k}_seconds": round(v, 3) for k, v in best.items()},
        speedup_extract=round(best["n1"] / best["n2"], 2), speedup_bare_pipe=round(best["bare_n1"] / best["bare_n2"], 2),
        overhead_over_bare_n1=round(best["n1"] / best["bare_n1"] - 1, 3),
        overhead_over_bare_n2=round(best["n2"] / best["bare_n2"] - 1, 3),
        overhead_over_same_components_n1=round(best["n1"] / best["same_n1"] - 1, 3),
        overhead_over_same_components_n2=round(best["n2"] / best["same_n2"] - 1, 3))
