"""newsgold.evaluate (newsgold.api): records in memory -> the same report as the command line,
through newsgold.pipeline.evaluate; lists of dicts, task dicts, spaCy Docs; one-line problems."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

import newsgold
from conftest import run_cli
from newsgold.errors import InputError

ROOT = Path(__file__).resolve().parent.parent
TEXTS = {"a": "Kerry met Lavrov in Sochi. They talked for hours. Then Kerry flew home.",
         "b": "Merkel visited Paris on Monday. Macron welcomed her."}
DOCS = [{"id": k, "text": v} for k, v in TEXTS.items()]


def ent(doc: str, sub: str, label: str, nth: int = 0, **extra) -> dict:
    text, start = TEXTS[doc], -1
    for _ in range(nth + 1):
        start = text.index(sub, start + 1)
    return {"doc_id": doc, "start": start, "end": start + len(sub), "label": label, **extra}


GOLD = [ent("a", "Kerry", "PERSON"), ent("a", "Lavrov", "PERSON"), ent("a", "Sochi", "GPE"), ent("a", "Kerry", "PERSON", 1),
        ent("b", "Merkel", "PERSON"), ent("b", "Paris", "GPE"), ent("b", "Monday", "DATE"), ent("b", "Macron", "PERSON")]
PRED = [ent("a", "Kerry", "PER", score=0.99), ent("a", "Sochi", "LOC"), ent("a", "Kerry", "PER", 1),
        ent("b", "Merkel", "PER"), ent("b", "Paris", "ORG"), ent("b", "Macron", "PER")]


def test_dict_lists_with_a_label_map_and_cis() -> None:
    r = newsgold.evaluate(GOLD, PRED, DOCS, label_map="conll", bootstrap=500)
    h = r.headline["entities"]
    # after the conll map: 7 gold (Monday dropped), 6 predictions, 5 right, Paris ORG != LOC
    assert (h["metric"], h["precision"], h["recall"]) == ("strict.f1", 0.833333, 0.714286)
    lo, hi = h["ci"]
    assert lo <= h["f1"] <= hi and lo < hi  # two documents resampled: a real interval
    assert sorted(e["kind"] for e in r.errors) == ["FN", "INC"]
    assert r.notes == ["note: pred entities: ignored fields the scorer does not use: score (1 of 6 records)"]
    assert "map:conll" in r.signature and r.signature.endswith("|unit:document|ci:bs500|seed:12345")
    assert r.ci["entities"]["strict.f1"] == [lo, hi]
    assert r.to_dict() == json.loads(r.to_json()) and r.to_dict()["tasks"]["entities"]["metrics"]["strict.COR"] == 5
    assert str(r).startswith(r.signature) and r.to_markdown().startswith("## newsgold score")


def test_same_numbers_as_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """pass 1 of the annotation scored against the gold: API and `newsgold score` agree on every
    metric, interval and error; only the gold checksum differs (files vs records)."""
    from newsgold.load import load_annotations, load_corpus

    out = tmp_path / "cli.json"
    code, _, err = run_cli(capsys, "score", "--gold", str(ROOT / "annotations"), "--corpus", str(ROOT / "corpus" / "documents.jsonl"),
                           "--pred", str(ROOT / "annotations" / "pass1"), "--json", str(out))
    assert code == 0, err
    cli = json.loads(out.read_text())
    docs = load_corpus(ROOT / "corpus" / "documents.jsonl")
    gold = load_annotations(ROOT / "annotations", docs)
    pred = load_annotations(ROOT / "annotations" / "pass1", docs)
    as_dicts = {t: [r.to_dict() for r in gold.task(t)] for t in ("entities", "quotes", "claims")}
    api = newsgold.evaluate(as_dicts, {t: [r.to_dict() for r in pred.task(t)] for t in as_dicts}, docs).to_dict()
    listed = (out.parent / "cli.errors.jsonl").read_text(encoding="utf-8").splitlines()
    assert [e for t in api["tasks"].values() for e in t["errors"]] == [json.loads(line) for line in listed]
    for name, result in cli["tasks"].items():  # the command's report lists the first --errors (20)
        assert result.pop("errors") == api["tasks"][name]["errors"][:20]
        assert result.pop("error_kinds") == dict(sorted(Counter(e["kind"] for e in api["tasks"][name]["errors"]).items()))
    assert {n: {k: v for k, v in t.items() if k != "errors"} for n, t in api["tasks"].items()} == cli["tasks"]
    strip = lambda sig: re.sub(r"gold:[0-9a-f]+", "gold:?", sig)  # noqa: E731
    assert strip(api["signature"]) == strip(cli["signature"])
    again = newsgold.evaluate(as_dicts, {t: [r.to_dict() for r in pred.task(t)] for t in as_dicts}, docs)
    assert again.to_json() == json.dumps(api, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def test_goes_through_the_one_pipe(monkeypatch: pytest.MonkeyPatch) -> None:
    import newsgold.pipeline

    calls = []
    real = newsgold.pipeline.evaluate
    monkeypatch.setattr(newsgold.pipeline, "evaluate", lambda *a, **k: calls.append(1) or real(*a, **k))
    newsgold.evaluate(GOLD, PRED, DOCS, label_map="conll", bootstrap=0)
    assert calls == [1]


def test_spacy_docs() -> None:
    import spacy

    nlp = spacy.blank("en")
    gold_docs, pred_docs = [], []
    for doc_id, text in TEXTS.items():
        g, p = nlp.make_doc(text), nlp.make_doc(text)
        g.user_data["doc_id"] = doc_id  # the gold Docs are the documents
        g.ents = [g.char_span(e["start"], e["end"], label=e["label"]) for e in GOLD if e["doc_id"] == doc_id]
        p.ents = [p.char_span(e["start"], e["end"], label=e["label"]) for e in PRED if e["doc_id"] == doc_id]  # found by text
        gold_docs.append(g)
        pred_docs.append(p)
    r = newsgold.evaluate(gold_docs, pred_docs, label_map="conll", bootstrap=0)
    assert r.headline["entities"]["precision"] == 0.833333
    r2 = newsgold.evaluate(GOLD, PRED, DOCS, label_map="conll", bootstrap=0)
    assert r.to_dict()["tasks"] == r2.to_dict()["tasks"]


def test_quotes_and_claims_by_shape_or_by_name() -> None:
    text = TEXTS["a"]
    quote = {"doc_id": "a", "type": "indirect", "content": {"start": 0, "end": 25}}
    claim = {"doc_id": "a", "span": {"start": 0, "end": 25}, "status": "asserted", "checkworthy": True, "claimant": "ARTICLE"}
    assert text[0:25] == "Kerry met Lavrov in Sochi"
    r = newsgold.evaluate([quote], [quote], DOCS, bootstrap=0)
    assert list(r.headline) == ["quotes"] and r.headline["quotes"]["f1"] == 1.0
    r = newsgold.evaluate({"claims": [claim], "entities": GOLD}, [claim], DOCS, tasks=["claims"], bootstrap=0)
    assert list(r.headline) == ["claims"] and r.headline["claims"]["f1"] == 1.0


def test_bad_input_is_named_by_side_task_and_position() -> None:
    bad_gold = GOLD[:1] + [ent("a", "Lavrov", "PER")]
    with pytest.raises(InputError) as e:
        newsgold.evaluate(bad_gold, PRED, DOCS, label_map="conll")
    assert [str(p).split(" (")[0] for p in e.value.problems] == ["gold entities:2: label: unknown label 'PER'"]
    with pytest.raises(InputError) as e:
        newsgold.evaluate(GOLD, PRED, DOCS)  # PER without the map
    assert str(e.value.problems[0]).startswith("pred entities:1: label: unknown label 'PER'")
    with pytest.raises(InputError) as e:
        newsgold.evaluate(GOLD, [ent("a", "Kerry", "PERSON") | {"doc_id": "zz"}], DOCS)
    assert str(e.value.problems[0]) == "pred entities:1: doc_id: unknown doc_id 'zz' (corpus has 'a', 'b')"
    with pytest.raises(TypeError, match="unknown setting.*labelmap"):
        newsgold.evaluate(GOLD, PRED, DOCS, labelmap="conll")
    with pytest.raises(ValueError, match="bad setting confidence"):
        newsgold.evaluate(GOLD, PRED, DOCS, confidence=2)
    with pytest.raises(TypeError, match="docs are needed"):
        newsgold.evaluate(GOLD, PRED)
    with pytest.raises(InputError, match="docs:3: id: duplicate document id 'a'"):
        newsgold.evaluate(GOLD, PRED, DOCS + DOCS[:1])


def test_min_overlap_setting() -> None:
    gold = [ent("a", "Lavrov", "PERSON")]
    pred = [{"doc_id": "a", "start": gold[0]["start"], "end": gold[0]["start"] + 2, "label": "PERSON"}]
    loose = newsgold.evaluate(gold, pred, DOCS, bootstrap=0).metrics("entities")
    strict = newsgold.evaluate(gold, pred, DOCS, bootstrap=0, min_overlap=0.5)
    assert loose["partial.PAR"] == 1 and strict.metrics("entities")["partial.SPU"] == 1
    assert ",minovl0.5" in strict.signature


def test_readme_example_runs() -> None:
    """The README's notebook example is a doctest: it runs as written and prints what it shows."""
    import doctest

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```python\n(>>> import newsgold\n.*?)```", readme, re.S)
    assert block is not None
    assert len([x for x in block.group(1).splitlines() if x.startswith(">>>")]) <= 10
    test = doctest.DocTestParser().get_doctest(block.group(1), {}, "README", "README.md", 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    assert runner.summarize(verbose=False).failed == 0 and runner.summarize(verbose=False).attempted >= 5


def test_gold_checksum_is_that_of_the_records_written_as_files(tmp_path: Path) -> None:
    from newsgold.schema import Document, Entity
    from newsgold.signature import gold_checksum

    r = newsgold.evaluate(GOLD, PRED, DOCS, label_map="conll", bootstrap=0)
    gold = [Entity.from_dict({"id": f"L{n}", "text": TEXTS[g["doc_id"]][g["start"]:g["end"]], "entity": None, **g})
            for n, g in enumerate(GOLD, start=1)]
    (tmp_path / "g").mkdir()
    (tmp_path / "g" / "entities.jsonl").write_text("".join(json.dumps(e.to_dict(), ensure_ascii=False) + "\n" for e in gold))
    (tmp_path / "c.jsonl").write_text("".join(json.dumps(Document(d["id"], d["text"]).to_dict()) + "\n" for d in DOCS))
    assert r.report["gold"]["sha256"] == gold_checksum(tmp_path / "g", tmp_path / "c.jsonl")


def test_scoring_quotes_alone_still_reads_the_gold_entities(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                          tiny_corpus: Path, tiny_gold: Path) -> None:
    """Quotes resolve speakers through the gold entity mentions (Task.needs_gold): a predicted
    speaker on another mention of the gold speaker is right when only quotes are scored too, in
    the API and in `newsgold score --tasks quotes` alike."""
    from conftest import TINY_RECORDS, make_doc, span_of, write_jsonl

    quote = dict(TINY_RECORDS["quotes"][0], speaker=span_of("Lavrov", 0), speaker_entity=None)  # the first mention
    for tasks in (None, ["quotes"]):
        r = newsgold.evaluate(TINY_RECORDS, {"quotes": [quote]}, [make_doc()], tasks=tasks, bootstrap=0)
        assert r.to_dict()["tasks"]["quotes"]["metrics"]["speaker.accuracy"] == 1.0, tasks
    write_jsonl(tmp_path / "pred" / "quotes.jsonl", [quote])
    out = tmp_path / "q.json"
    code, _, err = run_cli(capsys, "score", "--gold", str(tiny_gold), "--corpus", str(tiny_corpus), "--pred",
                           str(tmp_path / "pred"), "--tasks", "quotes", "--bootstrap", "0", "--json", str(out))
    assert code == 0, err
    assert json.loads(out.read_text())["tasks"]["quotes"]["metrics"]["speaker.accuracy"] == 1.0
