"""A seeded synthetic end-to-end workload on disk: corpus, gold and predictions as JSONL files.

The speed benchmarks of the whole command (``newsgold score``) need the files a user has, not
in-memory objects, so loading, validation and report writing are measured too. Nothing is
committed: :func:`write_workload` builds the folders deterministically from a seed.

Documents are runs of words; every span is a whole-word range, so the same data has a token
view (BIO tags per word, for seqeval). Each document is a row of disjoint *zones*, one gold item
each (entity, quote or claim) with margin words around it, and at most one prediction inside the
zone: an entity prediction is exact, shifted by a word, re-typed, missing, or spurious (as in
:mod:`helpers_synth`), so greedy (nervaluate) and optimal (newsgold) matching agree.

Usage: ``write_workload(root, n_docs=10_000, entities_per_doc=20, quotes_per_doc=2, claims_per_doc=2)``
-> ``Workload`` with ``corpus``, ``gold`` and ``pred`` paths and the record counts.
"""

from __future__ import annotations

import hashlib
import json
import random
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from helpers_synth import LABEL_WEIGHTS, LABELS

WORDS = ("the", "minister", "said", "on", "talks", "city", "report", "new", "agency", "river", "plan",
         "week", "bank", "vote", "border", "council", "trade", "court", "police", "deal", "health",
         "school", "market", "power", "water", "press", "union", "energy", "budget", "rail")
ENTITY_OUTCOMES = ("exact", "shift", "type", "shift_type", "missing")
ENTITY_WEIGHTS = (62, 13, 9, 4, 12)
SPURIOUS_RATE = 0.12
QUOTE_TYPES = ("direct", "mixed", "indirect")
STATUSES = ("asserted", "reported", "hedged", "denied")


@dataclass
class Workload:
    corpus: Path
    gold: Path
    pred: Path
    documents: int
    gold_counts: dict[str, int]
    pred_counts: dict[str, int]


