"""The peer of ``newsgold score --tasks entities``: a plain script a user would write around
nervaluate 1.2.1 -- read the same JSONL (corpus for the document order, gold and predicted
entities), call ``Evaluator.evaluate()``, write the overall counts and P/R/F1 as JSON.

Usage: python nervaluate_score.py CORPUS GOLD_DIR PRED_DIR OUT_JSON
"""

import json
import sys

from nervaluate.evaluator import Evaluator


def read(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def main(corpus, gold_dir, pred_dir, out):
    order = [d["id"] for d in read(corpus)]
    spans = {"gold": {i: [] for i in order}, "pred": {i: [] for i in order}}
    labels = set()
    for side, folder in (("gold", gold_dir), ("pred", pred_dir)):
        for r in read(f"{folder}/entities.jsonl"):
            # nervaluate's ends are inclusive
            spans[side][r["doc_id"]].append({"label": r["label"], "start": r["start"], "end": r["end"] - 1})
            labels.add(r["label"])
    true = [spans["gold"][i] for i in order]
    pred = [spans["pred"][i] for i in order]
    result = Evaluator(true, pred, tags=sorted(labels), loader="dict").evaluate()
    overall = {scheme: {k: getattr(m, k) for k in ("correct", "incorrect", "partial", "missed", "spurious",
                                                    "possible", "actual", "precision", "recall", "f1")}
               for scheme, m in result["overall"].items()}
    with open(out, "w", encoding="utf-8") as f:
        json.dump(overall, f, indent=2, sort_keys=True)


if __name__ == "__main__":
    main(*sys.argv[1:5])
