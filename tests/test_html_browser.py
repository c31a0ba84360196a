"""The HTML report in a real headless browser (Debian's ``chromium``): the page's script runs from
``file://``, draws the view the tests assert on (``--dump-dom``), and the page requests nothing
over the network (``--log-net-log``). Marked ``browser``; part of the default run and of CI."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from conftest import TINY_RECORDS, TINY_TEXT
from helpers_browser import Loaded, load
from helpers_html import CORPUS, GOLD, Node, article_benchmark, parse
from newsgold.html_report import KIND_NAMES, score_html
from newsgold.load import Annotations, load_annotations, load_corpus
from newsgold.pipeline import evaluate
from newsgold.schema import CLAIM_STATUSES, Document, Entity
from newsgold.settings import Settings
from newsgold.tasks import get_task

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def article(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], Path]:
    return article_benchmark(tmp_path_factory.mktemp("browser") / "run")


def open_page(page: Path, tmp: Path, fragment: str = "") -> tuple[Node, Loaded]:
    loaded = load(page, tmp / "chromium", fragment)
    root = parse(loaded.dom)
    html = root.find("html")
    assert html.attrs.get("data-ready") == "1", "the page's script did not finish"
    assert "data-error" not in html.attrs and not root.find_all(id="js-error"), root.find(id="js-error").text()
    assert not [c for c in loaded.console if "Uncaught" in c or "Content Security Policy" in c], loaded.console
    return root, loaded


def system_index(report: dict[str, Any], name: str) -> int:
    return list(report["backends"]).index(name)


def errors_of(report: dict[str, Any], system: str, task: str) -> list[dict[str, Any]]:
    return report["backends"][system]["tasks"][task]["result"]["errors"]


def first_fragments(root: Node, cls: str) -> list[Node]:
    return [n for n in root.find_all(class_=cls) if "cont" not in n.attrs.get("class", "").split()]


def test_scripts_run_from_file_and_draw_the_view(article, tmp_path):
    report, page = article
    root, loaded = open_page(page, tmp_path)
    buttons = root.find(id="system-switch").find_all("button")
    assert [b.attrs["data-system"] for b in buttons] == list(report["backends"])  # one view per backend
    assert [b.attrs["data-task"] for b in root.find(id="task-switch").find_all("button")] == ["entities", "quotes", "claims"]
    (doc,) = root.find_all("details", class_="doc")
    gold_col, pred_col = doc.find(class_="gold"), doc.find(class_="pred")
    assert len(first_fragments(gold_col, "mk")) == len(gold_records("entities")) == 64
    assert all(m.find(class_="lbl").text() for m in first_fragments(gold_col, "mk"))  # labels as text
    assert pred_col.find("h4").text().endswith(list(report["backends"])[0])


def named(report: dict[str, Any], system: str) -> str:
    """The backend called ``system`` or ending in ``/system`` or ``-system`` (file: backends)."""
    return next(n for n in report["backends"] if n == system or n.endswith((f"/{system}", f"-{system}")))


KINDS = {"entities": {"FN", "FP", "INC", "PAR"}, "quotes": {"FN", "SPEAKER", "CUE", "TYPE"},
         "claims": {"FN", "STATUS", "CHECKWORTHY", "CLAIMANT"}}


@pytest.mark.parametrize(("system", "task"), [("perturbed", "entities"), ("perturbed", "quotes"),
                                              ("perturbed", "claims"), ("pass1", "claims")])
def test_every_error_is_listed_and_marked_in_the_text_by_kind(article, tmp_path, system, task):
    report, page = article
    name = named(report, system)
    expected = errors_of(report, name, task)
    if system == "perturbed":  # the perturbed gold has errors of every kind of the task
        assert {e["kind"] for e in expected} == KINDS[task]
    assert expected
    root, _ = open_page(page, tmp_path, f"s={system_index(report, name)}&t={task}")
    items = root.find(id="listing").find_all("li", class_="error")
    assert Counter(li.attrs["data-kind"] for li in items) == Counter(e["kind"] for e in expected)
    marked = {n.attrs["id"]: n for n in root.find_all(class_="err") if "id" in n.attrs}
    assert len(marked) == len(expected)
    for li in items:
        i = int(li.attrs["data-index"])
        kind = expected[i]["kind"]
        # the kind is written as text, in the listing and in the text
        assert li.find("b", class_="kind").text() == KIND_NAMES.get(kind, kind)
        target = marked[f"err-{i}"]
        assert target.attrs["data-kind"] == kind and target.find("b", class_="kind").text() == KIND_NAMES.get(kind, kind)
        # the listing links to it; FP is marked in the predicted text, everything else in the gold text
        assert f"e={i}" in li.find("a").attrs["href"]
        column = next(a for a in target.ancestors() if "col" in a.attrs.get("class", "").split())
        assert ("pred" if kind == "FP" else "gold") in column.attrs["class"].split()
        assert expected[i]["text"].replace("\n", " ")[:20] in target.text().replace("\n", " ")


def test_an_error_link_opens_its_place_in_the_text(article, tmp_path):
    report, page = article
    name = named(report, "perturbed")
    errors = errors_of(report, name, "entities")
    i = len(errors) - 1
    root, _ = open_page(page, tmp_path, f"s={system_index(report, name)}&t=entities&e={i}")
    target = root.find(id=f"err-{i}")
    assert "target" in target.attrs["class"].split()
    assert errors[i]["text"] in target.text()


def test_kind_filter_and_system_switch(article, tmp_path):
    report, page = article
    name = named(report, "perturbed")
    root, _ = open_page(page, tmp_path, f"s={system_index(report, name)}&t=entities&k=INC,PAR")
    kinds = {li.attrs["data-kind"] for li in root.find(id="listing").find_all("li", class_="error")}
    assert kinds == {"INC", "PAR"} and {n.attrs["data-kind"] for n in root.find_all(class_="err")} == {"INC", "PAR"}
    boxes = {b.attrs["data-kind"]: "checked" in b.attrs for b in root.find(id="kind-filter").find_all("input") if "data-kind" in b.attrs}
    assert boxes == {"FN": False, "FP": False, "INC": True, "PAR": True}
    pressed = [b.attrs["data-system"] for b in root.find(id="system-switch").find_all("button") if b.attrs["aria-pressed"] == "true"]
    assert pressed == [name]
    assert root.find("details", class_="doc").find(class_="pred").find("h4").text().endswith(name)


def test_a_system_that_does_not_do_a_task_says_so(article, tmp_path):
    report, page = article
    root, _ = open_page(page, tmp_path, f"s={system_index(report, named(report, 'partial'))}&t=quotes")
    assert "does not do quotes" in root.find("details", class_="doc").find(class_="pred").text()
    assert first_fragments(root.find("details", class_="doc").find(class_="gold"), "mk")  # the gold still shows


def test_quotes_link_content_to_speaker_and_cue(article, tmp_path):
    report, page = article
    root, _ = open_page(page, tmp_path, f"s={system_index(report, named(report, 'perturbed'))}&t=quotes")
    gold_col = root.find("details", class_="doc").find(class_="gold")
    gold_quotes = gold_records("quotes")
    contents = [m for m in first_fragments(gold_col, "mk") if m.attrs["data-role"] == "content"]
    assert len(contents) == len(gold_quotes)
    ids = {n.attrs["id"]: n for n in gold_col.iter() if "id" in n.attrs}
    buttons = gold_col.find_all("button", class_="jump")
    for button in buttons:
        owner = next(a for a in button.ancestors() if "mk" in a.attrs.get("class", "").split())
        part = ids[button.attrs["data-jump"]]  # a visible link to an element that exists ...
        assert part.attrs["data-group"] == owner.attrs["data-group"]  # ... of the same quote
        assert owner.attrs["data-role"] == "content" and part.attrs["data-role"] in ("speaker", "cue")
        assert button.text() == f"→ {part.attrs['data-role']}"
    assert len(buttons) == sum((q.speaker is not None) + (q.cue is not None) for q in gold_quotes) > 0
    assert all(c.find(class_="note").text().startswith("speaker: ") for c in contents)


def test_claims_show_status_and_claimant(article, tmp_path):
    report, page = article
    root, _ = open_page(page, tmp_path, f"s={system_index(report, named(report, 'perturbed'))}&t=claims")
    gold_col = root.find("details", class_="doc").find(class_="gold")
    claims = [m for m in first_fragments(gold_col, "mk") if m.attrs["data-role"] == "claim"]
    assert len(claims) == len(gold_records("claims"))
    for c in claims:
        badge = [x for x in c.children if isinstance(x, Node) and "lbl" in x.attrs.get("class", "")]
        assert badge and badge[-1].text() in CLAIM_STATUSES
        assert c.find(class_="note").text().startswith("claimant: ")


def test_the_page_makes_no_network_request(article, tmp_path):
    _, page = article
    root, loaded = open_page(page, tmp_path)
    assert loaded.requests == []
    # the check sees a page's requests: a control page that does request something is caught
    control = tmp_path / "control.html"
    control.write_text('<!DOCTYPE html><img src="http://127.0.0.1:9/probe.png">'
                       "<script>fetch('http://127.0.0.1:9/fetched').catch(() => 0)</script>", encoding="utf-8")
    caught = load(control, tmp_path / "chromium").requests
    assert {"http://127.0.0.1:9/probe.png", "http://127.0.0.1:9/fetched"} <= set(caught)


def one_doc_page(tmp_path: Path, text: str, ents: list[Entity], pred: list[Entity]) -> Path:
    docs = [Document("d", text, title="t")]
    gold = Annotations("gold", entities=ents, quotes=[], claims=[])
    p = Annotations("pred", entities=pred)
    report, _ = evaluate(docs, gold, p, Settings(bootstrap=0), gold_checksum="0" * 64)
    page = tmp_path / "one.html"
    page.write_text(score_html(report, docs, gold, p, Settings(bootstrap=0)), encoding="utf-8")
    return page


def test_hostile_text_and_astral_characters_render_as_text(tmp_path):
    text = 'x </script><img src=x onerror="document.title=1"> 😀 Kim met 🇫🇷 Lee <b>.'
    kim, lee = text.index("Kim"), text.index("Lee")
    ents = [Entity("d", "e1", kim, kim + 3, "Kim", "PERSON"), Entity("d", "e2", lee, lee + 3, "Lee", "PERSON")]
    root, _ = open_page(one_doc_page(tmp_path, text, ents, ents[:1]), tmp_path)
    gold_col = root.find("details", class_="doc").find(class_="gold")
    assert gold_col.find(class_="text").text().startswith("x </script><img src=x")
    marks = first_fragments(gold_col, "mk")
    assert [m.children[0] for m in marks] == ["Kim", "Lee"]  # UTF-16 offsets: right characters after 😀 and 🇫🇷
    assert root.find(id="err-0").find("mark").children[0] == "Lee"
    assert not root.find_all("img")


def gold_records(task: str) -> list:
    """The article's gold records of ``task``."""
    return load_annotations(GOLD, load_corpus(CORPUS)).task(task) or []


