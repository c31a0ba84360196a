"""The README.md dataset card of the Hub export.

Everything factual in the card is computed from the exported data or read from files
(GUIDELINES.md, AGREEMENT.md, a benchmark report.json) at export time, so the card cannot drift
from the data and never shows a number nobody measured. The YAML header is produced by the
libraries that read it (``datasets`` writes ``configs`` / ``dataset_info`` the way
``load_dataset`` parses them; ``huggingface_hub.DatasetCardData`` dumps the YAML).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from newsgold.hf import CONFIGS, DEFAULT_CONFIG, SPLIT, ExportData, data_file
from newsgold.schema import CLAIM_STATUSES, ENTITY_LABELS, FIELDS, QUOTE_TYPES
from newsgold.tasks import TASKS
from newsgold.version import __version__

PRETTY_NAME = "newsgold: entities, quotes and claims in a news article"
LICENSE = "cc-by-4.0"
TAGS = ["news", "named-entity-recognition", "quotation-attribution", "claim-detection",
        "gold-standard", "evaluation", "span-annotation"]

CONFIG_DESCRIPTIONS = {
    "documents": "the article(s): text exactly as published, with metadata",
    "entities": "one row per named-entity mention (flat, 18 OntoNotes 5 labels)",
    "quotes": "one row per reported speech event (content, speaker, cue, relaying outlet)",
    "claims": "one row per factual proposition (span, claimant, status, check-worthiness)",
    "spans": "one row per document: its text with nested lists of all entities, quotes and claims",
}

_EXAMPLE_TEXT_LIMIT = 160


@dataclass
class CardSources:
    """Inputs of the card that are not the data itself."""

    guidelines: str | None = None
    agreement: str | None = None
    report: dict[str, Any] | None = None
    report_name: str | None = None
    schema_files: list[str] = field(default_factory=list)
    repo_id: str | None = None


# --------------------------------------------------------------------------------------------
# YAML header
# --------------------------------------------------------------------------------------------
def size_category(n: int) -> str:
    """The Hub's ``size_categories`` bucket for ``n`` examples.

    >>> size_category(80), size_category(1000), size_category(25_000)
    ('n<1K', '1K<n<10K', '10K<n<100K')
    """
    for limit, name in ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"),
                        (1_000_000, "100K<n<1M")):
        if n < limit:
            return name
    return "1M<n<10M"


def card_data(data: "ExportData") -> Any:
    """The ``DatasetCardData`` of the export: Hub metadata, ``configs`` and ``dataset_info``."""
    from datasets.info import DatasetInfo, DatasetInfosDict
    from datasets.splits import SplitDict, SplitInfo
    from datasets.utils.metadata import MetadataConfigs
    from huggingface_hub import DatasetCardData

    largest = max(len(rows) for rows in data.rows.values())
    languages = sorted({d.language for d in data.documents})
    card = DatasetCardData(
        language=languages,
        license=LICENSE,
        annotations_creators=["expert-generated"],
        language_creators=["found"],
        multilinguality=["monolingual" if len(languages) == 1 else "multilingual"],
        size_categories=[size_category(largest)],
        source_datasets=["original"],
        task_categories=["token-classification", "text-classification"],
        task_ids=["named-entity-recognition", "fact-checking"],
        pretty_name=PRETTY_NAME,
        tags=TAGS,
    )
    MetadataConfigs({
        c: {"data_files": [{"split": SPLIT, "path": data_file(c)}], **({"default": True} if c == DEFAULT_CONFIG else {})}
        for c in CONFIGS
    }).to_dataset_card_data(card)
    infos = {}
    for c in CONFIGS:
        splits = SplitDict()
        splits.add(SplitInfo(name=SPLIT, num_bytes=data.num_bytes[c], num_examples=len(data.rows[c])))
        infos[c] = DatasetInfo(features=data.features[c], splits=splits,
                               download_size=data.file_sizes[c], dataset_size=data.num_bytes[c])
    DatasetInfosDict(infos).to_dataset_card_data(card)
    return card


# --------------------------------------------------------------------------------------------
# body
# --------------------------------------------------------------------------------------------
def render_card(data: "ExportData", sources: CardSources) -> str:
    """The full README.md: YAML front matter, then the Markdown body."""
    yaml = card_data(data).to_yaml(line_break="\n")
    parts = [
        _description(data, sources),
        _structure(data),
        _annotation(sources),
        _statistics(data),
        _benchmark(sources),
        _limitations(data),
        _license(data),
        _citation(sources),
    ]
    return f"---\n{yaml}\n---\n\n" + "\n\n".join(p.strip("\n") for p in parts) + "\n"


def _table(header: list[str], rows: list[list[Any]]) -> str:
    from newsgold.report import md_table

    return "\n".join(md_table(header, [[str(c) for c in row] for row in rows]))


def _repo(sources: CardSources) -> str:
    return sources.repo_id or "<user>/<name>"


def _description(data: "ExportData", sources: CardSources) -> str:
    docs = data.documents
    n_chars = sum(len(d.text) for d in docs)
    doc_rows = [[f"`{d.id}`", d.title, d.published, d.language, len(d.text), f"`{d.source}`"] for d in docs]
    cfg_rows = [[f"`{c}`" + (" (default)" if c == DEFAULT_CONFIG else ""), len(data.rows[c]),
                 CONFIG_DESCRIPTIONS[c], f"`{data_file(c)}`"] for c in CONFIGS]
    return f"""# {PRETTY_NAME}

