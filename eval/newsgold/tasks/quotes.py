"""Quotes task: content matching (exact and token overlap), speaker, cue, type, end to end.

Matching, per document (records are sorted canonically first, so input order never matters):

* **content similarity** = :func:`newsgold.match.overlap_coefficient` of the position-aware word tokens
  (:func:`newsgold.match.token_positions`) of the two ``content`` spans: ``|g & p| / max(|g|, |p|)``.
* **exact** matching: a pair is eligible when ``start`` and ``end`` are equal.
* **overlap** matching: eligible when similarity >= ``Settings.quote_overlap`` (and > 0).
* **end-to-end** matching: eligible when overlap-eligible AND the speaker is correct.

Each matching is one-to-one and optimal (:func:`newsgold.match.match_pairs`): the largest number of pairs, then the
largest total similarity, then the most pairs with right attributes (an exact-tie breaker only).
The end-to-end TP count is its own matching (not "overlap-matched and speaker right") so that
adding a correct prediction can never lower the end-to-end F1.

Speaker correct (:func:`speaker_ok`): the normalised ``speaker_entity`` keys are equal (both
non-null); or the gold speaker is null and the predicted one is null; or the predicted speaker span
overlaps the gold speaker span or any gold entity mention whose key is the gold ``speaker_entity``.
Cue correct: both null, or the spans overlap.

Per-type scores (``direct.``, ``mixed.``, ``indirect.``): the same metrics computed on the gold
quotes of that type against the predictions *predicted* with that type (separate matchings), so a
quote found with the wrong type is a miss and a false positive there. ``<t>.detect.recall`` is the
type-blind recall of gold quotes of type t (overall overlap matching) and ``<t>.type.acc`` the
share of those found whose predicted type is t.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from newsgold.keys import norm_key
from newsgold.match import (
    linked_units,
    match_pairs,
    mentions_by_key,
    overlap_coefficient,
    overlaps_mention,
    token_positions,
)
from newsgold.schema import FIELDS, QUOTE_TYPES, Quote, Span, shown
from newsgold.tasks.base import DocContext, ErrorItem, Mark, Settings, TaskBase, TaskCounts, Totals, prf, ratio


def speaker_ok(gold: Quote, pred: Quote, mentions: dict[str, list[Span]]) -> bool:
    """Is the predicted speaker right? (rules in the module docstring)"""
    if gold.speaker_entity and pred.speaker_entity and norm_key(gold.speaker_entity) == norm_key(pred.speaker_entity):
        return True
    if gold.speaker is None:
        return pred.speaker is None
    if pred.speaker is None:
        return False
    return pred.speaker.overlaps(gold.speaker) or overlaps_mention(pred.speaker, gold.speaker_entity, mentions)


def cue_ok(gold: Quote, pred: Quote) -> bool:
    """Cue right: both null, or overlapping spans."""
    if gold.cue is None or pred.cue is None:
        return gold.cue is None and pred.cue is None
    return gold.cue.overlaps(pred.cue)


@dataclass
class QuoteMatches:
    """The three matchings of one document, as ``(gold_index, pred_index)`` pairs, plus similarities."""

    exact: list[tuple[int, int]]
    overlap: list[tuple[int, int]]
    e2e: list[tuple[int, int]]
    sim: np.ndarray


def match_quotes(
    text: str, gold: Sequence[Quote], pred: Sequence[Quote], mentions: dict[str, list[Span]], threshold: float
) -> QuoteMatches:
    """Exact, overlap and end-to-end matchings of one document's quotes (see module docstring)."""
    return _matchings(quote_matrices(text, gold, pred, mentions), threshold)


Matrices = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]
"""(similarity, speaker right, number of right attributes, same content span), gold x pred."""


def quote_matrices(text: str, gold: Sequence[Quote], pred: Sequence[Quote], mentions: dict[str, list[Span]]) -> Matrices:
    """The pairwise figures every matching of one document's quotes is computed from. They are
    pairwise, so a subset's matrices (one quote type) are sub-matrices of these."""
    tg = [token_positions(text, q.content.start, q.content.end) for q in gold]
    tp = [token_positions(text, q.content.start, q.content.end) for q in pred]
    shape = (len(gold), len(pred))
    sim = np.array([[overlap_coefficient(a, b) for b in tp] for a in tg], dtype=float).reshape(shape)
    spk = np.array([[speaker_ok(g, p, mentions) for p in pred] for g in gold], dtype=bool).reshape(shape)
    attrs = np.array(
        [[int(spk[i, j]) + int(cue_ok(g, p)) + int(g.type == p.type) for j, p in enumerate(pred)]
         for i, g in enumerate(gold)], dtype=float,
    ).reshape(shape)
    same = np.array(
        [[(g.content.start, g.content.end) == (p.content.start, p.content.end) for p in pred] for g in gold], dtype=bool
    ).reshape(shape)
    return sim, spk, attrs, same


