"""The floor: the least any scorer of the same files must do -- parse the gold and predicted entity
JSONL with orjson and count exact (doc_id, start, end, label) matches with a set intersection,
then write precision/recall/F1. No validation, no partial matching, no per-label figures.

Usage: python floor_score.py CORPUS GOLD_DIR PRED_DIR OUT_JSON  (CORPUS is not read)
"""

import json
import sys

import orjson


def keys(path):
    with open(path, "rb") as f:
        return {(r["doc_id"], r["start"], r["end"], r["label"]) for r in map(orjson.loads, f)}


def main(corpus, gold_dir, pred_dir, out):
    gold, pred = keys(f"{gold_dir}/entities.jsonl"), keys(f"{pred_dir}/entities.jsonl")
    tp = len(gold & pred)
    p, r = tp / len(pred), tp / len(gold)
    with open(out, "w", encoding="utf-8") as f:
        json.dump({"tp": tp, "gold": len(gold), "pred": len(pred), "precision": p, "recall": r,
                   "f1": 2 * p * r / (p + r) if p + r else 0.0}, f, indent=2)


if __name__ == "__main__":
    main(*sys.argv[1:5])
