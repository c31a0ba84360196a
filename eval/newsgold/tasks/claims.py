"""Claims task: claim spans, claimant, status, check-worthiness, and sentence-level detection.

Matching, per document (records sorted canonically first, so input order never matters): a gold and
a predicted claim are eligible when the token Jaccard of their ``span`` s -- position-aware word
tokens, :func:`newsgold.match.token_positions` + :func:`newsgold.match.jaccard` -- is >=
``Settings.claim_jaccard`` (and > 0). The matching is one-to-one and optimal
(:func:`newsgold.match.match_pairs`: most pairs, then highest total Jaccard, exact ties to pairs
with right attributes).

On matched claims only (an unmatched claim is in no attribute metric):

* claimant correct (:func:`claimant_ok`): keys equal after normalisation (lower-case, ``-``/space/``_``
  ignored; ``ARTICLE`` equals only ``ARTICLE``; null equals only null), or the predicted
  ``claimant_span`` overlaps the gold ``claimant_span`` or a gold entity mention keyed by the gold
  claimant;
* status accuracy, per-status P/R/F1 and their macro-F1 over the statuses present in gold or
  prediction (scikit-learn's default ``average="macro"``);
* check-worthiness P/R/F1 of the positive class (``checkworthy=true``), as CLEF CheckThat! scores it.

Sentence detection: :func:`newsgold.sentences.split_sentences`; a sentence is gold- / pred-positive when a
gold / predicted claim span starts in it; TP/FP/FN per sentence, counted in the sentence's unit.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from newsgold.keys import norm_key
from newsgold.match import (
    jaccard,
    linked_units,
    match_pairs,
    mentions_by_key,
    overlaps_mention,
    token_positions,
)
from newsgold.schema import ARTICLE_VOICE, CLAIM_STATUSES, FIELDS, Claim, Span, shown
from newsgold.sentences import sentence_locator, split_sentences
from newsgold.tasks.base import DocContext, ErrorItem, Mark, Settings, TaskBase, TaskCounts, Totals, prf, ratio


def same_claimant(gold: str | None, pred: str | None) -> bool:
    """Key equality for claimants.

    >>> same_claimant("russia-today", "Russia Today"), same_claimant("ARTICLE", "article")
    (True, False)
    """
    if gold is None or pred is None or ARTICLE_VOICE in (gold, pred):
        return gold == pred
    return norm_key(gold) == norm_key(pred)


def claimant_ok(gold: Claim, pred: Claim, mentions: dict[str, list[Span]]) -> bool:
    """Is the predicted claimant right? (rules in the module docstring)"""
    if same_claimant(gold.claimant, pred.claimant):
        return True
    if pred.claimant_span is None:
        return False
    if gold.claimant_span is not None and pred.claimant_span.overlaps(gold.claimant_span):
        return True
    return gold.claimant != ARTICLE_VOICE and overlaps_mention(pred.claimant_span, gold.claimant, mentions)


def match_claims(text: str, gold: Sequence[Claim], pred: Sequence[Claim], mentions: dict[str, list[Span]],
                 threshold: float) -> tuple[list[tuple[int, int]], np.ndarray]:
    """One-to-one matching ``(gold_index, pred_index)`` of one document's claims, and the Jaccard matrix."""
    tg = [token_positions(text, c.span.start, c.span.end) for c in gold]
    tp = [token_positions(text, c.span.start, c.span.end) for c in pred]
    shape = (len(gold), len(pred))
    sim = np.array([[jaccard(a, b) for b in tp] for a in tg], dtype=float).reshape(shape)
    attrs = np.array(
        [[int(claimant_ok(g, p, mentions)) + int(g.status == p.status) + int(g.checkworthy == p.checkworthy)
          for p in pred] for g in gold], dtype=float,
    ).reshape(shape)
    return match_pairs((sim >= threshold) & (sim > 0), sim, attrs), sim


def _sort_key(c: Claim) -> tuple:
    cs = (-1, -1) if c.claimant_span is None else (c.claimant_span.start, c.claimant_span.end)
    return (c.span.start, c.span.end, c.claimant or "", cs, c.status, c.checkworthy, c.id)


