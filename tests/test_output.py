"""newsgold.output: no command can write into the gold, the corpus or a folder it reads, replace a
folder it did not write, lose a user's file, ignore the umask, or leave a staged folder behind.

Every refusal asserts the exit status, the exact first line of stderr and that not one byte of the
project (``annotations/``, ``corpus/``, the user's ``preds/`` and ``mine/``) changed. The path
options are not listed by hand: they are read from the argparse definitions of every sub-command
(:class:`newsgold.output.PathArg`), so an option added later is covered without touching this file.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REPO_ROOT, first_line, run_cli, tree_sums
from newsgold.cli import COMMANDS, command_parser
from newsgold.errors import InputError
from newsgold.output import MANIFEST, PathArg, StagedFile, check_output, staged_folder, write_atomic, written_together

REFUSE = "refusing to write into annotation data newsgold did not write (a gold, corpus or predictions folder); choose another path"


# ------------------------------------------------------------------------------------------------
# the path options, from the argparse definitions
# ------------------------------------------------------------------------------------------------
def _actions(name: str) -> list[argparse.Action]:
    return [a for a in command_parser(name)._actions if a.dest != "help"]


def _writes(action: argparse.Action) -> bool:
    return isinstance(action.type, PathArg) and action.type.use in ("write", "update")


def _reads(action: argparse.Action) -> bool:
    return (isinstance(action.type, PathArg) and action.type.reads) or callable(getattr(action.type, "read_paths", None))


def _sample(action: argparse.Action) -> str:
    """A harmless value for a required option that is not under test."""
    kind = action.type
    if isinstance(kind, PathArg):
        if kind.reads and kind.folder:
            return "preds"
        return "corpus/documents.jsonl" if kind.reads else "elsewhere"
    if getattr(kind, "read_paths", None) is not None:  # --backend(s), --gold, --split
        return {"gold": "annotations", "split": "x"}.get(action.dest, "rules")
    return {"repo_id": "alice/newsgold"}.get(action.dest, "x")


def _argv(name: str, values: dict[str, str | list[str]]) -> list[str]:
    """``newsgold NAME`` with ``values`` (dest -> value) and a sample for every other required option;
    an option written only under a flag (``check --baseline`` with ``--update``) gets the flag."""
    positional, options = [], []
    parser = command_parser(name)
    for group in parser._mutually_exclusive_groups:  # e.g. convert's --from | --to: the first one
        if group.required and not any(a.dest in values for a in group._group_actions):
            first = group._group_actions[0]
            options += [first.option_strings[0], list(first.choices)[0] if first.choices else _sample(first)]
    for a in parser._actions:
        if a.dest == "help":
            continue
        value = values.get(a.dest)
        if value is None and not (a.required or not a.option_strings):
            continue
        value = value if value is not None else _sample(a)
        tokens = value if isinstance(value, list) else [value]  # nargs=3 (--split NAME CORPUS ANNOTATIONS)
        if a.option_strings:
            options += [a.option_strings[0], *tokens]
        else:
            positional.extend(tokens)
        if value is not None and a.dest in values and isinstance(a.type, PathArg) and a.type.written_if:
            options.append("--" + a.type.written_if.replace("_", "-"))
    return [name, *positional, *options]


WRITE_OPTIONS = [(name, a.dest) for name in COMMANDS for a in _actions(name) if _writes(a)]
READ_WRITE_PAIRS = [(name, w.dest, r.dest) for name in COMMANDS for w in _actions(name) if _writes(w)
                    for r in _actions(name) if _reads(r) and r.dest != w.dest]


def test_every_command_that_writes_declares_its_paths():
    """The enumeration below sees every written path of the CLI (a new one must use PathArg)."""
    assert sorted(WRITE_OPTIONS) == sorted([
        ("benchmark", "out"), ("check", "baseline"), ("check", "out"), ("compare", "json"), ("compare", "markdown"),
        ("convert", "out"),
        ("export-hf", "out"), ("extract", "out"), ("push-hf", "dir"), ("schema", "out"), ("score", "html"),
        ("score", "json"), ("score", "markdown")])
    untyped = [(name, a.dest) for name in COMMANDS for a in _actions(name)
               if a.nargs != 0 and a.type is None and not a.choices
               and a.dest not in ("model", "repo_id", "spans_key", "annotation", "tag")]  # free text, not paths
    assert untyped == []


# target -> (where it is, the data file that makes that folder a data folder)
DATA_TARGETS = {
    "annotations": ("is a data folder", "entities.jsonl"),
    "annotations/new": ("is inside annotations, a data folder", "entities.jsonl"),
    "annotations/pass1": ("is a data folder", "entities.jsonl"),
    "annotations/schema": ("is inside annotations, a data folder", "entities.jsonl"),
    "annotations/schema/x.json": ("is inside annotations, a data folder", "entities.jsonl"),
    "annotations/entities.jsonl": ("is inside annotations, a data folder", "entities.jsonl"),
    "annotations/report.json": ("is inside annotations, a data folder", "entities.jsonl"),
    "annotations/pass2/quotes.jsonl": ("is inside annotations/pass2, a data folder", "entities.jsonl"),
    "annotations/realdev/pass2/x": ("is inside annotations/realdev/pass2, a data folder", "entities.jsonl"),
    "corpus": ("is a data folder", "documents.jsonl"),
    "corpus/documents.jsonl": ("is inside corpus, a data folder", "documents.jsonl"),
    "corpus/report.md": ("is inside corpus, a data folder", "documents.jsonl"),
    "corpus/realdev/new": ("is inside corpus/realdev, a data folder", "documents.jsonl"),
    "preds/report.json": ("is inside preds, a data folder", "entities.jsonl"),
}


@pytest.mark.parametrize("name,dest", WRITE_OPTIONS)
def test_no_path_option_writes_into_the_gold_or_the_corpus(name, dest, sandbox, capsys):
    for target, (where, found) in DATA_TARGETS.items():
        before = tree_sums(sandbox)
        code, _, err = run_cli(capsys, *_argv(name, {dest: target}))
        assert (code, first_line(err)) == (2, f"{target}:0: {dest}: {where} (it holds {found}): {REFUSE}"), target
        assert len(err.splitlines()) == 1
        assert tree_sums(sandbox) == before, target


@pytest.mark.parametrize("name,write,read", READ_WRITE_PAIRS)
def test_no_command_writes_into_or_over_what_it_reads(name, write, read, sandbox, capsys):
    action = next(a for a in _actions(name) if a.dest == read)
    option = action.option_strings[-1] if action.option_strings else action.metavar
    folder = not isinstance(action.type, PathArg) or action.type.folder
    value: str | list[str] = "mine/in" if folder else "mine/notes.txt"
    if action.dest in ("backend", "backends"):
        value = "file:mine/in"
    if action.dest == "split":
        value = ["x", "corpus/documents.jsonl", "mine/in"]
    cases = [("mine/in/out", "is inside mine/in")] if folder else [("mine/notes.txt", "is mine/notes.txt")]
    writes_folder = next(a for a in _actions(name) if a.dest == write).type.folder
    if folder and writes_folder:
        cases.append(("mine", "contains mine/in"))
    for target, what in cases:
        before = tree_sums(sandbox)
        code, _, err = run_cli(capsys, *_argv(name, {write: target, read: value}))
        assert (code, first_line(err)) == (
            2, f"{target}:0: {write}: {what}, which this command reads ({option}): refusing to write there; "
               "choose another path"), target
        assert tree_sums(sandbox) == before


@pytest.mark.parametrize("argv,line", [
    # the cases of the issue, as a new user would type them
    (["score", "--gold", "annotations", "--pred", "preds", "--json", "preds/entities.jsonl"],
     f"preds/entities.jsonl:0: json: is inside preds, a data folder (it holds entities.jsonl): {REFUSE}"),
    (["score", "--pred", "mine/in", "--json", "mine/in/entities.jsonl"],
     "mine/in/entities.jsonl:0: json: is inside mine/in, which this command reads (--pred): refusing to write "
     "there; choose another path"),
    (["compare", "preds", "preds", "--json", "annotations/quotes.jsonl"],
     f"annotations/quotes.jsonl:0: json: is inside annotations, a data folder (it holds entities.jsonl): {REFUSE}"),
    (["score", "--pred", "preds", "--markdown", "corpus/documents.jsonl"],
     f"corpus/documents.jsonl:0: markdown: is inside corpus, a data folder (it holds documents.jsonl): {REFUSE}"),
    (["check", "--baseline", "annotations/entities.jsonl", "--report", "mine/notes.txt", "--update"],
     f"annotations/entities.jsonl:0: baseline: is inside annotations, a data folder (it holds entities.jsonl): {REFUSE}"),
    (["check", "--baseline", "mine/notes.txt", "--report", "mine/notes.txt", "--update"],
     "mine/notes.txt:0: baseline: is mine/notes.txt, which this command reads (--report): refusing to write "
     "there; choose another path"),
    (["export-hf", "--out", "annotations/hf"],
     f"annotations/hf:0: out: is inside annotations, a data folder (it holds entities.jsonl): {REFUSE}"),
    (["push-hf", "--repo-id", "a/b", "--dry-run", "--dir", "corpus/x"],
     f"corpus/x:0: dir: is inside corpus, a data folder (it holds documents.jsonl): {REFUSE}"),
    (["schema", "--out", "corpus"], f"corpus:0: out: is a data folder (it holds documents.jsonl): {REFUSE}"),
    (["benchmark", "--backends", "file:mine/in", "--out", "mine/in/run"],
     "mine/in/run:0: out: is inside mine/in, which this command reads (--backends): refusing to write there; "
     "choose another path"),
])
def test_the_reported_overwrites_are_refused(argv, line, sandbox, capsys):
    before = tree_sums(sandbox)
    code, _, err = run_cli(capsys, *argv)
    assert (code, err.splitlines()) == (2, [line])
    assert tree_sums(sandbox) == before


def test_a_local_hub_export_read_as_gold_is_not_written_into(sandbox, capsys):
    assert run_cli(capsys, "export-hf", "--out", "mine/hub")[0] == 0
    before = tree_sums(sandbox)
    code, _, err = run_cli(capsys, "score", "--gold", "hf:mine/hub", "--pred", "preds", "--json", "mine/hub/r.json")
    assert (code, err.splitlines()) == (2, ["mine/hub/r.json:0: json: is inside mine/hub, which this command reads "
                                            "(--gold): refusing to write there; choose another path"])
    assert tree_sums(sandbox) == before


def test_schema_regenerates_the_projects_own_schema_folder(sandbox, capsys):
    """The one exception: `newsgold schema` with no --out rewrites annotations/schema/ in place."""
    (sandbox / "annotations/schema/quotes.schema.json").write_text("{}\n")
    before = tree_sums(sandbox)
    code, out, err = run_cli(capsys, "schema")
    assert (code, err) == (0, "")
    after = tree_sums(sandbox)
    assert {k for k in after if after[k] != before.get(k)} == {"annotations/schema/quotes.schema.json"}
    assert set(after) == set(before)  # no manifest, nothing else, in the gold's folder


def test_schema_check_only_reads_so_it_may_look_inside_the_gold(sandbox, capsys):
    before = tree_sums(sandbox)
    code, out, err = run_cli(capsys, "schema", "--check", "--out", "annotations/schema")
    assert (code, out, err) == (0, "annotations/schema: 4 schema files up to date\n", "")
    assert tree_sums(sandbox) == before


def test_the_writers_refuse_data_folders_for_any_caller(sandbox):
    before = tree_sums(sandbox)
    with pytest.raises(InputError, match="a data folder"):
        write_atomic("annotations/new.json", "x")
    with pytest.raises(InputError, match="a data folder"), staged_folder("corpus/run"):
        pass  # pragma: no cover
    assert tree_sums(sandbox) == before
    check_output("mine/new.json", "json", reads=[("preds", "--pred")])  # elsewhere: fine


# ------------------------------------------------------------------------------------------------
# output folders: replaced only when newsgold wrote them, the user's files survive
# ------------------------------------------------------------------------------------------------
FOLDER_COMMANDS = {
    "extract": (["extract", "--backend", "rules", "--out", "run"], "meta.json"),
    "benchmark": (["benchmark", "--backends", "file:preds", "--out", "run", "--no-plot", "--bootstrap", "0"],
                  "report.json"),
    "export-hf": (["export-hf", "--out", "run"], "README.md"),
}


@pytest.mark.parametrize("command", list(FOLDER_COMMANDS))
def test_a_folder_newsgold_did_not_write_is_refused(command, sandbox, capsys):
    argv, ours = FOLDER_COMMANDS[command]
    run = sandbox / "run"
    run.mkdir()
    (run / ours).write_text("{}\n")  # looks like an earlier output, but newsgold has no record of it
    (run / "notes.txt").write_text("keep\n")
    (run / "thesis.tex").write_text("keep too\n")
    before = tree_sums(sandbox)
    code, _, err = run_cli(capsys, *argv)
    assert (code, err.splitlines()) == (2, [f"run:0: out: is not empty and has no {MANIFEST} (newsgold did not "
                                            "write it): refusing to replace it; choose a new or empty folder"])
    assert tree_sums(sandbox) == before


@pytest.mark.parametrize("command", list(FOLDER_COMMANDS))
def test_rerun_replaces_only_what_newsgold_wrote(command, sandbox, capsys):
    argv, ours = FOLDER_COMMANDS[command]
    run = sandbox / "run"
    assert run_cli(capsys, *argv)[0] == 0
    listed = list(json.loads((run / MANIFEST).read_text())["files"])
    assert ours in listed and sorted(listed) == listed
    assert sorted(listed) == sorted(p.relative_to(run).as_posix() for p in run.rglob("*")
                                    if p.is_file() and p != run / MANIFEST)
    inode = (run / ours).stat().st_ino
    (run / "notes.txt").write_text("keep\n")
    (run / "sub").mkdir()
    (run / "sub" / "thesis.tex").write_text("keep too\n")
    data = tree_sums(sandbox)
    mine = {k: v for k, v in data.items() if k in ("run/notes.txt", "run/sub/thesis.tex")}
    assert run_cli(capsys, *argv)[0] == 0
    after = tree_sums(sandbox)
    assert {k: after[k] for k in mine} == mine  # the user's files, byte for byte
    assert (run / ours).stat().st_ino != inode  # newsgold's own (unedited) file was replaced
    assert list(json.loads((run / MANIFEST).read_text())["files"]) == listed  # the user's files are not adopted
    assert_manifest_true(run)
    assert {k: v for k, v in after.items() if not k.startswith("run/")} == \
        {k: v for k, v in data.items() if not k.startswith("run/")}
    assert [p.name for p in sandbox.iterdir() if p.name.startswith(".")] == []  # no staged folder left


def test_a_users_file_in_the_way_stops_the_run(sandbox, capsys):
    """A file newsgold would write, but did not write last time, belongs to the user: the run stops
    before replacing anything."""
    argv = ["benchmark", "--backends", "file:preds", "--out", "run", "--bootstrap", "0"]
    assert run_cli(capsys, *argv, "--no-plot")[0] == 0
    (sandbox / "run" / "scores.png").write_text("the user's own figure\n")
    before = tree_sums(sandbox)
    code, _, err = run_cli(capsys, *argv)  # now with the plot
    assert (code, err.splitlines()) == (2, ["run/scores.png:0: out: was not written by newsgold and is in the way "
                                            "of scores.png: move it away or choose another path"])
    assert tree_sums(sandbox) == before
    assert [p.name for p in sandbox.iterdir() if p.name.startswith(".")] == []


def test_a_users_data_file_makes_an_output_folder_a_data_folder(sandbox, capsys):
    assert run_cli(capsys, "extract", "--backend", "file:mine/in2", "--out", "run")[0] == 2  # no such folder
    (sandbox / "mine" / "in2").mkdir()
    (sandbox / "mine" / "in2" / "entities.jsonl").write_text("")
    assert run_cli(capsys, "extract", "--backend", "file:mine/in2", "--out", "run")[0] == 0  # entities only
    (sandbox / "run" / "quotes.jsonl").write_text("the user's own quotes\n")
    before = tree_sums(sandbox)
    code, _, err = run_cli(capsys, "extract", "--backend", "rules", "--out", "run")
    assert (code, err.splitlines()) == (2, [f"run:0: out: is a data folder (it holds quotes.jsonl): {REFUSE}"])
    assert tree_sums(sandbox) == before


def test_files_newsgold_no_longer_writes_are_removed_and_empty_folders_pruned(sandbox, capsys):
    base = ["benchmark", "--out", "run", "--no-plot", "--bootstrap", "0"]
    (sandbox / "p2").mkdir()
    (sandbox / "p2" / "quotes.jsonl").write_bytes((sandbox / "preds" / "quotes.jsonl").read_bytes())
    assert run_cli(capsys, *base, "--backends", "file:preds,file:p2")[0] == 0
    gone = sandbox / "run" / "predictions" / "file:preds"
    assert sorted(p.name for p in gone.parent.iterdir()) == ["file:p2", "file:preds"]
    (gone / "mine.txt").write_text("x")
    assert run_cli(capsys, *base, "--backends", "file:p2")[0] == 0
    assert sorted(p.name for p in gone.iterdir()) == ["mine.txt"]  # newsgold's files went, the user's stayed
    assert (sandbox / "run" / "predictions" / "file:p2" / "quotes.jsonl").is_file()
    report = json.loads((sandbox / "run" / "report.json").read_text())
    assert list(report["backends"]) == ["file:p2"]
    base[2] = "run2"  # the same without a file of the user's: the emptied folder is pruned
    assert run_cli(capsys, *base, "--backends", "file:preds,file:p2")[0] == 0
    assert run_cli(capsys, *base, "--backends", "file:p2")[0] == 0
    assert sorted(p.name for p in (sandbox / "run2" / "predictions").iterdir()) == ["file:p2"]


def test_a_manifest_that_is_not_newsgolds_is_refused(sandbox, capsys):
    (sandbox / "run").mkdir()
    (sandbox / "run" / MANIFEST).write_text('{"files": ["../../annotations/entities.jsonl"]}')
    before = tree_sums(sandbox)
    code, _, err = run_cli(capsys, "extract", "--backend", "rules", "--out", "run")
    assert (code, first_line(err)) == (2, f"run/{MANIFEST}:0: files: not a newsgold manifest (expected "
                                          '{"version": 2, "files": {relative path: {"sha256": hex, "bytes": '
                                          'size}}}): refusing to replace the folder; choose another path')
    assert tree_sums(sandbox) == before


@pytest.mark.parametrize("manifest,line", [
    ('{"version": 2, "files": {"a.json": {"sha256": "xyz", "bytes": 3}}}', "files: not a newsgold manifest"),
    ('{"version": 2, "files": {"a.json": {"sha256": "' + "a" * 64 + '", "bytes": -1}}}', "files: not a newsgold manifest"),
    ('{"version": 2, "files": ["a.json"]}', "files: not a newsgold manifest"),
    ('{"version": 3, "files": {}}', "version: manifest version 3 is newer than this newsgold reads (2): refusing to "
                                    "replace the folder; upgrade newsgold or choose another path"),
])
def test_a_manifest_newsgold_cannot_read_is_refused(manifest, line, sandbox, capsys):
    (sandbox / "run").mkdir()
    (sandbox / "run" / MANIFEST).write_text(manifest)
    before = tree_sums(sandbox)
    code, _, err = run_cli(capsys, "extract", "--backend", "rules", "--out", "run")
    assert code == 2 and err.splitlines()[0].startswith(f"run/{MANIFEST}:0: {line}") and len(err.splitlines()) == 1
    assert tree_sums(sandbox) == before


# ------------------------------------------------------------------------------------------------
# checksums: a file newsgold wrote and the user edited since is never replaced
# ------------------------------------------------------------------------------------------------
def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_manifest_true(folder: Path) -> None:
    """Every file ``folder``'s manifest lists has the SHA-256 and size the manifest records."""
    doc = json.loads((folder / MANIFEST).read_text())
    assert doc["version"] == 2 and doc["files"]
    for name, entry in doc["files"].items():
        if Path(name).name == MANIFEST:  # a folder's inside (benchmark's predictions/NAME): bookkeeping
            assert entry is None and (folder / name).is_file()
            continue
        data = (folder / name).read_bytes()
        assert {k: v for k, v in entry.items() if k != "single"} == {"sha256": hashlib.sha256(data).hexdigest(),
                                                                      "bytes": len(data)}, name
        assert entry.get("single", True) is True, name


