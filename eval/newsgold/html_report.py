"""Stage "report", HTML rendering: one self-contained file to *see* the errors.

``newsgold score --html PATH`` and ``newsgold benchmark`` (``report.html`` beside ``report.json``)
render a report dict together with what it was computed from -- the documents, the gold and each
system's predictions -- into one HTML file:

* static HTML (readable without JavaScript): the signature, the headline table with intervals, the
  error counts per kind, the significance tests;
* the per-document view, drawn by the inline script from an inline JSON block: per document the
  text with the gold and the predicted records side by side (colours per label, displaCy's for
  entity labels), every error marked in the text with its kind *as text* (``MIS``, ``SPU``,
  ``INC``, ``PAR``, ``SPEAKER``, ...), quotes linked to their speaker and cue, claims with their
  claimant and status; switches for the system (one view per backend) and the task, filters by
  error kind; the error listing links every error to its place in the text. Documents and errors
  are paged, so a 10,000-document report opens.

How a record shows is the task's business (:meth:`newsgold.tasks.base.Task.marks`); this module
knows no task. The file makes no network request: a Content-Security-Policy ``default-src 'none'``
that allows only the page's own script and style (by hash), no external reference. Same inputs give
byte-identical HTML. Offsets are converted to UTF-16 code units for the browser's strings.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from newsgold.load import Annotations
from newsgold.metrics import headline_prf
from newsgold.schema import Document
from newsgold.tasks import TASKS, get_task
from newsgold.tasks.base import Mark, Settings

__all__ = ["System", "score_html", "benchmark_html", "KIND_NAMES", "PRED_SIDE_KINDS"]

KIND_NAMES: dict[str, str] = {"FN": "MIS", "FP": "SPU"}
"""Error kinds as shown in the HTML (SemEval names): ``FN`` is a missed gold item, ``FP`` a spurious
prediction. Other kinds show as they are in report.json."""

KIND_HELP: dict[str, str] = {
    "MIS": "missed: a gold item no prediction matches (FN in report.json)",
    "SPU": "spurious: a prediction that matches no gold item (FP in report.json)",
    "INC": "incorrect: matched, but with another label",
    "PAR": "partial: matched, but the boundaries differ",
    "SPEAKER": "matched quote, wrong speaker",
    "CUE": "matched quote, wrong cue",
    "TYPE": "matched quote, wrong type",
    "CLAIMANT": "matched claim, wrong claimant",
    "STATUS": "matched claim, wrong status",
    "CHECKWORTHY": "matched claim, wrong check-worthiness",
}

KIND_ORDER = ("FN", "FP", "INC", "PAR")
"""The SemEval kinds first; any other kind follows alphabetically."""

PRED_SIDE_KINDS = frozenset({"FP"})
"""Kinds whose offsets are the prediction's (marked in the predicted text); every other kind is
marked in the gold text (:class:`newsgold.tasks.base.ErrorItem`)."""

# displaCy's default entity colours (spacy/displacy/render.py), so the picture is familiar
DISPLACY_COLOURS: dict[str, str] = {
    "ORG": "#7aecec", "PRODUCT": "#bfeeb7", "GPE": "#feca74", "LOC": "#ff9561", "PERSON": "#aa9cfc",
    "NORP": "#c887fb", "FAC": "#9cc9cc", "EVENT": "#ffeb80", "LAW": "#ff8197", "LANGUAGE": "#ff8197",
    "WORK_OF_ART": "#f0d0ff", "DATE": "#bfe1d9", "TIME": "#bfe1d9", "MONEY": "#e4e7d2",
    "QUANTITY": "#e4e7d2", "ORDINAL": "#e4e7d2", "CARDINAL": "#e4e7d2", "PERCENT": "#e4e7d2",
    # CoNLL labels (--label-map conll)
    "PER": "#aa9cfc", "MISC": "#f0d0ff",
}
OTHER_COLOURS: dict[str, str] = {
    # quote types, claim statuses, and the parts records link to
    "direct": "#ffd9a0", "mixed": "#ffe9b8", "indirect": "#fff4d6",
    "asserted": "#cfe8ff", "reported": "#dcd6ff", "hedged": "#fde2f3", "denied": "#ffd1d1",
    "speaker": "#aa9cfc", "cue": "#b8e6b8", "claimant": "#aa9cfc",
}
FALLBACK_PALETTE = ("#c5e1a5", "#ffcc80", "#b3e5fc", "#f8bbd0", "#d1c4e9", "#ffe082", "#b2dfdb", "#e6ee9c")

PAGE_DOCUMENTS = 10
PAGE_ERRORS = 100


@dataclass
class System:
    """One scored system of the page: a benchmark backend or the predictions of ``newsgold score``.

    ``results`` maps task -> task result (:func:`newsgold.pipeline.task_result`, with its errors);
    ``pred`` are the records those results were computed from (``None`` for a skipped backend).
    """

    name: str
    signature: str
    results: Mapping[str, Mapping[str, Any]]
    pred: Annotations | None
    skipped: str = ""


# ------------------------------------------------------------------------------------------------
# entry points
# ------------------------------------------------------------------------------------------------
def score_html(report: Mapping[str, Any], documents: Sequence[Document], gold: Annotations, pred: Annotations,
               settings: Settings) -> str:
    """The HTML page of one ``newsgold score`` report (one system: the predictions folder)."""
    system = System(f"pred: {report['pred']['path']}", report["signature"], report["tasks"], pred)
    meta = [("gold", f"{report['gold']['path']} (sha256 {report['gold']['sha256'][:12]}…)"),
            ("predictions", report["pred"]["path"]), ("unit", report.get("unit", ""))]
    return render("newsgold score", report, meta, [system], documents, gold, settings, [])


def benchmark_html(report: Mapping[str, Any], documents: Sequence[Document], gold: Annotations,
                   preds: Mapping[str, Annotations], settings: Settings) -> str:
    """The HTML page of a benchmark report: one view per backend (``preds``: backend -> records)."""
    from newsgold.benchmark_render import significance_lines

    systems = []
    for name, b in report["backends"].items():
        if b["status"] != "ok":
            systems.append(System(name, "", {}, None, skipped=str(b.get("reason", "skipped"))))
            continue
        systems.append(System(name, b["signature"], {t: v["result"] for t, v in b["tasks"].items()}, preds[name]))
    meta = [("corpus", report.get("corpus", "")),
            ("gold", f"{report['gold']['path']} (sha256 {report['gold']['sha256'][:12]}…)")]
    return render("newsgold benchmark", report, meta, systems, documents, gold, settings,
                  significance_lines(report))


# ------------------------------------------------------------------------------------------------
# the data block drawn by the script
# ------------------------------------------------------------------------------------------------
def utf16_offsets(text: str) -> Callable[[int], int] | None:
    """``code point offset -> UTF-16 offset`` for a text with characters outside the BMP (whose
    JavaScript string indices differ from Python's), ``None`` when they are equal.

    >>> f = utf16_offsets("a😀b")
    >>> [f(i) for i in range(4)], utf16_offsets("plain") is None
    ([0, 1, 3, 4], True)
    """
    if all(ord(c) <= 0xFFFF for c in text):
        return None
    table = [0]
    for c in text:
        table.append(table[-1] + (2 if ord(c) > 0xFFFF else 1))
    return table.__getitem__


class _Strings:
    """Interned strings: a 10,000-document page repeats its labels and notes a million times."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}

    def __call__(self, s: str) -> int:
        i = self.index.get(s)
        if i is None:
            i = self.index[s] = len(self.index)
        return i

    def table(self) -> list[str]:
        return list(self.index)


def _colour_of(key: str, unknown: list[str]) -> str:
    if key in DISPLACY_COLOURS:
        return DISPLACY_COLOURS[key]
    if key in OTHER_COLOURS:
        return OTHER_COLOURS[key]
    return FALLBACK_PALETTE[unknown.index(key) % len(FALLBACK_PALETTE)]


Record = list[int] | int
"""A record in the data block: its marks flattened, three numbers each -- ``start, length, style``
(``style`` indexes ``styles``: role, label, colour, note) -- or, for a prediction shown exactly as
a gold record of its document, that gold record's index (most predictions of a decent system are,
so a page of many documents stays small)."""


@dataclass
class _Builder:
    documents: Sequence[Document]
    settings: Settings

    def __post_init__(self) -> None:
        self.strings = _Strings()
        self.colours: dict[str, int] = {}
        self.styles: dict[tuple[int, int, int, int], int] = {}
        self.doc_index = {d.id: i for i, d in enumerate(self.documents)}
        self.conv = [utf16_offsets(d.text) for d in self.documents]

    def colour(self, key: str) -> int:
        i = self.colours.get(key)
        if i is None:
            i = self.colours[key] = len(self.colours)
        return i

    def style(self, m: Mark) -> int:
        key = (self.strings(m.role), self.strings(m.label), self.colour(m.colour), self.strings(m.note))
        i = self.styles.get(key)
        if i is None:
            i = self.styles[key] = len(self.styles)
        return i

    def offset(self, doc: int, x: int) -> int:
        f = self.conv[doc]
        return x if f is None else f(x)

    def records(self, task_name: str, ann: Annotations, gold: list[list[Record]] | None = None) -> list[list[Record]]:
        """Per document, its records (:data:`Record`) in text order. Without ``gold`` these are the
        gold records; with ``gold`` (this task's gold records) predictions, and one shown exactly
        like a gold record is that record's index."""
        side = "gold" if gold is None else "pred"
        task = get_task(task_name)
        out: list[list[Record]] = [[] for _ in self.documents]
        for doc_id, recs in ann.by_doc(task_name).items():
            i = self.doc_index[doc_id]
            same = {tuple(r): k for k, r in enumerate(gold[i]) if isinstance(r, list)} if gold else {}
            shown = [(ms[0].start, ms[0].end, r.id, ms) for r in recs if (ms := task.marks(r, self.settings, side))]
            for *_, marks in sorted(shown, key=lambda x: x[:3]):
                flat: list[int] = []
                for mark in marks:
                    start = self.offset(i, mark.start)
                    flat += [start, self.offset(i, mark.end) - start, self.style(mark)]
                ref = same.get(tuple(flat))
                out[i].append(flat if ref is None else ref)
        return out

    def errors(self, result: Mapping[str, Any]) -> list[list[int]]:
        """The report's errors in its order, as ``[kind, document, start, end, detail]``."""
        s, out = self.strings, []
        for e in result.get("errors", []):
            i = self.doc_index[e["doc_id"]]
            out.append([s(e["kind"]), i, self.offset(i, e["start"]), self.offset(i, e["end"]), s(e.get("detail", ""))])
        return out


def page_data(systems: Sequence[System], documents: Sequence[Document], gold: Annotations,
              settings: Settings, tasks: Sequence[str]) -> dict[str, Any]:
    """Everything the script draws, as plain JSON-able data (strings interned in ``strings``,
    mark styles in ``styles``)."""
    b = _Builder(documents, settings)
    gold_records = {t: b.records(t, gold) for t in tasks if gold.task(t) is not None}
    data: dict[str, Any] = {
        "docs": [[d.id, d.title, d.text] for d in documents],
        "tasks": list(tasks),
        "gold": gold_records,
        "systems": [],
        "page_docs": PAGE_DOCUMENTS, "page_errors": PAGE_ERRORS,
        "pred_side": sorted(PRED_SIDE_KINDS),
    }
    for sy in systems:
        entry: dict[str, Any] = {"name": sy.name, "signature": sy.signature, "skipped": sy.skipped, "tasks": {}}
        for t in tasks:
            res = sy.results.get(t)
            if res is None or sy.pred is None or sy.pred.task(t) is None:
                continue
            p, r, f1 = headline_prf(res)
            entry["tasks"][t] = {"headline": res["headline"], "f1": f1, "precision": p, "recall": r,
                                 "ci": res.get("ci", {}).get(res["headline"]),
                                 "errors": b.errors(res), "pred": b.records(t, sy.pred, gold_records.get(t))}
        data["systems"].append(entry)
    kinds = sort_kinds({e["kind"] for sy in systems for res in sy.results.values() for e in res.get("errors", [])})
    data["kinds"] = {k: [KIND_NAMES.get(k, k), KIND_HELP.get(KIND_NAMES.get(k, k), "")] for k in kinds}
    unknown = sorted(k for k in b.colours if k not in DISPLACY_COLOURS and k not in OTHER_COLOURS)
    data["colours"] = [[key, _colour_of(key, unknown)] for key in b.colours]
    data["styles"] = [list(k) for k in b.styles]
    data["strings"] = b.strings.table()
    return data


def _json_block(data: Any) -> str:
    """JSON safe inside ``<script type="application/json">``: no ``<``, ``>`` or ``&`` left raw."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


# ------------------------------------------------------------------------------------------------
# static HTML
# ------------------------------------------------------------------------------------------------
def _e(x: Any) -> str:
    return html.escape(str(x), quote=True)


def _f(x: Any) -> str:
    return "–" if x is None or x != x else f"{float(x):.3f}"


def _headline_table(systems: Sequence[System], tasks: Sequence[str], level: str) -> str:
    rows = []
    for sy in systems:
        if sy.skipped:
            rows.append(f'<tr class="skipped"><td>{_e(sy.name)}</td><td colspan="7">skipped: {_e(sy.skipped)}</td></tr>')
            continue
        for t in tasks:
            res = sy.results.get(t)
            if res is None:
                rows.append(f"<tr><td>{_e(sy.name)}</td><td>{_e(t)}</td><td colspan=\"6\">not done by this system</td></tr>")
                continue
            p, r, f1 = headline_prf(res)
            ci = res.get("ci", {}).get(res["headline"])
            rows.append(f'<tr data-system="{_e(sy.name)}" data-task="{_e(t)}"><td>{_e(sy.name)}</td><td>{_e(t)}</td>'
                        f'<td><code>{_e(res["headline"])}</code></td><td class="num">{_f(f1)}</td>'
                        f'<td class="num">{"[" + _f(ci[0]) + ", " + _f(ci[1]) + "]" if ci else "–"}</td>'
                        f'<td class="num">{_f(p)}</td><td class="num">{_f(r)}</td>'
                        f'<td class="num">{int(res.get("n_errors", len(res.get("errors", []))))}</td></tr>')
    head = ("<tr><th>system</th><th>task</th><th>headline</th><th>F1</th>"
            f"<th>{_e(level)}</th><th>P</th><th>R</th><th>errors</th></tr>")
    return f'<table id="headline"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'


def _kinds_table(systems: Sequence[System], tasks: Sequence[str]) -> str:
    counts = {(sy.name, t): Counter(e["kind"] for e in sy.results[t].get("errors", []))
              for sy in systems for t in tasks if t in sy.results}
    kinds = sort_kinds({k for c in counts.values() for k in c})
    head = "".join(f'<th title="{_e(KIND_HELP.get(KIND_NAMES.get(k, k), ""))}">{_e(_kind_label(k))}</th>' for k in kinds)
    rows = []
    for (name, t), c in counts.items():
        cells = "".join(f'<td class="num" data-kind="{_e(k)}" data-count="{c[k]}">{c[k] if c[k] else ""}</td>' for k in kinds)
        rows.append(f'<tr data-system="{_e(name)}" data-task="{_e(t)}"><td>{_e(name)}</td><td>{_e(t)}</td>{cells}</tr>')
    return (f'<table id="error-kinds"><thead><tr><th>system</th><th>task</th>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')


def sort_kinds(kinds: set[str]) -> list[str]:
    """Error kinds in display order: the SemEval kinds first, then the others alphabetically.

    >>> sort_kinds({"STATUS", "FP", "CUE", "FN"})
    ['FN', 'FP', 'CUE', 'STATUS']
    """
    return sorted(kinds, key=lambda k: (KIND_ORDER.index(k) if k in KIND_ORDER else len(KIND_ORDER), k))


def _kind_label(kind: str) -> str:
    """``"MIS (FN)"`` for a renamed kind, else the kind."""
    shown = KIND_NAMES.get(kind, kind)
    return shown if shown == kind else f"{shown} ({kind})"


def _asset(name: str) -> str:
    return (resources.files("newsgold") / "assets" / name).read_text(encoding="utf-8")


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def _colour_css(colours: Sequence[Sequence[str]]) -> str:
    return "".join(f".c{i}{{--c:{c}}}" for i, (_, c) in enumerate(colours)) + "\n"


def render(title: str, report: Mapping[str, Any], meta: list[tuple[str, str]], systems: Sequence[System],
           documents: Sequence[Document], gold: Annotations, settings: Settings, significance: list[str]) -> str:
    """The whole page (see the module docstring)."""
    from newsgold.benchmark_render import ci_label

    tasks = [t for t in TASKS if any(t in sy.results for sy in systems)]
    data = page_data(systems, documents, gold, settings, tasks)
    style = _asset("report.css") + _colour_css(data["colours"])
    script = _asset("report.js")
    csp = (f"default-src 'none'; script-src {_csp_hash(script)}; style-src {_csp_hash(style)}; "
           "img-src 'none'; connect-src 'none'; base-uri 'none'; form-action 'none'")
    meta_rows = [*meta, ("documents", f'<span id="n-docs" data-n="{len(documents)}">{len(documents)}</span>')]
    dl = "".join(f"<dt>{_e(k)}</dt><dd>{v if k == 'documents' else _e(v)}</dd>" for k, v in meta_rows)
    sig = "".join(f"<li>{_e(s)}</li>" for s in significance)
    per_system = "".join(f'<li><b>{_e(sy.name)}</b>: <code>{_e(sy.signature)}</code></li>'
                         for sy in systems if sy.signature and sy.signature != report["signature"])
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_e(csp)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{_e(title)} · {_e(report['signature'])}</title>",
        f"<style>{style}</style>",
        "</head>",
        "<body>",
        f'<header><h1>{_e(title)}</h1><p class="sig">signature <code id="signature">{_e(report["signature"])}</code></p>',
        f'<dl class="meta">{dl}</dl>' + (f'<ul class="sigs">{per_system}</ul>' if per_system else "") + "</header>",
        '<section id="summary"><h2>Headline scores</h2>',
        _headline_table(systems, tasks, ci_label(report)),
        "<h2>Errors by kind</h2>",
        _kinds_table(systems, tasks),
        (f'<h2>Significance (top two per task)</h2><ul id="significance">{sig}</ul>' if sig else ""),
        "</section>",
        '<noscript><p class="noscript">The per-document view and the error listing are drawn by the '
        "page's own script: enable JavaScript to see them. The tables above are complete.</p></noscript>",
        '<main id="app" aria-live="polite"></main>',
        f'<script type="application/json" id="newsgold-data">{_json_block(data)}</script>',
        f"<script>{script}</script>",
        "</body>",
        "</html>",
    ]
    return "\n".join(p for p in parts if p) + "\n"
