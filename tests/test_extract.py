"""extract(): streaming, atomic output folder, meta.json, CLI."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from newsgold.cli import main
from newsgold.extract import extract
from newsgold.output import MANIFEST
from newsgold.schema import Document, Entity


class OnlyEntities:
    """A minimal backend: one entity per document, counting how far it has read the stream."""

    name = "toy"
    tasks = frozenset({"entities"})

    def __init__(self) -> None:
        self.seen = 0

    def predict(self, docs):
        self.seen += len(docs)
        return {"entities": [Entity(d.id, f"e{d.id}", 0, 1, d.text[0], "CARDINAL") for d in docs]}


def test_writes_supported_tasks_and_meta(tmp_path):
    docs = [Document(f"d{i}", f"{i} cats") for i in range(5)]
    meta = extract(OnlyEntities(), iter(docs), tmp_path / "out", batch_size=2, progress=False)
    files = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert files == [MANIFEST, "entities.jsonl", "meta.json"]
    listed = json.loads((tmp_path / "out" / MANIFEST).read_text())
    assert listed == {"version": 2, "files": {  # what was written, hashed as it was streamed
        name: {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
        for name in ("entities.jsonl", "meta.json") for data in [(tmp_path / "out" / name).read_bytes()]}}
    lines = (tmp_path / "out" / "entities.jsonl").read_text().splitlines()
    assert [json.loads(x)["doc_id"] for x in lines] == [d.id for d in docs]
    on_disk = json.loads((tmp_path / "out" / "meta.json").read_text())
    assert on_disk == meta and meta["documents"] == 5 and meta["backend"]["name"] == "toy"
    assert meta["docs_per_second"] is None or meta["docs_per_second"] > 0
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # no temp folder left behind


def test_streams_in_batches():
    """The backend never sees more than one batch ahead of what has been written."""
    backend = OnlyEntities()
    pulled = []

    def stream():
        for i in range(7):
            assert i - backend.seen <= 3, "documents read ahead of the batch"
            pulled.append(i)
            yield Document(f"d{i}", "1")

    import tempfile

    with tempfile.TemporaryDirectory() as d:
        extract(backend, stream(), Path(d) / "o", batch_size=3, progress=False)
    assert pulled == list(range(7)) and backend.seen == 7


def test_failure_keeps_the_old_folder(tmp_path):
    out = tmp_path / "out"
    extract(OnlyEntities(), [Document("d", "1")], out, progress=False)  # an earlier predictions folder
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    class Boom(OnlyEntities):
        def predict(self, docs):
            raise ValueError("boom")

    with pytest.raises(ValueError):
        extract(Boom(), [Document("d", "1")], out, progress=False)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_unavailable_backend_is_refused(tmp_path):
    class Missing(OnlyEntities):
        def available(self):
            return "needs a thing"

    with pytest.raises(RuntimeError, match="needs a thing"):
        extract(Missing(), [], tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_cli_extract_rules(tmp_path, capsys):
    corpus = tmp_path / "c.jsonl"

    text = "“We are ready,” Ann Lee said on Friday."
    corpus.write_text(json.dumps({"id": "a", "text": text, "title": "", "published": "2020-01-01",
                                  "language": "en", "source": "x",
                                  "sha256": hashlib.sha256(text.encode()).hexdigest()}) + "\n")
    rc = main(["extract", "--backend", "rules", "--corpus", str(corpus), "--out", str(tmp_path / "p"),
               "--no-progress"])
    assert rc == 0 and "1 document(s) ->" in capsys.readouterr().out
    assert {p.name for p in (tmp_path / "p").iterdir()} == {"entities.jsonl", "quotes.jsonl", "claims.jsonl", "meta.json",
                                                           MANIFEST}
    assert main(["extract", "--backend", "nope", "--corpus", str(corpus), "--out", str(tmp_path / "q")]) == 2


def test_extract_never_replaces_a_data_folder(tmp_path, tiny_corpus, tiny_gold, capsys):
    """`--out` pointing at the gold is refused, the gold untouched."""
    from newsgold.cli import main

    before = {p.name: p.read_bytes() for p in tiny_gold.iterdir()}
    rc = main(["extract", "--backend", "rules", "--corpus", str(tiny_corpus), "--out", str(tiny_gold)])
    err = capsys.readouterr().err.strip().splitlines()
    assert rc == 2 and err == [f"{tiny_gold}:0: out: is a data folder (it holds entities.jsonl): "
                               "refusing to write into annotation data newsgold did not write (a gold, corpus or predictions folder); choose another path"]
    assert {p.name: p.read_bytes() for p in tiny_gold.iterdir()} == before


def test_extract_replaces_an_earlier_predictions_folder_keeping_the_users_files(tmp_path, tiny_corpus, capsys):
    from newsgold.cli import main

    out = tmp_path / "pred"
    argv = ["extract", "--backend", "rules", "--corpus", str(tiny_corpus), "--out", str(out)]
    assert main(argv) == 0
    (out / "notes.txt").write_text("x")
    entities = (out / "entities.jsonl").read_bytes()
    (out / "entities.jsonl").write_text("edited\n")
    assert main(argv) == 2  # an edit of the user's to newsgold's file: refused, nothing replaced
    assert capsys.readouterr().err.startswith(f"{out / 'entities.jsonl'}:0: out: changed since newsgold wrote it")
    assert (out / "entities.jsonl").read_text() == "edited\n"
    (out / "entities.jsonl").unlink()
    assert main(argv) == 0
    assert (out / "notes.txt").read_text() == "x" and (out / "meta.json").is_file()
    assert (out / "entities.jsonl").read_bytes() == entities


class StreamingEntities(OnlyEntities):
    """A backend with the optional predict_stream: one stream over the whole corpus."""

    def predict(self, docs):
        raise AssertionError("a streaming backend is never called per batch")

    def predict_stream(self, docs):
        for d in docs:
            self.seen += 1
            yield d, {"entities": [Entity(d.id, f"e{d.id}", 0, 1, d.text[0], "CARDINAL")]}


def test_a_streaming_backend_is_read_as_one_stream_and_written_in_batches(tmp_path):
    backend = StreamingEntities()
    pulled = []

    def stream():
        for i in range(7):
            assert i - backend.seen <= 3, "documents read ahead of the batch"
            pulled.append(i)
            yield Document(f"d{i}", f"{i} cats")

    meta = extract(backend, stream(), tmp_path / "s", batch_size=3, progress=False)
    extract(OnlyEntities(), iter([Document(f"d{i}", f"{i} cats") for i in range(7)]), tmp_path / "b", batch_size=3,
            progress=False)
    assert pulled == list(range(7)) and meta["documents"] == 7 and meta["records"] == {"entities": 7}
    assert (tmp_path / "s" / "entities.jsonl").read_bytes() == (tmp_path / "b" / "entities.jsonl").read_bytes()