def manifest_of(path: Path) -> Path:
    """The folder whose manifest lists ``path`` (a staged folder's manifest lists its subfolders' files)."""
    return next(d for d in path.parents if (d / MANIFEST).is_file())


def recorded(path: Path) -> str:
    folder = manifest_of(path)
    return json.loads((folder / MANIFEST).read_text())["files"][path.relative_to(folder).as_posix()]["sha256"]


def no_temporary_files(root: Path) -> bool:
    return [p for p in root.rglob(".*") if p.name != MANIFEST] == []


# command -> (argv, [(a file it writes, the field a refusal names)])
WRITERS = {
    "extract": (["extract", "--backend", "rules", "--out", "run"], [("run/entities.jsonl", "out")]),
    "benchmark": (["benchmark", "--backends", "file:preds", "--out", "run", "--no-plot", "--bootstrap", "0"],
                  [("run/report.md", "out"), ("run/predictions/file:preds/quotes.jsonl", "out")]),
    "export-hf": (["export-hf", "--out", "run"], [("run/README.md", "out"), ("run/schema/claims.schema.json", "out")]),
    "push-hf": (["push-hf", "--repo-id", "alice/newsgold", "--dry-run", "--dir", "run"], [("run/newsgold.json", "dir")]),
    "schema": (["schema", "--out", "run"], [("run/entities.schema.json", "out")]),
    "convert --from": (["convert", "--from", "conll", "conv/gold.conll", "--out", "run"], [("run/entities.jsonl", "out")]),
    "convert --to brat": (["convert", "--to", "brat", "--out", "run"], [("run/annotation.conf", "out")]),
    "convert --to FILE": (["convert", "--to", "conll", "--out", "run/gold.conll"], [("run/gold.conll", "out")]),
    "check": (["check", "--baseline", "conv/baseline.json", "--out", "run"], [("run/report.json", "out")]),
    "score": (["score", "--pred", "p2", "--tasks", "entities", "--bootstrap", "0", "--json", "run/r.json", "--markdown", "run/r.md",
               "--html", "run/r.html"],
              [("run/r.json", "json"), ("run/r.errors.jsonl", "json"), ("run/r.md", "markdown"), ("run/r.html", "html")]),
    "compare": (["compare", "preds", "preds", "--resamples", "0", "--json", "run/c.json", "--markdown", "run/c.md"],
                [("run/c.json", "json"), ("run/c.md", "markdown")]),
}
WRITER_CASES = [(c, f, field) for c, (_, files) in WRITERS.items() for f, field in files]


