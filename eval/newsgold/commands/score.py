"""``newsgold score``: score a predictions folder against the gold.

Prints the terminal report (metrics with bootstrap intervals, per-label tables, the first errors)
and, when asked, writes the JSON, Markdown and HTML reports atomically. A task whose prediction file is
missing is not scored (the system does not do it); an empty prediction file scores zero recall.
Heavy imports happen inside :func:`run`, so ``newsgold score --help`` is instant.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from newsgold.output import PathArg
from newsgold.tasks import TASKS  # the registry alone: no task module is imported for --help

DEFAULT_GOLD = "annotations"
DEFAULT_CORPUS = "corpus/documents.jsonl"
DATA_DIR = Path(__file__).resolve().parent.parent / "data"
MAX_RESAMPLES = 100_000
"""Cap on ``--bootstrap`` / ``--resamples``: the resampled counts take ``N x count columns`` floats
(a billion resamples would exhaust memory), and beyond ~10,000 a percentile interval stops moving."""


def fraction(allow_one: bool = True):
    """argparse type: a float in (0, 1], or in (0, 1) when ``allow_one`` is false."""

    def parse(s: str) -> float:
        try:
            x = float(s)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {s!r}") from None
        if not (0.0 < x < 1.0 or (allow_one and x == 1.0)):
            raise argparse.ArgumentTypeError(f"must be in (0, 1{']' if allow_one else ')'}")
        return x

    return parse


def _integer(s: str) -> int:
    try:
        return int(s)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {s!r}") from None


def non_negative(s: str) -> int:
    """argparse type: an integer >= 0."""
    n = _integer(s)
    if n < 0:
        raise argparse.ArgumentTypeError("must be >= 0")
    return n


def positive(s: str) -> int:
    """argparse type: an integer >= 1 (``--batch-size``, ``--max-errors``)."""
    n = _integer(s)
    if n < 1:
        raise argparse.ArgumentTypeError("must be >= 1")
    return n


def resamples(s: str) -> int:
    """argparse type for ``--bootstrap`` / ``--resamples``: 0 .. :data:`MAX_RESAMPLES`."""
    n = non_negative(s)
    if n > MAX_RESAMPLES:
        raise argparse.ArgumentTypeError(f"must be <= {MAX_RESAMPLES:,} (memory grows with it; "
                                         "10,000 already gives stable intervals)")
    return n


def n_process(s: str) -> int:
    """argparse type for spaCy's ``n_process``: a positive integer, or -1 (all cores)."""
    n = _integer(s)
    if n < 1 and n != -1:
        raise argparse.ArgumentTypeError("must be >= 1 or -1 (all cores)")
    return n


def task_names(s: str) -> list[str]:
    """argparse type of one ``--tasks`` word: a task, or several separated by commas and/or spaces
    (``entities,quotes``; ``quotes, claims`` typed as two words leaves a trailing comma).

    >>> task_names("claims,entities"), task_names("quotes,"), task_names("quotes claims")
    (['claims', 'entities'], ['quotes'], ['quotes', 'claims'])
    """
    names = [n for n in s.replace(",", " ").split()]
    if not names:
        raise argparse.ArgumentTypeError(f"invalid choice: {s!r} (choose from {', '.join(TASKS)})")
    for n in names:
        if n not in TASKS:
            raise argparse.ArgumentTypeError(f"invalid choice: {n!r} (choose from {', '.join(TASKS)})")
    return names


