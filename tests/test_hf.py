"""Hugging Face Hub export, push and read-back (``export-hf`` / ``push-hf`` / ``--gold hf:``), fully offline.

The export is checked from the outside: ``datasets.load_dataset`` on the folder must give back the
declared features and exactly the JSONL records (read here with ``json``, not with the exporter's
code), the ``ner`` tags must decode to the gold entities, the card must parse and validate, two
exports must be byte-identical, and a gold read back from an export must equal the JSONL gold. The
Hub itself is never contacted: ``HfApi``, ``get_token`` and ``hf_hub_download`` are replaced.
"""

from __future__ import annotations

import fnmatch
import hashlib
import inspect
import json
import re
import runpy
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from newsgold import __version__
from newsgold.cli import main
from newsgold.errors import InputError
from newsgold.hf import CONFIGS, DEFAULT_CONFIG, DEFAULT_SPLITS, PASS_CONFIGS, SplitSource, data_file
from newsgold.output import MANIFEST
from newsgold.schema import CLAIM_STATUSES, ENTITY_LABELS, FIELDS, QUOTE_TYPES
from newsgold.tasks import TASKS

REPO = Path(__file__).resolve().parent.parent
TOKEN = "hf_NOTAREALTOKEN_0123456789abcdef"

# --------------------------------------------------------------------------------------------
# a small gold set of our own, two splits:
#   test: two documents, every nullable both set and null, a code point beyond the BMP (offsets are
#         code points), one document without quotes; both blind passes, agreement.json, provenance
#   validation: one document whose entities cross a sentence-splitter boundary ("Jan. 6") and sit
#         inside a spaCy token ("U.S.-China"); no passes, no agreement, no provenance
# --------------------------------------------------------------------------------------------
TEXT_A = "Kerry met Lavrov in Sochi on Tuesday 😀, RT reported.\n“We are ready,” the ministry said."
TEXT_B = "Reportedly, the talks in Geneva failed. Putin denied it."
TEXT_C = "Talks on U.S.-China trade resumed on Jan. 6 in Geneva.\n\nOfficials said “progress was made,” Reuters reported."


def _span(text: str, sub: str, nth: int = 0) -> dict[str, Any]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(sub, start + 1)
    return {"start": start, "end": start + len(sub), "text": sub}