def _writer_argv(command: str, sandbox: Path, capsys) -> list[str]:
    """The command's argv, its inputs made first."""
    if command == "convert --from":  # the gold in CoNLL
        assert run_cli(capsys, "convert", "--to", "conll", "--out", "conv/gold.conll")[0] == 0
    if command == "check":  # a baseline of the rules backend alone (quick to re-run)
        assert run_cli(capsys, "benchmark", "--backends", "rules", "--out", "conv/run", "--no-plot", "--no-html")[0] == 0
        assert run_cli(capsys, "check", "--report", "conv/run/report.json", "--baseline", "conv/baseline.json",
                       "--update")[0] == 0
    if command == "score":  # predictions with errors (three entities left out), so errors.jsonl has lines
        (sandbox / "p2").mkdir()
        lines = (sandbox / "preds" / "entities.jsonl").read_text().splitlines(keepends=True)
        (sandbox / "p2" / "entities.jsonl").write_text("".join(lines[3:]))
    return WRITERS[command][0]


def test_the_writer_cases_cover_every_command_that_writes():
    assert {c.split()[0] for c in WRITERS} == {name for name, _ in WRITE_OPTIONS}
    # check --update --baseline rewrites the baseline in place on purpose: tests/test_check.py


@pytest.mark.parametrize("command,name,field", WRITER_CASES)
def test_an_edited_output_file_stops_a_rerun_and_a_deleted_one_is_written_again(command, name, field, sandbox, capsys):
    """Per command and file: the manifest records the file's true checksum; an unedited re-run
    replaces it; edited, the re-run is one line, exit 2 and not one byte changed anywhere -- an
    edit that changes the size is refused before any work, one that keeps it (one bit flipped: the
    checksum tells) right before anything is replaced; deleted, the file is written again."""
    argv = _writer_argv(command, sandbox, capsys)
    target = sandbox / name
    assert run_cli(capsys, *argv)[0] == 0
    assert_manifest_true(manifest_of(target))
    inode = target.stat().st_ino
    assert run_cli(capsys, *argv)[0] == 0  # unedited: replaced
    assert target.stat().st_ino != inode
    assert_manifest_true(manifest_of(target))
    data = target.read_bytes()
    for edit in (data + b"my notes\n", data[:-1] + bytes([data[-1] ^ 1])):
        target.write_bytes(edit)
        was = recorded(target)
        before = tree_sums(sandbox)
        code, _, err = run_cli(capsys, *argv)
        assert (code, err.splitlines()) == (2, [f"{name}:0: {field}: changed since newsgold wrote it (sha256 {was[:12]}, "
                                                f"now {sha256(target)[:12]}); move it away or delete it to re-run"])
        assert tree_sums(sandbox) == before
        assert no_temporary_files(sandbox)
    target.unlink()  # gone: nothing of the user's to lose
    assert run_cli(capsys, *argv)[0] == 0
    assert target.is_file() and recorded(target) == sha256(target)
    assert_manifest_true(manifest_of(target))