class _Tasks(argparse.Action):
    """Collects ``--tasks`` words into one list of task names, each once (a repeated ``--tasks``
    adds to the list)."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: object,
                 option_string: str | None = None) -> None:
        out: list[str] = list(getattr(namespace, self.dest, None) or [])
        for names in values:  # type: ignore[attr-defined]  # nargs="+": a list of task_names results
            for n in names:
                if n in out:
                    raise argparse.ArgumentError(self, f"task {n!r} named twice")
                out.append(n)
        setattr(namespace, self.dest, out)


def add_common(parser: argparse.ArgumentParser, errors_listing: bool = False) -> None:
    """Options shared by ``score`` and ``compare``: inputs and every knob of :class:`Settings`
    (``errors_listing``: ``--json`` also writes ``errors.jsonl`` beside the report)."""
    add_gold(parser)
    if errors_listing:
        parser.add_argument("--json", type=PathArg("write", beside=errors_beside), metavar="PATH",
                            help="also write the JSON report here (and every error item in errors.jsonl beside it)")
    else:
        parser.add_argument("--json", type=PathArg("write"), metavar="PATH", help="also write the JSON report here")
    parser.add_argument("--markdown", type=PathArg("write"), metavar="PATH", help="also write a Markdown report here")
    parser.add_argument("--tasks", nargs="+", type=task_names, action=_Tasks, metavar="TASK",
                        help=f"score only these tasks ({', '.join(TASKS)}; separated by spaces or commas; "
                             f"default: all the predictions have)")
    add_settings(parser)


GOLD_HELP = (f"gold folder, or a Hub export: hf:FOLDER or hf:USER/NAME[@REVISION], with #SPLIT to pick "
             f"a split (default #test) (default: {DEFAULT_GOLD})")


def gold_source(value: str) -> str:
    """argparse type of ``--gold``: a folder, or ``hf:SOURCE`` (a local export folder is read too)."""
    if not value:
        raise argparse.ArgumentTypeError("must not be empty")
    return value


def _gold_paths(value: str) -> list[str]:
    from newsgold.gold import gold_paths

    return gold_paths(value)


gold_source.read_paths = _gold_paths  # type: ignore[attr-defined]  # for newsgold.output.guard_command


def add_gold(parser: argparse.ArgumentParser) -> None:
    """``--gold`` and ``--corpus`` (shared by ``score``, ``compare`` and ``benchmark``)."""
    parser.add_argument("--gold", type=gold_source, default=DEFAULT_GOLD, metavar="DIR|hf:SOURCE", help=GOLD_HELP)
    parser.add_argument("--corpus", type=PathArg("read"), default=None, metavar="PATH",
                        help=f"corpus JSONL file of a gold folder (default: {DEFAULT_CORPUS}); "
                             "not used with an hf: gold, which carries its documents")


def add_settings(parser: argparse.ArgumentParser) -> None:
    """Every knob of :class:`newsgold.settings.Settings` except ``bootstrap`` (shared with ``benchmark``)."""
    parser.add_argument("--unit", choices=("auto", "document", "sentence"), default="auto",
                        help="resampling unit; auto = sentence for a one-document corpus, else document")
    parser.add_argument("--confidence", type=fraction(allow_one=False), default=0.95, metavar="LEVEL",
                        help="interval level (default 0.95)")
    parser.add_argument("--seed", type=non_negative, default=12345, metavar="N",
                        help="random seed, >= 0 (default 12345)")
    parser.add_argument("--quote-overlap", type=fraction(), default=0.5, metavar="X",
                        help="token-overlap threshold for matching quote content (default 0.5)")
    parser.add_argument("--claim-jaccard", type=fraction(), default=0.5, metavar="X",
                        help="token Jaccard threshold for matching claim spans (default 0.5)")
    parser.add_argument("--min-overlap", type=fraction(), default=0.0, metavar="FRACTION",
                        help="entities: a partial match must cover this share of the gold span "
                             "(nervaluate's min_overlap_percentage / 100; default: one shared character)")
    parser.add_argument("--label-map", type=PathArg("read"), metavar="NAME|PATH",
                        help="map entity labels first: a shipped map (eval/newsgold/data/labelmap_NAME.json) or a JSON file "
                             "(prediction labels are checked after it)")


def errors_beside(json_path: str) -> list[str]:
    """The file ``--json`` also writes: the full error listing beside the report (checked before the run too)."""
    from newsgold.report import errors_path

    return [str(errors_path(json_path))]


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--pred", type=PathArg("read", folder=True), required=True, metavar="DIR",
                        help="predictions folder")
    add_common(parser, errors_listing=True)
    parser.add_argument("--bootstrap", type=resamples, default=1000, metavar="N",
                        help="bootstrap resamples for the intervals; 0 = none (default 1000)")
    parser.add_argument("--errors", type=non_negative, default=20, metavar="N",
                        help="how many of the system's errors report.json lists per task; all of them go to "
                             "errors.jsonl (default 20; input problems are --max-errors)")
    parser.add_argument("--html", type=PathArg("write"), metavar="PATH",
                        help="also write a self-contained HTML report here: every error marked in the text")


def check_label_map(name: str | None) -> None:
    """A label map must be a shipped name or an existing file (bad input -> exit 2, one line)."""
    from newsgold.errors import InputError, Problem

    if name and not Path(name).is_file() and not (DATA_DIR / f"labelmap_{name}.json").is_file():
        shipped = sorted(p.stem.removeprefix("labelmap_") for p in DATA_DIR.glob("labelmap_*.json"))
        raise InputError(Problem(name, 0, "label_map", "no such file and no shipped map of that name"
                                 + (f" (shipped: {', '.join(shipped)})" if shipped else "")))


def settings_from(args: argparse.Namespace, bootstrap: int):
    from newsgold.settings import Settings

    check_label_map(args.label_map)
    return Settings(quote_overlap=args.quote_overlap, claim_jaccard=args.claim_jaccard,
                    min_overlap=args.min_overlap, label_map=args.label_map, unit=args.unit,
                    bootstrap=bootstrap, confidence=args.confidence, seed=args.seed)


def load_pred(folder: str, documents: list, tasks: list[str] | None, settings):
    """A prediction folder, read leniently under ``settings`` (see :func:`newsgold.load.load_annotations`),
    that must hold at least one task to score; its notes (ignored fields) go to stderr, and each
    wanted task without a file is not scored and says so in one note line."""
    import sys

    from newsgold.errors import InputError, Problem
    from newsgold.load import load_annotations

    pred = load_annotations(folder, documents, predictions=settings, tasks=tasks)
    for note in pred.notes:
        print(note, file=sys.stderr)
    wanted = tasks or list(TASKS)
    others = sorted(p.name for p in Path(folder).glob("*.jsonl") if p.stem not in TASKS)
    also = f" (other .jsonl files there: {', '.join(others)})" if others else ""
    if all(pred.task(t) is None for t in wanted):
        names = ", ".join(f"{t}.jsonl" for t in wanted)
        raise InputError(Problem(folder, 0, "folder", f"nothing to score: none of {names}{also}"))
    for t in wanted:
        if pred.task(t) is None:
            print(f"note: {folder} has no {t}.jsonl: {t} not scored{also}", file=sys.stderr)
    return pred


def gold_tasks(tasks: list[str] | None) -> list[str] | None:
    """The gold task files scoring ``tasks`` reads: the tasks and the gold they use
    (``Task.needs_gold``, e.g. quotes resolve speakers through the gold entities); ``None`` = all."""
    from newsgold.tasks import get_task

    if not tasks:
        return None
    return list(dict.fromkeys(n for t in tasks for n in (t, *get_task(t).needs_gold)))


def run(args: argparse.Namespace) -> int:
    from newsgold.gold import load_gold
    from newsgold.output import write_atomic, written_together
    from newsgold.pipeline import evaluate
    from newsgold.report import errors_jsonl, errors_path, to_json, to_markdown, to_terminal

    settings = settings_from(args, args.bootstrap)
    gold = load_gold(args.gold, args.corpus, tasks=gold_tasks(args.tasks))
    pred = load_pred(args.pred, gold.documents, args.tasks, settings)
    report, tables = evaluate(gold.documents, gold.annotations, pred, settings, gold_checksum=gold.checksum,
                              tasks=args.tasks, errors=args.errors)
    print(to_terminal(report, errors=args.errors), end="")
    with written_together():  # all the files or none (e.g. one of them edited since newsgold wrote it)
        if args.json:
            # the full error listing streams to errors.jsonl beside the report; report.json keeps the first N
            write_atomic(errors_path(args.json), errors_jsonl(tables), field="json")
            write_atomic(args.json, to_json(report), field="json")
        if args.markdown:
            write_atomic(args.markdown, to_markdown(report, errors=args.errors), field="markdown")
        if args.html:
            from newsgold.html_report import score_html

            every = {**report, "tasks": {t: {**r, "errors": [e.to_dict() for e in tables[t].errors]}  # the page shows them all
                                         for t, r in report["tasks"].items()}}
            write_atomic(args.html, score_html(every, gold.documents, gold.annotations, pred, settings), field="html")
    return 0
