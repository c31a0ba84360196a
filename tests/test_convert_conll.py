"""newsgold.convert.conll and newsgold.convert.align: CoNLL-2003 files in every tag scheme, token
alignment (white space, NBSP, PTB escapes), one-line problems, the writer, and the round-trip
property."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from convert_helpers import D1, DATA, DOCS, problems, read
from newsgold.convert import export_gold
from newsgold.convert.align import Aligner, export_tokens
from newsgold.convert.common import Options
from newsgold.convert.conll import decode, detect_scheme, encode
from newsgold.schema import Document, Entity

CONLL_D1 = [("d1", "John Kerry", "PER"), ("d1", "Russian", "MISC"), ("d1", "Sergey Lavrov", "PER"), ("d1", "Sochi", "LOC")]
CONLL_D2 = [("d2", "Lavrov", "PER"), ("d2", "Moscow", "LOC"), ("d2", "U.S.", "LOC"), ("d2", "Kerry", "PER"),
            ("d2", "Ann Lee", "PER")]


def write(tmp_path: Path, *lines: str, name: str = "x.conll") -> Path:
    p = tmp_path / name
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


def d1_lines(tags: dict[str, str]) -> list[str]:
    words = D1.replace(".", " .").split()
    return [f"{w} {tags.get(w, 'O')}" for w in words]


def test_the_conll2003_fixture() -> None:
    """4 columns, IOB1 (CoNLL-2003's own scheme), -DOCSTART- -X- -X- O, PTB escapes (`` '' -LRB-
    -RRB- -- ...), the NBSP before the dash, 's for ’s."""
    assert read("conll", DATA / "conll2003.conll") == CONLL_D1 + CONLL_D2


@pytest.mark.parametrize("scheme, tags", [
    ("iob2", {"John": "B-PER", "Kerry": "I-PER", "Sochi": "B-LOC"}),
    ("iob1", {"John": "I-PER", "Kerry": "I-PER", "Sochi": "I-LOC"}),
    ("bioes", {"John": "B-PER", "Kerry": "E-PER", "Sochi": "S-LOC"}),
    ("bioes", {"John": "B-PER", "Kerry": "L-PER", "Sochi": "U-LOC"}),  # BILOU
])
def test_schemes_are_detected(tmp_path: Path, scheme: str, tags: dict[str, str]) -> None:
    lines = d1_lines(tags)
    assert detect_scheme([[line.split()[-1] for line in lines]]) == scheme
    assert read("conll", write(tmp_path, *lines), DOCS[:1]) == [("d1", "John Kerry", "PER"), ("d1", "Sochi", "LOC")]


def test_iob1_b_tag_separates_adjacent_entities_of_one_type() -> None:
    assert decode(["I-PER", "I-PER", "B-PER", "O"], "iob1")[0] == [(0, 2, "PER"), (2, 3, "PER")]
    assert encode(3, [(0, 2, "PER"), (2, 3, "PER")], "iob1") == ["I-PER", "I-PER", "B-PER"]


def test_forced_scheme_reports_tags_that_break_it(tmp_path: Path) -> None:
    p = write(tmp_path, *d1_lines({"John": "I-PER", "Kerry": "I-PER"}))
    assert problems("conll", p, DOCS[:1], scheme="iob2") == [
        f"{p}:4: tag: I-PER begins an entity, but IOB2 begins every entity with B- (try --scheme iob1)"]
    p = write(tmp_path, *d1_lines({"John": "B-PER", "Kerry": "I-PER"}), name="b.conll")
    assert problems("conll", p, DOCS[:1], scheme="bioes") == [f"{p}:5: tag: the PER entity is not closed with E- (BIOES)"]
    p = write(tmp_path, *d1_lines({"John": "PER"}), name="c.conll")
    assert problems("conll", p, DOCS[:1]) == [f"{p}:4: tag: tag 'PER' is not O or B-/I- + label (IOB2)"]


def test_doc_id_comments_name_documents_in_any_order(tmp_path: Path) -> None:
    d2 = ["# doc_id = d2", "`` O", "We O", "are O", "ready O", "-LRB- O", "for O", "talks O", "-RRB- O", ", O", "'' O",
          "Lavrov B-PER", "said O"]
    d1 = ["-DOCSTART- -X- -X- O", "# doc_id = d1", *d1_lines({"Sochi": "B-LOC"})]
    p = write(tmp_path, "# newdoc id = ignored", *d2, "", *d1)
    assert read("conll", p) == [("d1", "Sochi", "LOC"), ("d2", "Lavrov", "PER")]