def test_every_edited_file_is_named(sandbox, capsys):
    argv = _writer_argv("score", sandbox, capsys)
    assert run_cli(capsys, *argv)[0] == 0
    with open("run/r.md", "a") as f:
        f.write("my notes\n")  # a longer file
    Path("run/r.errors.jsonl").write_text("")
    before = tree_sums(sandbox)
    code, _, err = run_cli(capsys, *argv)
    assert code == 2 and [line.split(":0: ")[0] for line in err.splitlines()] == ["run/r.errors.jsonl", "run/r.md"]
    assert all("changed since newsgold wrote it" in line for line in err.splitlines())
    assert tree_sums(sandbox) == before


@pytest.mark.parametrize("command", ["extract", "score"])
def test_a_version_1_manifest_is_read_and_upgraded(command, sandbox, capsys):
    """A folder written by an older newsgold lists names only: its files are replaced as before
    (there is no checksum to tell an edit), and the manifest gets one for each file written."""
    argv = _writer_argv(command, sandbox, capsys)
    assert run_cli(capsys, *argv)[0] == 0
    run = sandbox / "run"
    names = sorted(json.loads((run / MANIFEST).read_text())["files"])
    (run / "old.txt").write_text("from an older run\n")
    (run / MANIFEST).write_text(json.dumps({"files": [*names, "old.txt"]}, indent=1) + "\n")
    (run / names[0]).write_text("edited, but newsgold has no checksum to know\n")
    assert run_cli(capsys, *argv)[0] == 0
    doc = json.loads((run / MANIFEST).read_text())
    assert doc["version"] == 2
    if command == "extract":  # a folder is rewritten whole: what it no longer writes goes
        assert sorted(doc["files"]) == names and not (run / "old.txt").exists()
    else:  # single files: the others it lists stay listed, without a checksum
        assert doc["files"]["old.txt"] is None and (run / "old.txt").read_text() == "from an older run\n"
        del doc["files"]["old.txt"]
        (run / MANIFEST).write_text(json.dumps(doc))
    assert_manifest_true(run)


