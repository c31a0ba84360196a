"""The gold checksum identifies the gold, not its line endings; the signature names every setting."""

from __future__ import annotations

import shutil

from newsgold.settings import Settings
from newsgold.signature import gold_checksum, settings_record, signature


def test_checksum_ignores_bom_and_crlf_but_not_content(tmp_path, tiny_corpus, tiny_gold):
    base = gold_checksum(tiny_gold, tiny_corpus)
    win = tmp_path / "win"
    shutil.copytree(tiny_gold, win)
    for f in win.glob("*.jsonl"):
        f.write_bytes(b"\xef\xbb\xbf" + f.read_bytes().replace(b"\n", b"\r\n"))
    assert gold_checksum(win, tiny_corpus) == base
    (win / "claims.jsonl").write_bytes((win / "claims.jsonl").read_bytes().replace(b"asserted", b"reported"))
    assert gold_checksum(win, tiny_corpus) != base


def test_signature_and_settings_record():
    sig = signature(Settings(quote_overlap=0.6, bootstrap=0), ["entities", "quotes"], "ab" * 32, "document")
    assert sig == "newsgold:0.1.0|gold:abababababab|ent:strict,exact,partial,type|quote:ovl0.6|unit:document|ci:none|seed:12345"
    assert settings_record(Settings())["label_map"] is None
