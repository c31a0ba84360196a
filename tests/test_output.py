"""newsgold.output: no command can write into the gold, the corpus or a folder it reads, replace a
folder it did not write, lose a user's file, ignore the umask, or leave a staged folder behind.

Every refusal asserts the exit status, the exact first line of stderr and that not one byte of the
project (``annotations/``, ``corpus/``, the user's ``preds/`` and ``mine/``) changed. The path
options are not listed by hand: they are read from the argparse definitions of every sub-command
(:class:`newsgold.output.PathArg`), so an option added later is covered without touching this file.
"""

from __future__ import annotations

import argparse
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
from newsgold.output import MANIFEST, PathArg, check_output, staged_folder, write_atomic

REFUSE = "refusing to write into the gold or the corpus; choose another path"


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
    listed = json.loads((run / MANIFEST).read_text())["files"]
    assert ours in listed and sorted(listed) == listed
    assert sorted(listed) == sorted(p.relative_to(run).as_posix() for p in run.rglob("*")
                                    if p.is_file() and p != run / MANIFEST)
    (run / ours).write_text("tampered\n")
    (run / "notes.txt").write_text("keep\n")
    (run / "sub").mkdir()
    (run / "sub" / "thesis.tex").write_text("keep too\n")
    data = tree_sums(sandbox)
    mine = {k: v for k, v in data.items() if k in ("run/notes.txt", "run/sub/thesis.tex")}
    assert run_cli(capsys, *argv)[0] == 0
    after = tree_sums(sandbox)
    assert {k: after[k] for k in mine} == mine  # the user's files, byte for byte
    assert (run / ours).read_text() != "tampered\n"  # newsgold's own file was replaced
    assert json.loads((run / MANIFEST).read_text())["files"] == listed  # the user's files are not adopted
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
                                          '{"files": [relative paths]}): refusing to replace the folder; '
                                          "choose another path")
    assert tree_sums(sandbox) == before


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