def test_an_edit_made_while_a_folder_is_built_is_caught_before_anything_is_replaced(sandbox):
    with staged_folder("run") as tmp:
        write_atomic(tmp / "a.txt", "one\n")
        write_atomic(tmp / "b.txt", "two\n")
    before = tree_sums(sandbox)
    with pytest.raises(InputError) as caught, staged_folder("run") as tmp:
        write_atomic(tmp / "a.txt", "1\n")
        Path("run/b.txt").write_text("mine\n")  # meanwhile, the user
        write_atomic(tmp / "b.txt", "2\n")
    assert str(caught.value) == (f"run/b.txt:0: out: changed since newsgold wrote it (sha256 "
                                 f"{hashlib.sha256(b'two' + bytes([10])).hexdigest()[:12]}, now "
                                 f"{sha256(sandbox / 'run/b.txt')[:12]}); move it away or delete it to re-run")
    assert tree_sums(sandbox) == {**before, "run/b.txt": sha256(sandbox / "run/b.txt")}
    assert (sandbox / "run/a.txt").read_text() == "one\n" and no_temporary_files(sandbox)


def test_an_edit_made_while_files_are_written_together_is_caught_before_any_is_replaced(sandbox):
    with written_together():
        write_atomic("out/a.txt", "one\n")
        write_atomic("out/b.txt", "two\n")
    assert_manifest_true(sandbox / "out")
    with pytest.raises(InputError, match="out/b.txt:0: file: changed since newsgold wrote it"), written_together():
        write_atomic("out/a.txt", "1\n")
        Path("out/b.txt").write_text("mine\n")  # meanwhile, the user
        write_atomic("out/b.txt", "2\n")
    assert (sandbox / "out/a.txt").read_text() == "one\n" and (sandbox / "out/b.txt").read_text() == "mine\n"
    assert no_temporary_files(sandbox)
    with pytest.raises(InputError, match="changed since"), written_together():  # nothing left behind, even a folder
        write_atomic("new/deeper/c.txt", "3\n")
        write_atomic("out/b.txt", "2\n")
    assert not (sandbox / "new").exists() and no_temporary_files(sandbox)