def test_without_markers_tokens_run_through_the_corpus(tmp_path: Path) -> None:
    d2 = ["“ O", "We O", "are O", "ready O", "( O", "for O", "talks O", ") O", ", O", "” O", "Lavrov B-PER"]
    rest = ["said O", "in O", "Moscow B-LOC", "— O", "the O", "U.S. B-LOC", "agreed O", "… O", "Kerry B-PER", "’s O",
            "aide O", ", O", "Ann B-PER", "Lee I-PER", ", O", "left O", ". O"]
    p = write(tmp_path, *d1_lines({"Sochi": "B-LOC"}), "", *d2, *rest)
    assert read("conll", p) == [("d1", "Sochi", "LOC")] + [x for x in CONLL_D2]


def test_unalignable_token_is_one_line(tmp_path: Path) -> None:
    lines = d1_lines({})
    lines[4] = "Kery O"
    p = write(tmp_path, "-DOCSTART- -X- -X- O", "", *lines)
    assert problems("conll", p) == [f"{p}:7: token: cannot align 'Kery' to document 'd1' at character 24 "
                                    "(the text there is 'Kerry met Russian Foreign Mini…')"]


def test_more_documents_than_the_corpus(tmp_path: Path) -> None:
    p = write(tmp_path, "-DOCSTART- -X- -X- O", *d1_lines({}), "-DOCSTART- -X- -X- O", "x O", "-DOCSTART- -X- -X- O", "y O")
    assert problems("conll", p, DOCS[:1]) == [f"{p}:18: document: more documents than the corpus has (1): add '# doc_id = ID' lines, or give the corpus it belongs to with --corpus"]


def test_malformed_lines_and_unknown_doc_ids(tmp_path: Path) -> None:
    p = write(tmp_path, "# doc_id = d9", "Kerry B-PER", "", "# doc_id = d1", "lonely")
    assert problems("conll", p) == [f"{p}:1: doc_id: unknown document 'd9' (corpus has 'd1', 'd2')",
                                    f"{p}:5: line: expected 'TOKEN ... TAG' columns, got 'lonely'"]


def test_aligner_handles_white_space_nbsp_and_escapes() -> None:
    a = Aligner("a\u00a0\u200b b\n\n“c” -- [d] e…")
    assert [a.next(t) for t in ["a", "b", "``", "c", "''", "--", "-LSB-", "d", "-RSB-", "e", "..."]] == [
        (0, 1), (4, 5), (7, 8), (8, 9), (9, 10), (11, 13), (14, 15), (15, 16), (16, 17), (18, 19), (19, 20)]
    assert Aligner("x").next("y") is None


# ------------------------------------------------------------------------------------------------
# writing
# ------------------------------------------------------------------------------------------------
def gold() -> list[Entity]:
    spans = [(0, "John Kerry", "PERSON", "john-kerry"), (0, "Sochi", "GPE", None), (1, "Moscow", "GPE", None),
             (1, "U.S.", "GPE", None), (1, "Ann Lee", "PERSON", None)]
    out = []
    for i, (k, sub, label, key) in enumerate(spans):
        s = DOCS[k].text.index(sub)
        out.append(Entity(DOCS[k].id, f"e{i}", s, s + len(sub), sub, label, key))
    return out


@pytest.mark.parametrize("scheme", ["iob1", "iob2", "bioes"])
def test_written_conll_reads_back(tmp_path: Path, scheme: str) -> None:
    export, notes = export_gold("conll", DOCS, gold(), Options(scheme=scheme))
    assert notes == [] and export.not_carried == []
    p = tmp_path / "g.conll"
    p.write_text(str(export.files[""]), encoding="utf-8")
    tags = [line.split()[-1] for line in p.read_text().splitlines() if line and not line.startswith("-DOC")]
    assert detect_scheme([tags]) == scheme  # IOB1 as CoNLL-2003 writes it: I- begins an entity, B- only between two
    assert read("conll", p, scheme=scheme) == [(e.doc_id, e.text, e.label) for e in gold()]


