"""Hugging Face Hub export and push (``newsgold export-hf`` / ``push-hf``), fully offline.

The export is checked from the outside: ``datasets.load_dataset`` on the folder must give back
the declared features and exactly the JSONL records (read here with ``json``, not with the
exporter's code), the card must parse with ``huggingface_hub``, and two exports must be
byte-identical. The Hub itself is never contacted: ``HfApi`` and ``get_token`` are replaced.
"""

from __future__ import annotations

import hashlib
import json
import runpy
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from newsgold.cli import main
from newsgold.errors import InputError
from newsgold.hf import CONFIGS, DEFAULT_CONFIG, data_file
from newsgold.schema import CLAIM_STATUSES, ENTITY_LABELS, FIELDS, QUOTE_TYPES
from newsgold.tasks import TASKS

REPO = Path(__file__).resolve().parent.parent
TOKEN = "hf_NOTAREALTOKEN_0123456789abcdef"

# --------------------------------------------------------------------------------------------
# a small gold set of our own: two documents, every nullable both set and null, a code point
# beyond the BMP (offsets are code points, not UTF-16 units), one document without quotes
# --------------------------------------------------------------------------------------------
TEXT_A = "Kerry met Lavrov in Sochi on Tuesday 😀, RT reported.\n“We are ready,” the ministry said."
TEXT_B = "Reportedly, the talks in Geneva failed. Putin denied it."


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
GUIDELINES = "# test guidelines (v0.9)\n\nTwo annotators, adjudicated.\n\n## 1. Entities\n\nrules\n\n## 2. Quotes\n"
AGREEMENT = ("# Agreement\n\nIntro.\n\n| other | table |\n|---|---|\n| x | 1 |\n\n## Summary\n\n"
             "| task | measure | value |\n|---|---|---|\n| entities | strict F1 | 0.912 |\n| claims | kappa | 0.777 |\n\n"
             "Details follow.\n")


def _write_jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def make_gold(root: Path, agreement: bool = True) -> tuple[Path, Path]:
    """Write the corpus and annotation folder under ``root``; returns (corpus, annotations)."""
    corpus = root / "corpus" / "documents.jsonl"
    _write_jsonl(corpus, DOCS)
    ann = root / "annotations"
    for task, rows in RECORDS.items():
        _write_jsonl(ann / f"{task}.jsonl", rows)
    (ann / "GUIDELINES.md").write_text(GUIDELINES, encoding="utf-8")
    if agreement:
        (ann / "AGREEMENT.md").write_text(AGREEMENT, encoding="utf-8")
    return corpus, ann


def expected_rows(config: str, docs: list[dict], records: dict[str, list[dict]]) -> list[dict[str, Any]]:
    """What each config must contain, built from the raw JSONL dicts (independent of newsgold.hf)."""
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


def load(folder: Path, config: str, cache: Path) -> Any:
    import datasets

    return datasets.load_dataset(str(folder), name=config, split="train", cache_dir=str(cache))