def test_an_interrupted_batch_of_files_leaves_nothing(sandbox):
    """Ctrl-C (or SIGTERM, raised as :class:`newsgold.errors.Interrupted`) while a command's files
    are being written: none replaces its target, no temporary file or new folder is left."""
    write_atomic("out/a.txt", "one\n")
    before = tree_sums(sandbox)
    with pytest.raises(KeyboardInterrupt), written_together():
        write_atomic("out/a.txt", "1\n")
        write_atomic("new/b.txt", "2\n")
        raise KeyboardInterrupt
    assert tree_sums(sandbox) == before and not (sandbox / "new").exists() and no_temporary_files(sandbox)


@pytest.mark.parametrize("data", ["text\n", b"bytes", [b"x" * 1000 + b"\n"] * 3000, []], ids=["str", "bytes", "chunks", "empty"])
def test_write_atomic_returns_the_checksum_of_the_bytes_it_wrote(data, tmp_path):
    written = write_atomic(tmp_path / "f", data if not isinstance(data, list) else iter(data))
    on_disk = (tmp_path / "f").read_bytes()
    assert (written.sha256, written.bytes) == (hashlib.sha256(on_disk).hexdigest(), len(on_disk))
    assert recorded(tmp_path / "f") == written.sha256


def test_a_staged_file_streams_only_into_a_staged_folder(tmp_path):
    with pytest.raises(ValueError, match="only inside a staged folder"):
        StagedFile(tmp_path / "x")
    with staged_folder(tmp_path / "run") as tmp, StagedFile(tmp / "x.jsonl") as f:
        for i in range(50_000):  # several hash blocks
            f.write(b'{"n": %d}\n' % i)
    assert_manifest_true(tmp_path / "run")


