"""The shipped corpus is the seed article byte for byte (the gold offsets depend on it)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from newsgold.load import load_corpus

ROOT = Path(__file__).resolve().parents[1]
SHA256 = "74b12d1169e98244c2ce420df4501e9e3f25214d49f48a4d6f9617df638510bb"
SEED = ROOT.parent / "shared" / "seed" / "000_379f34538a770ae2.txt"


def test_corpus_text_checksum_is_pinned():
    (doc,) = load_corpus(ROOT / "corpus" / "documents.jsonl")
    assert doc.id == "kerry-lavrov-2015" and doc.published == "2015-05-11" and doc.language == "en"
    assert len(doc.text) == 2360
    assert hashlib.sha256(doc.text.encode("utf-8")).hexdigest() == SHA256 == doc.sha256
    assert "\u00a0" in doc.text and "“" in doc.text and not doc.text.endswith("\n")
    assert doc.source == SEED.name


def test_corpus_equals_the_seed_file_when_it_is_beside_the_repo():
    raw = json.loads((ROOT / "corpus" / "documents.jsonl").read_text(encoding="utf-8"))
    if SEED.exists():  # shared/ sits beside the repo on the project's machines and in CI
        assert raw["text"] == SEED.read_bytes().decode("utf-8")
    assert hashlib.sha256(raw["text"].encode("utf-8")).hexdigest() == SHA256