A gold-standard annotation of {_plural(len(docs), 'news article')} ({n_chars:,} characters, language:
{", ".join(sorted({d.language for d in docs}))}) for three information-extraction tasks:

* **entities**: flat named-entity mentions with the 18 OntoNotes 5 labels and a canonical key of the referent;
* **quotes**: reported speech events (`{"`, `".join(QUOTE_TYPES)}`) with content, speaker, speech cue and the
  outlet relaying the words;
* **claims**: verifiable propositions with their claimant, how they are presented
  (`{"`, `".join(CLAIM_STATUSES)}`) and whether a fact-checker would check them.

It is an **evaluation set** for extractors (the `newsgold` toolkit, version {__version__}, scores
predictions against it), not training data. Offsets are Python `str` indices (Unicode code points)
into the document text, end exclusive: `text[start:end] == span_text` holds for every span.

{_table(["document", "title", "published", "language", "characters", "source file"], doc_rows)}

## Configurations

One split, `{SPLIT}`, per configuration:

{_table(["config", "rows", "content", "file"], cfg_rows)}

```python
from datasets import load_dataset

entities = load_dataset("{_repo(sources)}", "entities", split="{SPLIT}")
label = entities.features["label"].int2str(entities[0]["label"])  # class labels are stored as ids
```"""


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _shorten(value: Any) -> Any:
    """An example row made readable: long strings cut, nested lists cut to their first item."""
    if isinstance(value, str) and len(value) > _EXAMPLE_TEXT_LIMIT:
        return value[:_EXAMPLE_TEXT_LIMIT] + f"… [{len(value)} characters]"
    if isinstance(value, dict):
        return {k: _shorten(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_shorten(v) for v in value[:1]] + ([f"… [{len(value)} items]"] if len(value) > 1 else [])
    return value


def _field_rows(config: str, data: "ExportData") -> list[list[Any]]:
    from newsgold.hf.features import describe

    kind = "documents" if config == "spans" else config
    specs = FIELDS[kind]
    rows = []
    for name, feature in data.features[config].items():
        spec = specs.get(name)
        if spec is None:  # a nested task list of the spans config
            rows.append([f"`{name}`", describe(feature), "no", f"the document's {name} (fields as in `{name}`, "
                                                                 "without `doc_id`)"])
            continue
        choices = f" ({', '.join(spec.choices)})" if spec.choices else ""
        rows.append([f"`{name}`", describe(feature), "yes" if spec.nullable else "no",
                     (spec.description + choices).strip()])
    return rows


def _structure(data: "ExportData") -> str:
    out = ["## Dataset structure",
           "Every configuration's features are declared in the YAML header (`dataset_info`) and in the "
           "Parquet files' `huggingface` metadata. Span fields are structs `{start, end, text}` (int32 "
           "offsets); a nullable span is `null` when absent. Examples below are the first row of each "
           "configuration, with long strings and nested lists shortened for display."]
    for c in CONFIGS:
        rows = data.rows[c]
        example = json.dumps(_shorten(rows[0]), indent=2, ensure_ascii=False) if rows else "(no rows)"
        out.append(f"### `{c}`\n\n{_sentence(CONFIG_DESCRIPTIONS[c])}.\n\n"
                   + _table(["field", "type", "nullable", "meaning"], _field_rows(c, data))
                   + f"\n\n```json\n{example}\n```")
    return "\n\n".join(out)


def _guidelines_summary(text: str) -> str:
    """Title, opening paragraph and section list of GUIDELINES.md (read, not retyped)."""
    lines = text.splitlines()
    title = next((ln[2:].strip() for ln in lines if ln.startswith("# ")), "annotation guidelines")
    paras = re.split(r"\n\s*\n", text.split("\n## ")[0])
    intro = next((" ".join(p.split()) for p in paras if p.strip() and not p.lstrip().startswith("#")), "")
    sections = [ln[3:].strip() for ln in lines if ln.startswith("## ")]
    body = f"The annotation follows **{title}** (shipped as [GUIDELINES.md](GUIDELINES.md)). {intro}"
    if sections:
        body += "\n\nThe guidelines cover:\n\n" + "\n".join(f"* {s}" for s in sections)
    return body


def agreement_table(text: str) -> str | None:
    """The summary table of AGREEMENT.md: the first Markdown table after a heading that mentions
    "summary", else the first table of the file; ``None`` when there is no table.

    >>> agreement_table("# A\\n\\n## Summary\\n\\n| task | F1 |\\n|---|---|\\n| entities | 0.9 |\\n\\nmore")
    '| task | F1 |\\n|---|---|\\n| entities | 0.9 |'
    """
    lines = text.splitlines()
    starts = [i for i, ln in enumerate(lines) if ln.lstrip().startswith("#") and "summary" in ln.lower()]
    for begin in (starts[0] if starts else 0, 0):
        table: list[str] = []
        for ln in lines[begin:]:
            if ln.lstrip().startswith("|"):
                table.append(ln.strip())
            elif table:
                break
        if len(table) >= 2:
            return "\n".join(table)
    return None


def _annotation(sources: CardSources) -> str:
    out = ["## How it was annotated"]
    if sources.guidelines:
        out.append(_guidelines_summary(sources.guidelines))
    else:
        out.append("No annotation guidelines were found next to the annotations at export time.")
    out.append("### Inter-annotator agreement")
    table = agreement_table(sources.agreement) if sources.agreement else None
    if table:
        out.append("From [AGREEMENT.md](AGREEMENT.md) (summary table, copied verbatim):\n\n" + table)
    elif sources.agreement:
        out.append("[AGREEMENT.md](AGREEMENT.md) is included; it has no summary table to copy here.")
    else:
        out.append("Inter-annotator agreement: not yet measured.")
    return "\n\n".join(out)


def _share(k: int, n: int) -> str:
    return f"{100 * k / n:.1f}%" if n else "–"


def _statistics(data: "ExportData") -> str:
    ents, quotes, claims = (data.rows[t] for t in TASKS)
    labels = Counter(e["label"] for e in ents)
    keys = {e["entity"] for e in ents if e["entity"] is not None}
    qtypes = Counter(q["type"] for q in quotes)
    statuses = Counter(c["status"] for c in claims)
    worthy = sum(1 for c in claims if c["checkworthy"])
    label_rows = [[f"`{lab}`", labels[lab], _share(labels[lab], len(ents))] for lab in ENTITY_LABELS]
    quote_rows = [[f"`{t}`", qtypes[t], _share(qtypes[t], len(quotes))] for t in QUOTE_TYPES]
    status_rows = [[f"`{s}`", statuses[s], _share(statuses[s], len(claims))] for s in CLAIM_STATUSES]
    n_speaker = sum(1 for q in quotes if q["speaker"] is not None)
    return f"""## Statistics

