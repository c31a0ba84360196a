"""No traceback on any input, no silent pass, no flood: every case asserts the exit status, the
exact first line of stderr and that ``annotations/``, ``corpus/`` and the user's files (``preds/``,
``mine/``) are byte for byte unchanged (the ``sandbox`` fixture, tests/conftest.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import LINE, REPO_ROOT, first_line, run_cli, tree_sums

HINT = "run 'newsgold {} --help' for the options"


def fails(capsys, sandbox: Path, *argv: str, code: int = 2) -> tuple[str, list[str]]:
    """Run ``newsgold ARGV`` (usage errors exit through SystemExit): assert ``code`` and that the
    project did not change; returns (first stderr line, all stderr lines)."""
    before = tree_sums(sandbox)
    try:
        got, _, err = run_cli(capsys, *argv)
    except SystemExit as e:
        got, err = e.code, capsys.readouterr().err
    assert got == code, err
    assert "Traceback" not in err
    assert tree_sums(sandbox) == before
    return first_line(err), err.splitlines()


# ------------------------------------------------------------------------------------------------
# option values: one line, the usage hint on a second line at most
# ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("argv,line", [
    (["score", "--pred", "preds", "--bootstrap", "-1"], "newsgold score: --bootstrap: must be >= 0"),
    (["score", "--pred", "preds", "--bootstrap", "1000000000"],
     "newsgold score: --bootstrap: must be <= 100,000 (memory grows with it; 10,000 already gives stable intervals)"),
    (["compare", "preds", "preds", "--resamples", "1000000000"],
     "newsgold compare: --resamples: must be <= 100,000 (memory grows with it; 10,000 already gives stable intervals)"),
    (["score", "--pred", "preds", "--seed", "-1"], "newsgold score: --seed: must be >= 0"),
    (["score", "--pred", "preds", "--confidence", "1"], "newsgold score: --confidence: must be in (0, 1)"),
    (["score", "--pred", "preds", "--unit", "page"],
     "newsgold score: --unit: invalid choice: 'page' (choose from auto, document, sentence)"),
    (["score", "--pred", "preds", "--max-errors", "0"], "newsgold score: --max-errors: must be >= 1"),
    (["score"], "newsgold score: the following arguments are required: --pred"),
    (["score", "--pred", "preds", "--nope"], "newsgold score: unrecognized arguments: --nope"),
    (["score", "--pred", ""], "newsgold score: --pred: must not be empty"),
    (["benchmark", "--seed", "-3"], "newsgold benchmark: --seed: must be >= 0"),
    (["benchmark", "--n-process", "0"], "newsgold benchmark: --n-process: must be >= 1 or -1 (all cores)"),
    (["benchmark", "--backends", ""], "newsgold benchmark: --backends: no backend named (e.g. rules,spacy or file:DIR)"),
    (["benchmark", "--backends", "rules,,spacy"], "newsgold benchmark: --backends: empty backend name in 'rules,,spacy'"),
    (["benchmark", "--backends", "rules,rules"], "newsgold benchmark: --backends: backend 'rules' named twice"),
    (["extract", "--backend", "rules", "--out", "x", "--batch-size", "0"],
     "newsgold extract: --batch-size: must be >= 1"),
    (["extract", "--backend", "spacy", "--out", "x", "--n-process", "0"],
     "newsgold extract: --n-process: must be >= 1 or -1 (all cores)"),
    (["extract", "--backend", " ", "--out", "x"], "newsgold extract: --backend: no backend named (e.g. rules or file:DIR)"),
    (["check", "--tolerance", "nan"], "newsgold check: --tolerance: must be a finite number >= 0"),
    (["check", "--tolerance", "-0.1"], "newsgold check: --tolerance: must be a finite number >= 0"),
])
def test_a_bad_option_value_is_one_line_and_a_hint(argv, line, sandbox, capsys):
    first, lines = fails(capsys, sandbox, *argv)
    assert lines == [line, HINT.format(argv[0])]


def test_an_unknown_command_is_one_line_and_a_hint(sandbox, capsys):
    first, lines = fails(capsys, sandbox, "scroe")
    assert first == ("newsgold: COMMAND: invalid choice: 'scroe' (choose from benchmark, validate, extract, score, "
                     "compare, convert, check, export-hf, push-hf, schema)")
    assert lines[1:] == ["run 'newsgold --help' for the options"]


def test_running_out_of_memory_is_one_line(sandbox, capsys, monkeypatch):
    from newsgold.commands import score

    def exhausted(args):
        raise MemoryError

    monkeypatch.setattr(score, "run", exhausted)
    first, lines = fails(capsys, sandbox, "score", "--pred", "preds")
    assert lines == ["newsgold score: out of memory: the input or the options (e.g. --bootstrap) are too large "
                     "for this machine"]


# ------------------------------------------------------------------------------------------------
# inputs no parser should choke on
# ------------------------------------------------------------------------------------------------
DEEP = "[" * 100_000


def _pred(sandbox: Path, line: str, task: str = "entities") -> None:
    (sandbox / "preds" / f"{task}.jsonl").write_text(line + "\n")


@pytest.mark.parametrize("argv", [
    ["score", "--pred", "preds", "--bootstrap", "0"],
    ["compare", "preds", "mine/b", "--resamples", "0"],
    ["benchmark", "--backends", "file:preds", "--out", "mine/run", "--bootstrap", "0", "--no-plot"],
    ["validate", "--predictions", "--annotations", "preds"],
])
def test_deeply_nested_json_is_one_line(argv, sandbox, capsys):
    (sandbox / "mine" / "b").mkdir()
    (sandbox / "mine" / "b" / "entities.jsonl").write_text("")
    _pred(sandbox, DEEP)
    first, lines = fails(capsys, sandbox, *argv)
    assert first == "preds/entities.jsonl:1: json: invalid JSON: nested too deeply to read"
    assert not (sandbox / "mine" / "run").exists()


@pytest.mark.parametrize("line,problem", [
    ('{"doc_id": "kerry-lavrov-2015", "id": "e1", "start": NaN}', "json: invalid JSON: NaN is not a JSON number"),
    ('{"doc_id": "kerry-lavrov-2015", "id": "e1", "start": -Infinity}',
     "json: invalid JSON: -Infinity is not a JSON number"),
    ('{"doc_id": "kerry-lavrov-2015", "id": "e1", "start": 1e400}',
     "json: invalid JSON: number 1e400 is too large for a float"),
    ('{"doc_id": "kerry-lavrov-2015", "doc_id": "x", "id": "e1"}',
     "json: invalid JSON: duplicate key 'doc_id' in one object"),
    ('{"doc_id": "k", "id": "q", "content": {"start": 1, "start": 2}}',
     "json: invalid JSON: duplicate key 'start' in one object"),
])
def test_what_json_leaves_undefined_is_bad_input(line, problem, sandbox, capsys):
    _pred(sandbox, line)
    first, _ = fails(capsys, sandbox, "score", "--pred", "preds", "--bootstrap", "0")
    assert first == f"preds/entities.jsonl:1: {problem}"


@pytest.mark.parametrize("content,problem", [
    (DEEP, "0: json: invalid JSON: nested too deeply to read"),
    ('{"PERSON": "PER", "PERSON": "X"}', "0: json: invalid JSON: duplicate key 'PERSON' in one object"),
    ('["PERSON"]', "1: label_map: must be a JSON object mapping a label to a label or null"),
    ('{"PERSON": 5}', "0: label_map: 'PERSON' -> 5: the target must be a non-empty label without spaces or dots, "
                      "not 'O' or 'macro' (reserved in score names), or null"),
    ('{"PERSN": "PER"}', "0: label_map: 'PERSN': not an entity label (the map renames the gold's labels: PERSON, "
                         "NORP, FAC, ORG, GPE, LOC, PRODUCT, EVENT, WORK_OF_ART, LAW, LANGUAGE, DATE, TIME, PERCENT, "
                         "MONEY, QUANTITY, ORDINAL, CARDINAL)"),
])
def test_a_bad_label_map_is_one_line(content, problem, sandbox, capsys):
    (sandbox / "mine" / "map.json").write_text(content)
    first, _ = fails(capsys, sandbox, "score", "--pred", "preds", "--bootstrap", "0", "--label-map", "mine/map.json")
    assert first == f"mine/map.json:{problem}"


# ------------------------------------------------------------------------------------------------
# no silent skips
# ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("make,problem", [
    (lambda p: p.symlink_to("nowhere.jsonl"), "file: dangling symbolic link (to nowhere.jsonl)"),
    (lambda p: p.symlink_to(p.name), "file: Too many levels of symbolic links"),
    (lambda p: p.mkdir(), "file: Is a directory"),
])
@pytest.mark.parametrize("argv", [
    ["score", "--pred", "preds", "--bootstrap", "0"],
    ["benchmark", "--backends", "file:preds", "--out", "mine/run", "--bootstrap", "0", "--no-plot"],
    ["validate", "--predictions", "--annotations", "preds"],
])
def test_an_unreadable_task_file_is_an_error_not_a_missing_task(make, problem, argv, sandbox, capsys):
    target = sandbox / "preds" / "entities.jsonl"
    target.unlink()
    make(target)
    first, _ = fails(capsys, sandbox, *argv)
    assert first == f"preds/entities.jsonl:0: {problem}"


def test_a_folder_with_no_task_file_is_an_error(sandbox, capsys):
    for name in ("entities", "quotes", "claims"):
        (sandbox / "preds" / f"{name}.jsonl").unlink()
    (sandbox / "preds" / "entity.jsonl").write_text("")
    first, _ = fails(capsys, sandbox, "score", "--pred", "preds")
    assert first == ("preds:0: folder: nothing to score: none of entities.jsonl, quotes.jsonl, claims.jsonl "
                     "(other .jsonl files there: entity.jsonl)")
    first, _ = fails(capsys, sandbox, "benchmark", "--backends", "file:preds", "--out", "mine/run")
    assert first == "preds:0: backend: preds holds none of entities.jsonl, quotes.jsonl, claims.jsonl"


def test_an_absent_task_file_is_one_note_naming_the_task(sandbox, capsys):
    (sandbox / "preds" / "entities.jsonl").rename(sandbox / "preds" / "entity.jsonl")
    before = tree_sums(sandbox)
    code, out, err = run_cli(capsys, "score", "--pred", "preds", "--bootstrap", "0")
    assert code == 0 and tree_sums(sandbox) == before
    assert err == "note: preds has no entities.jsonl: entities not scored (other .jsonl files there: entity.jsonl)\n"
    assert "entities" not in out.split("\n", 1)[1]
    code, _, err = run_cli(capsys, "benchmark", "--backends", "file:preds", "--out", "mine/run", "--bootstrap", "0",
                           "--no-plot")
    assert (code, err) == (0, "note: preds has no entities.jsonl: entities not scored for file:preds\n")


def test_a_backend_that_cannot_load_is_exit_2_unless_skipped(sandbox, capsys):
    first, lines = fails(capsys, sandbox, "benchmark", "--model", "missing_model", "--out", "mine/run")
    assert first == ("--backends:0: backend: 'spacy' cannot load: spaCy pipeline 'missing_model' is not installed "
                     "(--skip-unavailable benchmarks the others)")
    assert not (sandbox / "mine" / "run").exists()
    code, out, err = run_cli(capsys, "benchmark", "--model", "missing_model", "--out", "mine/run", "--no-plot",
                             "--bootstrap", "0", "--skip-unavailable")
    assert code == 0
    assert err.splitlines() == [
        "note: backend 'spacy' skipped (--skip-unavailable): spaCy pipeline 'missing_model' is not installed",
        "note: backend 'textacy' skipped (--skip-unavailable): spaCy pipeline 'missing_model' is not installed"]
    report = json.loads((sandbox / "mine" / "run" / "report.json").read_text())
    assert report["backends"]["rules"]["status"] == "ok" and report["backends"]["spacy"]["status"] == "skipped"


def test_a_built_in_whose_package_is_missing_is_left_out_with_a_note(sandbox, capsys, monkeypatch):
    from newsgold import benchmark

    monkeypatch.setitem(benchmark.BUILTIN_PACKAGES, "textacy", "no_such_package_xyz")
    monkeypatch.setitem(benchmark.BUILTIN_PACKAGES, "spacy", "no_such_package_xyz")
    code, _, err = run_cli(capsys, "benchmark", "--out", "mine/run", "--no-plot", "--bootstrap", "0")
    assert code == 0
    assert err.splitlines() == [
        "note: built-in backend 'spacy' not benchmarked: the no_such_package_xyz package is not installed",
        "note: built-in backend 'textacy' not benchmarked: the no_such_package_xyz package is not installed"]


# ------------------------------------------------------------------------------------------------
# floods
# ------------------------------------------------------------------------------------------------
def test_many_problems_are_capped_per_file_with_a_count_per_kind(sandbox, capsys):
    row = json.loads((sandbox / "preds" / "entities.jsonl").read_text().splitlines()[0])
    lines = [json.dumps({**row, "id": "same"}) for _ in range(5000)] + ["{"] * 7
    (sandbox / "preds" / "entities.jsonl").write_text("\n".join(lines) + "\n")
    _, every = fails(capsys, sandbox, "score", "--pred", "preds", "--bootstrap", "0", "--max-errors", "100000")
    assert len(every) == 4999 + 4999 + 7  # a duplicate id and an overlapping span per copy, and the bad lines
    first, err = fails(capsys, sandbox, "score", "--pred", "preds", "--bootstrap", "0")
    assert first == "preds/entities.jsonl:2: id: duplicate id 'same' (first on line 1)"
    assert err[:20] == every[:20] and all(LINE.match(x) for x in err)
    kinds = {}
    for line in every[20:]:
        field = line.split(": ")[1]
        kinds[field] = kinds.get(field, 0) + 1
    assert err[20:] == [f"preds/entities.jsonl:0: {field}: {n} more problems of this kind not shown (--max-errors 20)"
                        for field, n in kinds.items()]
    assert sorted(kinds) == ["id", "json", "start"] and kinds["json"] == 7
    _, err = fails(capsys, sandbox, "score", "--pred", "preds", "--bootstrap", "0", "--max-errors", "3")
    assert len(err) == 3 + 3 and err[:3] == every[:3]


def test_validate_a_corpus_alone(sandbox, capsys):
    before = tree_sums(sandbox)
    dev = str(REPO_ROOT / "tests/data/dev/documents.jsonl")
    code, out, err = run_cli(capsys, "validate", "--corpus", dev)
    assert (code, out, err) == (0, f"{dev}: 3 documents: ok (no annotation folder given)\n", "")
    assert tree_sums(sandbox) == before


def test_a_gold_made_for_another_corpus_is_one_hint_line(sandbox, capsys):
    dev = str(REPO_ROOT / "tests/data/dev/documents.jsonl")
    first, lines = fails(capsys, sandbox, "validate", "--corpus", dev, "--annotations", "annotations")
    assert lines == ["annotations:0: doc_id: no record names a document of the corpus (records name "
                     "'kerry-lavrov-2015'; the corpus has 'dev-austria-election-2025', 'dev-cyclone-marlo-2026', "
                     "'dev-lumora-phone-2025'): made for another corpus? give the one it belongs to with --corpus"]
    first, lines = fails(capsys, sandbox, "score", "--corpus", dev, "--pred", "preds")
    assert len(lines) == 1 and first.startswith("annotations:0: doc_id: no record names a document of the corpus")


# ------------------------------------------------------------------------------------------------
# kept from the first review
# ------------------------------------------------------------------------------------------------
def test_unwritable_output_is_one_line(tmp_path, tiny_corpus, tiny_gold, capsys):
    (tmp_path / "adir").mkdir()
    code, _, err = run_cli(capsys, "score", "--gold", str(tiny_gold), "--corpus", str(tiny_corpus),
                           "--pred", str(tiny_gold), "--json", str(tmp_path / "adir"), "--bootstrap", "0")
    assert code == 2 and len(err.strip().splitlines()) == 1 and err.startswith(str(tmp_path / "adir"))


def test_check_refuses_a_report_that_is_not_a_benchmark(tmp_path, capsys):
    bad = tmp_path / "r.json"
    bad.write_text(json.dumps({"tasks": {}}))
    base = tmp_path / "b.json"
    base.write_text(json.dumps({"signature": "s", "backends": {}}))
    code, _, err = run_cli(capsys, "check", "--report", str(bad), "--baseline", str(base))
    assert code == 2 and err.strip() == (f"{bad}:0: backends: not a newsgold benchmark report.json "
                                         "(needs signature, gold and backends: run 'newsgold benchmark')")


def test_extract_never_writes_inside_the_corpus_folder(tiny_corpus, capsys):
    out = tiny_corpus.parent / "preds"
    code, _, err = run_cli(capsys, "extract", "--backend", "rules", "--corpus", str(tiny_corpus), "--out", str(out))
    assert code == 2 and "refusing to write into annotation data newsgold did not write" in err and not out.exists()


def test_label_map_target_may_not_clash_with_score_names(tmp_path, tiny_corpus, tiny_gold, capsys):
    m = tmp_path / "map.json"
    m.write_text(json.dumps({"PERSON": "macro", "GPE": "a.b"}))
    code, _, err = run_cli(capsys, "score", "--gold", str(tiny_gold), "--corpus", str(tiny_corpus),
                           "--pred", str(tiny_gold), "--label-map", str(m), "--bootstrap", "0")
    assert code == 2 and len(err.strip().splitlines()) == 2 and "reserved" in err


def test_validate_a_corpus_alone_outside_a_checkout(tmp_path, monkeypatch, tiny_corpus, capsys):
    monkeypatch.chdir(tmp_path / "corpus")  # no ./annotations here
    code, out, err = run_cli(capsys, "validate", "--corpus", "documents.jsonl")
    assert code == 0 and out.strip() == "documents.jsonl: 1 document: ok (no annotation folder given)", err



def test_hidden_problems_are_counted_by_kind_not_by_annotation_id(capsys: pytest.CaptureFixture[str]) -> None:
    from newsgold.cli import print_problems
    from newsgold.errors import Problem

    problems = [Problem("ann/d.ann", n, f"A{n}", "Type of T5: 'quoted' is not allowed") for n in range(1, 32)]
    problems += [Problem("ls.json", 0, f"tasks.0.annotations.0.result.{n}", "bad") for n in range(5)]
    print_problems(problems, limit=2)
    err = capsys.readouterr().err.splitlines()
    assert err[4] == "ann/d.ann:0: A#: 29 more problems of this kind not shown (--max-errors 2)"
    assert err[5] == "ls.json:0: tasks.#.annotations.#.result.#: 3 more problems of this kind not shown (--max-errors 2)"
    assert len(err) == 6