# ------------------------------------------------------------------------------------------------
# the umask
# ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("umask", [0o022, 0o027, 0o002])
def test_files_and_folders_follow_the_users_umask(umask, sandbox, capsys):
    old = os.umask(umask)
    try:
        assert run_cli(capsys, "score", "--pred", "preds", "--bootstrap", "0", "--json", "out/r.json")[0] == 0
        assert run_cli(capsys, "extract", "--backend", "rules", "--out", "run")[0] == 0
    finally:
        os.umask(old)
    assert (sandbox / "out" / "r.json").stat().st_mode & 0o777 == 0o666 & ~umask
    assert (sandbox / "run").stat().st_mode & 0o777 == 0o777 & ~umask
    for p in (sandbox / "run").iterdir():
        assert p.stat().st_mode & 0o777 == 0o666 & ~umask, p.name


# ------------------------------------------------------------------------------------------------
# signals (real processes)
# ------------------------------------------------------------------------------------------------
def _big_corpus(folder: Path, n: int = 300) -> Path:
    """The real development texts (ids kept, so annotations/realdev/pass1 is their gold), then
    copies of them up to ``n`` documents: seconds of work for any backend."""
    docs = [json.loads(line) for line in (REPO_ROOT / "corpus/realdev/documents.jsonl").read_text().splitlines()]
    out = folder / "big.jsonl"
    with out.open("w") as f:
        for i in range(n):
            f.write(json.dumps(docs[i] if i < len(docs) else {**docs[i % len(docs)], "id": f"d{i}"}) + "\n")
    return out


def _children(pid: int) -> list[int]:
    kids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                kids.append(int(stat.parent.name))
        except (OSError, ValueError, IndexError):
            pass
    return kids