class _Doc:
    """Words of one document under construction, with character offsets."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.words: list[str] = []
        self.starts: list[int] = []
        self.length = 0

    def add(self, n: int) -> int:
        """Append ``n`` random words; return the index of the first."""
        first = len(self.words)
        for _ in range(n):
            w = self.rng.choice(WORDS)
            pos = self.length + (1 if self.words else 0)
            self.words.append(w)
            self.starts.append(pos)
            self.length = pos + len(w)
        return first

    def span(self, first: int, n: int) -> dict:
        start = self.starts[first]
        end = self.starts[first + n - 1] + len(self.words[first + n - 1])
        return {"start": start, "end": end, "text": " ".join(self.words[first:first + n])}

    def text(self) -> str:
        return " ".join(self.words)


def _entity_zone(d: _Doc, doc_id: str, gold: list, pred: list) -> None:
    rng = d.rng
    d.add(2)
    n = rng.randint(1, 4)
    first = d.add(n)
    d.add(2)
    label = rng.choices(LABELS, LABEL_WEIGHTS)[0]
    if rng.random() < SPURIOUS_RATE / (1 + SPURIOUS_RATE):
        pred.append({"doc_id": doc_id, "id": "", **d.span(first, n), "label": label, "entity": None})
        return
    gold.append({"doc_id": doc_id, "id": "", **d.span(first, n), "label": label, "entity": None})
    outcome = rng.choices(ENTITY_OUTCOMES, ENTITY_WEIGHTS)[0]
    if outcome == "missing":
        return
    pf, pn = first, n
    if outcome in ("shift", "shift_type"):
        pf, pn = rng.choice([(first - 1, n + 1), (first, n + 1)] + ([(first + 1, n - 1), (first, n - 1)] if n > 1 else []))
    plabel = label
    if outcome in ("type", "shift_type"):
        plabel = rng.choice([x for x in LABELS if x != label])
    pred.append({"doc_id": doc_id, "id": "", **d.span(pf, pn), "label": plabel, "entity": None})


def _quote_zone(d: _Doc, doc_id: str, gold: list, pred: list) -> None:
    rng = d.rng
    d.add(1)
    speaker = d.add(2)
    cue = d.add(1)
    n = rng.randint(8, 16)
    first = d.add(n)
    d.add(1)
    who = f"person-{rng.randint(0, 50)}"
    qtype = rng.choice(QUOTE_TYPES)
    gold.append({"doc_id": doc_id, "id": "", "type": qtype, "content": d.span(first, n),
                 "speaker": d.span(speaker, 2), "speaker_entity": who, "cue": d.span(cue, 1), "via": None})
    r = rng.random()
    if r < 0.12:
        return  # missed
    pf, pn = (first, n) if r < 0.7 else (first + 1, n - 2)
    ptype = qtype if rng.random() < 0.85 else rng.choice(QUOTE_TYPES)
    right = rng.random() < 0.8
    pred.append({"doc_id": doc_id, "id": "", "type": ptype, "content": d.span(pf, pn),
                 "speaker": d.span(speaker, 2) if right else None,
                 "speaker_entity": who if right else None, "cue": d.span(cue, 1), "via": None})
    if rng.random() < 0.1:  # a spurious quote in the margin words after the content
        pred.append({"doc_id": doc_id, "id": "", "type": "direct", "content": d.span(first + n, 1),
                     "speaker": None, "speaker_entity": None, "cue": None, "via": None})


def _claim_zone(d: _Doc, doc_id: str, gold: list, pred: list) -> None:
    rng = d.rng
    d.add(1)
    n = rng.randint(6, 12)
    first = d.add(n)
    d.add(1)
    article = rng.random() < 0.5
    status = rng.choice(STATUSES)
    worthy = rng.random() < 0.6
    gold.append({"doc_id": doc_id, "id": "", "span": d.span(first, n),
                 "claimant": "ARTICLE" if article else f"person-{rng.randint(0, 50)}",
                 "claimant_span": None, "status": status, "checkworthy": worthy})
    r = rng.random()
    if r < 0.15:
        return
    pf, pn = (first, n) if r < 0.7 else (first, n - 2)
    pred.append({"doc_id": doc_id, "id": "", "span": d.span(pf, pn),
                 "claimant": gold[-1]["claimant"] if rng.random() < 0.8 else "ARTICLE", "claimant_span": None,
                 "status": status if rng.random() < 0.75 else rng.choice(STATUSES),
                 "checkworthy": worthy if rng.random() < 0.8 else not worthy})


def make_document(rng: random.Random, doc_id: str, n_ent: int, n_quote: int, n_claim: int) -> tuple[dict, dict, dict]:
    """One document dict and its gold and predicted records per task (ids not yet assigned)."""
    d = _Doc(rng)
    gold: dict[str, list] = {"entities": [], "quotes": [], "claims": []}
    pred: dict[str, list] = {"entities": [], "quotes": [], "claims": []}
    zones = ["entities"] * n_ent + ["quotes"] * n_quote + ["claims"] * n_claim
    rng.shuffle(zones)
    filled = 0
    while filled < len(zones):
        task = zones[filled]
        before = len(gold[task])
        {"entities": _entity_zone, "quotes": _quote_zone, "claims": _claim_zone}[task](d, doc_id, gold[task], pred[task])
        filled += len(gold[task]) - before
    text = d.text()
    doc = {"id": doc_id, "text": text, "title": doc_id, "published": "2024-01-01", "language": "en",
           "source": "synthetic", "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest()}
    rng.shuffle(pred["entities"])  # record order must not matter
    return doc, gold, pred


def write_workload(root: str | Path, n_docs: int = 10_000, entities_per_doc: int = 20, quotes_per_doc: int = 2,
                   claims_per_doc: int = 2, seed: int = 14) -> Workload:
    """Write ``root/corpus/documents.jsonl``, ``root/gold/*.jsonl`` and ``root/pred/*.jsonl``.

    Exactly ``n_docs * entities_per_doc`` gold entities (and likewise quotes and claims); the same
    seed gives byte-identical files.
    """
    root = Path(root)
    rng = random.Random(seed)
    folders = {"corpus": root / "corpus", "gold": root / "gold", "pred": root / "pred"}
    for f in folders.values():
        f.mkdir(parents=True, exist_ok=True)
    tasks = ("entities", "quotes", "claims")
    counts = {(side, t): 0 for side in ("gold", "pred") for t in tasks}
    prefix = {"entities": "e", "quotes": "q", "claims": "c"}
    with ExitStack() as stack:
        files = {(side, t): stack.enter_context(open(folders[side] / f"{t}.jsonl", "w", encoding="utf-8"))
                 for side in ("gold", "pred") for t in tasks}
        corpus = stack.enter_context(open(folders["corpus"] / "documents.jsonl", "w", encoding="utf-8"))
        for k in range(n_docs):
            doc, gold, pred = make_document(rng, f"d{k:06d}", entities_per_doc, quotes_per_doc, claims_per_doc)
            corpus.write(json.dumps(doc, ensure_ascii=False) + "\n")
            for side, recs in (("gold", gold), ("pred", pred)):
                for t in tasks:
                    for r in recs[t]:
                        counts[(side, t)] += 1
                        r["id"] = f"{prefix[t]}{counts[(side, t)]}"
                        files[(side, t)].write(json.dumps(r, ensure_ascii=False) + "\n")
    return Workload(folders["corpus"] / "documents.jsonl", folders["gold"], folders["pred"], n_docs,
                    {t: counts[("gold", t)] for t in tasks}, {t: counts[("pred", t)] for t in tasks})