Computed from the exported data.

**Entities**: {len(ents)} mentions of {len(keys)} distinct referent keys.

{_table(["label", "mentions", "share"], label_rows)}

**Quotes**: {len(quotes)} ({n_speaker} with a named speaker).

{_table(["type", "quotes", "share"], quote_rows)}

**Claims**: {len(claims)}; check-worthy: {worthy} of {len(claims)} ({_share(worthy, len(claims))}).

{_table(["status", "claims", "share"], status_rows)}"""


def benchmark_rows(report: dict[str, Any]) -> list[list[str]]:
    """Table rows (backend, task, headline, precision, recall, F1 [CI]) from a ``newsgold benchmark``
    report.json, or from a ``newsgold score --json`` report (one system). Only numbers present in
    the report are shown, never computed; an unrecognised report gives no rows.

    >>> result = {"headline": "strict.f1", "metrics": {"strict.precision": 0.5, "strict.recall": 0.25,
    ...           "strict.f1": 0.3333}, "ci": {"strict.f1": [0.2, 0.45]}}
    >>> benchmark_rows({"backends": {"rules": {"status": "ok", "tasks": {"entities": {"result": result}}}}})
    [['rules', 'entities', 'strict.f1', '0.500', '0.250', '0.333 [0.200, 0.450]']]
    """
    from newsgold.metrics import headline_prf

    if isinstance(report.get("backends"), dict):
        systems = [(str(n), {t: v.get("result", v) for t, v in (b.get("tasks") or {}).items()})
                   for n, b in report["backends"].items() if isinstance(b, dict) and b.get("status") == "ok"]
    elif isinstance(report.get("tasks"), dict):
        pred = report.get("pred")
        systems = [(str(pred.get("path") if isinstance(pred, dict) else "system"), report["tasks"])]
    else:
        return []
    rows = []
    for name, tasks in systems:
        for task in TASKS:
            res = tasks.get(task)
            if not isinstance(res, dict) or not isinstance(res.get("metrics"), dict) or "headline" not in res:
                continue
            try:
                p, r, f1 = headline_prf(res)
            except (KeyError, TypeError, ValueError):
                continue
            ci = (res.get("ci") or {}).get(res["headline"])
            ci_s = f" [{ci[0]:.3f}, {ci[1]:.3f}]" if isinstance(ci, (list, tuple)) and len(ci) == 2 else ""
            cells = ["–" if x != x else f"{x:.3f}" for x in (p, r)]
            rows.append([name, task, res["headline"], *cells, f"{f1:.3f}{ci_s}"])
    return rows


def _benchmark(sources: CardSources) -> str:
    head = "## Benchmark of the built-in backends"
    if sources.report is None:
        return (f"{head}\n\nNo benchmark report was supplied to this export, so no scores are shown. "
                "Run `newsgold benchmark` and export again (`newsgold export-hf --report runs/<run>/report.json`).")
    rows = benchmark_rows(sources.report)
    where = f"`{sources.report_name}`" if sources.report_name else "the supplied report"
    if not rows:
        return (f"{head}\n\nA benchmark report ({where}) was supplied, but no precision / recall / F1 "
                "figures were found in it, so no scores are shown.")
    sig = sources.report.get("signature")
    sig_line = f"\n\nReport signature: `{sig}`" if isinstance(sig, str) and sig else ""
    return (f"{head}\n\nScores against this gold set, read from {where} (intervals, where given, are the "
            f"report's bootstrap confidence intervals). The built-in backends' general rules were developed "
            f"while reading this article, so their scores here are development-set figures; the project "
            f"measures generalisation on held-out articles (its `tests/data/heldout/`).{sig_line}\n\n"
            + _table(["backend", "task", "headline", "precision", "recall", "F1"], rows))


def _limitations(data: "ExportData") -> str:
    n = len(data.documents)
    return f"""## Limitations