def _interrupt(tmp_path: Path, argv: list[str], sig: int, group: bool = False, workers: int = 0):
    """Start ``newsgold ARGV`` in ``tmp_path``, wait until it is building its staged folder (and has
    ``workers`` child processes), send ``sig`` (to the process group, like a terminal's Ctrl-C, when
    ``group``); returns (exit code, stderr)."""
    proc = subprocess.Popen([sys.executable, "-m", "newsgold", *argv], cwd=tmp_path, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        staged = [p for p in tmp_path.iterdir() if p.name.startswith(".run.")]
        if staged and len(_children(proc.pid)) >= workers:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "finished before the signal: make the corpus bigger"
    time.sleep(0.3)
    if group:
        os.killpg(proc.pid, sig)
    else:
        proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    return proc.returncode, err


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
@pytest.mark.parametrize("command", ["extract", "benchmark"])
def test_a_signal_leaves_no_staged_folder_and_the_target_untouched(command, sig, tmp_path):
    corpus = _big_corpus(tmp_path)
    run = tmp_path / "run"
    run.mkdir()
    (run / MANIFEST).write_text('{"files": ["old.txt"]}\n')  # an earlier output of newsgold ...
    (run / "old.txt").write_text("old\n")
    (run / "notes.txt").write_text("the user's\n")  # ... with the user's file in it
    before = tree_sums(tmp_path)
    if command == "extract":
        argv = ["extract", "--backend", "rules", "--corpus", str(corpus), "--out", "run"]
    else:
        gold = REPO_ROOT / "annotations/realdev/pass1"
        argv = ["benchmark", "--backends", "rules", "--corpus", str(corpus), "--gold", str(gold), "--out", "run",
                "--no-plot", "--bootstrap", "0"]
    code, err = _interrupt(tmp_path, argv, sig)
    name = signal.Signals(sig).name
    assert (code, err) == (128 + sig, f"newsgold {command}: interrupted ({name})\n")
    assert tree_sums(tmp_path) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_ctrl_c_with_worker_processes_prints_one_line(tmp_path):
    """Ctrl-C reaches the whole process group: spaCy's workers exit quietly, the command prints one line."""
    corpus = _big_corpus(tmp_path, 200)
    code, err = _interrupt(tmp_path, ["extract", "--backend", "spacy", "--n-process", "2", "--corpus", str(corpus),
                                      "--out", "run"], signal.SIGINT, group=True, workers=2)
    assert (code, err) == (130, "newsgold extract: interrupted (SIGINT)\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.jsonl"]


def test_an_existing_file_newsgold_did_not_write_is_never_overwritten(tmp_path: Path, capsys) -> None:
    """score --json / --markdown / --html, compare --json and convert --to FILE pointed at a user's
    file: one line, exit 2, the file unchanged; newsgold's own report may be replaced on a re-run."""
    from newsgold.cli import main

    root = Path(__file__).resolve().parents[1]
    mine = tmp_path / "thesis.tex"
    mine.write_text("precious")
    runs = [["score", "--gold", str(root / "annotations"), "--corpus", str(root / "corpus/documents.jsonl"),
             "--pred", str(root / "annotations"), "--bootstrap", "0", opt, str(mine)]
            for opt in ("--json", "--markdown", "--html")]
    runs.append(["convert", "--to", "conll", "--gold", str(root / "annotations"), "--corpus",
                 str(root / "corpus/documents.jsonl"), "--out", str(mine)])
    for argv in runs:
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert err.splitlines() == [f"{mine}:0: {argv[-2].lstrip('-') if argv[0] == 'score' else 'out'}: exists and newsgold "
                                    "did not write it: refusing to overwrite it; choose another path"]
        assert mine.read_text() == "precious"
    ours = tmp_path / "report.json"
    for _ in range(2):  # its own report: replaced
        assert main(runs[0][:-2] + ["--json", str(ours)]) == 0
    capsys.readouterr()


@pytest.mark.parametrize("command", list(WRITERS))
def test_checksums_are_taken_as_files_are_written_and_each_old_file_is_read_once(command, sandbox, capsys,
                                                                                        monkeypatch):
    """No command reads back what it wrote to hash it (no file is read at all into a new folder); a
    re-run reads each file it replaces once, right before replacing it (the checks before the work
    compare sizes)."""
    import collections

    import newsgold.output

    argv = _writer_argv(command, sandbox, capsys)
    reads: collections.Counter[str] = collections.Counter()
    real = newsgold.output.file_sha256

    def counted(path):
        reads[Path(path).resolve().relative_to(sandbox).as_posix()] += 1
        return real(path)

    monkeypatch.setattr(newsgold.output, "file_sha256", counted)
    assert run_cli(capsys, *argv)[0] == 0
    assert reads == {}
    assert run_cli(capsys, *argv)[0] == 0
    folder = manifest_of(sandbox / WRITERS[command][1][0][0])
    listed = json.loads((folder / MANIFEST).read_text())["files"]
    assert reads == {(folder / name).relative_to(sandbox).as_posix(): 1 for name, entry in listed.items() if entry}


@pytest.mark.benchmark(group="output-checksums")
def test_bench_checksums_cost(benchmark, tmp_path):
    """What the checksums cost on a 29 MB errors.jsonl-like stream of 100,000 lines, one chunk a
    line (as ``score`` writes it): :func:`write_atomic` (hashing as it writes) vs plain
    ``writelines`` of the same chunks to a file (what writing cost before checksums, without the
    temporary file and rename), interleaved; and the check before replacing such a file
    (``file_sha256``: read and hash). Figures in extra_info, nothing asserted about time."""
    import shutil
    import time

    import newsgold.output

    lines = [b'{"task":"entities","doc_id":"d%05d","kind":"fp","start":%d,"text":"%s"}\n' % (i, i, b"x" * (200 + i % 50))
             for i in range(100_000)]
    times: dict[str, list[float]] = {"write_atomic": [], "writelines": [], "check": []}

    def plain() -> None:
        t = time.perf_counter()
        with open(tmp_path / "plain.jsonl", "wb") as f:
            f.writelines(iter(lines))
        times["writelines"].append(time.perf_counter() - t)

    def ours() -> None:
        shutil.rmtree(tmp_path / "run", ignore_errors=True)
        t = time.perf_counter()
        written = write_atomic(tmp_path / "run" / "errors.jsonl", iter(lines))
        times["write_atomic"].append(time.perf_counter() - t)
        t = time.perf_counter()
        assert newsgold.output.file_sha256(tmp_path / "run" / "errors.jsonl") == written.sha256
        times["check"].append(time.perf_counter() - t)

    benchmark.pedantic(ours, setup=plain, rounds=15, iterations=1)
    best = {k: round(1000 * min(v), 1) for k, v in times.items()}
    benchmark.extra_info.update(bytes=sum(map(len, lines)), **{f"{k}_ms": v for k, v in best.items()},
                                hashing_while_writing_ms=round(best["write_atomic"] - best["writelines"], 1))


@pytest.mark.parametrize("manifest, says", [('{"version": 3, "files": {}}', "manifest version 3 is newer"),
                                            ('{"vers', "not a newsgold manifest")])
def test_a_predictions_folder_with_a_manifest_newsgold_cannot_read_says_so(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], manifest: str, says: str) -> None:
    """Not "is a data folder": the folder's task files are newsgold's, its manifest is the problem."""
    from conftest import run_cli

    out = tmp_path / "pred"
    assert run_cli(capsys, "extract", "--backend", "rules", "--out", str(out))[0] == 0
    (out / ".newsgold-manifest.json").write_text(manifest, encoding="utf-8")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    code, _, err = run_cli(capsys, "extract", "--backend", "rules", "--out", str(out))
    assert code == 2 and says in err and "data folder" not in err and len(err.splitlines()) == 1
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_a_folder_output_leaves_a_file_another_command_wrote_there(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """score --json DIR/report.json, then extract --out DIR: extract did not write report.json, so it
    neither deletes nor replaces it; both stay listed; a re-run of each still works."""
    from conftest import run_cli

    monkeypatch.chdir(REPO_ROOT)
    out = tmp_path / "shared"
    assert run_cli(capsys, "extract", "--backend", "rules", "--out", str(tmp_path / "pred"))[0] == 0
    assert run_cli(capsys, "score", "--pred", str(tmp_path / "pred"), "--bootstrap", "0",
                   "--json", str(out / "report.json"))[0] == 0
    report = (out / "report.json").read_bytes()
    for _ in range(2):
        code, _, err = run_cli(capsys, "extract", "--backend", "rules", "--out", str(out))
        assert code == 0, err
        assert (out / "report.json").read_bytes() == report and (out / "entities.jsonl").is_file()
        assert_manifest_true(out)
        listed = json.loads((out / MANIFEST).read_text())["files"]
        assert listed["report.json"]["single"] is True and "single" not in listed["entities.jsonl"]
    assert run_cli(capsys, "score", "--pred", str(tmp_path / "pred"), "--bootstrap", "0",
                   "--json", str(out / "report.json"))[0] == 0
