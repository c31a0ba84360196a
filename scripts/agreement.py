"""Inter-annotator agreement between the two blind passes, computed with newsgold's own scorer.

Usage: python scripts/agreement.py [PASS_A] [PASS_B]   (default annotations/pass1 annotations/pass2)

Pass A is taken as the reference; span F1 is symmetric (swapping the passes swaps P and R), so it
is the usual pairwise-F1 agreement for span annotation. Attribute agreement (labels, speakers,
status, ...) is measured on the matched items. Prints the Markdown table used in AGREEMENT.md.
"""

from __future__ import annotations

import sys
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


def main(a: str = "annotations/pass1", b: str = "annotations/pass2") -> str:
    docs = load_corpus(Path("corpus/documents.jsonl"))
    ref, other = load_annotations(a, docs), load_annotations(b, docs)
    report, _ = evaluate(docs, ref, other, Settings(), gold_checksum=None)
    lines = ["| task | measure | agreement | 95% CI |", "|---|---|---|---|"]
    for task, metric, label in ROWS:
        res = report["tasks"][task]
        value = float(lookup(res["metrics"], metric))
        ci = res["ci"].get(metric)
        ci_s = f"[{ci[0]:.3f}, {ci[1]:.3f}]" if ci else "-"
        lines.append(f"| {task} | {label} | {value:.3f} | {ci_s} |")
    lines.append("")
    lines.append(f"Signature: `{report['signature']}` ({a} as reference, {b} compared)")
    return "\n".join(lines)


if __name__ == "__main__":
    print(main(*sys.argv[1:3]))
