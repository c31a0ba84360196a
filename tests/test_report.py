"""Report dict, signature, gold checksum and the three renderers (fake task from test_count)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from newsgold.load import Annotations
from newsgold.metrics import flatten
from newsgold.output import write_atomic
from newsgold.pipeline import evaluate
from newsgold.report import (
    build_report,
    confusion,
    display_path,
    rounded,
    to_json,
    to_markdown,
    to_terminal,
)
from newsgold.schema import Document, Entity
from newsgold.signature import gold_checksum, signature
from newsgold.tasks.base import Settings
from test_count import FakeTask, gold_pred_2docs


def many_sentences(n: int = 60):
    """One document of ``n`` one-entity sentences; the prediction misses or mislabels some."""
    text = " ".join(f"Name{i:02d} spoke." for i in range(n))
    doc = Document("d", text)
    gold = [Entity("d", f"e{i}", 13 * i, 13 * i + 6, f"Name{i:02d}", "PERSON") for i in range(n)]
    pred = [Entity(e.doc_id, e.id, e.start, e.end, e.text, "ORG" if i % 5 == 0 else "PERSON")
            for i, e in enumerate(gold) if i % 3]
    return [doc], Annotations(Path("g"), entities=gold, quotes=[], claims=[]), Annotations(Path("p"), entities=pred)


def report_for(settings: Settings = Settings(unit="sentence", bootstrap=200)) -> dict:
    docs, gold, pred = gold_pred_2docs()
    report, _ = evaluate(docs, gold, pred, settings, gold_checksum="f" * 64, tasks=[FakeTask()])
    return report


# ------------------------------------------------------------------------------------------------
def test_gold_checksum_definition(tmp_path: Path) -> None:
    (tmp_path / "entities.jsonl").write_bytes(b'{"a": 1}\n')
    (tmp_path / "claims.jsonl").write_bytes(b"xy")
    (tmp_path / "notes.txt").write_bytes(b"ignored")
    corpus = tmp_path / "documents.jsonl"
    corpus.write_bytes(b"doc")
    stream = b"entities.jsonl\x009\x00" + b'{"a": 1}\n' + b"claims.jsonl\x002\x00xy"
    assert gold_checksum(tmp_path) == hashlib.sha256(stream).hexdigest()
    assert gold_checksum(tmp_path, corpus) == hashlib.sha256(stream + b"corpus\x003\x00doc").hexdigest()
    before = gold_checksum(tmp_path, corpus)
    (tmp_path / "claims.jsonl").write_bytes(b"xz")
    assert gold_checksum(tmp_path, corpus) != before


def test_signature_format() -> None:
    s = signature(Settings(), ["claims", "entities", "quotes"], "0123456789abcdef" * 4, "sentence")
    assert s == ("newsgold:0.1.0|gold:0123456789ab|ent:strict,exact,partial,type|quote:ovl0.5|"
                 "claim:jac0.5|unit:sentence|ci:bs1000|seed:12345")
    s = signature(Settings(quote_overlap=0.75, label_map="conll", bootstrap=0, seed=1), ["entities", "quotes"],
                  "ab" * 32, "document")
    assert s == "newsgold:0.1.0|gold:abababababab|ent:strict,exact,partial,type,map:conll|quote:ovl0.75|unit:document|ci:none|seed:1"
    assert "ci:bs10,c0.9|" in signature(Settings(bootstrap=10, confidence=0.9), [], "0" * 64, "document")


def test_signature_label_map_file_includes_its_hash(tmp_path: Path) -> None:
    f = tmp_path / "mine.json"
    f.write_text('{"GPE": "LOC"}')
    s1 = signature(Settings(label_map=str(f)), ["entities"], "0" * 64, "document")
    f.write_text('{"GPE": "ORG"}')
    s2 = signature(Settings(label_map=str(f)), ["entities"], "0" * 64, "document")
    assert "map:mine@" in s1 and s1 != s2


def test_report_structure() -> None:
    r = report_for()
    assert set(r) == {"signature", "version", "unit", "settings", "gold", "pred", "tasks"}
    assert r["gold"] == {"path": "gold", "sha256": "f" * 64}
    assert r["unit"] == "sentence" and r["settings"]["bootstrap"] == 200
    t = r["tasks"]["entities"]
    assert t["headline"] == "f1" and t["units"] == 4 and t["n_errors"] == 4 == len(t["errors"])
    assert t["metrics"]["tp"] == 3.0 and t["metrics"]["f1"] == pytest.approx(0.6)
    assert set(t["ci"]) == {"f1", "precision", "recall", "tp"}
    assert all(e["context"] for e in t["errors"])
    assert t["confusion"]["labels"] == ["GPE", "ORG", "PERSON", "O"]


def test_confusion_matches_sklearn() -> None:
    from sklearn.metrics import confusion_matrix

    pairs = [("GPE", "GPE"), ("ORG", "GPE"), ("ORG", "O"), ("O", "PERSON"), ("PERSON", "PERSON"), ("GPE", "ORG")]
    c = confusion(pairs)
    expected = confusion_matrix([g for g, _ in pairs], [p for _, p in pairs], labels=c["labels"])
    assert c["labels"] == ["GPE", "ORG", "PERSON", "O"] and c["matrix"] == expected.tolist()
    assert confusion([]) is None


def test_json_is_stable_and_rounded() -> None:
    a, b = to_json(report_for()), to_json(report_for())
    assert a == b and a.endswith("}\n")
    data = json.loads(a)
    assert list(data) == sorted(data)
    assert data["tasks"]["entities"]["metrics"]["precision"] == 0.6
    assert rounded(2 / 3) == 0.666667 and rounded(-0.0) == 0.0 and rounded(float("inf")) is None


def test_same_seed_same_bytes_other_seed_other_ci() -> None:
    docs, gold, pred = many_sentences()
    runs = [to_json(evaluate(docs, gold, pred, Settings(bootstrap=300, seed=s), gold_checksum="0" * 64,
                             tasks=[FakeTask()])[0]) for s in (1, 1, 2)]
    assert runs[0] == runs[1]
    ci1, ci2 = (json.loads(r)["tasks"]["entities"]["ci"]["f1"] for r in runs[1:])
    assert ci1 != ci2
    assert json.loads(runs[0])["tasks"]["entities"]["units"] == 60


def test_json_has_no_absolute_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert display_path(tmp_path / "sub" / "gold") == "sub/gold"
    assert display_path("/elsewhere/gold") == "gold"
    assert display_path("rel/gold") == "rel/gold"
    r = build_report({}, Settings(), gold_path=str(tmp_path / "g"), pred_path="/x/y/p", gold_sha256="0" * 64)
    assert str(tmp_path) not in to_json(r) and "/x/y" not in to_json(r)


def test_renderers_show_every_metric() -> None:
    r = report_for()
    md, term = to_markdown(r), to_terminal(r)
    flat = flatten(r["tasks"]["entities"]["metrics"])
    for key in flat:
        leaf = key.rsplit(".", 1)[-1]
        assert leaf in md and leaf in term, key
    for label in ("GPE", "ORG", "PERSON"):
        assert f"| {label} |" in md
    assert r["signature"] in md and r["signature"] in term
    assert "**f1 = 0.6000** (95% CI" in md
    assert "== entities: f1 = 0.6000  [" in term
    assert "4 errors: FN 2, FP 2" in md and "4 errors: FN 2, FP 2" in term
    assert "«Nothing»" in md and "«Nothing»" in term


def test_error_limit() -> None:
    r = report_for()
    assert "«Nothing»" not in to_terminal(r, errors=0)
    md = to_markdown(r, errors=1)
    assert "(first 1)" in md and md.count("«") == 1


def test_markdown_escapes_pipes() -> None:
    r = report_for()
    r["tasks"]["entities"]["errors"][0]["text"] = "a|b"
    assert "a\\|b" in to_markdown(r)


def test_dotted_flat_metrics_are_grouped() -> None:
    result = {"headline": "strict.f1", "ci": {"strict.f1": [0.5, 0.7]}, "units": 3, "n_errors": 0,
              "errors": [], "confusion": None,
              "metrics": {"strict.f1": 0.6, "strict.COR": 3.0, "exact.f1": 0.8, "exact.COR": 4.0,
                          "strict.PER.f1": 0.5, "strict.PER.COR": 1.0}}
    r = {"signature": "sig", "settings": {"confidence": 0.95}, "tasks": {"entities": result}}
    term = to_terminal(r)
    assert "strict.f1 *  0.6000  [0.5000, 0.7000]" in term
    assert "exact.f1     0.8000" in term
    assert "strict:" in term and "PER" in term
    md = to_markdown(r)
    assert "| strict | 0.6000 | 3 |" in md and "| exact | 0.8000 | 4 |" in md


def test_write_atomic(tmp_path: Path) -> None:
    target = tmp_path / "out" / "report.json"
    write_atomic(target, "one\n")
    write_atomic(target, "two\n")
    assert target.read_text() == "two\n"
    # no temporary file left; the folder's manifest lists the file newsgold wrote (so a later run may replace it)
    assert sorted(p.name for p in target.parent.iterdir()) == [".newsgold-manifest.json", "report.json"]
