"""The token view with seqeval 1.2.2: read the same JSONL, tag every whitespace token of every
document with IOB2 tags from the gold and the predicted entities (the workload's spans are whole
words), call ``classification_report(..., mode="strict", scheme=IOB2, output_dict=True)`` and
write it as JSON. This is what a user of a token-level scorer has to do with span data.

Usage: python seqeval_score.py CORPUS GOLD_DIR PRED_DIR OUT_JSON
"""

import bisect
import json
import re
import sys

from seqeval.metrics import classification_report
from seqeval.scheme import IOB2


def read(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def main(corpus, gold_dir, pred_dir, out):
    docs = read(corpus)
    starts = {d["id"]: [m.start() for m in re.finditer(r"\S+", d["text"])] for d in docs}
    tags = {side: {d["id"]: ["O"] * len(starts[d["id"]]) for d in docs} for side in ("gold", "pred")}
    for side, folder in (("gold", gold_dir), ("pred", pred_dir)):
        for r in read(f"{folder}/entities.jsonl"):
            toks = starts[r["doc_id"]]
            first, last = bisect.bisect_left(toks, r["start"]), bisect.bisect_left(toks, r["end"])
            row = tags[side][r["doc_id"]]
            for k in range(first, last):
                row[k] = ("B-" if k == first else "I-") + r["label"]
    true = [tags["gold"][d["id"]] for d in docs]
    pred = [tags["pred"][d["id"]] for d in docs]
    report = classification_report(true, pred, mode="strict", scheme=IOB2, output_dict=True, zero_division=0)
    with open(out, "w", encoding="utf-8") as f:
        json.dump({k: {m: float(v) for m, v in d.items()} for k, d in report.items()}, f, indent=2, sort_keys=True)


if __name__ == "__main__":
    main(*sys.argv[1:5])