* **{_plural(n, 'article')}.** {'The gold set is a single news article' if n == 1 else 'The gold set is small'}:
  scores on it have wide confidence intervals, say little about other outlets, topics or genres, and
  the label distribution above is that of this text, not of news in general. Do not train on it.
* The split is called `{SPLIT}` only because the Hub needs a split name; it is an evaluation set.
* Borderline cases are decided by the guidelines (see their hard cases); other annotation schemes
  (e.g. OntoNotes-trained models) decide some of them differently, which caps the score a system
  built for another scheme can reach here.
* Offsets count Unicode code points (Python `str` indices); JavaScript (UTF-16) or byte-based
  tools must convert them. The text keeps its non-breaking spaces and curly quotes."""


def _license(data: "ExportData") -> str:
    srcs = ", ".join(f"`{d.source}` (published {d.published})" for d in data.documents)
    return f"""## License and provenance

* **Annotations** (entities, quotes, claims, guidelines, schemas): [CC BY 4.0](https://creativecommons.org/licenses/by/4.0/).
* **Article text** (the `text` field of `documents` and `spans`): reproduced exactly as published, from
  {srcs}. The text is not covered by the CC BY 4.0 licence of the annotations; its copyright stays
  with its original publisher. It is included only so that the offsets can be resolved; check the
  publisher's terms before redistributing it on its own."""


def _citation(sources: CardSources) -> str:
    url = f"https://huggingface.co/datasets/{sources.repo_id}" if sources.repo_id else None
    lines = ["@misc{newsgold,", "  title        = {{newsgold}: a gold-standard annotation of entities, quotes and "
             "claims in a news article},", f"  note         = {{Dataset, version {__version__}}},"]
    if url:
        lines.append(f"  howpublished = {{\\url{{{url}}}}},")
    lines[-1] = lines[-1].rstrip(",")
    lines.append("}")
    return "## Citation\n\n```bibtex\n" + "\n".join(lines) + "\n```"


def _sentence(s: str) -> str:
    """Upper-case the first letter only (``str.capitalize`` would lower-case "OntoNotes")."""
    return s[:1].upper() + s[1:]
