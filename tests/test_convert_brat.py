"""newsgold.convert.brat: the hand-written standoff folder, discontinuous spans, keys from notes
and normalisations, documents by file stem or by text, one-line problems, the writer."""

from __future__ import annotations

import shutil
from pathlib import Path

from convert_helpers import D1_GOLD, D2, DATA, DOCS, problems, read

BRAT = DATA / "brat"
D2_FOUND = [("d2", "Lavrov", "PERSON"), ("d2", "Moscow", "GPE"), ("d2", "U.S.", "GPE"), ("d2", "Kerry", "PERSON")]


def test_discontinuous_is_an_error_by_default() -> None:
    assert problems("brat", BRAT) == [
        f"{BRAT / 'other.ann'}:5: offsets: T5 is discontinuous (83 86;87 90): use --discontinuous hull or skip"]


def test_hull_and_skip() -> None:
    assert read("brat", BRAT, discontinuous="hull") == D1_GOLD + D2_FOUND + [("d2", "Ann Lee", "PERSON")]
    assert read("brat", BRAT, discontinuous="skip") == D1_GOLD + D2_FOUND
    from convert_helpers import notes

    assert notes("brat", BRAT, discontinuous="skip") == [f"note: {BRAT}: 1 discontinuous brat annotations left out"]


def test_keys_from_annotator_notes_and_normalisations() -> None:
    from newsgold.convert import read_predictions
    from newsgold.convert.common import Options

    records, _ = read_predictions("brat", BRAT, DOCS, Options(discontinuous="hull"))
    assert {e.text: e.entity for e in records if e.entity} == {"John Kerry": "john-kerry", "Kerry": "john-kerry"}


def test_bad_offsets_text_and_documents(tmp_path: Path) -> None:
    folder = tmp_path / "b"
    folder.mkdir()
    (folder / "d1.ann").write_text("T1\tPERSON 19 29\tJohn Kery\nT2\tPERSON 90 120\tx\nT3 PERSON 1 2 x\n", encoding="utf-8")
    (folder / "d9.ann").write_text("T1\tPERSON 0 1\tx\n", encoding="utf-8")
    (folder / "d2.ann").write_text("", encoding="utf-8")
    (folder / "d2.txt").write_text(D2.replace("Moscow", "Moskva"), encoding="utf-8")
    assert problems("brat", folder) == [
        f"{folder / 'd1.ann'}:1: T1: text 'John Kery' != document[19:29] 'John Kerry'",
        f"{folder / 'd1.ann'}:2: T2: offsets [90, 120) are outside document 'd1' (93 characters) or empty",
        f"{folder / 'd1.ann'}:3: line: not a brat text-bound annotation 'T1<TAB>LABEL START END<TAB>TEXT': 'T3 PERSON 1 2 x'",
        f"{folder / 'd2.ann'}:0: document: the text differs from corpus document 'd2' (first difference at character 46): "
        "offsets would point elsewhere",
        f"{folder / 'd9.ann'}:0: document: unknown document 'd9' (corpus has 'd1', 'd2')",
    ]


def test_writer_output_reads_back_with_keys(tmp_path: Path) -> None:
    from newsgold.convert import export_gold, read_predictions
    from newsgold.convert.common import Options

    source, _ = read_predictions("brat", BRAT, DOCS, Options(discontinuous="hull"))
    export, notes = export_gold("brat", DOCS, source)
    assert export.folder and sorted(export.files) == ["annotation.conf", "d1.ann", "d1.txt", "d2.ann", "d2.txt"]
    assert str(export.files["annotation.conf"]).startswith("[entities]\nDATE\nGPE\nNORP\nPERSON\n")
    out = tmp_path / "out"
    out.mkdir()
    for name, content in export.files.items():
        (out / name).write_text(str(content), encoding="utf-8")
    back, _ = read_predictions("brat", out, DOCS, Options())
    assert back == source


def test_a_line_break_inside_an_annotation(tmp_path: Path) -> None:
    """brat writes the text of an annotation over a line break with a space."""
    from newsgold.load import load_corpus

    shutil.copy(DATA / "documents.jsonl", tmp_path / "documents.jsonl")
    docs = load_corpus(tmp_path / "documents.jsonl")
    folder = tmp_path / "b"
    folder.mkdir()
    start = D2.index("agreed")
    (folder / "d2.ann").write_text(f"T1\tEVENT {start} {start + 13}\tagreed… Kerry\n", encoding="utf-8")
    assert read("brat", folder, docs) == [("d2", "agreed…\nKerry", "EVENT")]


def test_undecodable_files_are_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "b"
    folder.mkdir()
    (folder / "d1.ann").write_bytes(b"T1\tPERSON 19 29\tJohn \xff\n")
    (folder / "x.ann").write_text("", encoding="utf-8")
    (folder / "x.txt").write_bytes(b"\xfe")
    assert problems("brat", folder) == [f"{folder / 'd1.ann'}:0: file: not valid UTF-8",
                                        f"{folder / 'x.txt'}:0: file: not valid UTF-8"]
