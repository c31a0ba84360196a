"""The HTML report parsed in Python: the static tables, the embedded data and the page's
self-containment agree with report.json (the browser tests in test_html_browser.py check what the
script draws from them)."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from helpers_html import GOLD, Node, article_benchmark, parse
from newsgold.benchmark import BenchmarkConfig, run
from newsgold.html_report import KIND_NAMES, benchmark_html, score_html, utf16_offsets
from newsgold.load import Annotations, load_annotations, load_corpus
from newsgold.report import to_json
from newsgold.schema import Claim, Document, Entity, Quote, Span
from newsgold.settings import Settings
from newsgold.tasks import get_task

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus" / "documents.jsonl"


@pytest.fixture(scope="module")
def article(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], Path]:
    return article_benchmark(tmp_path_factory.mktemp("html") / "run")


def report_kinds(report: dict[str, Any]) -> dict[tuple[str, str], Counter]:
    """(backend, task) -> error kinds counted from report.json."""
    return {(name, task): Counter(e["kind"] for e in res["result"]["errors"])
            for name, b in report["backends"].items() if b["status"] == "ok" for task, res in b["tasks"].items()}


def data_block(root: Node) -> dict[str, Any]:
    return json.loads(root.find("script", id="newsgold-data").text())


def test_benchmark_writes_report_html_beside_report_json(article):
    report, page = article
    assert page.is_file() and (page.parent / "report.json").is_file()
    assert (page.parent / "report.json").read_text(encoding="utf-8") == to_json(report)


def test_document_count_and_error_counts_per_kind_equal_report_json(article):
    report, page = article
    root = parse(page.read_text(encoding="utf-8"))
    n_docs = len(load_corpus(CORPUS))
    assert root.find(id="n-docs").attrs["data-n"] == str(n_docs) == root.find(id="n-docs").text()
    expected = report_kinds(report)
    assert sum(sum(c.values()) for c in expected.values()) > 0  # the comparison is not vacuous
    # the static table: one row per (backend, task) scored, one cell per kind
    table = root.find("table", id="error-kinds")
    seen = {}
    for row in table.find("tbody").find_all("tr"):
        cells = {td.attrs["data-kind"]: int(td.attrs["data-count"]) for td in row.find_all("td") if "data-kind" in td.attrs}
        seen[(row.attrs["data-system"], row.attrs["data-task"])] = Counter({k: v for k, v in cells.items() if v})
    assert seen == expected
    # the data the script draws from
    data = data_block(root)
    assert len(data["docs"]) == n_docs
    strings = data["strings"]
    drawn = {(sy["name"], t): Counter(strings[e[0]] for e in v["errors"])
             for sy in data["systems"] for t, v in sy["tasks"].items()}
    assert drawn == expected


def test_headline_table_shows_every_score_with_its_interval(article):
    report, page = article
    root = parse(page.read_text(encoding="utf-8"))
    rows = {(r.attrs["data-system"], r.attrs["data-task"]): [td.text() for td in r.find_all("td")]
            for r in root.find("table", id="headline").find_all("tr") if "data-system" in r.attrs}
    for name, b in report["backends"].items():
        for task, t in b["tasks"].items():
            cells = rows[(name, task)]
            assert cells[2] == t["headline"] and cells[3] == f"{t['f1']:.3f}"
            assert cells[4] == f"[{t['ci'][0]:.3f}, {t['ci'][1]:.3f}]"
            assert int(cells[7]) == t["result"]["n_errors"]
    partial = next(n for n in report["backends"] if n.endswith("-partial"))
    assert set(report["backends"][partial]["tasks"]) == {"entities"}
    not_done = [r for r in root.find("table", id="headline").find_all("tr") if "not done" in r.text()]
    assert len(not_done) == 2 and all(partial in r.text() for r in not_done)
    assert root.find(id="signature").text() == report["signature"]


def test_gold_and_predicted_records_are_all_in_the_data(article):
    report, page = article
    data = data_block(parse(page.read_text(encoding="utf-8")))
    documents = load_corpus(CORPUS)
    gold = load_annotations(GOLD, documents)
    for task in ("entities", "quotes", "claims"):
        assert sum(len(recs) for recs in data["gold"][task]) == len(gold.task(task) or [])
    for sy in data["systems"]:  # every backend's predictions, as many as its prediction files hold
        pred = load_annotations(page.parent / "predictions" / sy["name"].replace("/", "_"), documents, allow_empty=True)
        for task, v in sy["tasks"].items():
            assert sum(len(recs) for recs in v["pred"]) == len(pred.task(task) or [])
    # a quote shows as its content plus its speaker and cue parts, at the gold offsets
    q = gold.task("quotes")[0]
    content = next(rec for rec in data["gold"]["quotes"][0] if rec[:2] == [q.content.start, q.content.end - q.content.start])
    roles = [data["strings"][data["styles"][style][0]] for style in content[2::3]]
    assert roles[0] == "content" and set(roles[1:]) == {r for r in ("speaker", "cue") if getattr(q, r)}
    # a prediction equal to a gold record is stored as that record's index, the others in full: the
    # perturbed gold changed three entities (a label, a boundary, a spurious one) and dropped one
    perturbed = next(sy for sy in data["systems"] if sy["name"].endswith("-perturbed"))
    (recs,) = perturbed["tasks"]["entities"]["pred"]
    refs = [r for r in recs if isinstance(r, int)]
    assert len(recs) - len(refs) == 3 and len(refs) == len(gold.task("entities")) - 3
    assert len(set(refs)) == len(refs) and all(0 <= r < len(data["gold"]["entities"][0]) for r in refs)


def test_page_is_self_contained_and_allows_only_its_own_script_and_style(article):
    _, page = article
    text = page.read_text(encoding="utf-8")
    root = parse(text)
    csp = root.find("meta", http_equiv="Content-Security-Policy").attrs["content"]
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    script = next(s for s in root.find_all("script") if "type" not in s.attrs).text()
    style = root.find("style").text()
    for body in (script, style):
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in csp
    # nothing refers outside the file: no src/href/action attribute, no url()/@import, no fetching API
    for node in root.iter():
        assert not {"src", "href", "action", "srcset", "poster", "data"} & set(node.attrs), node.tag
    assert "url(" not in style and "@import" not in style
    for word in ("http:", "https:", "fetch(", "XMLHttpRequest", "WebSocket", "import(", "innerHTML", "eval("):
        assert word not in script, word


def test_same_inputs_give_byte_identical_html(tmp_path):
    _, a = article_benchmark(tmp_path / "a")
    _, b = article_benchmark(tmp_path / "b")
    text_a, text_b = a.read_text(encoding="utf-8"), b.read_text(encoding="utf-8")
    # the run folders differ only by name: the file: backends are named after their folders
    assert text_a.replace(f"{tmp_path}/a-", "X-") == text_b.replace(f"{tmp_path}/b-", "X-")
    assert text_a != text_a.replace(f"{tmp_path}/a-", "X-")


def test_benchmark_no_html_writes_none(tmp_path, tiny_corpus, tiny_gold):
    cfg = BenchmarkConfig(corpus=tiny_corpus, gold=tiny_gold, out=tmp_path / "run", backends=[f"file:{tiny_gold}"],
                          settings=Settings(bootstrap=0), plot=False, html=False)
    run(cfg)
    assert (tmp_path / "run" / "report.json").is_file() and not (tmp_path / "run" / "report.html").exists()


def test_score_html_option(tmp_path, tiny_corpus, tiny_gold, tiny_records, write_jsonl, capsys):
    from newsgold.cli import main

    pred = tmp_path / "pred"
    write_jsonl(pred / "entities.jsonl", [dict(tiny_records["entities"][0], label="ORG")] + tiny_records["entities"][2:])
    out = tmp_path / "out" / "score.html"
    js = tmp_path / "score.json"
    code = main(["score", "--gold", str(tiny_gold), "--corpus", str(tiny_corpus), "--pred", str(pred),
                 "--html", str(out), "--json", str(js), "--bootstrap", "50"])
    capsys.readouterr()
    assert code == 0
    report = json.loads(js.read_text())
    root = parse(out.read_text(encoding="utf-8"))
    data = data_block(root)
    assert [sy["name"] for sy in data["systems"]] == [f"pred: {report['pred']['path']}"]
    assert data["tasks"] == ["entities"]  # only what the predictions do
    kinds = Counter(data["strings"][e[0]] for e in data["systems"][0]["tasks"]["entities"]["errors"])
    assert kinds == Counter(e["kind"] for e in report["tasks"]["entities"]["errors"]) == Counter({"INC": 1, "FN": 1})
    assert "MIS (FN)" in root.find("table", id="error-kinds").text()


def test_score_html_into_a_folder_is_one_line_exit_2(tmp_path, tiny_corpus, tiny_gold, capsys):
    from newsgold.cli import main

    (tmp_path / "dir.html").mkdir()
    code = main(["score", "--gold", str(tiny_gold), "--corpus", str(tiny_corpus), "--pred", str(tiny_gold),
                 "--html", str(tmp_path / "dir.html"), "--bootstrap", "0"])
    _, err = capsys.readouterr()
    assert code == 2 and len(err.strip().splitlines()) == 1 and "dir.html" in err


def tiny_html(text: str, gold_ents: list[Entity], pred_ents: list[Entity], settings: Settings = Settings(bootstrap=0)):
    from newsgold.pipeline import evaluate

    docs = [Document("d", text)]
    gold = Annotations("gold", entities=gold_ents, quotes=[], claims=[])
    pred = Annotations("pred", entities=pred_ents)
    report, _ = evaluate(docs, gold, pred, settings, gold_checksum="0" * 64)
    return report, score_html(report, docs, gold, pred, settings)


def test_hostile_text_stays_text(tmp_path):
    text = 'Bad </script><script>document.title="owned"</script> & <!-- x --> Kim said.'
    kim = text.index("Kim")
    report, page = tiny_html(text, [Entity("d", "e1", kim, kim + 3, "Kim", "PERSON")], [])
    data_tag = re.search(r'<script type="application/json" id="newsgold-data">(.*?)</script>', page, re.S)
    assert data_tag is not None and "<" not in data_tag.group(1)
    data = json.loads(data_tag.group(1))
    assert data["docs"][0][2] == text  # round-trips exactly
    assert page.count("<script") == 2  # the data block and the page's own script, nothing injected


def test_offsets_are_utf16_for_the_browser():
    text = "😀 Kim met 🇫🇷 Lee."
    kim, lee = text.index("Kim"), text.index("Lee")
    ents = [Entity("d", "e1", kim, kim + 3, "Kim", "PERSON"), Entity("d", "e2", lee, lee + 3, "Lee", "PERSON")]
    report, page = tiny_html(text, ents, ents[:1])
    data = data_block(parse(page))
    js_text = text.encode("utf-16-le")
    for rec in data["gold"]["entities"][0]:
        s, e = rec[0], rec[0] + rec[1]
        assert js_text[2 * s: 2 * e].decode("utf-16-le") in ("Kim", "Lee")
    (err,) = data["systems"][0]["tasks"]["entities"]["errors"]
    assert js_text[2 * err[2]: 2 * err[3]].decode("utf-16-le") == "Lee"
    assert utf16_offsets("abc") is None


def test_marks_follow_the_label_map_and_show_parts():
    ent = get_task("entities")
    e = Entity("d", "e1", 0, 3, "Kim", "PERSON", "kim")
    assert [(m.role, m.label, m.start, m.end) for m in ent.marks(e, Settings(), "gold")] == [("entity", "PERSON", 0, 3)]
    assert [m.label for m in ent.marks(e, Settings(label_map="conll"), "gold")] == ["PER"]
    assert ent.marks(Entity("d", "e2", 0, 3, "May", "DATE"), Settings(label_map="conll"), "pred") == []  # not scored, not shown
    q = Quote("d", "q1", "direct", Span(10, 20, "x" * 10), Span(0, 3, "Kim"), "kim", Span(4, 8, "said"), "ap")
    marks = get_task("quotes").marks(q, Settings(), "gold")
    assert [(m.role, m.start) for m in marks] == [("content", 10), ("speaker", 0), ("cue", 4)]
    assert marks[0].label == "direct" and "speaker: kim" in marks[0].note and "via ap" in marks[0].note
    c = Claim("d", "c1", Span(10, 20, "x" * 10), "kim", Span(0, 3, "Kim"), "hedged", True)
    marks = get_task("claims").marks(c, Settings(), "pred")
    assert [m.role for m in marks] == ["claim", "claimant"]
    assert marks[0].label == "hedged" and "claimant: kim" in marks[0].note and "check-worthy" in marks[0].note


def test_kinds_show_with_their_semeval_names(article):
    _, page = article
    data = data_block(parse(page.read_text(encoding="utf-8")))
    for kind, (shown, helptext) in data["kinds"].items():
        assert shown == KIND_NAMES.get(kind, kind) and helptext
    assert data["kinds"]["FN"][0] == "MIS" and data["kinds"]["INC"][0] == "INC"


def test_benchmark_html_lists_skipped_backends(tmp_path, tiny_corpus, tiny_gold):
    documents = load_corpus(tiny_corpus)
    gold = load_annotations(tiny_gold, documents)
    report = {"signature": "sig", "corpus": "c", "gold": {"path": "g", "sha256": "0" * 64}, "settings": {},
              "backends": {"ghost": {"status": "skipped", "reason": "not installed"}}, "significance": {}}
    root = parse(benchmark_html(report, documents, gold, {}, Settings()))
    assert "skipped: not installed" in root.find("table", id="headline").text()
    assert data_block(root)["systems"] == [{"name": "ghost", "signature": "", "skipped": "not installed", "tasks": {}}]


def test_entity_marks_use_the_gold_map_or_the_prediction_map(tmp_path):
    path = tmp_path / "map.json"
    path.write_text(json.dumps({"gold": {"DATE": None}, "pred": {"PER": "PERSON", "DATE": None}}), encoding="utf-8")
    ent, settings = get_task("entities"), Settings(label_map=str(path))
    per = Entity("d", "e1", 0, 3, "Kim", "PER")
    assert [m.label for m in ent.marks(per, settings, "pred")] == ["PERSON"]  # shown as it was scored
    assert [m.label for m in ent.marks(per, settings, "gold")] == ["PER"]
    assert ent.marks(Entity("d", "e2", 0, 3, "May", "DATE"), settings, "gold") == []
