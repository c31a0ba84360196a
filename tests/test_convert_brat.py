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

    assert notes("brat", BRAT, discontinuous="skip") == [
        f"note: {BRAT}: 1 discontinuous brat annotations left out",
        f"note: {BRAT}: not read (not part of the quote and claim mapping): attribute Negation (1), relation Located (1)"]


def test_keys_from_annotator_notes_and_normalisations() -> None:
    from newsgold.convert import read_predictions
    from newsgold.convert.common import Options

    records = read_predictions("brat", BRAT, DOCS, Options(discontinuous="hull")).entities
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

    source = read_predictions("brat", BRAT, DOCS, Options(discontinuous="hull")).entities
    export, notes = export_gold("brat", DOCS, source)
    assert export.folder and sorted(export.files) == ["annotation.conf", "d1.ann", "d1.txt", "d2.ann", "d2.txt"]
    assert str(export.files["annotation.conf"]).startswith("[entities]\nDATE\nGPE\nNORP\nPERSON\n")
    out = tmp_path / "out"
    out.mkdir()
    for name, content in export.files.items():
        (out / name).write_text(str(content), encoding="utf-8")
    back = read_predictions("brat", out, DOCS, Options()).entities
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


# ------------------------------------------------------------------------------------------------
# quotes and claims (newsgold.convert.relations has the mapping)
# ------------------------------------------------------------------------------------------------
QUOTES = DATA / "brat_quotes"
FIXTURE_QUOTES = [("d2", "q1", "direct", "We are ready (for talks)", "Lavrov", "sergey-lavrov", "said", None)]
FIXTURE_CLAIMS = [
    ("d1", "c1", "Secretary of State John Kerry met Russian Foreign Minister Sergey Lavrov in Sochi on Tuesday", "ARTICLE",
     None, "asserted", True),
    ("d2", "c2", "We are ready (for talks)", "sergey-lavrov", "Lavrov", "reported", False),
    ("d2", "c3", "the U.S. agreed", "ARTICLE", None, "asserted", True)]


def quote_rows(quotes: list | None) -> list[tuple]:
    return [(q.doc_id, q.id, q.type, q.content.text, q.speaker and q.speaker.text, q.speaker_entity, q.cue and q.cue.text, q.via)
            for q in quotes or []]


def claim_rows(claims: list | None) -> list[tuple]:
    return [(c.doc_id, c.id, c.span.text, c.claimant, c.claimant_span and c.claimant_span.text, c.status, c.checkworthy)
            for c in claims or []]


def test_quotes_and_claims_of_the_hand_written_folder() -> None:
    """Spans, Said_by/Cued_by/Claimed_by relations, Type/Status attributes, the binary and the valued
    CheckWorthy, keys from notes and from a newsgold normalisation; the speaker span is an entity too."""
    from newsgold.convert import read_predictions

    got = read_predictions("brat", QUOTES, DOCS)
    assert quote_rows(got.quotes) == FIXTURE_QUOTES and claim_rows(got.claims) == FIXTURE_CLAIMS
    assert [(e.doc_id, e.text, e.label, e.entity) for e in got.entities] == [
        ("d1", "John Kerry", "PERSON", "john-kerry"), ("d1", "Sergey Lavrov", "PERSON", None), ("d1", "Sochi", "GPE", None),
        ("d2", "Lavrov", "PERSON", "sergey-lavrov"), ("d2", "Moscow", "GPE", None), ("d2", "U.S.", "GPE", None)]
    assert got.notes == [f"note: {QUOTES}: not read (not part of the quote and claim mapping): free-text annotator note (1)"]
    # an input without quotes or claims has none (no file is written for them)
    from newsgold.convert.common import Options

    plain = read_predictions("brat", BRAT, DOCS, Options(discontinuous="hull"))
    assert plain.quotes is None and plain.claims is None


def _folder(tmp_path: Path, d2_ann: str) -> Path:
    folder = tmp_path / "b"
    folder.mkdir(exist_ok=True)
    (folder / "d2.ann").write_text(d2_ann, encoding="utf-8")
    return folder


D2_QUOTE = "T1\tQuote 1 25\tWe are ready (for talks)\nT2\tPERSON 28 34\tLavrov\nT3\tCue 35 39\tsaid\nA1\tType T1 direct\n"


def test_bad_relations_and_attributes_are_one_line_each(tmp_path: Path) -> None:
    folder = _folder(tmp_path, D2_QUOTE + "R1\tSaid_by Arg1:T1 Arg2:T9\nR2 Cued_by T1 T3\nA2\tType\nA3\tStatus T8 reported\n"
                                          "R3\tCued_by Arg1:T1 Arg2:T3\nA4\tType T1 quoted\n")
    ann = folder / "d2.ann"
    assert problems("brat", folder) == [
        f"{ann}:5: R1: relation Said_by: 'T9' is no annotation of document 'd2'",
        f"{ann}:6: line: not a brat relation 'R1<TAB>TYPE Arg1:T1 Arg2:T2': 'R2 Cued_by T1 T3'",
        f"{ann}:7: line: not a brat attribute 'A1<TAB>NAME T1 [VALUE]': 'A2\\tType'",
        f"{ann}:8: A3: attribute Status: 'T8' is no annotation of document 'd2'",
        f"{ann}:10: A4: Type of T1: 'quoted' is not allowed (one of direct, mixed, indirect)",
    ]