def test_written_conll_is_read_by_spacy_converter() -> None:
    """The output is CoNLL-2003 as spaCy's own ``spacy convert`` reads it (its document delimiter,
    two columns, IOB tags)."""
    from spacy.training.converters import conll_ner_to_docs

    export, _ = export_gold("conll", DOCS, gold())
    docs = list(conll_ner_to_docs(str(export.files[""]), n_sents=0, no_print=True))
    assert [[(e.text, e.label_) for e in d.ents] for d in docs] == [
        [("John Kerry", "PERSON"), ("Sochi", "GPE")], [("Moscow", "GPE"), ("U.S.", "GPE"), ("Ann Lee", "PERSON")]]


def test_entities_the_format_cannot_carry_are_listed() -> None:
    doc = Document("w", "Hello big world")
    ents = [Entity("w", "a", 5, 9, " big", "ORG"), Entity("w", "b", 10, 15, "world", "GPE")]
    export, notes = export_gold("conll", [doc], ents)
    assert notes == ["note: not carried by conll: w a ' big' [5, 9) ORG: begins or ends with white space, not a token boundary"]
    assert export.written["entities"] == 1 and "world B-GPE" in str(export.files[""])


def test_export_tokens_cut_at_entity_boundaries() -> None:
    text = "U.S.-Russian talks"
    assert [text[s:e] for s, e in export_tokens(text)] == ["U.S.-Russian", "talks"]
    assert [text[s:e] for s, e in export_tokens(text, [0, 4, 5, 12])] == ["U.S.", "-", "Russian", "talks"]


# ------------------------------------------------------------------------------------------------
# property: random flat entities -> CoNLL -> back = the aligned entities
# ------------------------------------------------------------------------------------------------
ALPHABET = string.ascii_letters + string.digits + " \u00a0\n.,;:!?'\"()-“”’—…"


@st.composite
def documents_with_entities(draw: st.DrawFn) -> tuple[Document, list[Entity]]:
    text = draw(st.text(alphabet=ALPHABET, min_size=1, max_size=80))
    # a token "-DOCSTART-" is CoNLL's document separator: the format cannot carry it as a word
    # (reading such a file is one clear error, tested with the reader's other errors)
    assume("-DOCSTART-" not in text)
    cuts = sorted(set(draw(st.lists(st.integers(0, len(text)), max_size=12))))
    ents = []
    for k, (s, e) in enumerate(zip(cuts[::2], cuts[1::2])):
        if e > s and draw(st.booleans()):
            ents.append(Entity("p", f"e{k}", s, e, text[s:e], draw(st.sampled_from(["PER", "ORG", "LOC"]))))
    return Document("p", text), ents


@hsettings(max_examples=300, deadline=None)
@given(documents_with_entities(), st.sampled_from(["iob1", "iob2", "bioes"]))
def test_round_trip_property(tmp_path_factory: pytest.TempPathFactory, case: tuple[Document, list[Entity]], scheme: str) -> None:
    """Every entity comes back exactly, trimmed of white space at its edges (which no token can
    hold: those are listed as not carried); only-white-space entities are listed and left out."""
    from newsgold.convert.common import trim

    doc, ents = case
    export, notes = export_gold("conll", [doc], ents, Options(scheme=scheme))
    expected = [(e.start, e.end, e.label) for e in ents if trim(doc.text, e.start, e.end) == (e.start, e.end)]
    assert len(export.not_carried) == len(ents) - len(expected)
    p = tmp_path_factory.mktemp("conll") / "p.conll"
    p.write_text(str(export.files[""]), encoding="utf-8")
    from newsgold.convert import read_predictions

    back = read_predictions("conll", p, [doc], Options(scheme=scheme)).entities
    assert [(e.start, e.end, e.label) for e in back] == expected


def test_tokens_that_stop_early_are_noted_not_silent(tmp_path: Path) -> None:
    """A model that truncated its input: scored as it is (the rest has no entities), with a note."""
    from convert_helpers import notes

    p = write(tmp_path, "-DOCSTART- -X- -X- O", *d1_lines({"John": "B-PER", "Kerry": "I-PER"})[:5])
    assert read("conll", p, DOCS[:1]) == [("d1", "John Kerry", "PER")]
    assert notes("conll", p)[0] == (f"note: {p}: the tokens stop before the end of 1 document(s), the rest has no "
                                    "entities: d1 (30 of 93 characters)")