class ClaimsTask(TaskBase):
    """Claim extraction (columns and metrics in the module docstring)."""

    name = "claims"
    headline = "span.f1"
    record = Claim
    fields = FIELDS["claims"]
    needs_gold = ("entities",)  # speaker / claimant mentions

    def check_record(self, obj: dict[str, Any]) -> list[tuple[str, str]]:
        """A claim in the article's voice, or by an unnamed source, has no claimant span (guidelines §3)."""
        claimant, cspan = obj.get("claimant"), obj.get("claimant_span")
        if not isinstance(claimant, (str, type(None))) or not isinstance(cspan, (dict, type(None))):
            return []  # a type error, reported by the field check
        if cspan is not None and claimant in (None, ARTICLE_VOICE):
            return [("claimant_span", f"must be null when claimant is {'ARTICLE' if claimant else 'null'}")]
        return []

    def signature(self, settings: Settings) -> str:
        return f"claim:jac{settings.claim_jaccard:g}"

    def marks(self, record: Claim, settings: Settings, side: str) -> list[Mark]:
        """The claim span (badge: status, claimant, check-worthiness) linking to its claimant span."""
        c = record
        worthy = "check-worthy" if c.checkworthy else "not check-worthy"
        out = [Mark(c.span.start, c.span.end, "claim", c.status, c.status, f"claimant: {c.claimant or 'none'} · {worthy}")]
        if c.claimant_span is not None:
            out.append(Mark(c.claimant_span.start, c.claimant_span.end, "claimant", "claimant", "claimant"))
        return out

    def count(self, ctx: DocContext, settings: Settings) -> TaskCounts:
        """Counts for one document; a matched pair counts in one unit (:func:`newsgold.match.linked_units`:
        the gold's), unmatched claims at their own start, so no resample holds a hit without its
        prediction."""
        out = TaskCounts()
        gold = sorted(ctx.gold.get("claims") or [], key=_sort_key)
        pred = sorted(ctx.pred.get("claims") or [], key=_sort_key)
        mentions = mentions_by_key(ctx.gold.get("entities") or [])
        pairs, sim = match_claims(ctx.doc.text, gold, pred, mentions, settings.claim_jaccard)
        gu, pu = linked_units([c.span.start for c in gold], [c.span.start for c in pred], pairs, ctx.unit_of)
        for u in gu:
            out.add(u, "gold")
        for u in pu:
            out.add(u, "pred")
        for i, j in pairs:
            g, p = gold[i], pred[j]
            u = gu[i]
            c_ok = claimant_ok(g, p, mentions)
            out.add(u, "match")
            out.add(u, "claimant_ok", float(c_ok))
            out.add(u, "status_ok", float(g.status == p.status))
            out.add(u, "cw.tp", float(g.checkworthy and p.checkworthy))
            out.add(u, "cw.gold", float(g.checkworthy))
            out.add(u, "cw.pred", float(p.checkworthy))
            out.add(u, f"status.{g.status}.gold")
            out.add(u, f"status.{p.status}.pred")
            out.add(u, f"status.{g.status}.tp", float(g.status == p.status))
            out.pairs.append((g.status, p.status))

            def err(kind: str, detail: str, g: Claim = g) -> None:
                out.errors.append(ErrorItem(self.name, ctx.doc.id, kind, g.span.start, g.span.end, g.span.text, detail))

            if (g.span.start, g.span.end) != (p.span.start, p.span.end):
                err("PAR", f"gold [{g.span.start}:{g.span.end}], predicted [{p.span.start}:{p.span.end}] "
                           f"{shown(p.span.text)}, jaccard {sim[i, j]:.2f}")
            if not c_ok:
                err("CLAIMANT", f"gold {_who(g)}, predicted {_who(p)}")
            if g.status != p.status:
                err("STATUS", f"gold {g.status}, predicted {p.status}")
            if g.checkworthy != p.checkworthy:
                err("CHECKWORTHY", f"gold {g.checkworthy}, predicted {p.checkworthy}")
        matched_g, matched_p = {i for i, _ in pairs}, {j for _, j in pairs}
        for i, g in enumerate(gold):
            if i not in matched_g:
                out.errors.append(ErrorItem(self.name, ctx.doc.id, "FN", g.span.start, g.span.end, g.span.text,
                                            f"gold claim by {_who(g)} ({g.status}) not found"))
        for j, p in enumerate(pred):
            if j not in matched_p:
                out.errors.append(ErrorItem(self.name, ctx.doc.id, "FP", p.span.start, p.span.end, p.span.text,
                                            f"predicted claim by {_who(p)} matches no gold claim"))
        self._sentences(out, ctx, gold, pred)
        return out

    @staticmethod
    def _sentences(out: TaskCounts, ctx: DocContext, gold: list[Claim], pred: list[Claim]) -> None:
        sents = split_sentences(ctx.doc.text)
        if not sents:
            return
        locate = sentence_locator(sents)
        g_pos = {locate(c.span.start) for c in gold}
        p_pos = {locate(c.span.start) for c in pred}
        for k in g_pos | p_pos:
            col = "sent.tp" if k in g_pos and k in p_pos else "sent.fn" if k in g_pos else "sent.fp"
            out.add(ctx.unit_of(sents[k][0]), col)

    def score(self, totals: Totals) -> dict[str, Any]:
        """Metrics from summed columns; every value is a scalar or a (B,) array like the columns."""
        t = totals
        out: dict[str, Any] = {"gold": t["gold"], "pred": t["pred"], "matched": t["match"]}
        out["span.precision"], out["span.recall"], out["span.f1"] = prf(t["match"], t["pred"], t["gold"])
        out["claimant.accuracy"] = ratio(t["claimant_ok"], t["match"])
        out["status.accuracy"] = ratio(t["status_ok"], t["match"])
        out["checkworthy.precision"], out["checkworthy.recall"], out["checkworthy.f1"] = prf(t["cw.tp"], t["cw.pred"], t["cw.gold"])
        f1s, present = [], []
        for s in CLAIM_STATUSES:
            n_gold, n_pred = t[f"status.{s}.gold"], t[f"status.{s}.pred"]
            p, r, f = prf(t[f"status.{s}.tp"], n_pred, n_gold)
            out[f"status.{s}.precision"], out[f"status.{s}.recall"], out[f"status.{s}.f1"] = p, r, f
            f1s.append(np.asarray(f, dtype=float))
            present.append(np.asarray(n_gold, dtype=float) + np.asarray(n_pred, dtype=float) > 0)
        out["status.macro.f1"] = ratio(sum(f * k for f, k in zip(f1s, present)), sum(k.astype(float) for k in present))
        sent_tp = t["sent.tp"]
        out["sentence.precision"], out["sentence.recall"], out["sentence.f1"] = prf(
            sent_tp, sent_tp + t["sent.fp"], sent_tp + t["sent.fn"])
        return out


COUNT_KEYS = ("gold", "pred", "matched")
"""Keys of :meth:`ClaimsTask.score` that are counts, not rates in [0, 1]."""


def _who(c: Claim) -> str:
    span = "" if c.claimant_span is None else f" {shown(c.claimant_span.text)}"
    return f"{c.claimant or 'null'}{span}"
