"""Build a 10,000-document test bed for the HTML report: N copies of the article with its gold and
with the predictions of an earlier benchmark run, each copy its own document.

Usage (the README's figure for report.html at 10,000 documents):

    newsgold benchmark --out runs/latest                      # the predictions to replicate
    python scripts/scale_report.py --copies 10000 --out /tmp/scale
    newsgold benchmark --corpus /tmp/scale/corpus/documents.jsonl --gold /tmp/scale/gold --bootstrap 0 \\
        --backends file:/tmp/scale/pred/rules,file:/tmp/scale/pred/spacy,file:/tmp/scale/pred/textacy \\
        --out /tmp/scale/run --no-plot
    ls -l /tmp/scale/run/report.html

It writes only under --out (never into the corpus, the gold or the run folder it reads).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TASKS = ("entities", "quotes", "claims")


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def write_jsonl(path: Path, rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def replicate(rows: list[dict], copies: int) -> list[dict]:
    """Every record once per copy, with the copy's document id and an id unique in the file."""
    return [dict(r, doc_id=f"{r['doc_id']}-{i:05d}", id=f"{r['id']}-{i:05d}") for i in range(copies) for r in rows]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--copies", type=int, default=10_000)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--run", type=Path, default=ROOT / "runs" / "latest", help="benchmark run folder to take predictions from")
    args = ap.parse_args()
    (doc,) = read_jsonl(ROOT / "corpus" / "documents.jsonl")
    write_jsonl(args.out / "corpus" / "documents.jsonl",
                [dict(doc, id=f"{doc['id']}-{i:05d}", title=f"{doc['title']} (copy {i})") for i in range(args.copies)])
    for task in TASKS:
        write_jsonl(args.out / "gold" / f"{task}.jsonl", replicate(read_jsonl(ROOT / "annotations" / f"{task}.jsonl"), args.copies))
    for backend in sorted(p for p in (args.run / "predictions").iterdir() if p.is_dir()):
        for task in TASKS:
            f = backend / f"{task}.jsonl"
            if f.is_file():
                write_jsonl(args.out / "pred" / backend.name / f"{task}.jsonl", replicate(read_jsonl(f), args.copies))
    print(f"wrote {args.copies} documents, the gold and {len(list((args.out / 'pred').iterdir()))} prediction folders under {args.out}")


if __name__ == "__main__":
    main()