@pytest.fixture(autouse=True)
def _offline(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No Hub access and a private datasets cache, whatever the environment says."""
    import huggingface_hub.constants

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_CACHE", str(tmp_path / "hf-cache"))
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", True)
    monkeypatch.delenv("HF_TOKEN", raising=False)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One export of the small gold set, shared by the read-only tests of this module."""
    from newsgold.hf.export import export

    root = tmp_path_factory.mktemp("hf")
    corpus, ann = make_gold(root)
    return export(root / "out", corpus, ann).out


# --------------------------------------------------------------------------------------------
# features
# --------------------------------------------------------------------------------------------
def test_features_are_derived_from_the_schema() -> None:
    from datasets import ClassLabel, List, Value

    from newsgold.hf.features import config_features

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
    spans = config_features("spans")
    assert list(spans) == [*FIELDS["documents"], *TASKS]
    for task in TASKS:
        # a list of structs (datasets.List), not the legacy Sequence's struct of lists
        assert isinstance(spans[task], List) and isinstance(spans[task].feature, dict)
        assert list(spans[task].feature) == [k for k in FIELDS[task] if k != "doc_id"]


# --------------------------------------------------------------------------------------------
# export -> load_dataset round trip
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("config", CONFIGS)
def test_load_dataset_round_trip(exported: Path, tmp_path: Path, config: str) -> None:
    from newsgold.hf.features import config_features

    assert (exported / data_file(config)).is_file()
    ds = load(exported, config, tmp_path / "cache")
    assert ds.features == config_features(config)
    got = [decode(ds.features, row) for row in ds]
    assert got == expected_rows(config, DOCS, RECORDS)


def test_offsets_still_slice_the_text(exported: Path, tmp_path: Path) -> None:
    texts = {d["id"]: d["text"] for d in load(exported, "documents", tmp_path / "c")}
    n = 0
    for task in TASKS:
        for row in load(exported, task, tmp_path / "c"):
            spans = [row] if task == "entities" else [row[k] for k, s in FIELDS[task].items() if s.kind == "span"]
            for s in filter(None, spans):
                assert texts[row["doc_id"]][s["start"]:s["end"]] == s["text"]
                n += 1
    for doc in load(exported, "spans", tmp_path / "c"):
        for e in doc["entities"]:
            assert doc["text"][e["start"]:e["end"]] == e["text"]
    assert n == 7 + 8 + 6  # entities, quote spans (content/speaker/cue set), claim spans


def test_default_config_loads_without_a_name(exported: Path, tmp_path: Path) -> None:
    import datasets

    ds = datasets.load_dataset(str(exported), split="train", cache_dir=str(tmp_path / "c"))
    assert DEFAULT_CONFIG == "spans" and ds.column_names == [*FIELDS["documents"], *TASKS]


def test_export_copies_guidelines_and_schemas(exported: Path) -> None:
    assert (exported / "GUIDELINES.md").read_text(encoding="utf-8") == GUIDELINES
    assert (exported / "AGREEMENT.md").read_text(encoding="utf-8") == AGREEMENT
    schemas = sorted(p.name for p in (exported / "schema").glob("*.json"))
    assert schemas == sorted(f"{k}.schema.json" for k in ("documents", *TASKS))
    from newsgold.schema import json_schema

    assert json.loads((exported / "schema" / "quotes.schema.json").read_text()) == json_schema("quotes")


def test_shipped_schema_files_are_copied_verbatim(tmp_path: Path) -> None:
    from newsgold.hf.export import export

    corpus, ann = make_gold(tmp_path)
    (ann / "schema").mkdir()
    (ann / "schema" / "entities.schema.json").write_text('{"x": 1}\n', encoding="utf-8")
    out = export(tmp_path / "out", corpus, ann).out
    assert [p.name for p in (out / "schema").iterdir()] == ["entities.schema.json"]
    assert (out / "schema" / "entities.schema.json").read_text() == '{"x": 1}\n'


# --------------------------------------------------------------------------------------------
# determinism and atomic output
# --------------------------------------------------------------------------------------------
def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_export_is_byte_for_byte_deterministic(tmp_path: Path) -> None:
    from newsgold.hf.export import export

    corpus, ann = make_gold(tmp_path)
    first = _snapshot(export(tmp_path / "one", corpus, ann).out)
    second = _snapshot(export(tmp_path / "two", corpus, ann).out)
    assert first == second
    again = _snapshot(export(tmp_path / "one", corpus, ann).out)  # replacing an earlier export
    assert again == first
    assert sorted(first) == sorted(["README.md", "GUIDELINES.md", "AGREEMENT.md",
                                    *(data_file(c) for c in CONFIGS),
                                    *(f"schema/{k}.schema.json" for k in ("documents", *TASKS))])
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp folders left


def test_parquet_metadata_has_nothing_variable(exported: Path) -> None:
    import pyarrow.parquet as pq

    from newsgold.hf.features import config_features

    for config in CONFIGS:
        meta = pq.ParquetFile(exported / data_file(config)).metadata
        assert set(meta.metadata) == {b"ARROW:schema", b"huggingface"}
        assert meta.created_by.startswith("parquet-cpp-arrow version")
        hf = json.loads(meta.metadata[b"huggingface"])
        assert hf == {"info": {"features": config_features(config).to_dict()}}


def test_bad_input_is_one_line_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus, ann = make_gold(tmp_path)
    rows = [dict(r) for r in RECORDS["entities"]]
    rows[2]["label"] = "CITY"
    _write_jsonl(ann / "entities.jsonl", rows)
    out = tmp_path / "out"
    code = main(["export-hf", "--out", str(out), "--corpus", str(corpus), "--annotations", str(ann)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.splitlines() == [f"{ann / 'entities.jsonl'}:3: label: unknown label 'CITY' "
                                f"(expected one of {', '.join(ENTITY_LABELS)})"]
    assert not out.exists() and not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_missing_task_file_is_an_input_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus, ann = make_gold(tmp_path)
    (ann / "quotes.jsonl").unlink()
    code = main(["export-hf", "--out", str(tmp_path / "out"), "--corpus", str(corpus), "--annotations", str(ann)])
    assert code == 2
    assert capsys.readouterr().err.startswith(f"{ann / 'quotes.jsonl'}:0: file: missing")


def test_refuses_to_replace_a_folder_that_is_not_an_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus, ann = make_gold(tmp_path)
    out = tmp_path / "precious"
    out.mkdir()
    (out / "notes.txt").write_text("keep me")
    code = main(["export-hf", "--out", str(out), "--corpus", str(corpus), "--annotations", str(ann)])
    assert code == 2 and "refusing to replace it" in capsys.readouterr().err
    assert (out / "notes.txt").read_text() == "keep me"


def test_export_hf_command_prints_a_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    corpus, ann = make_gold(tmp_path)
    monkeypatch.chdir(tmp_path)  # no runs/ here: the card must say no benchmark was supplied
    assert main(["export-hf", "--out", "out", "--corpus", str(corpus), "--annotations", str(ann)]) == 0
    out = capsys.readouterr().out
    assert "entities 7" in out and "no benchmark report" in out
    assert "No benchmark report was supplied" in (tmp_path / "out" / "README.md").read_text(encoding="utf-8")


# --------------------------------------------------------------------------------------------
# the dataset card
# --------------------------------------------------------------------------------------------
def test_card_yaml_parses_and_declares_every_config(exported: Path) -> None:
    from datasets.info import DatasetInfosDict
    from huggingface_hub import DatasetCard, DatasetCardData

    from newsgold.hf.features import config_features

    card = DatasetCard.load(exported / "README.md")
    data = card.data
    assert isinstance(data, DatasetCardData)
    assert data.license == "cc-by-4.0" and data.language == ["en"]
    assert data.annotations_creators == ["expert-generated"] and data.source_datasets == ["original"]
    assert set(data.task_categories) == {"token-classification", "text-classification"}
    assert "named-entity-recognition" in data.task_ids and "fact-checking" in data.task_ids
    assert data.size_categories == ["n<1K"] and data.pretty_name and data.tags
    configs = {c["config_name"]: c for c in data.configs}
    assert set(configs) == set(CONFIGS)
    for c in CONFIGS:
        assert configs[c]["data_files"] == [{"split": "train", "path": data_file(c)}]
    assert [c for c in CONFIGS if configs[c].get("default")] == [DEFAULT_CONFIG]
    infos = DatasetInfosDict.from_dataset_card_data(data)
    for c in CONFIGS:
        assert infos[c].features == config_features(c)
        assert infos[c].splits["train"].num_examples == len(expected_rows(c, DOCS, RECORDS))
        assert infos[c].download_size == (exported / data_file(c)).stat().st_size
    assert "\n---\n" in card.content  # front matter closed, body follows


def test_card_body_is_computed_from_the_data(exported: Path) -> None:
    text = (exported / "README.md").read_text(encoding="utf-8")
    labels = Counter(e["label"] for e in RECORDS["entities"])
    for label in ENTITY_LABELS:
        assert f"| `{label}` | {labels[label]} |" in text
    assert "| `direct` | 1 | 33.3% |" in text and "| `indirect` | 2 | 66.7% |" in text
    assert "| `denied` | 1 | 25.0% |" in text and "| `hedged` | 0 | 0.0% |" in text
    assert "check-worthy: 3 of 4 (75.0%)" in text
    assert "7 mentions of 6 distinct referent keys" in text
    # the agreement summary table (not the first table of the file) is copied verbatim
    assert "| task | measure | value |\n|---|---|---|\n| entities | strict F1 | 0.912 |" in text
    assert "| other | table |" not in text
    assert "**test guidelines (v0.9)**" in text and "* 2. Quotes" in text
    # one example per config, taken from the data
    assert '"id": "e001"' in text and '"id": "q01"' in text and '"id": "c01"' in text
    assert "No benchmark report was supplied" in text
    assert "CC BY 4.0" in text and "`a.txt` (published 2015-05-11)" in text
    assert "```bibtex\n@misc{newsgold," in text
    assert "Inter-annotator agreement: not yet measured" not in text


def test_card_without_agreement_says_not_yet_measured(tmp_path: Path) -> None:
    from newsgold.hf.export import export

    corpus, ann = make_gold(tmp_path, agreement=False)
    text = (export(tmp_path / "out", corpus, ann).out / "README.md").read_text(encoding="utf-8")
    assert "Inter-annotator agreement: not yet measured." in text


def _report(f1: float, gold_sha256: str = "") -> dict[str, Any]:
    """The layout of a `newsgold benchmark` report.json (eval/newsgold/benchmark.py build_summary)."""
    result = {"headline": "strict.f1", "metrics": {"strict.precision": 0.625, "strict.recall": 0.5, "strict.f1": f1},
              "ci": {"strict.f1": [0.4, 0.7]}}
    task = {"headline": "strict.f1", "f1": f1, "precision": 0.625, "recall": 0.5, "ci": [0.4, 0.7], "result": result}
    ok = {"status": "ok", "tasks": {"entities": task}}
    return {"signature": "newsgold:test-signature", "gold": {"sha256": gold_sha256},
            "backends": {"rules": ok, "spacy": ok, "textacy": {"status": "skipped", "reason": "not installed"}}}


def test_card_benchmark_table_comes_from_the_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsgold.signature import gold_checksum

    corpus, ann = make_gold(tmp_path)
    sha = gold_checksum(ann, corpus)
    runs = tmp_path / "runs"
    (runs / "latest").mkdir(parents=True)
    (runs / "latest" / "report.json").write_text(json.dumps(_report(0.5556, sha)))
    (runs / "other").mkdir()  # newer, but only runs/latest is the default: never picked
    (runs / "other" / "report.json").write_text(json.dumps(_report(0.111, sha)))
    monkeypatch.chdir(tmp_path)
    assert main(["export-hf", "--out", "out", "--corpus", str(corpus), "--annotations", str(ann)]) == 0
    text = (tmp_path / "out" / "README.md").read_text(encoding="utf-8")
    assert "| rules | entities | strict.f1 | 0.625 | 0.500 | 0.556 [0.400, 0.700] |" in text
    assert "| spacy | entities |" in text and "`latest/report.json`" in text and "0.111" not in text
    assert "newsgold:test-signature" in text
    # an explicit --report wins over runs/latest
    assert main(["export-hf", "--out", "out", "--corpus", str(corpus), "--annotations", str(ann),
                 "--report", str(runs / "other" / "report.json")]) == 0
    assert "0.111" in (tmp_path / "out" / "README.md").read_text(encoding="utf-8")
    # runs/latest computed on another gold: not used, the card says no report was supplied
    (runs / "latest" / "report.json").write_text(json.dumps(_report(0.999, "f" * 64)))
    assert main(["export-hf", "--out", "out", "--corpus", str(corpus), "--annotations", str(ann)]) == 0
    text = (tmp_path / "out" / "README.md").read_text(encoding="utf-8")
    assert "0.999" not in text and "No benchmark report was supplied" in text


def test_unrecognised_or_broken_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from newsgold.hf.export import export

    corpus, ann = make_gold(tmp_path)
    odd = tmp_path / "odd.json"
    odd.write_text('{"hello": 1}')
    with pytest.raises(InputError, match="not a newsgold benchmark report"):
        export(tmp_path / "out", corpus, ann, report=odd)
    other = tmp_path / "other.json"
    other.write_text(json.dumps(_report(0.5, "f" * 64)))
    with pytest.raises(InputError, match="computed on another gold"):
        export(tmp_path / "out", corpus, ann, report=other)
    assert not (tmp_path / "out").exists()
    bad = tmp_path / "bad.json"
    bad.write_text('{"a": 1,\n oops}')
    assert main(["export-hf", "--out", str(tmp_path / "o2"), "--corpus", str(corpus),
                 "--annotations", str(ann), "--report", str(bad)]) == 2
    assert capsys.readouterr().err.startswith(f"{bad}:2: json: invalid JSON")


# --------------------------------------------------------------------------------------------
# push-hf
# --------------------------------------------------------------------------------------------
class FakeApi:
    """Records what the push asks of the Hub; fails if a test says so."""

    calls: list[tuple[str, dict[str, Any]]] = []
    fail: BaseException | None = None

    def __init__(self, token: Any = None, **kwargs: Any) -> None:
        FakeApi.calls.append(("init", {"token": token, **kwargs}))

    def create_repo(self, repo_id: str, **kwargs: Any) -> str:
        FakeApi.calls.append(("create_repo", {"repo_id": repo_id, **kwargs}))
        if FakeApi.fail is not None:
            raise FakeApi.fail
        return f"https://huggingface.co/datasets/{repo_id}"

    def upload_folder(self, repo_id: str, folder_path: str, **kwargs: Any) -> str:
        folder = Path(folder_path)
        files = _snapshot(folder)
        FakeApi.calls.append(("upload_folder", {"repo_id": repo_id, "folder_path": folder_path,
                                                "files": files, **kwargs}))
        return "commit"


@pytest.fixture
def hub(monkeypatch: pytest.MonkeyPatch) -> type[FakeApi]:
    import huggingface_hub

    FakeApi.calls, FakeApi.fail = [], None
    monkeypatch.setattr(huggingface_hub, "HfApi", FakeApi)
    monkeypatch.setattr(huggingface_hub, "get_token", lambda: TOKEN)
    return FakeApi


def _push_args(tmp_path: Path, *extra: str) -> list[str]:
    corpus, ann = make_gold(tmp_path)
    return ["push-hf", "--repo-id", "alice/newsgold", "--corpus", str(corpus), "--annotations", str(ann), *extra]


def test_push_without_token_exits_2_with_one_line(tmp_path: Path, hub: type[FakeApi],
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    import huggingface_hub

    monkeypatch.setattr(huggingface_hub, "get_token", lambda: None)
    assert main(_push_args(tmp_path)) == 2
    cap = capsys.readouterr()
    assert cap.err == "newsgold push-hf: no Hugging Face token: set HF_TOKEN or run huggingface-cli login\n"
    assert hub.calls == []


def test_push_uploads_the_export_and_never_shows_the_token(tmp_path: Path, hub: type[FakeApi],
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert main(_push_args(tmp_path, "--private")) == 0
    cap = capsys.readouterr()
    assert TOKEN not in cap.out + cap.err
    names = [name for name, _ in hub.calls]
    assert names == ["init", "create_repo", "upload_folder"]
    init, create, upload = (kw for _, kw in hub.calls)
    assert init["token"] == TOKEN
    assert create["repo_id"] == "alice/newsgold" and create["repo_type"] == "dataset"
    assert create["exist_ok"] is True and create["private"] is True
    assert upload["repo_id"] == "alice/newsgold" and upload["repo_type"] == "dataset"
    files = upload["files"]
    assert {"README.md", *(data_file(c) for c in CONFIGS)} <= set(files)
    assert not any(TOKEN.encode() in content for content in files.values())
    assert b"huggingface.co/datasets/alice/newsgold" in files["README.md"]  # the card knows its repo
    assert not Path(upload["folder_path"]).exists()  # the temporary export is cleaned up
    assert "uploaded" in cap.out and "alice/newsgold" in cap.out


def test_push_dry_run_needs_no_network_and_no_token(tmp_path: Path, hub: type[FakeApi],
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    import huggingface_hub

    monkeypatch.setattr(huggingface_hub, "get_token", lambda: None)
    keep = tmp_path / "kept"
    assert main(_push_args(tmp_path, "--dry-run", "--dir", str(keep))) == 0
    out = capsys.readouterr().out
    assert hub.calls == []  # HfApi never even constructed
    assert out.startswith("would upload") and "alice/newsgold" in out
    for config in CONFIGS:
        assert data_file(config) in out
    assert (keep / "README.md").is_file()  # --dir keeps the export


def test_push_network_failure_is_one_line(tmp_path: Path, hub: type[FakeApi],
                                          capsys: pytest.CaptureFixture[str]) -> None:
    from huggingface_hub.errors import HTTPError

    hub.fail = type("ConnectError", (HTTPError,), {})(f"connection refused (Authorization: Bearer {TOKEN})")
    assert main(_push_args(tmp_path)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("newsgold push-hf: upload to alice/newsgold failed: ConnectError")
    assert TOKEN not in err and "Traceback" not in err


def test_push_offline_mode_error_is_caught(tmp_path: Path, hub: type[FakeApi],
                                           capsys: pytest.CaptureFixture[str]) -> None:
    from huggingface_hub.errors import OfflineModeIsEnabled

    hub.fail = OfflineModeIsEnabled("offline mode is enabled")
    assert main(_push_args(tmp_path)) == 2
    assert "OfflineModeIsEnabled" in capsys.readouterr().err


def test_push_rejects_a_bad_repo_id(tmp_path: Path, hub: type[FakeApi], capsys: pytest.CaptureFixture[str]) -> None:
    args = _push_args(tmp_path)
    args[2] = "no-slash"
    assert main(args) == 2
    assert "invalid --repo-id 'no-slash'" in capsys.readouterr().err and hub.calls == []


def test_publish_script_is_the_same_command(tmp_path: Path, hub: type[FakeApi],
                                            monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "argv", ["publish_to_hub.py", *_push_args(tmp_path, "--dry-run")[1:]])
    with pytest.raises(SystemExit) as exit_:
        runpy.run_path(str(REPO / "scripts" / "publish_to_hub.py"), run_name="__main__")
    assert exit_.value.code == 0
    assert capsys.readouterr().out.startswith("would upload")


# --------------------------------------------------------------------------------------------
# the shipped gold
# --------------------------------------------------------------------------------------------
def test_shipped_gold_exports_and_round_trips(tmp_path: Path) -> None:
    corpus, ann = REPO / "corpus" / "documents.jsonl", REPO / "annotations"
    from newsgold.hf.export import export

    out = export(tmp_path / "out", corpus, ann).out
    docs = [json.loads(line) for line in corpus.read_text(encoding="utf-8-sig").splitlines() if line.strip()]
    records = {t: [json.loads(line) for line in (ann / f"{t}.jsonl").read_text(encoding="utf-8-sig").splitlines()
                   if line.strip()] for t in TASKS}
    for config in CONFIGS:
        ds = load(out, config, tmp_path / "cache")
        assert [decode(ds.features, row) for row in ds] == expected_rows(config, docs, records)
    texts = {d["id"]: d["text"] for d in docs}
    for e in load(out, "entities", tmp_path / "cache"):
        assert texts[e["doc_id"]][e["start"]:e["end"]] == e["text"]
