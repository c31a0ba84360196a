"""Named-entity task: SemEval-2013 Task 9.1 scoring (strict / exact / partial / type), as in nervaluate.

**Matching** (one matching per document, shared by all four schemes, independent of record order):

1. identical spans first -- same span and same label, then same span with another label;
2. the remaining gold and predicted entities that overlap (by at least one character, offsets end
   exclusive) are paired by the project's optimal one-to-one matcher (:func:`newsgold.match.match_pairs`,
   as for quotes and claims): as many pairs as possible, among those the largest total number of
   overlapping characters, exact ties to the same label, then to text order.

Each gold and each prediction is used at most once per document. A prediction left unmatched is
**SPU even when it overlaps a gold entity that another prediction already matched** (nervaluate
would call it INC or PAR when it comes first in the list); a gold entity left unmatched is MIS. An
empty span (start == end) overlaps nothing.

**Error items** (``ErrorItem``, task "entities"): ``FP`` for each SPU, ``FN`` for each MIS, ``INC``
for a wrong label (detail ``"gold ORG, predicted GPE"``, plus ``"; boundary: predicted 'x' [s:e]"``
when the span differs too), ``PAR`` for a right label with other boundaries; INC/PAR carry the gold
span. **Confusion pairs** (``TaskCounts.pairs``): ``(gold_label, pred_label)`` for every matched
pair (diagonal included), ``(label, "O")`` for MIS, ``("O", label)`` for SPU.

**Count columns** (what :meth:`EntitiesTask.count` emits per unit): ``n.<LABEL>.<outcome>`` with

=============== ========================================= ====== ===== ======= ====
outcome         meaning, charged to                       strict exact partial type
=============== ========================================= ====== ===== ======= ====
``cor``         same span, same label (gold label)        COR    COR   COR     COR
``label``       same span, other label (gold label)       INC    COR   COR     INC
``bound``       overlap, other span, same label (gold)    INC    INC   PAR     COR
``bound_label`` overlap, other span and label (gold)      INC    INC   PAR     INC
``mis``         gold entity not matched (gold label)      MIS    MIS   MIS     MIS
``spu``         prediction not matched (predicted label)  SPU    SPU   SPU     SPU
``xpred``       prediction matched to a gold of another   --     --    --      --
                label (predicted label; bookkeeping only)
=============== ========================================= ====== ===== ======= ====

**Per-label charging.** Every matched pair is charged to the *gold* label, every MIS to the gold
label and every SPU to the predicted label, so per-label counts add up exactly to the overall
counts in every scheme; per-label ``possible`` is the number of gold entities of that label and
per-label recall is plain recall of that label. A cross-type error (gold ORG, predicted GPE) is one
INC of **ORG** in strict and type (in exact and partial, one COR of ORG for an identical span,
else one INC resp. PAR of ORG) and nothing for GPE: it lowers ORG's recall and precision, not GPE's precision. The GPE side is kept in
the confusion pairs and in the ``xpred`` column (which enters no scheme's counts).

**Score columns** (:meth:`EntitiesTask.score`, a flat dict), for ``<s>`` in strict, exact,
partial, type: ``<s>.COR .INC .PAR .MIS .SPU .possible .actual .precision .recall .f1`` (overall
= micro average), ``<s>.<LABEL>.<same ten>``, and ``<s>.macro.precision/.recall/.f1`` = unweighted
mean over the labels present in gold or predictions (macro F1 = mean of per-label F1). possible =
COR+INC+PAR+MIS, actual = COR+INC+PAR+SPU; P = (COR + 0.5 PAR)/actual, R = (COR + 0.5 PAR)/possible
(PAR is 0 outside "partial", so this is nervaluate's formula for every scheme).

**Deliberate differences from nervaluate 1.2.1** (tests/test_differential.py shows each):
nervaluate matches greedily in prediction order, separately per scheme, so with several overlaps
its counts depend on record order; it evaluates each label on label-filtered lists (a wrong-type
pair becomes MIS of one label + SPU of another, and per-label counts do not add up to overall);
its ends are inclusive and its default ``min_overlap_percentage=1`` ignores an overlap of less than
1% of a long gold span. Here any shared character counts.

**Label maps** (``Settings.label_map``): a shipped name (``conll`` = ``eval/newsgold/data/labelmap_conll.json``,
OntoNotes -> PER/ORG/LOC/MISC) or a JSON file ``{"LABEL": "NEW" | null}``, or
``{"gold": {...}, "pred": {...}}`` to map the two sides separately; applied to gold and predictions
before matching; ``null`` drops the entity; labels not in the map are kept unchanged. Prediction
labels are validated *after* the map (:meth:`EntitiesTask.prediction_fields`).

**Minimum overlap** (``Settings.min_overlap``, nervaluate's ``min_overlap_percentage`` as a
fraction): a prediction is paired with an overlapping gold entity only when it covers at least
that share of the gold span's characters; the default 0 means one shared character.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from importlib import resources
from itertools import compress, repeat
from operator import attrgetter, is_
from pathlib import Path
from typing import Any

import numpy as np

from newsgold.errors import InputError, Problem
from newsgold.match import match_pairs
from newsgold.schema import ENTITY_LABELS, FIELDS, Entity, FieldSpec, shown
from newsgold.tasks.base import DocContext, ErrorItem, Mark, Settings, TaskBase, TaskCounts, Totals, prf

OUTCOMES: tuple[str, ...] = ("cor", "label", "bound", "bound_label", "mis", "spu", "xpred")
KINDS: tuple[str, ...] = ("COR", "INC", "PAR", "MIS", "SPU")
# scheme -> SemEval count -> outcomes that make it up (the table in the module docstring)
SCHEME_OUTCOMES: dict[str, dict[str, tuple[str, ...]]] = {
    "strict": {"COR": ("cor",), "INC": ("label", "bound", "bound_label"), "PAR": ()},
    "exact": {"COR": ("cor", "label"), "INC": ("bound", "bound_label"), "PAR": ()},
    "partial": {"COR": ("cor", "label"), "INC": (), "PAR": ("bound", "bound_label")},
    "type": {"COR": ("cor", "bound"), "INC": ("label", "bound_label"), "PAR": ()},
}
for _s in SCHEME_OUTCOMES.values():
    _s.update(MIS=("mis",), SPU=("spu",))
SCHEMES: tuple[str, ...] = tuple(SCHEME_OUTCOMES)
"""The four SemEval-2013 schemes, in report order (the keys of :data:`SCHEME_OUTCOMES`)."""

_COLUMNS: dict[str, dict[str, str]] = {o: {} for o in OUTCOMES}  # outcome -> label -> column name (a cache)

SpanLabel = tuple[int, int, str]  # (start, end, label), end exclusive
Spans = Sequence[tuple[int, int]]


# --------------------------------------------------------------------------------------------
# Matching
# --------------------------------------------------------------------------------------------
def match_entities(gold: Sequence[SpanLabel], pred: Sequence[SpanLabel], min_overlap: float = 0.0) -> list[tuple[int, int]]:
    """One-to-one ``(gold_index, pred_index)`` pairs: identical spans first, then an optimal
    assignment over overlaps (see the module docstring). ``min_overlap``: the share of a gold span a
    prediction must cover to be paired with it (``0``: one character).

    >>> match_entities([(0, 5, "PER"), (10, 15, "ORG")], [(11, 15, "ORG"), (0, 5, "GPE"), (20, 22, "X")])
    [(0, 1), (1, 0)]
    >>> match_entities([(0, 10, "PER")], [(8, 12, "PER")]), match_entities([(0, 10, "PER")], [(8, 12, "PER")], 0.5)
    ([(0, 0)], [])
    """
    same, overlapping = _match([(s, e) for s, e, _ in gold], [lab for _, _, lab in gold],
                               [(s, e) for s, e, _ in pred], [lab for _, _, lab in pred], min_overlap)
    return sorted(same + overlapping)


def _match(
    gspans: Spans, glabels: Sequence[str], pspans: Spans, plabels: Sequence[str], min_overlap: float = 0.0
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """:func:`match_entities` on parallel span / label lists (the form :meth:`EntitiesTask.count`
    builds once per document): unsorted identical-span pairs and overlapping-span pairs."""
    ng, n_pred = len(gspans), len(pspans)
    gkey = dict(zip(gspans, range(ng)))
    hits = list(map(gkey.get, pspans))  # gold index with the identical span, or None
    pairs = [(i, j) for i, j in zip(hits, range(n_pred)) if i is not None]
    used_g = set(hits)
    used_g.discard(None)
    if len(gkey) == ng and len(used_g) == len(pairs):  # usual case: no span occurs twice
        if len(pairs) == ng or len(pairs) == n_pred:
            return pairs, []
        rest_g = list(set(range(ng)).difference(used_g))
        rest_p = list(compress(range(n_pred), map(is_, hits, repeat(None))))
    else:
        pairs = _same_span_pairs(gspans, glabels, pspans, plabels)
        used_g, used_p = {i for i, _ in pairs}, {j for _, j in pairs}
        rest_g = [i for i in range(ng) if i not in used_g]
        rest_p = [j for j in range(n_pred) if j not in used_p]
    if not rest_g or not rest_p:
        return pairs, []
    edges, isolated = _overlap_edges(gspans, pspans, rest_g, rest_p, min_overlap)
    if isolated:  # every overlap is between one gold and one prediction (the usual case)
        return pairs, [(i, j) for i, j, _ in edges]
    return pairs, _assign(edges, gspans, glabels, pspans, plabels)


def _same_span_pairs(gspans: Spans, glabels: Sequence[str], pspans: Spans, plabels: Sequence[str]) -> list[tuple[int, int]]:
    """Identical-span pairs when a span occurs more than once: same label first, then the rest
    paired in label order (deterministic whatever the record order)."""
    groups: dict[tuple[int, int], tuple[list[int], list[int]]] = {}
    for i, span in enumerate(gspans):
        groups.setdefault(span, ([], []))[0].append(i)
    for j, span in enumerate(pspans):
        if span in groups:
            groups[span][1].append(j)
    out: list[tuple[int, int]] = []
    for gi, pj in groups.values():
        if not pj:
            continue
        by_label: dict[str, list[int]] = {}
        for i in gi:
            by_label.setdefault(glabels[i], []).append(i)
        left_p = []
        for j in sorted(pj, key=plabels.__getitem__):
            same = by_label.get(plabels[j])
            if same:
                out.append((same.pop(), j))
            else:
                left_p.append(j)
        left_g = sorted((i for lst in by_label.values() for i in lst), key=glabels.__getitem__)
        out.extend(zip(left_g, left_p))
    return out


def _overlap_edges(
    gspans: Spans, pspans: Spans, rest_g: list[int], rest_p: list[int], min_overlap: float = 0.0
) -> tuple[list[tuple[int, int, int]], bool]:
    """``(gold_i, pred_j, overlap_chars)`` for every overlapping pair (covering at least
    ``min_overlap`` of the gold span), and whether no entity is in two of them. A plain double loop
    for the few leftovers of a typical document, bisect on sorted starts for many."""
    edges: list[tuple[int, int, int]] = []
    if len(rest_g) * len(rest_p) <= 64:
        candidates: Any = [(j, rest_g) for j in rest_p]
    else:
        order = sorted(rest_g, key=gspans.__getitem__)
        starts = [gspans[i][0] for i in order]
        longest = max([gspans[i][1] - gspans[i][0] for i in order])
        candidates = [(j, order[bisect_right(starts, pspans[j][0] - longest):bisect_left(starts, pspans[j][1])])
                      for j in rest_p]
    isolated = True
    for j, golds in candidates:
        ps, pe = pspans[j]
        before = len(edges)
        for i in golds:
            gs, ge = gspans[i]
            ov = (ge if ge < pe else pe) - (gs if gs > ps else ps)
            if ov > 0 and (not min_overlap or ov >= min_overlap * (ge - gs) - 1e-9):
                edges.append((i, j, ov))
        if len(edges) - before > 1:
            isolated = False
    if isolated and len({i for i, _, _ in edges}) < len(edges):
        isolated = False
    return edges, isolated


def _assign(
    edges: list[tuple[int, int, int]], gspans: Spans, glabels: Sequence[str], pspans: Spans, plabels: Sequence[str]
) -> list[tuple[int, int]]:
    """Pairs from overlap edges: isolated edges directly, the rest by :func:`newsgold.match.match_pairs`
    (the project's matcher: most pairs, then most overlapping characters, then same label)."""
    gdeg = Counter(i for i, _, _ in edges)
    pdeg = Counter(j for _, j, _ in edges)
    out = [(i, j) for i, j, _ in edges if gdeg[i] == 1 and pdeg[j] == 1]
    hard = [(i, j, ov) for i, j, ov in edges if gdeg[i] > 1 or pdeg[j] > 1]
    # nodes in content order, so ties break the same way whatever the record order
    gs = sorted({i for i, _, _ in hard}, key=lambda i: (gspans[i], glabels[i]))
    ps = sorted({j for _, j, _ in hard}, key=lambda j: (pspans[j], plabels[j]))
    gpos = {i: r for r, i in enumerate(gs)}
    ppos = {j: c for c, j in enumerate(ps)}
    sim, bonus = np.zeros((len(gs), len(ps))), np.zeros((len(gs), len(ps)))
    most = max(ov for _, _, ov in hard) + 1  # overlap / most < 1, as match_pairs needs
    for i, j, ov in hard:
        sim[gpos[i], ppos[j]] = ov / most
        bonus[gpos[i], ppos[j]] = glabels[i] == plabels[j]
    out.extend((gs[r], ps[c]) for r, c in match_pairs(sim > 0, sim, bonus))
    return out


# --------------------------------------------------------------------------------------------
# Label maps
# --------------------------------------------------------------------------------------------
_MAP_NAME = re.compile(r"[A-Za-z0-9_-]+")


def shipped_label_maps() -> list[str]:
    """Names of the label maps shipped in ``eval/newsgold/data`` (``labelmap_<name>.json``)."""
    data = resources.files("newsgold") / "data"
    return sorted(p.name[9:-5] for p in data.iterdir() if re.fullmatch(r"labelmap_.+\.json", p.name))


@dataclass(frozen=True)
class LabelMap:
    """Entity label maps: one for the gold, one for the predictions (the same map unless the file
    is ``{"gold": {...}, "pred": {...}}``, e.g. for a system with its own label names). A label a
    map does not name is kept; a label mapped to ``None`` is dropped before matching."""

    gold: Mapping[str, str | None]
    pred: Mapping[str, str | None]

    def targets(self) -> list[str]:
        """The labels the gold is scored in: the image of the OntoNotes labels under the gold map.

        >>> load_label_map("conll").targets()
        ['LOC', 'MISC', 'ORG', 'PER']
        """
        return sorted({t for t in (self.gold.get(lab, lab) for lab in ENTITY_LABELS) if t is not None})

    def accepted(self) -> list[str]:
        """Prediction labels that are valid *after* the map: those the prediction map sends to a
        gold target (or drops), and the gold targets themselves.

        >>> "PER" in load_label_map("conll").accepted(), "PERSON" in load_label_map("conll").accepted()
        (True, True)
        """
        targets = set(self.targets())
        ok = {lab for lab, t in self.pred.items() if t is None or t in targets}
        return sorted(ok | {t for t in targets if t not in self.pred})


_TARGET_RULE = ("the target must be a non-empty label without spaces or dots, not 'O' or 'macro' "
                "(reserved in score names), or null")


def _read_map(where: str, data: dict, prefix: str = "") -> tuple[dict[str, str | None], list[Problem]]:
    problems = [
        Problem(where, 0, "label_map", f"{prefix}{k!r} -> {v!r}: {_TARGET_RULE}")
        for k, v in data.items()
        if v is not None and not (isinstance(v, str) and re.fullmatch(r"[^\s.]+", v) and v not in ("O", "macro"))
    ]
    return dict(data), problems


def load_label_map(name_or_path: str) -> LabelMap:
    """Read a label map: a shipped name (``"conll"``) or a path to a JSON object ``label -> label|null``,
    or ``{"gold": {...}, "pred": {...}}`` to map gold and prediction labels separately (a missing
    ``pred`` map is the gold map, a missing ``gold`` map keeps the gold labels).

    Raises :class:`InputError` for a missing file, invalid JSON or a malformed map.

    >>> m = load_label_map("conll")
    >>> m.gold["GPE"], m.gold["DATE"], m.pred is m.gold
    ('LOC', None, True)
    """
    where = str(name_or_path)
    shipped = resources.files("newsgold") / "data" / f"labelmap_{where}.json"
    if _MAP_NAME.fullmatch(where) and shipped.is_file():
        text = shipped.read_text(encoding="utf-8")
    else:
        try:
            text = Path(where).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as e:
            names = ", ".join(shipped_label_maps())
            msg = f"cannot read label map ({getattr(e, 'strerror', None) or e}); shipped maps: {names}"
            raise InputError(Problem(where, 0, "label_map", msg)) from None
    from newsgold.load import parse_json

    data = parse_json(text, where)
    if not isinstance(data, dict):
        raise InputError(Problem(where, 1, "label_map", "must be a JSON object mapping a label to a label or null"))
    if data and set(data) <= {"gold", "pred"} and all(isinstance(v, dict) for v in data.values()):
        gold, p1 = _read_map(where, data.get("gold", {}), "gold: ")
        pred, p2 = _read_map(where, data["pred"], "pred: ") if "pred" in data else (gold, [])
        problems = p1 + p2
        side = "gold: "
    else:
        gold, problems = _read_map(where, data)
        pred = gold
        side = ""
    # the gold side renames the gold's labels: a key that is none of them is a typo, not a no-op
    problems = [Problem(where, 0, "label_map", f"{side}{k!r}: not an entity label (the map renames the gold's "
                        f"labels: {', '.join(ENTITY_LABELS)})") for k in gold if k not in ENTITY_LABELS] + problems
    if problems:
        raise InputError(problems)
    return LabelMap(gold, pred)


@functools.lru_cache(maxsize=16)
def _cached_label_map(name_or_path: str) -> LabelMap:
    return load_label_map(name_or_path)


_START_END, _LABEL = attrgetter("start", "end"), attrgetter("label")


def _apply_map(ents: Sequence[Any], label_map: Mapping[str, str | None] | None) -> tuple[list, list, list[str]]:
    """Entities kept after the label map, their ``(start, end)`` spans and their mapped labels."""
    if label_map is None:
        return list(ents), list(map(_START_END, ents)), list(map(_LABEL, ents))
    kept, spans, labels = [], [], []
    for e in ents:
        label = label_map.get(e.label, e.label)
        if label is not None:
            kept.append(e)
            spans.append((e.start, e.end))
            labels.append(label)
    return kept, spans, labels


# --------------------------------------------------------------------------------------------
# The task
# --------------------------------------------------------------------------------------------
class EntitiesTask(TaskBase):
    """Entity mentions scored with the four SemEval-2013 schemes; headline = strict micro F1."""

    name = "entities"
    headline = "strict.f1"
    record = Entity
    fields = FIELDS["entities"]
    flat = True

    def signature(self, settings: Settings) -> str:
        from newsgold.signature import label_map_tag

        part = "ent:strict,exact,partial,type"
        if settings.min_overlap:
            part += f",minovl{settings.min_overlap:g}"
        return part + (f",map:{label_map_tag(settings.label_map)}" if settings.label_map else "")

    def prediction_fields(self, settings: Settings) -> dict[str, FieldSpec]:
        """Prediction labels are checked after the label map: with ``conll``, PER/ORG/LOC/MISC
        are as valid as the OntoNotes labels."""
        if not settings.label_map:
            return self.fields
        accepted = tuple(_cached_label_map(settings.label_map).accepted())
        return {**self.fields, "label": replace(self.fields["label"], choices=accepted)}

    def marks(self, record: Entity, settings: Settings, side: str) -> list[Mark]:
        """The mention with its label as scored: after ``--label-map`` (the gold's or the
        predictions' map, by ``side``), and not shown at all when the map drops its label (it was
        not scored)."""
        label: str | None = record.label
        if settings.label_map:
            maps = _cached_label_map(settings.label_map)
            label = (maps.pred if side == "pred" else maps.gold).get(record.label, record.label)
        if label is None:
            return []
        return [Mark(record.start, record.end, "entity", label, label)]

    def count(self, ctx: DocContext, settings: Settings) -> TaskCounts:
        """Match one document and tally outcomes per unit (see the module docstring)."""
        label_map = _cached_label_map(settings.label_map) if settings.label_map else None
        gold, gspans, glabels = _apply_map(ctx.gold.get("entities") or (), label_map.gold if label_map else None)
        pred, pspans, plabels = _apply_map(ctx.pred.get("entities") or (), label_map.pred if label_map else None)
        unit_of, doc_id = ctx.unit_of, ctx.doc.id
        out = TaskCounts()
        errors = out.errors
        same, overlapping = (_match(gspans, glabels, pspans, plabels, settings.min_overlap)
                             if gspans and pspans else ([], []))
        # one outcome per gold entity, and the label predicted for it ("O" = none)
        outcome = ["mis"] * len(gold)
        predicted = ["O"] * len(gold)
        is_matched = [False] * len(pred)
        xpred: list[int] = []  # predictions matched to a gold entity of another label
        for i, j in same:
            pl = predicted[i] = plabels[j]
            is_matched[j] = True
            if pl == glabels[i]:
                outcome[i] = "cor"
            else:
                outcome[i] = "label"
                xpred.append(j)
                errors.append(ErrorItem("entities", doc_id, "INC", gspans[i][0], gspans[i][1], gold[i].text,
                                        f"gold {glabels[i]}, predicted {pl}"))
        for i, j in overlapping:
            gl, pl = glabels[i], plabels[j]
            predicted[i] = pl
            is_matched[j] = True
            (gs, ge), (ps, pe) = gspans[i], pspans[j]
            boundary = f"boundary: predicted {shown(pred[j].text)} [{ps}:{pe}]"
            if gl == pl:
                outcome[i] = "bound"
                errors.append(ErrorItem("entities", doc_id, "PAR", gs, ge, gold[i].text, boundary))
            else:
                outcome[i] = "bound_label"
                xpred.append(j)
                errors.append(ErrorItem("entities", doc_id, "INC", gs, ge, gold[i].text,
                                        f"gold {gl}, predicted {pl}; {boundary}"))
        gunits = [unit_of(s) for s, _ in gspans]
        keys = Counter(zip(gunits, glabels, outcome))  # (unit, label, outcome) -> n
        out.pairs = list(zip(glabels, predicted))
        for i in [i for i, o in enumerate(outcome) if o == "mis"]:
            errors.append(ErrorItem("entities", doc_id, "FN", gspans[i][0], gspans[i][1], gold[i].text,
                                    f"missed {glabels[i]}"))
        for j in xpred:
            keys[(unit_of(pspans[j][0]), plabels[j], "xpred")] += 1
        for j in [j for j, m in enumerate(is_matched) if not m]:
            (ps, pe), pl = pspans[j], plabels[j]
            keys[(unit_of(ps), pl, "spu")] += 1
            out.pairs.append(("O", pl))
            errors.append(ErrorItem("entities", doc_id, "FP", ps, pe, pred[j].text, f"spurious {pl}"))
        rows = out.rows
        for (unit, label, outc), n in keys.items():
            row = rows.get(unit)
            if row is None:
                row = rows[unit] = Counter()
            by_label = _COLUMNS[outc]
            column = by_label.get(label)
            if column is None:
                column = by_label[label] = f"n.{label}.{outc}"
            row[column] = n
        return out

    def score(self, totals: Totals | Mapping[str, Any]) -> dict[str, Any]:
        """SemEval counts and P/R/F1 per scheme: overall (micro), per label and macro.

        Pure arithmetic on the totals, element-wise, so ``(B,)`` arrays give ``(B,)`` metrics.

        >>> m = EntitiesTask().score({"n.PER.cor": 3, "n.PER.bound": 1, "n.ORG.spu": 1})
        >>> m["strict.precision"], m["type.precision"], m["partial.PER.recall"], m["strict.macro.f1"]
        (0.6, 0.8, 0.875, 0.375)
        """
        labels = sorted({k[2:].rpartition(".")[0] for k in totals if k.startswith("n.")})
        if isinstance(totals, Totals):  # a missing column reads as zeros of the right shape
            zero, get = totals["\0"], totals.__getitem__
        else:
            zero, get = 0.0, lambda key: totals.get(key, 0.0)
        by_label = {lab: {o: get(f"n.{lab}.{o}") for o in OUTCOMES} for lab in labels}
        # labels present in gold or predictions, per resample: the macro denominator
        n_present = sum((np.asarray(sum(c.values())) > 0 for c in by_label.values()), np.zeros(np.shape(zero)))
        out: dict[str, Any] = {}
        for scheme, parts in SCHEME_OUTCOMES.items():
            overall = {k: zero for k in KINDS}
            macro = {"precision": zero, "recall": zero, "f1": zero}
            for lab in labels:
                counts = {k: sum((by_label[lab][o] for o in outs), zero) for k, outs in parts.items()}
                metrics = _metrics(counts)
                out.update({f"{scheme}.{lab}.{k}": v for k, v in metrics.items()})
                for k in KINDS:
                    overall[k] = overall[k] + counts[k]
                for k in macro:  # an absent label has all-zero metrics: only the denominator needs care
                    macro[k] = macro[k] + metrics[k]
            out.update({f"{scheme}.{k}": v for k, v in _metrics(overall).items()})
            denom = np.maximum(n_present, 1)
            out.update({f"{scheme}.macro.{k}": _plain(v / denom) for k, v in macro.items()})
        return out


def _metrics(c: Mapping[str, Any]) -> dict[str, Any]:
    """The five counts plus possible, actual, precision, recall, F1 (0.5 credit per PAR)."""
    possible = c["COR"] + c["INC"] + c["PAR"] + c["MIS"]
    actual = c["COR"] + c["INC"] + c["PAR"] + c["SPU"]
    p, r, f = prf(c["COR"] + 0.5 * c["PAR"], actual, possible)
    return {**{k: _plain(c[k]) for k in KINDS}, "possible": _plain(possible), "actual": _plain(actual),
            "precision": p, "recall": r, "f1": f}


def _plain(v: Any) -> Any:
    """0-d arrays -> float, arrays unchanged (keeps scalar output JSON-friendly)."""
    return float(v) if np.ndim(v) == 0 else v