def _doc(doc_id: str, text: str, title: str) -> dict[str, Any]:
    return {"id": doc_id, "text": text, "title": title, "published": "2015-05-11", "language": "en",
            "source": f"{doc_id}.txt", "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest()}


def _ent(doc: str, text: str, i: int, sub: str, label: str, key: str | None) -> dict[str, Any]:
    return {"doc_id": doc, "id": f"e{i:03d}", **_span(text, sub), "label": label, "entity": key}


DOCS = [_doc("a", TEXT_A, "Kerry and Lavrov"), _doc("b", TEXT_B, "Talks")]
RECORDS: dict[str, list[dict[str, Any]]] = {
    "entities": [
        _ent("a", TEXT_A, 1, "Kerry", "PERSON", "john-kerry"),
        _ent("a", TEXT_A, 2, "Lavrov", "PERSON", "sergey-lavrov"),
        _ent("a", TEXT_A, 3, "Sochi", "GPE", "sochi"),
        _ent("a", TEXT_A, 4, "Tuesday", "DATE", None),
        _ent("a", TEXT_A, 5, "RT", "ORG", "russia-today"),  # after the emoji: code-point offsets
        _ent("b", TEXT_B, 6, "Geneva", "GPE", "geneva"),
        _ent("b", TEXT_B, 7, "Putin", "PERSON", "vladimir-putin"),
    ],
    "quotes": [
        {"doc_id": "a", "id": "q01", "type": "indirect", "content": _span(TEXT_A, "Kerry met Lavrov in Sochi on Tuesday"),
         "speaker": _span(TEXT_A, "RT"), "speaker_entity": "russia-today", "cue": _span(TEXT_A, "reported"),
         "via": None},
        {"doc_id": "a", "id": "q02", "type": "direct", "content": _span(TEXT_A, "We are ready,"),
         "speaker": _span(TEXT_A, "ministry"), "speaker_entity": "russian-foreign-ministry",
         "cue": _span(TEXT_A, "said"), "via": "russia-today"},
        {"doc_id": "b", "id": "q03", "type": "indirect", "content": _span(TEXT_B, "the talks in Geneva failed"),
         "speaker": None, "speaker_entity": None, "cue": _span(TEXT_B, "Reportedly"), "via": None},
    ],
    "claims": [
        {"doc_id": "a", "id": "c01", "span": _span(TEXT_A, "Kerry met Lavrov in Sochi on Tuesday"),
         "claimant": "russia-today", "claimant_span": _span(TEXT_A, "RT"), "status": "reported",
         "checkworthy": True},
        {"doc_id": "a", "id": "c02", "span": _span(TEXT_A, "We are ready"), "claimant": "ARTICLE",
         "claimant_span": None, "status": "asserted", "checkworthy": False},
        {"doc_id": "b", "id": "c03", "span": _span(TEXT_B, "the talks in Geneva failed"), "claimant": None,
         "claimant_span": None, "status": "reported", "checkworthy": True},
        {"doc_id": "b", "id": "c04", "span": _span(TEXT_B, "Putin denied it"), "claimant": "vladimir-putin",
         "claimant_span": _span(TEXT_B, "Putin"), "status": "denied", "checkworthy": True},
    ],
}
PASS2_ENTITIES = [e for e in RECORDS["entities"] if e["id"] != "e004"]  # pass 2 missed "Tuesday"

DOCS_C = [_doc("c", TEXT_C, "Trade talks")]
RECORDS_C: dict[str, list[dict[str, Any]]] = {
    "entities": [
        _ent("c", TEXT_C, 1, "U.S.", "GPE", "us"),
        _ent("c", TEXT_C, 2, "China", "GPE", "china"),
        _ent("c", TEXT_C, 3, "Jan. 6", "DATE", None),
        _ent("c", TEXT_C, 4, "Geneva", "GPE", "geneva"),
        _ent("c", TEXT_C, 5, "Reuters", "ORG", "reuters"),
    ],
    "quotes": [
        {"doc_id": "c", "id": "q01", "type": "direct", "content": _span(TEXT_C, "progress was made,"),
         "speaker": _span(TEXT_C, "Officials"), "speaker_entity": "officials", "cue": _span(TEXT_C, "said"),
         "via": "reuters"},
    ],
    "claims": [
        {"doc_id": "c", "id": "c01", "span": _span(TEXT_C, "Talks on U.S.-China trade resumed on Jan. 6 in Geneva"),
         "claimant": "ARTICLE", "claimant_span": None, "status": "asserted", "checkworthy": True},
    ],
}
GUIDELINES = "# test guidelines (v0.9)\n\nRules for `annotations/`.\n\n## 1. Entities\n\nrules\n\n## 2. Quotes\n"
AGREEMENT_MD = "# Agreement\n\n| task | measure | value |\n|---|---|---|\n| entities | strict F1 | 0.111 |\n"
PROVENANCE = {
    "description": "two invented test articles", "collection": "Written for the tests.",
    "producers": "The test suite's authors.", "personal_information": "Public figures only.",
    "documents": {
        "a": {"publisher": "Example News", "kind": "news story", "url": "https://example.org/a", "url_note": None,
              "copied_from": None, "licence": "public domain (test)", "licence_note": None},
        "b": {"publisher": "Other Wire", "kind": "wire story", "url": None, "url_note": "not recorded (test)",
              "copied_from": "https://example.org/copy/b", "licence": "© Other Wire (test)", "licence_note": None},
    },
}


def _write_jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def _write_gold(ann: Path, records: dict[str, list[dict[str, Any]]]) -> None:
    for task, rows in records.items():
        _write_jsonl(ann / f"{task}.jsonl", rows)


def _agreement_script() -> dict[str, Any]:
    return runpy.run_path(str(REPO / "scripts" / "agreement.py"))


def make_gold(root: Path, agreement: bool = True) -> list[SplitSource]:
    """Write both splits under ``root``; returns the split sources (test, validation)."""
    corpus = root / "test" / "documents.jsonl"
    _write_jsonl(corpus, DOCS)
    (root / "test" / "provenance.json").write_text(json.dumps(PROVENANCE), encoding="utf-8")
    ann = root / "test" / "annotations"
    _write_gold(ann, RECORDS)
    _write_gold(ann / "pass1", RECORDS)
    _write_gold(ann / "pass2", {**RECORDS, "entities": PASS2_ENTITIES})
    (ann / "AGREEMENT.md").write_text(AGREEMENT_MD, encoding="utf-8")
    if agreement:  # written the way the project writes it: scripts/agreement.py --json
        _agreement_script()["main"]([str(ann / "pass1"), str(ann / "pass2"), "--corpus", str(corpus),
                                     "--json", str(ann / "agreement.json")])
    corpus_c = root / "val" / "documents.jsonl"
    _write_jsonl(corpus_c, DOCS_C)
    _write_gold(root / "val" / "annotations", RECORDS_C)
    (root / "GUIDELINES.md").write_text(GUIDELINES, encoding="utf-8")
    return [SplitSource("test", corpus, ann), SplitSource("validation", corpus_c, root / "val" / "annotations")]


SPLIT_DATA = {"test": (DOCS, RECORDS), "validation": (DOCS_C, RECORDS_C)}


def expected_rows(config: str, split: str) -> list[dict[str, Any]]:
    """What each config must contain, built from the raw JSONL dicts (independent of newsgold.hf)."""
    docs, records = SPLIT_DATA[split]
    if config in PASS_CONFIGS:
        records = {**records, "entities": PASS2_ENTITIES} if config == "pass2" else records
    if config == "documents":
        return docs
    if config in TASKS:
        return records[config]
    return [{**d, **{t: [{k: v for k, v in r.items() if k != "doc_id"} for r in records[t] if r["doc_id"] == d["id"]]
                     for t in TASKS}} for d in docs]


def decode(feature: Any, value: Any) -> Any:
    """Class-label ids back to names, recursively (``datasets`` keeps them as ints)."""
    from datasets import ClassLabel, List

    if value is None:
        return None
    if isinstance(feature, ClassLabel):
        return feature.int2str(value)
    if isinstance(feature, List):
        return [decode(feature.feature, v) for v in value]
    if isinstance(feature, dict):
        return {k: decode(f, value[k]) for k, f in feature.items()}
    return value


def load(folder: Path, config: str | None, cache: Path, split: str | None = None) -> Any:
    import datasets

    return datasets.load_dataset(str(folder), name=config, split=split, cache_dir=str(cache))


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8-sig").splitlines() if line.strip()]


@pytest.fixture(autouse=True)
def _offline(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No Hub access and a private datasets cache, whatever the environment says."""
    import huggingface_hub.constants

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_CACHE", str(tmp_path / "hf-cache"))
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", True)
    monkeypatch.delenv("HF_TOKEN", raising=False)


@pytest.fixture(scope="module")
def gold_root(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[SplitSource]]:
    root = tmp_path_factory.mktemp("gold")
    return root, make_gold(root)


@pytest.fixture(scope="module")
def exported(gold_root: tuple[Path, list[SplitSource]]) -> Path:
    """One export of the small gold set, shared by the read-only tests of this module."""
    from newsgold.hf.export import export

    root, splits = gold_root
    return export(root / "out", splits, repo_id="alice/newsgold", guidelines=root / "GUIDELINES.md").out


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One export of the shipped gold (the article as test, the real development set as validation)."""
    from newsgold.hf.export import export

    splits = [SplitSource(s.name, REPO / s.corpus, REPO / s.annotations) for s in DEFAULT_SPLITS]
    out = tmp_path_factory.mktemp("shipped") / "out"
    return export(out, splits, repo_id="alice/newsgold", guidelines=REPO / "annotations" / "GUIDELINES.md").out


def _card(folder: Path) -> str:
    return (folder / "README.md").read_text(encoding="utf-8")


# --------------------------------------------------------------------------------------------
# features
# --------------------------------------------------------------------------------------------
def test_features_are_derived_from_the_schema() -> None:
    from datasets import ClassLabel, List, Value

    from newsgold.hf.features import IOB_NAMES, config_features

    for kind in ("documents", *TASKS):
        feats = config_features(kind)
        assert list(feats) == list(FIELDS[kind])
        for name, spec in FIELDS[kind].items():
            f = feats[name]
            if spec.kind == "span":
                assert f == {"start": Value("int32"), "end": Value("int32"), "text": Value("string")}
            elif spec.kind == "int":
                assert f == Value("int32")
    assert config_features("entities")["label"] == ClassLabel(names=list(ENTITY_LABELS))
    assert config_features("quotes")["type"] == ClassLabel(names=list(QUOTE_TYPES))
    assert config_features("claims")["status"] == ClassLabel(names=list(CLAIM_STATUSES))
    assert config_features("claims")["checkworthy"] == Value("bool")
    for config in ("spans", *PASS_CONFIGS):
        spans = config_features(config)
        assert list(spans) == [*FIELDS["documents"], *TASKS]
        for task in TASKS:
            # a list of structs (datasets.List), not the legacy Sequence's struct of lists
            assert isinstance(spans[task], List) and isinstance(spans[task].feature, dict)
            assert list(spans[task].feature) == [k for k in FIELDS[task] if k != "doc_id"]
    ner = config_features("ner")
    assert list(ner) == ["id", "doc_id", "tokens", "ner_tags", "offsets"]
    assert ner["tokens"] == List(Value("string"))
    assert ner["ner_tags"] == List(ClassLabel(names=list(IOB_NAMES)))
    assert ner["offsets"] == List({"start": Value("int32"), "end": Value("int32")})
    # conll2003's naming: O, then B-/I- per label, 18 labels -> 37 classes
    assert IOB_NAMES[0] == "O" and len(IOB_NAMES) == 1 + 2 * len(ENTITY_LABELS)
    assert IOB_NAMES[1:3] == ("B-PERSON", "I-PERSON") and IOB_NAMES[-1] == "I-CARDINAL"


# --------------------------------------------------------------------------------------------
# the ner config
# --------------------------------------------------------------------------------------------
def test_ner_rows_split_tokens_and_join_sentences_to_stay_exact() -> None:
    from newsgold.hf.ner import check_round_trip, decode_rows, ner_rows
    from newsgold.schema import Document, Entity
    from newsgold.sentences import split_sentences

    doc = Document.from_dict(DOCS_C[0])
    ents = [Entity.from_dict(e) for e in RECORDS_C["entities"]]
    # the premise of the test: "Jan. 6" crosses a boundary of the fixed splitter, "U.S.-China" is one token
    sentences = [TEXT_C[s:e] for s, e in split_sentences(TEXT_C)]
    assert "Talks on U.S.-China trade resumed on Jan." in sentences
    result = ner_rows([doc], {"c": ents})
    assert [r["id"] for r in result.rows] == ["c-001", "c-002"]  # 3 sentences, the first two joined
    first = result.rows[0]
    assert first["tokens"][:6] == ["Talks", "on", "U.S.", "-", "China", "trade"]
    assert first["ner_tags"][:6] == ["O", "O", "B-GPE", "O", "B-GPE", "O"]
    i = first["tokens"].index("Jan.")
    assert first["tokens"][i:i + 2] == ["Jan.", "6"] and first["ner_tags"][i:i + 2] == ["B-DATE", "I-DATE"]
    for row in result.rows:
        assert [TEXT_C[o["start"]:o["end"]] for o in row["offsets"]] == row["tokens"]
        assert all(t.strip() for t in row["tokens"])  # no whitespace tokens
    assert sorted(decode_rows(result.rows)) == sorted((e.doc_id, e.start, e.end, e.label) for e in ents)
    assert result.merged == 1 and result.split_tokens == 2
    assert any("'Jan. 6'" in n and "sentence splitter" in n for n in result.notes)
    assert sum("'U.S.-China' split" in n for n in result.notes) == 2
    check_round_trip(result.rows, ents, "entities.jsonl")  # no exception


def test_ner_round_trip_check_fails_when_tags_would_misstate_the_gold() -> None:
    from newsgold.hf.ner import check_round_trip, ner_rows, spans_from_tags
    from newsgold.schema import Document, Entity

    doc = Document.from_dict(DOCS_C[0])
    ents = [Entity.from_dict(e) for e in RECORDS_C["entities"]]
    rows = ner_rows([doc], {"c": ents}).rows
    rows[0]["ner_tags"] = ["O"] * len(rows[0]["ner_tags"])  # drop the first sentence's entities
    with pytest.raises(InputError, match="cannot be encoded as IOB2"):
        check_round_trip(rows, ents, "entities.jsonl")
    with pytest.raises(ValueError, match="does not continue"):
        spans_from_tags(["O", "I-GPE"], [(0, 1), (2, 3)])
    with pytest.raises(ValueError, match="does not continue"):
        spans_from_tags(["B-ORG", "I-GPE"], [(0, 1), (2, 3)])


def test_shipped_gold_ner_rows_decode_to_the_gold(shipped: Path, tmp_path: Path) -> None:
    """On the shipped data: every entity comes back from the tags, loaded with datasets; the article
    needs no adaptation at all; every adapted entity is reported, and spaCy's own alignment helper
    (Doc.char_span, strict) agrees on which entities are off token boundaries."""
    import spacy

    from newsgold.hf.ner import decode_rows

    nlp = spacy.blank("en")
    for split in DEFAULT_SPLITS:
        ds = load(shipped, "ner", tmp_path / "cache", split.name)
        rows = [decode(ds.features, row) for row in ds]
        gold = _jsonl(REPO / split.annotations / "entities.jsonl")
        assert sorted(decode_rows(rows)) == sorted((e["doc_id"], e["start"], e["end"], e["label"]) for e in gold)
        texts = {d["id"]: d["text"] for d in _jsonl(REPO / split.corpus)}
        off = {e["id"] for e in gold if nlp.make_doc(texts[e["doc_id"]]).char_span(e["start"], e["end"]) is None}
        card = _card(shipped)
        reported = {m for m in re.findall(rf"`{split.name}`: \S+ (e\d+) \[\d+:\d+\] .* is not on spaCy token", card)}
        assert reported == off
        if split.name == "test":  # the article: all 64 entities on token boundaries, no sentence crossed
            assert off == set() and f"`{split.name}`: " not in card.split("### `ner`")[1].split("###")[0]


# --------------------------------------------------------------------------------------------
# export -> load_dataset round trip
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("config", CONFIGS)
def test_load_dataset_round_trip(exported: Path, tmp_path: Path, config: str) -> None:
    from newsgold.hf.features import config_features
    from newsgold.hf.ner import decode_rows

    splits = ["test"] if config in PASS_CONFIGS else ["test", "validation"]  # passes only where they exist
    dd = load(exported, config, tmp_path / "cache")
    assert sorted(dd) == sorted(splits)
    for split in splits:
        assert (exported / data_file(config, split)).is_file()
        ds = dd[split]
        assert ds.features == config_features(config)
        rows = [decode(ds.features, row) for row in ds]
        if config == "ner":
            records = SPLIT_DATA[split][1]["entities"]
            assert sorted(decode_rows(rows)) == sorted((e["doc_id"], e["start"], e["end"], e["label"]) for e in records)
        else:
            assert rows == expected_rows(config, split)


def test_default_config_is_entities(exported: Path, tmp_path: Path) -> None:
    assert DEFAULT_CONFIG == "entities"
    dd = load(exported, None, tmp_path / "cache")
    assert [decode(dd["test"].features, r) for r in dd["test"]] == RECORDS["entities"]


def test_offsets_are_code_points(exported: Path, tmp_path: Path) -> None:
    ds = load(exported, "entities", tmp_path / "cache", "test")
    rt = next(r for r in ds if r["text"] == "RT")
    assert TEXT_A[rt["start"]:rt["end"]] == "RT"
    assert len(TEXT_A[:rt["start"]].encode("utf-16-le")) // 2 == rt["start"] + 1  # UTF-16 would differ


def test_export_is_deterministic(gold_root: tuple[Path, list[SplitSource]], exported: Path) -> None:
    from newsgold.hf.export import export

    root, splits = gold_root
    again = export(root / "again", splits, repo_id="alice/newsgold", guidelines=root / "GUIDELINES.md").out

    def digest(folder: Path) -> dict[str, str]:
        return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(folder.rglob("*")) if p.is_file()}

    assert digest(again) == digest(exported)


def test_export_layout_and_metadata_file(exported: Path, gold_root: tuple[Path, list[SplitSource]]) -> None:
    from newsgold.signature import gold_checksum

    _, splits = gold_root
    files = {p.relative_to(exported).as_posix() for p in exported.rglob("*") if p.is_file()}
    assert {"README.md", "LICENSE.md", "newsgold.json", "docs/GUIDELINES.md", "docs/test/AGREEMENT.md",
            "docs/test/agreement.json"} <= files
    assert not any(f.startswith("docs/validation/") for f in files)  # nothing to copy for that split
    meta = json.loads((exported / "newsgold.json").read_text(encoding="utf-8"))
    assert meta["newsgold"] == __version__
    for s in splits:
        assert meta["splits"][s.name]["gold_sha256"] == gold_checksum(s.annotations, s.corpus)
        assert meta["splits"][s.name]["entities"] == len(SPLIT_DATA[s.name][1]["entities"])


def test_shipped_export_splits_are_the_article_and_the_real_dev_set(shipped: Path, tmp_path: Path) -> None:
    """test = the article, validation = the real development set; no synthetic set is published."""
    assert [(s.name, s.corpus.as_posix()) for s in DEFAULT_SPLITS] == [
        ("test", "corpus/documents.jsonl"), ("validation", "corpus/realdev/documents.jsonl")]
    docs = load(shipped, "documents", tmp_path / "cache")
    assert sorted(docs) == ["test", "validation"]
    assert [r["id"] for r in docs["test"]] == [d["id"] for d in _jsonl(REPO / "corpus" / "documents.jsonl")]
    assert [r["id"] for r in docs["validation"]] == [d["id"] for d in _jsonl(REPO / "corpus/realdev/documents.jsonl")]
    synthetic = {d["id"] for part in ("dev", "heldout") for d in _jsonl(REPO / "tests" / "data" / part / "documents.jsonl")}
    assert not synthetic & {r["id"] for split in docs.values() for r in split}
    card = _card(shipped)
    assert not any(doc_id in card for doc_id in synthetic)


def test_missing_task_file_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    splits = make_gold(tmp_path, agreement=False)
    (splits[0].annotations / "quotes.jsonl").unlink()
    code = main(["export-hf", "--out", str(tmp_path / "out"), "--split", "test", str(splits[0].corpus),
                 str(splits[0].annotations)])
    assert code == 2 and not (tmp_path / "out").exists()
    assert capsys.readouterr().err.startswith(f"{splits[0].annotations / 'quotes.jsonl'}:0: file: missing")


@pytest.mark.parametrize("case", ["bad-name", "twice", "shared-doc", "provenance", "agreement"])
def test_bad_export_inputs_are_one_line_each(tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str) -> None:
    splits = make_gold(tmp_path)
    test, val = ([str(s.corpus), str(s.annotations)] for s in splits)
    args = ["export-hf", "--out", str(tmp_path / "out"), "--guidelines", str(tmp_path / "GUIDELINES.md")]
    expect = {
        "bad-name": (["--split", "te st", *test], "--split:0: name: 'te st'"),
        "twice": (["--split", "test", *test, "--split", "test", *val], "--split:0: name: 'test' given twice"),
        "shared-doc": (["--split", "test", *test, "--split", "again", *test], "also in split 'test'"),
        "provenance": (["--split", "test", *test], "provenance.json:1: documents.b: missing"),
        "agreement": (["--split", "test", *test], "agreement.json:1: counts:"),
    }
    extra, message = expect[case]
    if case == "provenance":
        prov = json.loads((splits[0].corpus.parent / "provenance.json").read_text())
        del prov["documents"]["b"]
        (splits[0].corpus.parent / "provenance.json").write_text(json.dumps(prov))
    if case == "agreement":  # figures of other data must not reach the card
        _write_gold(splits[0].annotations / "pass2", RECORDS)
    assert main(args + extra) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_refuses_to_replace_a_folder_that_is_not_an_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    splits = make_gold(tmp_path)
    out = tmp_path / "precious"
    out.mkdir()
    (out / "notes.txt").write_text("keep me")
    code = main(["export-hf", "--out", str(out), "--split", "test", str(splits[0].corpus), str(splits[0].annotations)])
    assert code == 2 and "refusing to replace it" in capsys.readouterr().err
    assert (out / "notes.txt").read_text() == "keep me"


def test_refuses_to_write_into_a_data_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    splits = make_gold(tmp_path)
    out = splits[0].annotations / "hf"
    code = main(["export-hf", "--out", str(out), "--split", "test", str(splits[0].corpus), str(splits[0].annotations)])
    assert code == 2 and "refusing to write into annotation data" in capsys.readouterr().err and not out.exists()


def test_export_hf_command_prints_a_summary_and_the_ner_adaptations(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    splits = make_gold(tmp_path)
    monkeypatch.chdir(tmp_path)  # no runs/ here: the card must say no benchmark was supplied
    args = ["export-hf", "--out", "out", "--guidelines", "GUIDELINES.md"]
    for s in splits:
        args += ["--split", s.name, str(s.corpus), str(s.annotations)]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "entities test 7, validation 5" in out and "ner test 4, validation 2" in out and "no benchmark report" in out
    assert "ner: validation: c e003 [37:43] 'Jan. 6' crosses a boundary" in out
    assert "No benchmark report was supplied" in _card(tmp_path / "out")


# --------------------------------------------------------------------------------------------
# the dataset card
# --------------------------------------------------------------------------------------------
def test_card_yaml_declares_configs_splits_and_license(exported: Path) -> None:
    from datasets.info import DatasetInfosDict
    from huggingface_hub import DatasetCard, DatasetCardData

    from newsgold.hf.features import config_features

    card = DatasetCard.load(exported / "README.md", ignore_metadata_errors=False)
    data = card.data
    assert isinstance(data, DatasetCardData)
    assert data.license == "other" and data.license_name == "cc-by-4.0-annotations-mixed-texts"
    assert data.license_link == "LICENSE.md" and (exported / "LICENSE.md").is_file()
    assert data.language == ["en"] and data.annotations_creators == ["machine-generated"]
    assert data.source_datasets == ["original"] and data.size_categories == ["n<1K"]
    assert set(data.task_categories) == {"token-classification", "text-classification"}
    assert {"named-entity-recognition", "fact-checking"} == set(data.task_ids)
    configs = {c["config_name"]: c for c in data.configs}
    assert set(configs) == set(CONFIGS)
    for c in CONFIGS:
        splits = ["test"] if c in PASS_CONFIGS else ["test", "validation"]
        assert configs[c]["data_files"] == [{"split": s, "path": data_file(c, s)} for s in splits]
    assert [c for c in CONFIGS if configs[c].get("default")] == ["entities"]
    infos = DatasetInfosDict.from_dataset_card_data(data)
    for c in CONFIGS:
        assert infos[c].features == config_features(c)
        for s in infos[c].splits:
            if c != "ner":
                assert infos[c].splits[s].num_examples == len(expected_rows(c, s))
        assert infos[c].download_size == sum((exported / data_file(c, s)).stat().st_size for s in infos[c].splits)


def test_card_passes_the_offline_validation_and_has_every_template_section(exported: Path, shipped: Path) -> None:
    from newsgold.hf.cardcheck import PLACEHOLDER, check_export, template_headings

    for folder in (exported, shipped):
        check_export(folder)  # raises on any problem
        text = _card(folder)
        assert PLACEHOLDER not in text
        headings = [ln.lstrip("#").strip() for ln in text.splitlines() if ln.startswith("#")]
        for want in template_headings():
            assert any(h.startswith(want) for h in headings), want
    assert len(template_headings()) >= 20  # the real template was read, not an empty list
    assert "Dataset Card Contact" in template_headings() and "Personal and Sensitive Information" in template_headings()


def test_the_hub_validator_itself_needs_the_network(exported: Path) -> None:
    """Why the offline check exists: huggingface_hub's RepoCard.validate posts the card to the Hub."""
    from huggingface_hub import DatasetCard
    from huggingface_hub.errors import OfflineModeIsEnabled

    with pytest.raises(OfflineModeIsEnabled, match="validate-yaml"):
        DatasetCard.load(exported / "README.md").validate()


@pytest.mark.parametrize("damage, message", [
    (lambda t: t.replace("license_link: LICENSE.md", "license_link: MISSING.md"), "license_link"),
    (lambda t: t.replace("- token-classification", "- token-classifying"), "task_categories: unknown value"),
    (lambda t: t.replace("- fact-checking", "- parsing"), "task_ids: 'parsing' is not a subtask"),
    (lambda t: t.replace("- machine-generated", "- robots"), "annotations_creators: unknown value"),
    (lambda t: t.replace("## Dataset Card Contact", "## Contact"), "'Dataset Card Contact' missing"),
    (lambda t: t.replace("#### Who are the annotators?", "#### Annotators"), "'Who are the annotators?' missing"),
    (lambda t: t + "\n[More Information Needed]\n", "still says"),
    (lambda t: t + "\nSee [the gold](annotations/entities.jsonl).\n", "link to annotations/entities.jsonl"),
    (lambda t: t.replace("num_examples: 7\n", "num_examples: 8\n", 1), "num_examples 8 != 7"),
    (lambda t: t.replace("  default: true\n", ""), "no default config"),
    (lambda t: t.replace("license_name: cc-by-4.0-annotations-mixed-texts", "license_name: My Licence"), "license_name"),
])
def test_card_check_catches_each_problem(exported: Path, tmp_path: Path, damage: Any, message: str) -> None:
    from newsgold.hf.cardcheck import check_export

    copy = tmp_path / "copy"
    shutil.copytree(exported, copy)
    text = _card(copy)
    broken = damage(text)
    assert broken != text, "the damage did not apply"
    (copy / "README.md").write_text(broken, encoding="utf-8")
    with pytest.raises(InputError) as e:
        check_export(copy)
    assert message in str(e.value)


def test_card_body_is_computed_from_the_data(exported: Path) -> None:
    text = _card(exported)
    from collections import Counter

    labels = Counter(e["label"] for e in RECORDS["entities"] + RECORDS_C["entities"])
    for label in ENTITY_LABELS:
        assert f"| `{label}` | {labels[label]} |" in text
    assert "| `direct` | 2 | 50.0% |" in text and "| `indirect` | 2 | 50.0% |" in text
    assert "| `denied` | 1 | 20.0% |" in text and "| `hedged` | 0 | 0.0% |" in text
    assert "check-worthy: 4 of 5 (80.0%)" in text
    assert "| `test` | 2 | " in text and "| `validation` | 1 | " in text  # split table: documents
    assert "**test guidelines (v0.9)**" not in text and "[test guidelines (v0.9)](docs/GUIDELINES.md)" in text
    assert "* 2. Quotes" in text
    assert '"id": "e001"' in text and '"id": "q01"' in text and '"id": "c01"' in text
    assert "No benchmark report was supplied" in text
    assert "`validation`: 5 PERSON" not in text and "`test`: 3 PERSON mentions of 3 distinct people" in text


def test_card_provenance_and_licence_per_document(exported: Path) -> None:
    text = _card(exported)
    assert "| `a` | Example News | news story | <https://example.org/a> |" in text
    assert "| `b` | Other Wire | wire story | not recorded (test) |" in text
    assert "https://example.org/copy/b" in text  # where the copy was taken from
    assert "| `c` | not recorded | – | not recorded |" in text  # no provenance.json for that split: said so
    assert "Written for the tests." in text and "How the texts were collected is not recorded." in text
    lic = (exported / "LICENSE.md").read_text(encoding="utf-8")
    assert "CC BY 4.0" in lic and "https://creativecommons.org/licenses/by/4.0/" in lic
    assert "| `test` | `a` | Example News | public domain (test) |" in lic
    assert "| `test` | `b` | Other Wire | © Other Wire (test) |" in lic
    assert "annotations CC BY 4.0; texts of `test`: public domain (test) (1 document); © Other Wire (test) (1 document)" in text


def test_card_agreement_comes_from_agreement_json(exported: Path, gold_root: tuple[Path, list[SplitSource]]) -> None:
    """The figures are those scripts/agreement.py wrote as data, not AGREEMENT.md's (which says 0.111)."""
    _, splits = gold_root
    agreement = json.loads((splits[0].annotations / "agreement.json").read_text(encoding="utf-8"))
    text = _card(exported)
    strict = next(r for r in agreement["rows"] if r["metric"] == "strict.f1")
    assert 0 < strict["value"] < 1  # pass 2 missed one entity
    assert f"| entities | {strict['label']} | {strict['value']:.3f} |" in text
    assert "0.111" not in text
    assert "pass sizes pass1 / pass2: entities 7 / 6; quotes 3 / 3; claims 4 / 4" in text
    assert "**Agreement on `validation`**: not measured" in text
    assert "[AGREEMENT.md](docs/test/AGREEMENT.md)" in text


def test_card_says_who_the_annotators_are(exported: Path) -> None:
    text = _card(exported)
    section = text.split("#### Who are the annotators?")[1].split("####")[0]
    assert "separate sessions of an AI language model, not by people" in section
    assert "by reading the texts under the written guidelines" in section
    assert "upper bound" in section


def test_card_links_only_to_files_of_the_export(exported: Path, shipped: Path) -> None:
    for folder in (exported, shipped):
        text = _card(folder)
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if not re.match(r"[a-z]+:", target):
                assert (folder / target).is_file(), target
        # no path of the project repository the Hub repo lacks
        for path in ("annotations/", "corpus/", "tests/", "scripts/", "eval/", "runs/", "AGREEMENT.md`"):
            assert path not in text, path


def test_card_citation_has_author_and_year_and_matches_citation_cff(exported: Path) -> None:
    import yaml

    from newsgold.hf.card import AUTHORS, YEAR

    text = _card(exported)
    assert f"author       = {{{{{AUTHORS}}}}}" in text and f"year         = {{{YEAR}}}" in text
    assert f"{AUTHORS}. ({YEAR}). *" in text and "https://huggingface.co/datasets/alice/newsgold" in text
    cff = yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0" and cff["version"] == __version__
    assert [a.get("name") for a in cff["authors"]] == [AUTHORS]
    assert cff["preferred-citation"]["year"] == YEAR and cff["preferred-citation"]["type"] == "dataset"
    assert [a.get("name") for a in cff["preferred-citation"]["authors"]] == [AUTHORS]
    assert (REPO / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert cff["license"] == "MIT"


def test_shipped_card_states_provenance_and_agreement_of_the_real_data(shipped: Path) -> None:
    text = _card(shipped)
    producers = text.split("#### Who are the source data producers?")[1].split("### Annotations")[0]
    prov = json.loads((REPO / "corpus" / "realdev" / "provenance.json").read_text(encoding="utf-8"))
    for doc in _jsonl(REPO / "corpus" / "realdev" / "documents.jsonl"):
        p = prov["documents"][doc["id"]]
        assert p["publisher"] and "not recorded" not in p["publisher"]  # every real text has its publisher
        # provenance.json agrees with the corpus's own source field: the original URL, or the copy's
        if "github.com" in doc["source"]:
            assert p["copied_from"] == doc["source"] and p["url"] is None and "probably https://" in p["url_note"]
        else:
            assert p["url"] == doc["source"]
        where = f"<{p['url']}>" if p["url"] else p["url_note"]
        assert f"| `{doc['id']}` | {p['publisher']} | {p['kind']} | {where} |" in producers
    for split in DEFAULT_SPLITS:
        agreement = json.loads((REPO / split.annotations / "agreement.json").read_text(encoding="utf-8"))
        for r in agreement["rows"]:
            assert f"| {r['task']} | {r['label']} | {r['value']:.3f} |" in text
    assert "| `validation` | `voa-2016-obama-hiroshima-debate` | Voice of America (VOA) | public domain" in (
        shipped / "LICENSE.md").read_text(encoding="utf-8")


def _report(f1: float, gold_sha256: str = "") -> dict[str, Any]:
    """The layout of a `newsgold benchmark` report.json (eval/newsgold/benchmark.py build_summary)."""
    result = {"headline": "strict.f1", "metrics": {"strict.precision": 0.625, "strict.recall": 0.5, "strict.f1": f1},
              "ci": {"strict.f1": [0.4, 0.7]}}
    task = {"headline": "strict.f1", "f1": f1, "precision": 0.625, "recall": 0.5, "ci": [0.4, 0.7], "result": result}
    ok = {"status": "ok", "signature": "newsgold:test-signature|backend:x(1)", "tasks": {"entities": task}}
    return {"signature": "newsgold:test-signature", "gold": {"sha256": gold_sha256},
            "backends": {"rules": ok, "spacy": ok, "textacy": {"status": "skipped", "reason": "not installed"}}}


def test_card_benchmark_tables_come_from_the_reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsgold.signature import gold_checksum

    splits = make_gold(tmp_path)
    shas = [gold_checksum(s.annotations, s.corpus) for s in splits]
    runs = tmp_path / "runs"
    (runs / "latest").mkdir(parents=True)
    (runs / "latest" / "report.json").write_text(json.dumps(_report(0.5556, shas[0])))
    (runs / "other").mkdir()  # newer, but only runs/latest is the default: never picked
    (runs / "other" / "report.json").write_text(json.dumps(_report(0.111, shas[1])))
    monkeypatch.chdir(tmp_path)
    base = ["export-hf", "--out", "out", "--guidelines", "GUIDELINES.md"]
    for s in splits:
        base += ["--split", s.name, str(s.corpus), str(s.annotations)]
    assert main(base) == 0
    text = _card(tmp_path / "out")
    assert "Split `test` (signature `newsgold:test-signature`)" in text
    assert "| rules | entities | strict.f1 | 0.625 | 0.500 | 0.556 [0.400, 0.700] |" in text
    assert "| spacy | entities |" in text and "0.111" not in text and "report.json" not in text
    # explicit reports win over runs/latest, one per split
    assert main([*base, "--report", str(runs / "latest" / "report.json"), "--report",
                 str(runs / "other" / "report.json")]) == 0
    text = _card(tmp_path / "out")
    assert "Split `validation`" in text and "0.111" in text and "0.556" in text
    # runs/latest computed on another gold: not used, the card says no report was supplied
    (runs / "latest" / "report.json").write_text(json.dumps(_report(0.999, "f" * 64)))
    assert main(base) == 0
    text = _card(tmp_path / "out")
    assert "0.999" not in text and "No benchmark report was supplied" in text


def test_unrecognised_or_broken_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from newsgold.hf.export import export

    splits = make_gold(tmp_path)
    odd = tmp_path / "odd.json"
    odd.write_text('{"hello": 1}')
    with pytest.raises(InputError, match="not a newsgold benchmark report"):
        export(tmp_path / "out", splits, reports=[odd])
    other = tmp_path / "other.json"
    other.write_text(json.dumps(_report(0.5, "f" * 64)))
    with pytest.raises(InputError, match="computed on another gold"):
        export(tmp_path / "out", splits, reports=[other])
    assert not (tmp_path / "out").exists()
    bad = tmp_path / "bad.json"
    bad.write_text('{"a": 1,\n oops}')
    assert main(["export-hf", "--out", str(tmp_path / "o2"), "--split", "test", str(splits[0].corpus),
                 str(splits[0].annotations), "--report", str(bad)]) == 2
    assert capsys.readouterr().err.startswith(f"{bad}:2: json: invalid JSON")


# --------------------------------------------------------------------------------------------
# push-hf
# --------------------------------------------------------------------------------------------
class FakeApi:
    """A Hub repository in memory: records every call, applies ``delete_patterns`` the way the Hub
    client documents it (fnmatch on remote paths; files being uploaded and ``.gitattributes`` kept)."""

    calls: list[tuple[str, dict[str, Any]]] = []
    fail: BaseException | None = None
    remote: dict[str, bytes] = {}
    tags: dict[str, str] = {}

    def __init__(self, token: Any = None, **kwargs: Any) -> None:
        FakeApi.calls.append(("init", {"token": token, **kwargs}))

    def create_repo(self, repo_id: str, **kwargs: Any) -> str:
        FakeApi.calls.append(("create_repo", {"repo_id": repo_id, **kwargs}))
        if FakeApi.fail is not None:
            raise FakeApi.fail
        return f"https://huggingface.co/datasets/{repo_id}"

    def list_repo_refs(self, repo_id: str, **kwargs: Any) -> Any:
        FakeApi.calls.append(("list_repo_refs", {"repo_id": repo_id, **kwargs}))
        return SimpleNamespace(tags=[SimpleNamespace(name=t, target_commit=c) for t, c in FakeApi.tags.items()],
                               branches=[])

    def upload_folder(self, **kwargs: Any) -> Any:
        folder = Path(kwargs["folder_path"])
        files = {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
        FakeApi.calls.append(("upload_folder", {**kwargs, "files": files}))
        patterns = kwargs.get("delete_patterns") or []
        patterns = [patterns] if isinstance(patterns, str) else patterns
        for path in list(FakeApi.remote):
            if path != ".gitattributes" and path not in files and any(fnmatch.fnmatch(path, p) for p in patterns):
                del FakeApi.remote[path]
        FakeApi.remote.update(files)
        return SimpleNamespace(oid="c0ffee" * 6 + "abcd", commit_url="https://huggingface.co/commit")

    def create_tag(self, repo_id: str, **kwargs: Any) -> None:
        FakeApi.calls.append(("create_tag", {"repo_id": repo_id, **kwargs}))
        FakeApi.tags[kwargs["tag"]] = kwargs.get("revision")


@pytest.fixture
def hub(monkeypatch: pytest.MonkeyPatch) -> type[FakeApi]:
    import huggingface_hub

    FakeApi.calls, FakeApi.fail, FakeApi.tags = [], None, {}
    FakeApi.remote = {".gitattributes": b"*.parquet filter=lfs", "data/old/train-00000-of-00001.parquet": b"stale",
                      "README.md": b"old card"}
    monkeypatch.setattr(huggingface_hub, "HfApi", FakeApi)
    monkeypatch.setattr(huggingface_hub, "get_token", lambda: TOKEN)
    return FakeApi


def _push_args(tmp_path: Path, *extra: str) -> list[str]:
    splits = make_gold(tmp_path)
    args = ["push-hf", "--repo-id", "alice/newsgold", "--guidelines", str(tmp_path / "GUIDELINES.md")]
    for s in splits:
        args += ["--split", s.name, str(s.corpus), str(s.annotations)]
    return [*args, *extra]


def _calls(hub: type[FakeApi], name: str) -> list[dict[str, Any]]:
    return [kw for n, kw in hub.calls if n == name]


def test_push_without_token_exits_2_with_one_line(tmp_path: Path, hub: type[FakeApi],
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    import huggingface_hub

    monkeypatch.setattr(huggingface_hub, "get_token", lambda: None)
    assert main(_push_args(tmp_path)) == 2
    cap = capsys.readouterr()
    assert cap.err == "newsgold push-hf: no Hugging Face token: set HF_TOKEN or run huggingface-cli login\n"
    assert hub.calls == []


def test_push_makes_the_repo_equal_the_export_and_tags_it(tmp_path: Path, hub: type[FakeApi],
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    from huggingface_hub import HfApi

    keep = tmp_path / "kept"
    assert main(_push_args(tmp_path, "--private", "--dir", str(keep))) == 0
    cap = capsys.readouterr()
    assert TOKEN not in cap.out + cap.err
    assert [name for name, _ in hub.calls] == ["init", "create_repo", "list_repo_refs", "upload_folder", "create_tag"]
    init, create = _calls(hub, "init")[0], _calls(hub, "create_repo")[0]
    assert init["token"] == TOKEN
    assert create["repo_id"] == "alice/newsgold" and create["repo_type"] == "dataset"
    assert create["exist_ok"] is True and create["private"] is True
    upload = _calls(hub, "upload_folder")[0]
    assert upload["repo_id"] == "alice/newsgold" and upload["repo_type"] == "dataset"
    assert upload["delete_patterns"] == ["*"]
    # the remote repository now holds exactly the export (plus the Hub's .gitattributes)
    export_files = {p.relative_to(keep).as_posix(): p.read_bytes() for p in keep.rglob("*") if p.is_file()}
    assert hub.remote == {".gitattributes": b"*.parquet filter=lfs", **export_files}
    assert "data/old/train-00000-of-00001.parquet" not in hub.remote
    assert not any(TOKEN.encode() in content for content in upload["files"].values())
    assert b"huggingface.co/datasets/alice/newsgold" in upload["files"]["README.md"]  # the card knows its repo
    tag = _calls(hub, "create_tag")[0]
    assert tag["repo_id"] == "alice/newsgold" and tag["tag"] == f"v{__version__}" and tag["repo_type"] == "dataset"
    assert tag["revision"] == "c0ffee" * 6 + "abcd"  # the upload's commit, not whatever main is later
    assert f"tagged v{__version__}" in cap.out
    # the mock accepts nothing the real client would refuse
    real = {"upload_folder": HfApi.upload_folder, "create_tag": HfApi.create_tag, "create_repo": HfApi.create_repo,
            "list_repo_refs": HfApi.list_repo_refs}
    for name, method in real.items():
        for kw in _calls(hub, name):
            kw = {k: v for k, v in kw.items() if k != "files"}
            repo_id = kw.pop("repo_id")
            inspect.signature(method).bind(None, repo_id=repo_id, **kw)


def test_push_with_a_custom_tag_and_the_temporary_export_is_removed(tmp_path: Path, hub: type[FakeApi]) -> None:
    assert main(_push_args(tmp_path, "--tag", "v0.1.0-data2")) == 0
    assert _calls(hub, "create_tag")[0]["tag"] == "v0.1.0-data2"
    assert not Path(_calls(hub, "upload_folder")[0]["folder_path"]).exists()


def test_push_refuses_an_existing_tag_before_uploading(tmp_path: Path, hub: type[FakeApi],
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    hub.tags = {f"v{__version__}": "1234"}
    assert main(_push_args(tmp_path)) == 2
    err = capsys.readouterr().err
    assert f"already has the tag 'v{__version__}'" in err and "--tag" in err and err.count("\n") == 1
    assert _calls(hub, "upload_folder") == [] and _calls(hub, "create_tag") == []
    assert hub.tags == {f"v{__version__}": "1234"}


def test_push_dry_run_needs_no_network_and_no_token(tmp_path: Path, hub: type[FakeApi],
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    import huggingface_hub

    monkeypatch.setattr(huggingface_hub, "get_token", lambda: None)
    keep = tmp_path / "kept"
    assert main(_push_args(tmp_path, "--dry-run", "--dir", str(keep))) == 0
    out = capsys.readouterr().out
    assert hub.calls == []  # HfApi never even constructed
    assert out.startswith("would upload") and "alice/newsgold" in out and f"tag v{__version__}" in out
    for config in CONFIGS:
        assert data_file(config, "test") in out
    assert (keep / "README.md").is_file()  # --dir keeps the export


def test_push_uploads_only_what_the_export_wrote(tmp_path: Path, hub: type[FakeApi],
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """A kept export folder may hold the user's files: they stay, and are not uploaded; nor is the manifest."""
    keep = tmp_path / "kept"
    assert main(_push_args(tmp_path, "--dir", str(keep))) == 0
    (keep / "notes.txt").write_text("mine")
    assert main(_push_args(tmp_path, "--dir", str(keep), "--tag", "second")) == 0
    assert (keep / "notes.txt").read_text() == "mine" and (keep / MANIFEST).is_file()
    allowed = _calls(hub, "upload_folder")[-1]["allow_patterns"]
    assert "README.md" in allowed and "notes.txt" not in allowed and MANIFEST not in allowed
    assert sorted(allowed) == sorted(json.loads((keep / MANIFEST).read_text())["files"])
    capsys.readouterr()
    assert main(_push_args(tmp_path, "--dir", str(keep), "--dry-run")) == 0
    out = capsys.readouterr().out
    assert "README.md" in out and "notes.txt" not in out and MANIFEST not in out


def test_push_network_failure_is_one_line(tmp_path: Path, hub: type[FakeApi],
                                          capsys: pytest.CaptureFixture[str]) -> None:
    from huggingface_hub.errors import HTTPError

    hub.fail = type("ConnectError", (HTTPError,), {})(f"connection refused (Authorization: Bearer {TOKEN})")
    assert main(_push_args(tmp_path)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("newsgold push-hf: alice/newsgold: could not create the repository: ConnectError")
    assert TOKEN not in err and "Traceback" not in err


def test_push_offline_mode_error_is_caught(tmp_path: Path, hub: type[FakeApi],
                                           capsys: pytest.CaptureFixture[str]) -> None:
    from huggingface_hub.errors import OfflineModeIsEnabled

    hub.fail = OfflineModeIsEnabled("offline mode is enabled")
    assert main(_push_args(tmp_path)) == 2
    assert "OfflineModeIsEnabled" in capsys.readouterr().err


REPO_IDS = ["alice/newsgold", "alice/news--gold", "alice/newsgold-", "alice/" + "n" * 100, "newsgold",
            "a/b/c", "alice/news_gold.v2"]


@pytest.mark.parametrize("repo_id", REPO_IDS)
def test_repo_ids_are_checked_with_validate_repo_id(repo_id: str, tmp_path: Path, hub: type[FakeApi],
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """Accepted exactly when huggingface_hub accepts it and it has a namespace (USER/NAME)."""
    from huggingface_hub.utils import HFValidationError, validate_repo_id

    try:
        validate_repo_id(repo_id)
        hub_ok = True
    except HFValidationError:
        hub_ok = False
    expected = hub_ok and repo_id.count("/") == 1
    args = _push_args(tmp_path, "--dry-run")
    args[2] = repo_id
    assert main(args) == (0 if expected else 2)
    err = capsys.readouterr().err
    assert (f"invalid --repo-id {repo_id!r}" in err) is not expected
    assert main(["export-hf", "--out", str(tmp_path / "e"), "--repo-id", repo_id, "--split", "x",
                 str(tmp_path / "nope.jsonl"), str(tmp_path / "no-gold")]) == 2
    assert ("invalid --repo-id" in capsys.readouterr().err) is not expected


def test_the_issue_cases_are_rejected() -> None:
    from newsgold.hf.push import repo_id_problem

    for bad in ("alice/news--gold", "alice/newsgold-", "alice/" + "n" * 100):
        assert repo_id_problem(bad)


def test_publish_script_is_the_same_command(tmp_path: Path, hub: type[FakeApi],
                                            monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "argv", ["publish_to_hub.py", *_push_args(tmp_path, "--dry-run")[1:]])
    with pytest.raises(SystemExit) as exit_:
        runpy.run_path(str(REPO / "scripts" / "publish_to_hub.py"), run_name="__main__")
    assert exit_.value.code == 0
    assert capsys.readouterr().out.startswith("would upload")


# --------------------------------------------------------------------------------------------
# --gold hf:...  (score, compare, benchmark)
# --------------------------------------------------------------------------------------------
def _records(ann: Any) -> dict[str, list[dict[str, Any]]]:
    return {t: [r.to_dict() for r in ann.task(t)] for t in TASKS}


def test_hub_gold_round_trip_equals_the_jsonl_gold(shipped: Path) -> None:
    from newsgold.gold import load_gold
    from newsgold.signature import gold_checksum

    for split in DEFAULT_SPLITS:
        hub = load_gold(f"hf:{shipped}#{split.name}")
        local = load_gold(REPO / split.annotations, REPO / split.corpus)
        assert [d.to_dict() for d in hub.documents] == [d.to_dict() for d in local.documents]
        assert _records(hub.annotations) == _records(local.annotations)
        assert _records(hub.annotations) == {t: _jsonl(REPO / split.annotations / f"{t}.jsonl") for t in TASKS}
        # same records -> the checksum of the JSONL gold, so reports carry the same signature
        assert hub.checksum == gold_checksum(REPO / split.annotations, REPO / split.corpus)
        assert hub.name.startswith("hf:") and hub.name.endswith(f"#{split.name}") and "/tmp" not in hub.name


def test_edited_export_gets_its_own_checksum(shipped: Path, tmp_path: Path) -> None:
    """The article's corpus file is not in canonical key order, so its file checksum and its records
    checksum differ: an export whose records no longer match what was recorded gets the latter."""
    from newsgold.gold import load_gold
    from newsgold.hf.read import records_checksum

    copy = tmp_path / "copy"
    shutil.copytree(shipped, copy)
    meta = json.loads((copy / "newsgold.json").read_text())
    original = meta["splits"]["test"]["gold_sha256"]
    assert load_gold(f"hf:{copy}").checksum == original
    meta["splits"]["test"]["records_sha256"] = "0" * 64  # the records no longer match what was recorded
    (copy / "newsgold.json").write_text(json.dumps(meta))
    gold = load_gold(f"hf:{copy}")
    assert gold.checksum == records_checksum(gold.documents, gold.annotations) != original


def _report_without_paths(path: Path) -> dict[str, Any]:
    obj = json.loads(path.read_text(encoding="utf-8"))
    obj.pop("gold", None)
    obj.pop("corpus", None)
    for b in (obj.get("backends") or {}).values():
        for t in (b.get("tasks") or {}).values():
            t.get("result", {}).pop("gold", None)
    return obj


def test_score_compare_benchmark_accept_an_hf_gold(shipped: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """Same numbers and signature from the export as from the JSONL gold; reports name the hf: gold."""
    monkeypatch.chdir(REPO)
    hf = f"hf:{shipped}#validation"
    jsonl = ["--gold", "annotations/realdev", "--corpus", "corpus/realdev/documents.jsonl"]
    pass1, pass2 = "annotations/realdev/pass1", "annotations/realdev/pass2"
    for name, argv in {
        "score": ["score", "--pred", pass2, "--bootstrap", "50"],
        "compare": ["compare", pass1, pass2, "--resamples", "50"],
    }.items():
        a, b = tmp_path / f"{name}-hf.json", tmp_path / f"{name}-jsonl.json"
        assert main([*argv, "--gold", hf, "--json", str(a)]) == 0
        assert main([*argv, *jsonl, "--json", str(b)]) == 0
        ra, rb = json.loads(a.read_text()), json.loads(b.read_text())
        assert ra["signature"] == rb["signature"] and ra["gold"]["sha256"] == rb["gold"]["sha256"]
        assert ra["gold"]["path"] == "hf:" + shipped.name + "#validation"
        ra.pop("gold"), rb.pop("gold")
        ra.get("pred", {}).pop("path", None), rb.get("pred", {}).pop("path", None)
        assert ra == rb
    out_hf, out_jsonl = tmp_path / "bench-hf", tmp_path / "bench-jsonl"
    common = ["benchmark", "--backends", "rules", "--no-plot", "--bootstrap", "20"]
    assert main([*common, "--gold", hf, "--out", str(out_hf)]) == 0
    assert main([*common, *jsonl, "--out", str(out_jsonl)]) == 0
    rh = json.loads((out_hf / "report.json").read_text())
    assert rh["gold"]["path"] == "hf:" + shipped.name + "#validation" and rh["corpus"].endswith("#validation:documents")
    assert _report_without_paths(out_hf / "report.json") == _report_without_paths(out_jsonl / "report.json")
    capsys.readouterr()


def test_hf_gold_from_a_hub_repository_downloads_the_pinned_revision(shipped: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import huggingface_hub

    from newsgold.gold import load_gold

    calls: list[tuple[str, str, dict[str, Any]]] = []

    def fake_download(repo_id: str, filename: str, **kwargs: Any) -> str:
        calls.append((repo_id, filename, kwargs))
        return str(shipped / filename)  # what the Hub cache would hold

    monkeypatch.setattr(huggingface_hub, "hf_hub_download", fake_download)
    gold = load_gold(f"hf:alice/newsgold@v{__version__}")
    assert gold.name == f"hf:alice/newsgold@v{__version__}#test"
    assert {c[0] for c in calls} == {"alice/newsgold"}
    assert all(c[2] == {"repo_type": "dataset", "revision": f"v{__version__}"} for c in calls)
    assert {c[1] for c in calls} == {"README.md", "newsgold.json", *(data_file(c, "test") for c in ("documents", *TASKS))}
    assert _records(gold.annotations) == {t: _jsonl(REPO / "annotations" / f"{t}.jsonl") for t in TASKS}

    from huggingface_hub.utils import LocalEntryNotFoundError  # importable here in every supported version

    def failing(*args: Any, **kwargs: Any) -> str:
        raise LocalEntryNotFoundError("offline and not in the cache\nmore text")

    monkeypatch.setattr(huggingface_hub, "hf_hub_download", failing)
    with pytest.raises(InputError, match=r"hf:alice/newsgold@v9#test:0: gold: could not get README.md: "
                                         r"LocalEntryNotFoundError: offline and not in the cache$"):
        load_gold("hf:alice/newsgold@v9")


@pytest.mark.parametrize("spec, extra, message", [
    ("hf:{out}@v1", [], "a revision (@v1) applies to a Hub repository only"),
    ("hf:alice/news--gold", [], "neither a folder nor a Hub repository id"),
    ("hf:{out}#train", [], "no documents, entities, quotes, claims data for split 'train' (splits: test, validation)"),
    ("hf:{out}", ["--corpus", "corpus/documents.jsonl"], "--corpus:0: corpus: not used with --gold hf:"),
    ("hf:", [], "expected hf:FOLDER or hf:USER/NAME"),
    ("hf:{gold}", [], "not a newsgold Hub export (no README.md)"),
])
def test_bad_hf_gold_is_one_line(exported: Path, gold_root: tuple[Path, list[SplitSource]], tmp_path: Path,
                                 capsys: pytest.CaptureFixture[str], spec: str, extra: list[str], message: str) -> None:
    gold = spec.format(out=exported, gold=gold_root[1][0].annotations)
    pred = gold_root[1][0].annotations / "pass2"
    assert main(["score", "--gold", gold, *extra, "--pred", str(pred)]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_broken_row_in_an_export_is_reported_like_a_jsonl_line(exported: Path, tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    copy = tmp_path / "copy"
    shutil.copytree(exported, copy)
    path = copy / data_file("entities", "test")
    table = pq.read_table(path)
    rows = table.to_pylist()
    rows[1]["end"] += 1  # text no longer equals the slice
    pq.write_table(pa.Table.from_pylist(rows, schema=table.schema), path)
    assert main(["score", "--gold", f"hf:{copy}", "--pred", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("hf:copy#test:entities:2: text:") or err.startswith("hf:copy#test:entities:2: end:"), err


def test_help_of_the_hf_commands_imports_no_heavy_library() -> None:
    heavy = ("spacy", "numpy", "datasets", "pyarrow", "huggingface_hub")
    for argv in (["export-hf", "--help"], ["push-hf", "--help"], ["compare", "--help"]):
        code = ("import sys\nfrom newsgold.cli import main\ntry:\n    main(%r)\nexcept SystemExit:\n    pass\n"
                "print('HEAVY=' + ','.join(m for m in %r if m in sys.modules))" % (argv, heavy))
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
        assert out.splitlines()[-1] == "HEAVY=", argv