def _matchings(matrices: Matrices, threshold: float) -> QuoteMatches:
    sim, spk, attrs, same = matrices
    near = (sim >= threshold) & (sim > 0)
    return QuoteMatches(
        exact=match_pairs(same, same.astype(float), attrs),
        overlap=match_pairs(near, sim, attrs),
        e2e=match_pairs(near & spk, sim, attrs),
        sim=sim,
    )


def _sort_key(q: Quote) -> tuple:
    s = lambda x: (-1, -1) if x is None else (x.start, x.end)  # noqa: E731
    return (q.content.start, q.content.end, q.type, s(q.speaker), q.speaker_entity or "", s(q.cue), q.via or "", q.id)


def _show(span: Span | None, key: str | None = None) -> str:
    shown = "null" if span is None else repr(span.text)
    return f"{shown} ({key})" if key else shown


class QuotesTask(TaskBase):
    """Quote extraction: content, speaker, cue, type (columns and metrics in the module docstring)."""

    name = "quotes"
    headline = "e2e.f1"
    record = Quote
    fields = FIELDS["quotes"]
    apart = ("content", ("speaker", "cue"))
    needs_gold = ("entities",)  # speaker / claimant mentions

    def signature(self, settings: Settings) -> str:
        return f"quote:ovl{settings.quote_overlap:g}"

    def marks(self, record: Quote, settings: Settings, side: str) -> list[Mark]:
        """The content (badge: type, speaker key, outlet) linking to its speaker and cue."""
        q = record
        who = q.speaker_entity or (repr(q.speaker.text) if q.speaker else "none")
        note = f"speaker: {who}" + (f" · via {q.via}" if q.via else "")
        out = [Mark(q.content.start, q.content.end, "content", q.type, q.type, note)]
        for role, span in (("speaker", q.speaker), ("cue", q.cue)):
            if span is not None:
                out.append(Mark(span.start, span.end, role, role, role))
        return out

    def count(self, ctx: DocContext, settings: Settings) -> TaskCounts:
        """Counts for one document. Every gold and predicted quote counts in one unit, and matched
        items share it (:func:`newsgold.match.linked_units`), so no resample can hold a hit without
        its prediction; the overall and per-type tallies use the same units."""
        out = TaskCounts()
        gold = sorted(ctx.gold.get("quotes") or [], key=_sort_key)
        pred = sorted(ctx.pred.get("quotes") or [], key=_sort_key)
        mentions = mentions_by_key(ctx.gold.get("entities") or [])
        text, thr = ctx.doc.text, settings.quote_overlap
        matrices = quote_matrices(text, gold, pred, mentions)
        m_all = _matchings(matrices, thr)
        links = [*m_all.exact, *m_all.overlap, *m_all.e2e]
        per_type = []
        for t in QUOTE_TYPES:
            gi = [i for i, q in enumerate(gold) if q.type == t]
            pj = [j for j, q in enumerate(pred) if q.type == t]
            if not gi and not pj:
                continue  # nothing of this type on either side: nothing to count
            rows, cols = np.ix_(np.asarray(gi, dtype=np.intp), np.asarray(pj, dtype=np.intp))
            m_t = _matchings(tuple(m[rows, cols] for m in matrices), thr)  # type: ignore[arg-type]
            links += [(gi[a], pj[b]) for a, b in (*m_t.exact, *m_t.overlap, *m_t.e2e)]
            per_type.append((t, gi, pj, m_t))
        gu, pu = linked_units([q.content.start for q in gold], [q.content.start for q in pred], links, ctx.unit_of)
        self._tally(out, ctx, gold, pred, m_all, gu, pu, mentions, "", overall=True)
        for t, gi, pj, m_t in per_type:
            self._tally(out, ctx, [gold[i] for i in gi], [pred[j] for j in pj], m_t,
                        [gu[i] for i in gi], [pu[j] for j in pj], mentions, f"{t}.", overall=False)
        return out

    def _tally(self, out: TaskCounts, ctx: DocContext, gold: list[Quote], pred: list[Quote], m: QuoteMatches,
               gu: list[str], pu: list[str], mentions: dict[str, list[Span]], prefix: str, overall: bool) -> None:
        for u in gu:
            out.add(u, prefix + "gold")
        for u in pu:
            out.add(u, prefix + "pred")
        for i, _ in m.exact:
            out.add(gu[i], prefix + "match.exact")
        for i, _ in m.e2e:
            out.add(gu[i], prefix + "e2e_tp")
        for i, j in m.overlap:
            g, p = gold[i], pred[j]
            u = gu[i]
            out.add(u, prefix + "match.overlap")
            s_ok, c_ok = speaker_ok(g, p, mentions), cue_ok(g, p)
            out.add(u, prefix + "speaker_ok", float(s_ok))
            out.add(u, prefix + "cue_ok", float(c_ok))
            if not overall:
                continue
            out.add(u, "type_ok", float(g.type == p.type))
            out.add(u, f"{g.type}.found")
            out.add(u, f"{g.type}.type_ok", float(g.type == p.type))
            out.pairs.append((g.type, p.type))
            self._pair_errors(out, ctx, g, p, s_ok, c_ok, float(m.sim[i, j]))
        if not overall:
            return
        matched_g = {i for i, _ in m.overlap}
        matched_p = {j for _, j in m.overlap}
        for i, g in enumerate(gold):
            if i not in matched_g:
                out.errors.append(ErrorItem(self.name, ctx.doc.id, "FN", g.content.start, g.content.end,
                                            g.content.text, f"gold {g.type} quote, speaker "
                                            f"{_show(g.speaker, g.speaker_entity)}, not found"))
        for j, p in enumerate(pred):
            if j not in matched_p:
                out.errors.append(ErrorItem(self.name, ctx.doc.id, "FP", p.content.start, p.content.end,
                                            p.content.text, f"predicted {p.type} quote, speaker "
                                            f"{_show(p.speaker, p.speaker_entity)}, matches no gold quote"))

    def _pair_errors(self, out: TaskCounts, ctx: DocContext, g: Quote, p: Quote, s_ok: bool, c_ok: bool,
                     sim: float) -> None:
        """Error items of one matched pair: boundary, speaker, cue and type differences."""
        def err(kind: str, detail: str) -> None:
            out.errors.append(ErrorItem(self.name, ctx.doc.id, kind, g.content.start, g.content.end,
                                        g.content.text, detail))

        if (g.content.start, g.content.end) != (p.content.start, p.content.end):
            err("PAR", f"gold [{g.content.start}:{g.content.end}], predicted [{p.content.start}:"
                       f"{p.content.end}] {shown(p.content.text)}, overlap {sim:.2f}")
        if not s_ok:
            err("SPEAKER", f"gold {_show(g.speaker, g.speaker_entity)}, predicted {_show(p.speaker, p.speaker_entity)}")
        if not c_ok:
            err("CUE", f"gold {_show(g.cue)}, predicted {_show(p.cue)}")
        if g.type != p.type:
            err("TYPE", f"gold {g.type}, predicted {p.type}")

    def score(self, totals: Totals) -> dict[str, Any]:
        """Metrics from summed columns; every value is a scalar or a (B,) array like the columns."""
        out: dict[str, Any] = {"gold": totals["gold"], "pred": totals["pred"], "matched": totals["match.overlap"]}
        out.update(_metrics(totals, ""))
        out["type.accuracy"] = ratio(totals["type_ok"], totals["match.overlap"])
        for t in QUOTE_TYPES:
            out[f"{t}.gold"], out[f"{t}.pred"] = totals[f"{t}.gold"], totals[f"{t}.pred"]
            out.update(_metrics(totals, f"{t}."))
            out[f"{t}.detect.recall"] = ratio(totals[f"{t}.found"], totals[f"{t}.gold"])
            out[f"{t}.type.accuracy"] = ratio(totals[f"{t}.type_ok"], totals[f"{t}.found"])
        return out


COUNT_KEYS = ("gold", "pred", "matched") + tuple(f"{t}.{c}" for t in QUOTE_TYPES for c in ("gold", "pred"))
"""Keys of :meth:`QuotesTask.score` that are counts, not rates in [0, 1]."""


def _metrics(t: Totals, px: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, tp in (("content.exact", "match.exact"), ("content.overlap", "match.overlap"), ("e2e", "e2e_tp")):
        p, r, f = prf(t[px + tp], t[px + "pred"], t[px + "gold"])
        out[f"{px}{name}.precision"], out[f"{px}{name}.recall"], out[f"{px}{name}.f1"] = p, r, f
    out[px + "speaker.accuracy"] = ratio(t[px + "speaker_ok"], t[px + "match.overlap"])
    out[px + "cue.accuracy"] = ratio(t[px + "cue_ok"], t[px + "match.overlap"])
    return out