def test_a_quote_without_content_and_a_discontinuous_quote(tmp_path: Path) -> None:
    folder = _folder(tmp_path, "T2\tPERSON 28 34\tLavrov\nT3\tCue 35 39\tsaid\nR1\tSaid_by Arg1:T3 Arg2:T2\n")
    assert problems("brat", folder) == [
        f"{folder / 'd2.ann'}:3: R1: relation Said_by links no Quote or Claim spans (T3 (Cue), T2 (PERSON)): it links one to "
        "its speaker, cue or claimant"]
    # a skipped discontinuous quote takes its relations and attribute with it; its cue is left out, with a note
    folder = _folder(tmp_path, "T1\tQuote 1 12;18 25\tWe are ready talks)\nT3\tCue 35 39\tsaid\nR1\tCued_by Arg1:T1 Arg2:T3\n"
                               "A1\tType T1 direct\n")
    from convert_helpers import notes

    assert read("brat", folder, discontinuous="skip") == []
    assert notes("brat", folder, discontinuous="skip")[:2] == [
        f"note: {folder}: 1 Cue spans linked to no Quote left out", f"note: {folder}: 1 discontinuous brat annotations left out"]


def test_writer_carries_quotes_and_claims(tmp_path: Path) -> None:
    from newsgold.convert import export_gold, read_predictions

    source = read_predictions("brat", QUOTES, DOCS)
    export, notes = export_gold("brat", DOCS, source.entities, quotes=source.quotes, claims=source.claims)
    assert notes == [] and export.written == {"entities": 6, "quotes": 1, "claims": 3}
    assert export.files["annotation.conf"] == (
        "[entities]\nGPE\nPERSON\nQuote\nSpeaker\nCue\nClaim\nClaimant\n\n[relations]\nSaid_by\tArg1:Quote, Arg2:Speaker\n"
        "Cued_by\tArg1:Quote, Arg2:Cue\nClaimed_by\tArg1:Claim, Arg2:Claimant\n\n[events]\n\n[attributes]\n"
        "Type\tArg:Quote, Value:direct|mixed|indirect\nStatus\tArg:Claim, Value:asserted|reported|hedged|denied\n"
        "CheckWorthy\tArg:Claim\n")
    d2 = str(export.files["d2.ann"]).splitlines()
    assert d2[4:] == [  # after the entities: a Speaker and a Claimant span of their own, keys as notes on the quote/claim
        "T4\tQuote 1 25\tWe are ready (for talks)", "T5\tSpeaker 28 34\tLavrov", "T6\tCue 35 39\tsaid",
        "T7\tClaim 1 25\tWe are ready (for talks)", "T8\tClaimant 28 34\tLavrov", "T9\tClaim 52 67\tthe U.S. agreed",
        "R1\tSaid_by Arg1:T4 Arg2:T5", "R2\tCued_by Arg1:T4 Arg2:T6", "R3\tClaimed_by Arg1:T7 Arg2:T8",
        "A1\tType T4 direct", "A2\tStatus T7 reported", "A3\tStatus T9 asserted", "A4\tCheckWorthy T9",
        "#4\tAnnotatorNotes T4\tspeaker_entity=sergey-lavrov", "#7\tAnnotatorNotes T7\tclaimant=sergey-lavrov",
        "#9\tAnnotatorNotes T9\tclaimant=ARTICLE"]
    out = tmp_path / "out"
    out.mkdir()
    for name, content in export.files.items():
        (out / name).write_text(str(content), encoding="utf-8")
    back = read_predictions("brat", out, DOCS)
    assert (back.entities, back.quotes, back.claims, back.notes) == (source.entities, source.quotes, source.claims, [])


def test_lines_brat_does_not_define_are_one_line_each(tmp_path: Path) -> None:
    folder = _folder(tmp_path, D2_QUOTE + "hello world\nX1\tfoo\n#9\tAnnotatorNotes\nN9\tReference T1\n")
    ann = folder / "d2.ann"
    assert problems("brat", folder) == [
        f"{ann}:5: line: not a brat annotation line (T, R, E, A, M, N, * or #): 'hello world'",
        f"{ann}:6: line: not a brat annotation line (T, R, E, A, M, N, * or #): 'X1\\tfoo'",
        f"{ann}:7: line: not a brat note '#1<TAB>AnnotatorNotes T1<TAB>TEXT': '#9\\tAnnotatorNotes'",
        f"{ann}:8: line: not a brat normalisation 'N1<TAB>Reference T1 DB:ID<TAB>TEXT': 'N9\\tReference T1'",
    ]


def test_a_key_note_may_hold_spaces_as_a_label_studio_key_does(tmp_path: Path) -> None:
    folder = _folder(tmp_path, D2_QUOTE + "R1\tSaid_by Arg1:T1 Arg2:T2\n#1\tAnnotatorNotes T1\tspeaker_entity = Sergey Lavrov\n")
    from newsgold.convert import read_predictions

    converted = read_predictions("brat", folder, DOCS)
    assert [q.speaker_entity for q in converted.quotes or []] == ["Sergey Lavrov"]
