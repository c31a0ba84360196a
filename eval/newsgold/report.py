"""Stage "report": the report dict and its three renderings (JSON, Markdown, terminal).

The report dict::

    {"signature": str, "version": str, "unit": "sentence" | "document",
     "settings": {...Settings...},
     "gold": {"path": str, "sha256": str}, "pred": {"path": str},
     "tasks": {task: {"headline": metric name, "metrics": {...task.score output...},
                      "ci": {metric: [low, high]}, "units": n, "n_errors": n,
                      "errors": [ErrorItem dicts], "confusion": {"labels", "matrix"} | None}}}

The renderers are generic: they print whatever metrics a task returns (top-level numbers in one
table, dicts of numbers grouped into a second, dicts of dicts -- per-label tables -- each in their
own) and know nothing about a task beyond its headline metric.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from newsgold.metrics import flatten, is_number, lookup, to_plain, unflatten
from newsgold.signature import gold_checksum, settings_record, signature
from newsgold.tasks.base import Settings
from newsgold.version import __version__

__all__ = ["gold_checksum", "build_report", "confusion", "to_json", "to_markdown",
           "to_terminal", "display_path", "errors_path", "errors_jsonl"]

DECIMALS = 6


# ------------------------------------------------------------------------------------------------
# building
# ------------------------------------------------------------------------------------------------
def confusion(pairs: Sequence[tuple[str, str]]) -> dict[str, Any] | None:
    """Confusion matrix of ``(gold, pred)`` label pairs (``"O"`` = no counterpart): rows gold,
    columns predicted, labels sorted with ``"O"`` last. ``None`` when there are no pairs.
    Same numbers as ``sklearn.metrics.confusion_matrix(gold, pred, labels=labels)`` (a test checks
    it) without its 1.5 s import.

    >>> confusion([("GPE", "GPE"), ("ORG", "GPE"), ("ORG", "O")])
    {'labels': ['GPE', 'ORG', 'O'], 'matrix': [[1, 0, 0], [1, 0, 1], [0, 0, 0]]}
    """
    if not pairs:
        return None
    import numpy as np

    labels = sorted({x for pair in pairs for x in pair} - {"O"}) + ["O"]
    index = {label: i for i, label in enumerate(labels)}
    m = np.zeros((len(labels), len(labels)), dtype=int)
    np.add.at(m, ([index[g] for g, _ in pairs], [index[p] for _, p in pairs]), 1)
    return {"labels": labels, "matrix": m.tolist()}


def display_path(path: str | Path) -> str:
    """A path for the report: relative to the working directory when inside it, else just its name
    (no absolute paths in reports, so they compare across machines)."""
    p = Path(path)
    if not p.is_absolute():
        return p.as_posix()
    try:
        return p.resolve().relative_to(Path.cwd().resolve()).as_posix() or "."
    except ValueError:
        return p.name


def build_report(
    results: Mapping[str, dict[str, Any]],
    settings: Settings,
    gold_path: str,
    pred_path: str,
    gold_sha256: str | None = None,
    tasks: Iterable[Any] = (),
    unit: str | None = None,
) -> dict[str, Any]:
    """Assemble the report dict from per-task results (:func:`newsgold.pipeline.task_result`). ``gold_sha256``
    defaults to :func:`gold_checksum` of the gold folder alone; ``unit`` is the resolved unit."""
    sha = gold_sha256 if gold_sha256 is not None else gold_checksum(gold_path)
    unit = unit or settings.unit
    names = list(tasks) or list(results)
    return {
        "signature": signature(settings, names, sha, unit),
        "version": __version__,
        "unit": unit,
        "settings": settings_record(settings),
        "gold": {"path": display_path(gold_path), "sha256": sha},
        "pred": {"path": display_path(pred_path)},
        "tasks": {name: dict(results[name]) for name in results},
    }


# ------------------------------------------------------------------------------------------------
# JSON
# ------------------------------------------------------------------------------------------------
def rounded(value: Any, decimals: int = DECIMALS) -> Any:
    """Plain values with floats rounded (``-0.0`` -> ``0.0``; NaN / inf -> ``None``), numpy values
    made plain as :func:`newsgold.metrics.to_plain` does -- in one walk over the structure.

    >>> rounded({"a": (1 / 3, -0.0, float("nan"))})
    {'a': [0.333333, 0.0, None]}
    """
    kind = type(value)
    if kind is float:
        return round(value, decimals) + 0.0 if math.isfinite(value) else None
    if kind is str or kind is int or kind is bool or value is None:
        return value
    if isinstance(value, Mapping):
        return {str(k): rounded(v, decimals) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [rounded(v, decimals) for v in value]
    plain = to_plain(value)  # numpy scalars and arrays
    return plain if plain is value else rounded(plain, decimals)
def to_json(report: Mapping[str, Any]) -> str:
    """Stable JSON: sorted keys, indent 2, floats rounded to 6 places, trailing newline."""
    return json.dumps(rounded(report), sort_keys=True, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def errors_path(json_path: str | Path) -> Path:
    """Where the full error listing of a JSON report goes, beside it: ``errors.jsonl`` for
    ``report.json``, ``NAME.errors.jsonl`` for any other ``NAME.json``.

    >>> errors_path("runs/a/report.json").as_posix(), errors_path("out/sys1.json").as_posix()
    ('runs/a/errors.jsonl', 'out/sys1.errors.jsonl')
    """
    p = Path(json_path)
    return p.with_name("errors.jsonl" if p.name == "report.json" else f"{p.stem}.errors.jsonl")


def errors_jsonl(tables: Mapping[str, Any]) -> Iterator[bytes]:
    """Every error item of every task's count table (``Table.errors``), one JSON object per line,
    in report order (task, then document order): the listing that ``report.json`` keeps only the
    first ``--errors N`` of. A generator, so the listing is streamed to the file."""
    import msgspec

    encode = msgspec.json.Encoder().encode
    for table in tables.values():
        for e in table.errors:
            yield encode(e.to_dict()) + b"\n"




# ------------------------------------------------------------------------------------------------
# generic tables
# ------------------------------------------------------------------------------------------------
def fmt(value: Any, decimals: bool = False) -> str:
    """A cell: integral numbers without decimals (counts) unless ``decimals``, other floats with 4.

    >>> fmt(3.0), fmt(0.123456), fmt(1.0, decimals=True), fmt(None), fmt("x")
    ('3', '0.1235', '1.0000', '-', 'x')
    """
    if value is None:
        return "-"
    if is_number(value):
        v = float(value)
        if not math.isfinite(v):
            return str(v)
        return str(int(v)) if v.is_integer() and not decimals else f"{v:.4f}"
    if isinstance(value, (list, tuple)):
        return ", ".join(fmt(v, decimals) for v in value)
    return str(value)


def _column_cells(rows: list[Mapping[str, Any]], cols: list[str]) -> list[list[str]]:
    """Format column-wise: a column of whole numbers (counts) prints as integers, any other
    numeric column with 4 decimals throughout, so 1 and 0.5 do not mix in one column."""
    whole = {c: all(not is_number(r.get(c)) or float(r[c]).is_integer() for r in rows) for c in cols}
    return [[fmt(r.get(c), decimals=not whole[c]) for c in cols] for r in rows]


def _flat_row(value: Any) -> dict[str, Any]:
    if isinstance(value, Mapping):
        out: dict[str, Any] = {}
        for k, v in value.items():
            for kk, vv in _flat_row(v).items():
                out[f"{k}.{kk}" if kk else str(k)] = vv
        return out
    return {"": value}


def _union(rows: Iterable[Mapping[str, Any]]) -> list[str]:
    return list(dict.fromkeys(k for r in rows for k in r))


def metric_tables(result: Mapping[str, Any]) -> list[tuple[str, list[str], list[list[str]]]]:
    """A task result as ``(title, header, rows)`` tables, whatever shape its metrics have (dotted
    names are nested first):

    1. ``metrics``: the headline (marked ``*``), its peers (same depth and last name part, e.g.
       ``exact.f1`` next to ``strict.f1``) and every top-level number, with intervals;
    2. one row per top-level group with that group's numbers as columns;
    3. per group, one table of its sub-dicts (the per-label tables);
    4. the confusion matrix, if any.
    """
    flat, ci, headline = flatten(result["metrics"]), result.get("ci", {}), result.get("headline", "")
    nested = unflatten(flat)
    leaf, depth = headline.rsplit(".", 1)[-1], headline.count(".")
    top = [k for k, v in nested.items() if not isinstance(v, Mapping)]
    peers = [k for k, v in flat.items() if k.count(".") == depth and k.rsplit(".", 1)[-1] == leaf and is_number(v)]
    keys = list(dict.fromkeys(([headline] if headline in flat else []) + top + peers))
    tables: list[tuple[str, list[str], list[list[str]]]] = []
    if keys:
        level = f"{round(100 * result.get('confidence', 0.95))}% CI"
        rows = []
        for k in keys:
            # scores always with decimals; a count (whole value and whole bounds) as an integer
            whole = k not in peers and all(is_number(x) and float(x).is_integer() for x in [flat[k], *ci.get(k, [])])
            rows.append([k + (" *" if k == headline else ""), fmt(flat[k], not whole),
                         f"[{fmt(ci[k][0], not whole)}, {fmt(ci[k][1], not whole)}]" if k in ci else ""])
        if not ci:
            rows = [r[:2] for r in rows]
        tables.append(("metrics", ["metric", "value", level][: 3 if ci else 2], rows))
    groups = {k: v for k, v in nested.items() if isinstance(v, Mapping)}
    scalars = {k: {c: x for c, x in v.items() if not isinstance(x, Mapping)} for k, v in groups.items()}
    scalars = {k: v for k, v in scalars.items() if v}
    if scalars:
        cols = _union(scalars.values())
        cells = _column_cells(list(scalars.values()), cols)
        tables.append(("", ["", *[c or "value" for c in cols]], [[k, *r] for k, r in zip(scalars, cells)]))
    for k, v in groups.items():
        subs = {str(label): _flat_row(x) for label, x in v.items() if isinstance(x, Mapping)}
        if subs:
            cols = _union(subs.values())
            cells = _column_cells(list(subs.values()), cols)
            tables.append((k, [k, *[c or "value" for c in cols]], [[label, *r] for label, r in zip(subs, cells)]))
    conf = result.get("confusion")
    if conf:
        labels = conf["labels"]
        tables.append(("confusion (rows gold, columns predicted)", ["gold \\ pred", *labels],
                       [[g, *(str(x) for x in row)] for g, row in zip(labels, conf["matrix"])]))
    return tables


def error_rows(result: Mapping[str, Any], limit: int) -> tuple[list[str], list[list[str]]]:
    header = ["kind", "doc", "span", "text", "detail", "context"]
    rows = [[e["kind"], e["doc_id"], f"{e['start']}-{e['end']}", e["text"], e.get("detail", ""),
             e.get("context", "")] for e in result.get("errors", [])[: max(0, limit)]]
    return header, rows


def error_summary(result: Mapping[str, Any]) -> str:
    """``"12 errors: FN 5, FP 4, INC 3"`` (kinds by frequency, from ``error_kinds`` when the result
    lists only the first errors)."""
    kinds = Counter(result.get("error_kinds") or [e["kind"] for e in result.get("errors", [])])
    n = result.get("n_errors", sum(kinds.values()))
    parts = ", ".join(f"{k} {c}" for k, c in sorted(kinds.items(), key=lambda kc: (-kc[1], kc[0])))
    return f"{n} error{'s' if n != 1 else ''}" + (f": {parts}" if parts else "")


# ------------------------------------------------------------------------------------------------
# Markdown
# ------------------------------------------------------------------------------------------------
def _md_cell(s: str) -> str:
    return s.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


_NUMERIC = re.compile(r"^([-+]?\d+(\.\d+)?|\[.*\]|-|)$")


def md_table(header: list[str], rows: list[list[str]]) -> list[str]:
    """A Markdown table; columns holding only numbers (or intervals, ``-``) are right-aligned.

    >>> md_table(["k", "v"], [["a", "0.5"]])
    ['| k | v |', '|---|---:|', '| a | 0.5 |']
    """
    numeric = [i > 0 and all(_NUMERIC.match(r[i]) for r in rows) for i in range(len(header))]
    out = ["| " + " | ".join(_md_cell(h) for h in header) + " |",
           "|" + "|".join("---:" if n else "---" for n in numeric) + "|"]
    out += ["| " + " | ".join(_md_cell(c) for c in r) + " |" for r in rows]
    return out


def _headline(result: Mapping[str, Any]) -> tuple[str, str, tuple[str, str] | None]:
    """(headline name, formatted value, formatted CI bounds or None) of one task result."""
    head = result["headline"]
    ci = result["ci"].get(head)
    value = fmt(lookup(result["metrics"], head), True)
    return head, value, ((fmt(ci[0], True), fmt(ci[1], True)) if ci else None)


def to_markdown(report: Mapping[str, Any], errors: int = 20) -> str:
    """A PR-comment-sized report: per task the headline with its interval, the overall metric
    tables, the per-label and confusion tables folded in ``<details>``, and the first ``errors``
    errors."""
    lines = ["## newsgold score", "", f"`{report['signature']}`", ""]
    conf = report.get("settings", {}).get("confidence", 0.95)
    for name, result in report["tasks"].items():
        result = {**result, "confidence": conf}
        head, value, ci = _headline(result)
        ci_s = f" ({round(100 * conf)}% CI {ci[0]}–{ci[1]})" if ci else ""
        lines += [f"### {name}", "", f"**{head} = {value}**{ci_s} over {result['units']} units", ""]
        for title, header, rows in metric_tables(result):
            if title and title != "metrics":  # per-label / confusion tables: folded, PR comments stay short
                lines += ["<details>", f"<summary>{title}</summary>", "", *md_table(header, rows), "", "</details>", ""]
            else:
                lines += md_table(header, rows) + [""]
        header, rows = error_rows(result, errors)
        lines += [f"**{error_summary(result)}**" + (f" (first {len(rows)})" if rows and len(rows) < result["n_errors"] else ""), ""]
        if rows:
            lines += md_table(header, rows) + [""]
    return "\n".join(lines).rstrip("\n") + "\n"


# ------------------------------------------------------------------------------------------------
# terminal
# ------------------------------------------------------------------------------------------------
def _clip(s: str, width: int) -> str:
    return s if len(s) <= width else s[: width - 1] + "…"


def text_table(header: list[str], rows: list[list[str]], max_width: int = 70) -> list[str]:
    """Plain-text table: first column left-aligned, the others right-aligned; cells clipped.

    >>> print("\\n".join(text_table(["m", "v"], [["f1", "0.5"]])))
    m     v
    --  ---
    f1  0.5
    """
    cells = [[_clip(str(c), max_width) for c in r] for r in [header, *rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]

    def line(r: list[str]) -> str:
        return "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))).rstrip()

    return [line(cells[0]), "  ".join("-" * w for w in widths), *(line(r) for r in cells[1:])]


def to_terminal(report: Mapping[str, Any], errors: int = 20) -> str:
    """Readable plain text (no colour): per task the metric tables and the first ``errors`` errors."""
    out = [report["signature"], ""]
    conf = report.get("settings", {}).get("confidence", 0.95)
    for name, result in report["tasks"].items():
        result = {**result, "confidence": conf}
        head, value, ci = _headline(result)
        ci_s = f"  [{ci[0]}, {ci[1]}]" if ci else ""
        out += [f"== {name}: {head} = {value}{ci_s}  ({result['units']} units)", ""]
        for title, header, rows in metric_tables(result):
            if title and title != "metrics":
                out.append(f"{title}:")
            out += text_table(header, rows) + [""]
        _, rows = error_rows(result, errors)
        out.append(error_summary(result) + (f" (first {len(rows)} shown)" if rows and len(rows) < result["n_errors"] else ""))
        for kind, doc, span, text, detail, context in rows:
            out.append(f"  {kind:<7} {doc} {span}  {_clip(repr(text), 50)}" + (f"  {detail}" if detail else ""))
            if context:
                out.append(f"          {context}")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
