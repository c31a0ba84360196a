"""newsgold.convert.spacy_docbin: a DocBin made with spaCy's own API, ents or a span group, doc
ids from user_data or by text, kb_id as the entity key, and the writer."""

from __future__ import annotations

from pathlib import Path

import pytest

from convert_helpers import D1, D1_GOLD, D2, DOCS, problems, read


def nlp():
    import spacy

    return spacy.blank("en")


def make_docbin(path: Path, spans_key: str | None = None, with_id: bool = True) -> Path:
    """As spaCy's docs build training data: nlp.make_doc, doc.char_span, doc.ents / doc.spans."""
    from spacy.tokens import DocBin

    blank = nlp()
    db = DocBin(store_user_data=True)
    d1 = blank.make_doc(D1)
    if with_id:
        d1.user_data["doc_id"] = "d1"
    ents1 = [d1.char_span(s, e, label=lab, kb_id=kb) for s, e, lab, kb in
             [(19, 29, "PERSON", "john-kerry"), (34, 41, "NORP", ""), (59, 72, "PERSON", ""), (76, 81, "GPE", ""), (85, 92, "DATE", "")]]
    d2 = blank.make_doc(D2)  # no id: found by its text
    ents2 = [d2.char_span(s, e, label=lab) for s, e, lab in [(28, 34, "PERSON"), (43, 49, "GPE"), (56, 60, "GPE")]]
    for doc, ents in ((d1, ents1), (d2, ents2)):
        assert all(ents)
        if spans_key:
            doc.spans[spans_key] = ents + [doc.char_span(0, 9, label="TITLE")] if doc is d1 else ents
        else:
            doc.ents = ents
        db.add(doc)
    db.to_disk(path)
    return path


def test_docbin_ents(tmp_path: Path) -> None:
    p = make_docbin(tmp_path / "train.spacy")
    assert read("spacy", p) == D1_GOLD + [("d2", "Lavrov", "PERSON"), ("d2", "Moscow", "GPE"), ("d2", "U.S.", "GPE")]
    from newsgold.convert import read_predictions
    from newsgold.convert.common import Options

    records = read_predictions("spacy", p, DOCS, Options()).entities
    assert records[0].entity == "john-kerry" and records[1].entity is None


def test_docbin_span_group(tmp_path: Path) -> None:
    p = make_docbin(tmp_path / "spans.spacy", spans_key="sc")
    assert problems("spacy", p, spans_key="ents_sc") == [
        f"{p}:1: spans_key: no span group 'ents_sc' (span groups: sc)", f"{p}:2: spans_key: no span group 'ents_sc' (span groups: sc)"]
    found = read("spacy", p, spans_key="sc")
    assert ("d1", "Secretary", "TITLE") in found and ("d2", "U.S.", "GPE") in found


def test_overlapping_spans_are_refused_like_any_prediction(tmp_path: Path) -> None:
    """Span groups may overlap; newsgold's entity predictions are flat, so that is one line per overlap."""
    from spacy.tokens import DocBin

    doc = nlp().make_doc(D1)
    doc.user_data["doc_id"] = "d1"
    doc.spans["sc"] = [doc.char_span(19, 29, label="PERSON"), doc.char_span(24, 29, label="PERSON")]
    DocBin(store_user_data=True, docs=[doc]).to_disk(tmp_path / "o.spacy")
    assert problems("spacy", tmp_path / "o.spacy", spans_key="sc") == [
        f"{tmp_path / 'o.spacy'}:1: start: entity span [24, 29) 'Kerry' overlaps e1 [19, 29) 'John Kerry' (line 1); "
        "entity spans must not overlap"]


def test_not_a_docbin(tmp_path: Path) -> None:
    p = tmp_path / "x.spacy"
    p.write_bytes(b"not msgpack at all")
    assert problems("spacy", p)[0].startswith(f"{p}:0: file: not a spaCy DocBin (")


def test_unknown_text_is_named(tmp_path: Path) -> None:
    from spacy.tokens import DocBin

    db = DocBin(store_user_data=True)
    db.add(nlp().make_doc("Some other text entirely."))
    db.to_disk(tmp_path / "o.spacy")
    assert problems("spacy", tmp_path / "o.spacy") == [
        f"{tmp_path / 'o.spacy'}:1: doc: no corpus document has this text ('Some other text entirely.'): give its doc id"]


def test_writer_keeps_text_ids_and_keys(tmp_path: Path) -> None:
    from spacy.tokens import DocBin

    from newsgold.convert import export_gold, read_predictions
    from newsgold.convert.common import Options
    from newsgold.schema import Entity

    gold = [Entity("d1", "a", 19, 29, "John Kerry", "PERSON", "john-kerry"), Entity("d2", "b", 83, 90, "Ann Lee", "PERSON", None)]
    export, notes = export_gold("spacy", DOCS, gold)
    p = tmp_path / "g.spacy"
    p.write_bytes(export.files[""])  # type: ignore[arg-type]
    docs = list(DocBin().from_disk(p).get_docs(nlp().vocab))
    assert [d.text for d in docs] == [D1, D2] and [d.user_data["doc_id"] for d in docs] == ["d1", "d2"]
    assert [(e.text, e.label_, e.kb_id_) for e in docs[0].ents] == [("John Kerry", "PERSON", "john-kerry")]
    back = read_predictions("spacy", p, DOCS, Options()).entities
    assert back == [Entity("d1", "e1", 19, 29, "John Kerry", "PERSON", "john-kerry"), Entity("d2", "e2", 83, 90, "Ann Lee", "PERSON", None)]


@pytest.mark.parametrize("fmt", ["spacy", "conll"])
def test_token_formats_keep_nbsp_and_line_breaks(fmt: str, tmp_path: Path) -> None:
    """D2 holds an NBSP, a line break and curly quotes: the spaCy Doc text is the document text."""
    from newsgold.convert import export_gold
    from newsgold.schema import Entity

    export, notes = export_gold(fmt, DOCS[1:], [Entity("d2", "m", 43, 49, "Moscow", "GPE")])
    p = tmp_path / f"g.{fmt}"
    data = export.files[""]
    p.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    assert read(fmt, p, DOCS[1:]) == [("d2", "Moscow", "GPE")] and notes == []
