"""Inter-annotator agreement between two blind passes, computed with newsgold's own scorer.

Usage::

    python scripts/agreement.py [PASS_A] [PASS_B] [--corpus CORPUS] [--json OUT]

Defaults: ``annotations/pass1 annotations/pass2`` on ``corpus/documents.jsonl`` (the article);
the real development set is ``annotations/realdev/pass1 annotations/realdev/pass2 --corpus
corpus/realdev/documents.jsonl``.

Pass A is taken as the reference; span F1 is symmetric (swapping the passes swaps P and R), so it
is the usual pairwise-F1 agreement for span annotation. Attribute agreement (labels, speakers,
status, ...) is measured on the matched items. Prints the Markdown table used in AGREEMENT.md;
``--json`` also writes the figures as data (the Hub card reads them from there).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from newsgold.load import load_annotations, load_corpus
from newsgold.metrics import lookup
from newsgold.pipeline import evaluate
from newsgold.tasks.base import Settings

ROWS = [
    ("entities", "strict.f1", "entity mentions, span + label (strict F1)"),
    ("entities", "exact.f1", "entity mentions, span only (exact F1)"),
    ("entities", "partial.f1", "entity mentions, overlap with 0.5 credit (partial F1)"),
    ("quotes", "content.exact.f1", "quote content, exact span F1"),
    ("quotes", "content.overlap.f1", "quote content, token overlap >= 0.5 F1"),
    ("quotes", "speaker.accuracy", "speaker agreement on matched quotes"),
    ("quotes", "cue.accuracy", "cue agreement on matched quotes"),
    ("quotes", "type.accuracy", "quote type agreement on matched quotes"),
    ("quotes", "e2e.f1", "quote content + speaker (end-to-end F1)"),
    ("claims", "span.f1", "claim spans, token Jaccard >= 0.5 F1"),
    ("claims", "claimant.accuracy", "claimant agreement on matched claims"),
    ("claims", "status.accuracy", "status agreement on matched claims"),
    ("claims", "checkworthy.f1", "check-worthiness F1 (positive class) on matched claims"),
    ("claims", "sentence.f1", "sentence-level claim detection F1"),
]


def agreement(a: str, b: str, corpus: str) -> dict:
    """The agreement figures as data: ``{"signature", "reference", "compared", "rows": [...]}``."""
    docs = load_corpus(Path(corpus))
    ref, other = load_annotations(a, docs), load_annotations(b, docs)
    report, _ = evaluate(docs, ref, other, Settings(), gold_checksum=None)
    rows = []
    for task, metric, label in ROWS:
        res = report["tasks"][task]
        ci = res["ci"].get(metric)
        rows.append({"task": task, "metric": metric, "label": label,
                     "value": round(float(lookup(res["metrics"], metric)), 6),
                     "ci": [round(float(x), 6) for x in ci] if ci else None})
    counts = {t: [len(ref.task(t) or []), len(other.task(t) or [])] for t in report["tasks"]}
    return {"signature": report["signature"], "reference": a, "compared": b, "corpus": corpus,
            "documents": len(docs), "counts": counts, "rows": rows}


def to_markdown(data: dict) -> str:
    lines = ["| task | measure | agreement | 95% CI |", "|---|---|---|---|"]
    for r in data["rows"]:
        ci = f"[{r['ci'][0]:.3f}, {r['ci'][1]:.3f}]" if r["ci"] else "-"
        lines.append(f"| {r['task']} | {r['label']} | {r['value']:.3f} | {ci} |")
    lines.append("")
    lines.append(f"Signature: `{data['signature']}` ({data['reference']} as reference, "
                 f"{data['compared']} compared)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> str:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("a", nargs="?", default="annotations/pass1")
    ap.add_argument("b", nargs="?", default="annotations/pass2")
    ap.add_argument("--corpus", default="corpus/documents.jsonl")
    ap.add_argument("--json", help="also write the figures as JSON to this file")
    args = ap.parse_args(argv)
    data = agreement(args.a, args.b, args.corpus)
    if args.json:
        Path(args.json).write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return to_markdown(data)


if __name__ == "__main__":
    print(main())