# ------------------------------------------------------------------------------------------------
# 10,000 documents
# ------------------------------------------------------------------------------------------------
N_BIG = 10_000


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], Path]:
    """10,000 documents with the tiny gold of every task; the predictions miss a quarter of it."""
    docs = [Document(f"d{i:05d}", TINY_TEXT, title=f"doc {i}") for i in range(N_BIG)]
    gold: dict[str, list] = {t: [] for t in TINY_RECORDS}
    pred: dict[str, list] = {t: [] for t in TINY_RECORDS}
    for i, d in enumerate(docs):
        for t, rows in TINY_RECORDS.items():
            record = get_task(t).record
            for j, r in enumerate(rows):
                rec = record.from_dict({**r, "doc_id": d.id})
                gold[t].append(rec)
                if (i + j) % 4:
                    pred[t].append(rec)
    g, p = Annotations("gold", **gold), Annotations("pred", **pred)
    settings = Settings(bootstrap=0)
    report, _ = evaluate(docs, g, p, settings, gold_checksum="0" * 64)
    page = tmp_path_factory.mktemp("big") / "big.html"
    page.write_text(score_html(report, docs, g, p, settings), encoding="utf-8")
    return report, page


def test_a_report_of_10000_documents_opens_paged(big, tmp_path):
    report, page = big
    root, _ = open_page(page, tmp_path)
    assert root.find(id="n-docs").attrs["data-n"] == str(N_BIG)
    docs = root.find_all("details", class_="doc")
    assert [d.attrs["data-doc"] for d in docs] == [f"d{i:05d}" for i in range(10)]
    assert root.find(id="doc-pager").find(class_="page-of").text() == f"page 1 of {N_BIG // 10}"
    n_errors = len(report["tasks"]["entities"]["errors"])
    assert root.find(id="listing").find("h2").text() == f"Errors ({n_errors} shown of {n_errors})"
    assert len(root.find(id="listing").find_all("li", class_="error")) == 100  # the listing is paged too


def test_an_error_link_in_a_big_report_opens_the_page_of_its_document(big, tmp_path):
    report, page = big
    errors = report["tasks"]["entities"]["errors"]
    i = next(k for k, e in enumerate(errors) if e["doc_id"] >= "d07777")
    root, _ = open_page(page, tmp_path, f"t=entities&e={i}")
    target = root.find(id=f"err-{i}")
    doc = next(a for a in target.ancestors() if a.tag == "details")
    assert doc.attrs["data-doc"] == errors[i]["doc_id"]
    assert root.find(id="doc-pager").find(class_="page-of").text() == f"page {int(errors[i]['doc_id'][1:]) // 10 + 1} of 1000"
