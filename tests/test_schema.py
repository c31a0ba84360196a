"""newsgold.schema + ``newsgold schema``: the shipped JSON Schema files equal the code, and the shipped
corpus / annotations conform to them (checked with the independent ``jsonschema`` package)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import jsonschema  # noqa: E402  (in the dev extra)
import pytest

from conftest import TINY_RECORDS, make_doc
from newsgold.cli import main
from newsgold.commands.schema import KINDS, render, schema_files
from newsgold.output import MANIFEST
from newsgold.schema import FIELDS, json_schema
from newsgold.tasks import get_task

REPO = Path(__file__).resolve().parents[1]
SHIPPED = REPO / "annotations" / "schema"


def validator(kind: str):
    schema = json.loads((SHIPPED / f"{kind}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_shipped_files_equal_generated() -> None:
    for path, text in schema_files(SHIPPED).items():
        assert path.read_text(encoding="utf-8") == text, f"{path} is stale: run 'newsgold schema'"


def test_schema_check_command(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.chdir(REPO)
    assert main(["schema", "--check"]) == 0
    assert capsys.readouterr().out == "annotations/schema: 4 schema files up to date\n"


def test_schema_write_then_check_detects_drift(tmp_path: Path, capsys) -> None:
    out = tmp_path / "s"
    assert main(["schema", "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == [MANIFEST] + [f"{k}.schema.json" for k in sorted(KINDS)]
    text = (out / "quotes.schema.json").read_text(encoding="utf-8")
    assert text.endswith("}\n") and json.loads(text) == json_schema("quotes")
    capsys.readouterr()
    (out / "claims.schema.json").write_text("{}\n", encoding="utf-8")
    (out / "entities.schema.json").unlink()
    assert main(["schema", "--check", "--out", str(out)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{out}/entities.schema.json: missing (run 'newsgold schema' to regenerate)",
        f"{out}/claims.schema.json: differs from newsgold.schema (run 'newsgold schema' to regenerate)",
    ]


def test_render_is_stable_sorted_json() -> None:
    for kind in KINDS:
        text = render(kind)
        assert text == json.dumps(json.loads(text), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def test_schema_covers_every_field_and_record_type() -> None:
    for kind in KINDS:
        assert set(json_schema(kind)["properties"]) == set(FIELDS[kind]) == set(json_schema(kind)["required"])
        if kind != "documents":  # every task declares its record type and the fields it reads
            task = get_task(kind)
            assert task.fields is FIELDS[kind] and hasattr(task.record, "from_dict")


def test_tiny_records_pass_and_bad_ones_fail() -> None:
    assert list(validator("documents").iter_errors(make_doc())) == []
    for task, rows in TINY_RECORDS.items():
        for row in rows:
            assert list(validator(task).iter_errors(row)) == [], (task, row)
    bad = copy.deepcopy(TINY_RECORDS["entities"][0]) | {"start": True}
    assert not validator("entities").is_valid(bad)  # bool is not an integer for jsonschema either
    bad = copy.deepcopy(TINY_RECORDS["quotes"][0])
    bad["content"]["extra"] = 1
    assert not validator("quotes").is_valid(bad)


def _lines(path: Path) -> list[tuple[int, dict]]:
    text = path.read_text(encoding="utf-8-sig")
    return [(n, json.loads(line)) for n, line in enumerate(text.splitlines(), 1) if line.strip()]


@pytest.mark.parametrize("kind", KINDS)
def test_shipped_data_conforms_to_shipped_schema(kind: str) -> None:
    path = REPO / ("corpus/documents.jsonl" if kind == "documents" else f"annotations/{kind}.jsonl")
    v = validator(kind)
    errors = [f"{path.name}:{n}: {'/'.join(map(str, e.absolute_path))}: {e.message}"
              for n, obj in _lines(path) for e in v.iter_errors(obj)]
    assert errors == []
