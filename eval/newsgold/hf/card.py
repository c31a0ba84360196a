"""The README.md dataset card and LICENSE.md of the Hub export.

The card is huggingface_hub's official dataset card template (``DatasetCard.from_template``) with
every section filled in. Everything factual is computed from the exported data or read from files
at export time -- ``provenance.json`` beside each corpus (publisher, URL, licence per document),
``agreement.json`` beside each gold (written by ``scripts/agreement.py --json``), the guidelines,
benchmark ``report.json`` files -- so the card cannot drift from the data and never shows a number
nobody measured. The YAML header is produced by the libraries that read it (``datasets`` writes
``configs`` / ``dataset_info`` the way ``load_dataset`` parses them; ``DatasetCardData`` dumps it).
The card links only to files the export contains (:mod:`newsgold.hf.cardcheck` checks it).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from newsgold.hf import DEFAULT_CONFIG, METADATA_FILE, PASS_CONFIGS, ExportData, SplitData, data_file
from newsgold.schema import CLAIM_STATUSES, ENTITY_LABELS, FIELDS, QUOTE_TYPES
from newsgold.tasks import TASKS
from newsgold.version import __version__

PRETTY_NAME = "newsgold: entities, quotes and claims in news texts"
AUTHORS = "newsgold maintainers"
"""Author of the dataset for citations (also in CITATION.cff; a test keeps them equal)."""
YEAR = 2026
"""Year of the dataset for citations (also in CITATION.cff)."""
LICENSE_NAME = "cc-by-4.0-annotations-mixed-texts"
LICENSE_FILE = "LICENSE.md"
ANNOTATIONS_LICENSE = ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/")
TAGS = ["news", "named-entity-recognition", "quotation-attribution", "claim-detection",
        "gold-standard", "evaluation", "span-annotation"]
TASK_CATEGORIES = {"token-classification": ["named-entity-recognition"], "text-classification": ["fact-checking"]}
"""Hub task categories and their task ids (subtasks as listed in huggingface.js ``pipelines.ts``)."""

ANNOTATORS = (
    "The two blind passes (`pass1`, `pass2`) of each split were made by separate sessions of an AI language "
    "model, not by people. Each session worked by reading the texts under the written guidelines; no NLP model "
    "and no extractor output was used, and the sessions of the second pass never saw the first pass. Because all "
    "sessions are the same model, they share one way of reading the guidelines: the agreement below is an upper "
    "bound on what two independent human annotators would reach, and it measures how consistently the guidelines "
    "can be applied, not human consensus. The gold was then adjudicated by reading, with every decision logged."
)
"""Who made the passes of the project's gold (stated in the card when passes are exported)."""

CONFIG_DESCRIPTIONS = {
    "documents": "the texts exactly as published, with metadata",
    "entities": "one row per named-entity mention (flat, 18 OntoNotes 5 labels)",
    "quotes": "one row per reported speech event (content, speaker, cue, relaying outlet)",
    "claims": "one row per factual proposition (span, claimant, status, check-worthiness)",
    "spans": "one row per document: its text with nested lists of all entities, quotes and claims",
    "ner": "one row per sentence: tokens, IOB2 entity tags and token offsets (the conll2003 layout)",
    "pass1": "the first blind annotation pass, one row per document (layout of `spans`)",
    "pass2": "the second blind annotation pass, one row per document (layout of `spans`)",
}

FIELD_MEANINGS = {
    "doc_id": "id of the document (`documents.id`)",
    "id": "record id, unique within its config and split",
    "title": "the title as published",
    "source": "where the text was taken from: its original URL, or the copy's location or file name",
    "claimant_span": "span naming the claimant (null for ARTICLE and unnamed sources)",
    "checkworthy": "would a fact-checker verify it",
}
"""Card wording for fields whose schema description is empty or too narrow for the card."""

_EXAMPLE_TEXT_LIMIT = 160


@dataclass
class CardSources:
    """Inputs of the card that are not the data itself."""

    guidelines: str | None = None
    reports: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)  # (split, name, report)
    repo_id: str | None = None
    files: dict[str, Any] = field(default_factory=dict)  # what copy_docs copied (links may point there)


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


def languages(data: ExportData) -> list[str]:
    return sorted({d.language for s in data.splits.values() for d in s.documents})


def card_data(data: ExportData) -> Any:
    """The ``DatasetCardData`` of the export: Hub metadata, ``configs`` and ``dataset_info``."""
    from datasets.info import DatasetInfo, DatasetInfosDict
    from datasets.splits import SplitDict, SplitInfo
    from datasets.utils.metadata import MetadataConfigs
    from huggingface_hub import DatasetCardData

    largest = max(sum(len(s.rows.get(c, [])) for s in data.splits.values()) for c in data.configs)
    langs = languages(data)
    card = DatasetCardData(
        language=langs,
        license="other",
        license_name=LICENSE_NAME,
        license_link=LICENSE_FILE,
        annotations_creators=["machine-generated"],
        language_creators=["found"],
        multilinguality=["monolingual" if len(langs) == 1 else "multilingual"],
        size_categories=[size_category(largest)],
        source_datasets=["original"],
        task_categories=list(TASK_CATEGORIES),
        task_ids=[t for ids in TASK_CATEGORIES.values() for t in ids],
        pretty_name=PRETTY_NAME,
        tags=TAGS,
    )
    MetadataConfigs({
        c: {"data_files": [{"split": s, "path": data_file(c, s)} for s in data.config_splits(c)],
            **({"default": True} if c == DEFAULT_CONFIG else {})}
        for c in data.configs
    }).to_dataset_card_data(card)
    infos = {}
    for c in data.configs:
        splits = SplitDict()
        for s in data.config_splits(c):
            splits.add(SplitInfo(name=s, num_bytes=data.num_bytes[(c, s)], num_examples=len(data.splits[s].rows[c])))
        infos[c] = DatasetInfo(features=data.features[c], splits=splits,
                               download_size=sum(data.file_sizes[(c, s)] for s in data.config_splits(c)),
                               dataset_size=sum(data.num_bytes[(c, s)] for s in data.config_splits(c)))
    DatasetInfosDict(infos).to_dataset_card_data(card)
    return card


# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------
def _table(header: list[str], rows: list[list[Any]]) -> str:
    from newsgold.report import md_table

    return "\n".join(md_table(header, [[str(c).replace("|", "\\|").replace("\n", " ") for c in row] for row in rows]))


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _share(k: int, n: int) -> str:
    return f"{100 * k / n:.1f}%" if n else "–"


def _sentence(s: str) -> str:
    """Upper-case the first letter only (``str.capitalize`` would lower-case "OntoNotes")."""
    return s[:1].upper() + s[1:]


def _repo(sources: CardSources) -> str:
    return sources.repo_id or "<user>/<name>"


def _url(sources: CardSources) -> str | None:
    return f"https://huggingface.co/datasets/{sources.repo_id}" if sources.repo_id else None


def _prov(split: SplitData, key: str) -> str | None:
    value = (split.provenance or {}).get(key)
    return value if isinstance(value, str) and value.strip() else None


def _doc_prov(split: SplitData, doc_id: str) -> dict[str, Any]:
    return ((split.provenance or {}).get("documents") or {}).get(doc_id) or {}


def _split_names(data: ExportData) -> str:
    return ", ".join(f"`{name}`" for name in data.splits)


def _language_names(codes: Sequence[str]) -> str:
    """Language names from the ISO code list ``datasets`` ships (no network)."""
    import importlib.resources

    try:
        names = json.loads(importlib.resources.files("datasets.utils.resources").joinpath("languages.json")
                           .read_text(encoding="utf-8"))
    except (OSError, ValueError, ModuleNotFoundError):  # pragma: no cover - resource moved
        names = {}
    return ", ".join(f"{names.get(c, c)} (`{c}`)" for c in codes)


def _span_texts(ids: Sequence[str]) -> str:
    return ", ".join(f"`{i}`" for i in ids)


# --------------------------------------------------------------------------------------------
# sections of the template
# --------------------------------------------------------------------------------------------
def _summary(data: ExportData) -> str:
    n_docs = sum(len(s.documents) for s in data.splits.values())
    counts = {t: sum(len(s.rows[t]) for s in data.splits.values()) for t in TASKS}
    parts = [f"`{name}`: {_prov(s, 'description') or _plural(len(s.documents), 'document')}"
             for name, s in data.splits.items()]
    return (f"Gold-standard annotations of **named entities** ({counts['entities']} mentions, 18 OntoNotes 5 labels), "
            f"**quotes** ({counts['quotes']} reported speech events with speaker and cue) and **claims** "
            f"({counts['claims']} propositions with claimant, status and check-worthiness) in "
            f"{_plural(n_docs, 'text')} ({', '.join(languages(data))}), in {_plural(len(data.splits), 'split')}: "
            + "; ".join(parts)
            + ". It is an evaluation set for information extractors, not training data; the `ner` config gives the "
              "entities as IOB2-tagged tokens, the way conll2003 does.")


def _description(data: ExportData) -> str:
    rows = []
    for name, s in data.splits.items():
        rows.append([f"`{name}`", len(s.documents), f"{sum(len(d.text) for d in s.documents):,}",
                     *(len(s.rows[t]) for t in TASKS), len(s.rows["ner"]),
                     "yes" if set(PASS_CONFIGS) <= set(s.rows) else "no"])
    return f"""Three information-extraction tasks are annotated on the same texts:

* **entities**: flat named-entity mentions with the 18 OntoNotes 5 labels and a canonical key of the referent;
* **quotes**: reported speech events (`{"`, `".join(QUOTE_TYPES)}`) with content, speaker, speech cue and the
  outlet relaying the words;
* **claims**: verifiable propositions with their claimant, how they are presented
  (`{"`, `".join(CLAIM_STATUSES)}`) and whether a fact-checker would check them.

Offsets are Python `str` indices (Unicode code points) into the document text, end exclusive:
`text[start:end] == span_text` holds for every span. The splits:

{_table(["split", "documents", "characters", "entities", "quotes", "claims", "ner sentences", "blind passes"], rows)}

The `newsgold` evaluation toolkit (version {__version__}) wrote this export and scores predictions against it
with optimal one-to-one matching, bootstrap confidence intervals and paired significance tests."""


def _license_summary(data: ExportData) -> str:
    parts = [f"annotations {ANNOTATIONS_LICENSE[0]}"]
    for name, s in data.splits.items():
        kinds = Counter(_doc_prov(s, d.id).get("licence") or "not recorded" for d in s.documents)
        parts.append(f"texts of `{name}`: " + "; ".join(f"{lic} ({_plural(n, 'document')})" for lic, n in kinds.items()))
    return f"other, per part (see [{LICENSE_FILE}]({LICENSE_FILE})): " + "; ".join(parts)


def _repository(sources: CardSources) -> str:
    where = f"[{sources.repo_id}]({_url(sources)})" if sources.repo_id else "this Hub dataset repository"
    return (f"{where}; the files are written by the `newsgold` evaluation toolkit, version {__version__} "
            "(`newsgold export-hf`)")


def _direct_use(data: ExportData, sources: CardSources) -> str:
    return f"""Scoring information extractors (named-entity recognisers, quote attributors, claim detectors) against a
gold standard whose every decision is written down. Load a config and split with `datasets`:

```python
from datasets import load_dataset

entities = load_dataset("{_repo(sources)}", "entities", split="test")
label = entities.features["label"].int2str(entities[0]["label"])  # class labels are stored as ids
ner = load_dataset("{_repo(sources)}", "ner", split="validation")  # tokens + ner_tags, as conll2003
names = ner.features["ner_tags"].feature.names
```

or score a predictions folder (JSONL records in the same format) with the toolkit, which reads the export
directly and gives the same report signature as the JSONL gold it was made from:

```bash
newsgold score --gold hf:{_repo(sources)}@v{__version__}#validation --pred my_predictions/
```

Use the `validation` split while developing a system and report the `test` split (and which split) at the end;
report confidence intervals, which are wide on data this small. Pin a revision (`revision="v{__version__}"`) so
that scores stay comparable."""


def _out_of_scope(data: ExportData) -> str:
    n = sum(len(s.rows["entities"]) for s in data.splits.values())
    return (f"* Training models: the whole set has {n} entity mentions; a model trained on it would learn little and "
            "could no longer be evaluated on it.\n"
            "* Estimating how a system does on news in general: the texts come from few publishers, years and genres "
            "(see Source Data).\n"
            "* Judging whether a claim is true: `checkworthy` and `status` describe how a claim is presented, not "
            "whether it is correct.\n"
            "* Drawing conclusions about the people named in the texts.")


def _field_rows(config: str, data: ExportData) -> list[list[Any]]:
    from newsgold.hf.features import describe

    kind = "documents" if config in ("spans", *PASS_CONFIGS) else config
    specs = FIELDS.get(kind, {})
    ner_meanings = {"id": "`<doc_id>-<row number>`", "doc_id": "the document",
                    "tokens": "spaCy English tokenizer tokens, whitespace tokens left out",
                    "ner_tags": "IOB2 tag per token: `O`, `B-<label>`, `I-<label>` over the 18 entity labels",
                    "offsets": "each token's character offsets `{start, end}` into the document text"}
    rows = []
    for name, feature in data.features[config].items():
        spec = specs.get(name)
        if config == "ner":
            rows.append([f"`{name}`", describe(feature), "no", ner_meanings[name]])
        elif spec is None:  # a nested task list of the spans/pass configs
            rows.append([f"`{name}`", describe(feature), "no",
                         f"the document's {name} (fields as in `{name}`, without `doc_id`)"])
        else:
            choices = f" ({', '.join(spec.choices)})" if spec.choices else ""
            meaning = FIELD_MEANINGS.get(name) or spec.description
            rows.append([f"`{name}`", describe(feature), "yes" if spec.nullable else "no", (meaning + choices).strip()])
    return rows


def _shorten(value: Any) -> Any:
    """An example row made readable: long strings cut, nested lists cut to their first items."""
    if isinstance(value, str) and len(value) > _EXAMPLE_TEXT_LIMIT:
        return value[:_EXAMPLE_TEXT_LIMIT] + f"… [{len(value)} characters]"
    if isinstance(value, dict):
        return {k: _shorten(v) for k, v in value.items()}
    if isinstance(value, list):
        keep = 8 if value and not isinstance(value[0], (dict, list)) else 1
        return [_shorten(v) for v in value[:keep]] + ([f"… [{len(value)} items]"] if len(value) > keep else [])
    return value


def _ner_notes(data: ExportData) -> str:
    import spacy

    merged = sum(1 for s in data.splits.values() for n in s.notes if "sentence splitter" in n)
    split_tokens = sum(1 for s in data.splits.values() for n in s.notes if "token boundaries" in n)
    out = (f"Sentences come from newsgold's fixed, rule-based splitter; tokens from spaCy's English tokenizer "
           f"(`spacy.blank(\"en\")`, spaCy {spacy.__version__}, rules only), whitespace tokens left out. "
           f"The tags decode back to exactly the gold entities (the export checks it): where a gold entity "
           f"crosses a boundary of the splitter, the sentences it touches are one row ({merged} such "
           f"{'entity' if merged == 1 else 'entities'}); where an entity edge falls inside a token, the token is "
           f"split there ({split_tokens} such {'entity' if split_tokens == 1 else 'entities'}).")
    notes = [f"* `{name}`: {n}" for name, s in data.splits.items() for n in s.notes]
    return out + ("\n\n" + "\n".join(notes) if notes else "")


def _structure(data: ExportData, sources: CardSources) -> str:
    cfg_rows = [[f"`{c}`" + (" (default)" if c == DEFAULT_CONFIG else ""),
                 *(len(data.splits[s].rows[c]) if c in data.splits[s].rows else "–" for s in data.splits),
                 CONFIG_DESCRIPTIONS[c]] for c in data.configs]
    out = [f"Splits: {_split_names(data)}, by source (see Source Data); a document is in one split only. "
           "Configurations (rows per split):",
           _table(["config", *(f"`{s}`" for s in data.splits), "content"], cfg_rows),
           "Every configuration's features are declared in the YAML header (`dataset_info`) and in the Parquet "
           "files' `huggingface` metadata. Span fields are structs `{start, end, text}` (int32 offsets); a nullable "
           "span is `null` when absent. Records of one document share its `doc_id`; canonical keys (`entity`, "
           "`speaker_entity`, `via`, `claimant`) link mentions, quotes and claims of one referent within a document. "
           f"[{METADATA_FILE}]({METADATA_FILE}) holds, per split, the checksums of the gold files the export was "
           "made from and of its records. JSON Schemas of the record types are in " +
           ", ".join(f"[{p.split('/')[-1]}]({p})" for p in sources.files.get("schemas", [])) + ".",
           "Examples below are the first row of each configuration's first split, long strings and lists shortened."]
    first = next(iter(data.splits))
    for c in data.configs:
        section = f"### `{c}`\n\n{_sentence(CONFIG_DESCRIPTIONS[c])}."
        if c in PASS_CONFIGS:  # same features as spans: no second copy of the table
            out.append(section + " Fields and features as in `spans`; the records are that pass's, before adjudication.")
            continue
        split = first if c in data.splits[first].rows else data.config_splits(c)[0]
        rows = data.splits[split].rows[c]
        example = json.dumps(_shorten(rows[0]), indent=2, ensure_ascii=False) if rows else "(no rows)"
        section += ("\n\n" + _table(["field", "type", "nullable", "meaning"], _field_rows(c, data))
                    + f"\n\n```json\n{example}\n```")
        if c == "ner":
            section += "\n\n" + _ner_notes(data)
        out.append(section)
    return "\n\n".join(out)


def _rationale(data: ExportData) -> str:
    return ("Extractors of entities, quotes and claims from news are usually scored on separate datasets with "
            "different conventions, without confidence intervals. This set annotates all three tasks on the same "
            "texts under one written set of guidelines, with hard cases decided and logged, so that systems can be "
            "compared on the same decisions and with honest uncertainty. The texts are stored byte-exact, so the "
            "offsets stay valid, and the real-text split consists of public-domain texts so that it can be "
            "redistributed with the annotations.")


def _collection(data: ExportData) -> str:
    out = []
    for name, s in data.splits.items():
        rows = []
        for d in s.documents:
            copied = _doc_prov(s, d.id).get("copied_from")
            rows.append([f"`{d.id}`", d.title, d.published, f"{len(d.text):,}", copied or "–"])
        out.append(f"**`{name}`** — {_prov(s, 'collection') or 'How the texts were collected is not recorded.'}\n\n"
                   + _table(["document", "title", "published", "characters", "copied from"], rows))
    return "\n\n".join(out)


def _producers(data: ExportData) -> str:
    out = []
    for name, s in data.splits.items():
        rows = []
        for d in s.documents:
            p = _doc_prov(s, d.id)
            url = p.get("url")
            where = f"<{url}>" if url else (p.get("url_note") or "not recorded")
            rows.append([f"`{d.id}`", p.get("publisher") or "not recorded", p.get("kind") or "–", where])
        out.append(f"**`{name}`** — {_prov(s, 'producers') or 'Who produced the texts is not recorded.'}\n\n"
                   + _table(["document", "publisher", "kind", "original URL"], rows))
    return "\n\n".join(out)


def _guidelines(sources: CardSources) -> str:
    """Title and section list of the guidelines (read, not retyped); linked when the export has them."""
    text = sources.guidelines
    if not text:
        return "No annotation guidelines were supplied to this export."
    lines = text.splitlines()
    title = next((ln[2:].strip() for ln in lines if ln.startswith("# ")), "the annotation guidelines")
    link = sources.files.get("guidelines")
    named = f"[{title}]({link})" if link else title
    sections = [ln[3:].strip() for ln in lines if ln.startswith("## ")]
    body = f"The annotation follows **{named}**."
    if sections:
        body += " They cover:\n\n" + "\n".join(f"* {s}" for s in sections)
    return body


def agreement_table(agreement: dict[str, Any]) -> str:
    """The agreement figures of ``agreement.json`` as a Markdown table.

    >>> print(agreement_table({"rows": [{"task": "entities", "label": "strict F1", "value": 0.9, "ci": [0.8, 1.0]}]}))
    | task | measure | agreement | 95% CI |
    |---|---|---:|---:|
    | entities | strict F1 | 0.900 | [0.800, 1.000] |
    """
    rows = []
    for r in agreement["rows"]:
        ci = r.get("ci")
        rows.append([r["task"], r["label"], f"{float(r['value']):.3f}",
                     f"[{float(ci[0]):.3f}, {float(ci[1]):.3f}]" if isinstance(ci, list) and len(ci) == 2 else "–"])
    return _table(["task", "measure", "agreement", "95% CI"], rows)


def _annotation_process(data: ExportData, sources: CardSources) -> str:
    out = [_guidelines(sources),
           "Process, per split: the guidelines were written first; two blind passes (`pass1`, `pass2`, exported as "
           "configs) annotated every document independently; agreement between the passes was computed with the "
           "newsgold scorer itself (`pass1` as reference; span F1 is symmetric); disagreements were adjudicated by "
           "reading, and decisions that fix a rule were folded back into the guidelines. The gold (`entities`, "
           "`quotes`, `claims`) is the adjudicated result."]
    for name, s in data.splits.items():
        docs = sources.files.get("splits", {}).get(name, [])
        links = ", ".join(f"[{p.split('/')[-1]}]({p})" for p in docs if not p.endswith(".json"))
        head = f"**Agreement on `{name}`**"
        if s.agreement is None:
            out.append(f"{head}: not measured (no agreement figures were supplied for this split).")
            continue
        counts = s.agreement.get("counts") or {}
        sizes = "; ".join(f"{t} {counts[t][0]} / {counts[t][1]}" for t in TASKS
                          if isinstance(counts.get(t), list) and len(counts[t]) == 2)
        unit = next((part[5:] for part in str(s.agreement.get("signature", "")).split("|")
                     if part.startswith("unit:")), "unit")
        out.append(f"{head} ({_plural(int(s.agreement.get('documents', 0)), 'document')}; pass sizes pass1 / pass2: "
                   f"{sizes}; bootstrap intervals over {unit}s; signature `{s.agreement.get('signature', '')}`):\n\n"
                   + agreement_table(s.agreement)
                   + (f"\n\nThe disagreements and their decisions: {links}." if links else ""))
    return "\n\n".join(out)


def _annotators(data: ExportData) -> str:
    has_passes = any(set(PASS_CONFIGS) & set(s.rows) for s in data.splits.values())
    if not has_passes:
        return "The annotation passes were not supplied to this export; who made them is not recorded here."
    return ANNOTATORS


def _personal(data: ExportData) -> str:
    out = []
    for name, s in data.splits.items():
        persons = [r for r in s.rows["entities"] if r["label"] == "PERSON"]
        keys = {r["entity"] or r["text"] for r in persons}
        out.append(f"* `{name}`: {len(persons)} PERSON mentions of {len(keys)} distinct people. "
                   + (_prov(s, "personal_information") or "What kind of people they are is not recorded."))
    return ("The texts are published news and press texts; they name real people. No other personal data (addresses, "
            "contact details, identifiers) was added.\n\n" + "\n".join(out))


def _limitations(data: ExportData) -> str:
    out = []
    for name, s in data.splits.items():
        dates = sorted(d.published for d in s.documents)
        span = dates[0][:4] if dates[0][:4] == dates[-1][:4] else f"{dates[0][:4]}–{dates[-1][:4]}"
        pubs = sorted({_doc_prov(s, d.id).get("publisher") or "not recorded" for d in s.documents})
        out.append(f"* `{name}`: {_plural(len(s.documents), 'document')} ({span}), "
                   f"{_plural(len(s.rows['ner']), 'sentence')}; publishers: {'; '.join(pubs)}.")
    return ("* **Small.** Scores on this set have wide confidence intervals and say little about other outlets, "
            "topics, periods or genres; the label distribution below is that of these texts, not of news in general:\n"
            + "\n".join("  " + line for line in out) + "\n"
            "* **Annotated by an AI language model** (see Who are the annotators?): systematic misreadings shared "
            "by all its sessions would not show up as disagreement.\n"
            "* **One scheme.** Borderline cases are decided by the guidelines; other schemes (e.g. OntoNotes-trained "
            "models) decide some of them differently, which caps the score a system built for another scheme can "
            "reach here.\n"
            "* **Not unseen by the toolkit's built-in backends**: their general rules were developed while reading "
            "both splits' error listings, so their scores here are development figures.\n"
            "* Offsets count Unicode code points (Python `str` indices); JavaScript (UTF-16) or byte-based tools "
            "must convert them. The texts keep their no-break spaces and curly quotation marks.\n\n"
            + _statistics(data))


def _statistics(data: ExportData) -> str:
    out = ["Label distribution (all splits):"]
    ents = [r for s in data.splits.values() for r in s.rows["entities"]]
    quotes = [r for s in data.splits.values() for r in s.rows["quotes"]]
    claims = [r for s in data.splits.values() for r in s.rows["claims"]]
    labels = Counter(e["label"] for e in ents)
    qtypes = Counter(q["type"] for q in quotes)
    statuses = Counter(c["status"] for c in claims)
    worthy = sum(1 for c in claims if c["checkworthy"])
    keys = {(e["doc_id"], e["entity"]) for e in ents if e["entity"] is not None}
    n_speaker = sum(1 for q in quotes if q["speaker"] is not None)
    out.append(f"**Entities**: {len(ents)} mentions of {len(keys)} distinct referent keys (per document).\n\n"
               + _table(["label", "mentions", "share"], [[f"`{lab}`", labels[lab], _share(labels[lab], len(ents))]
                                                           for lab in ENTITY_LABELS]))
    out.append(f"**Quotes**: {len(quotes)} ({n_speaker} with a named speaker).\n\n"
               + _table(["type", "quotes", "share"], [[f"`{t}`", qtypes[t], _share(qtypes[t], len(quotes))]
                                                       for t in QUOTE_TYPES]))
    out.append(f"**Claims**: {len(claims)}; check-worthy: {worthy} of {len(claims)} ({_share(worthy, len(claims))}).\n\n"
               + _table(["status", "claims", "share"], [[f"`{s}`", statuses[s], _share(statuses[s], len(claims))]
                                                         for s in CLAIM_STATUSES]))
    return "\n\n".join(out)


def _recommendations(data: ExportData) -> str:
    return ("Report which split a score is on and its confidence interval; compare systems with a paired test "
            "(`newsgold compare`) rather than by point estimates; pin the dataset revision; map your system's label "
            "scheme to OntoNotes 5 labels before scoring and say so; read the guidelines' decided hard cases before "
            "attributing errors to a system; do not train on this set.")


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


def _benchmarks(data: ExportData, sources: CardSources) -> str:
    head = "**Scores of the toolkit's built-in backends.**"
    if not sources.reports:
        return (f"{head} No benchmark report was supplied to this export, so no scores are shown "
                "(`newsgold export-hf --report <report.json>` adds them).")
    out = [f"{head} Read from the benchmark reports supplied to the export (intervals are the reports' bootstrap "
           "confidence intervals). The backends' rules were developed while reading both splits, so these are "
           "development figures, not estimates on unseen news."]
    for split, _name, report in sources.reports:
        rows = benchmark_rows(report)
        sig = report.get("signature")
        sig_s = f" (signature `{sig}`)" if isinstance(sig, str) and sig else ""
        if not rows:
            out.append(f"Split `{split}`: the supplied report{sig_s} holds no precision / recall / F1 figures.")
            continue
        out.append(f"Split `{split}`{sig_s}:\n\n"
                   + _table(["backend", "task", "headline", "precision", "recall", "F1"], rows))
    return "\n\n".join(out)


def _more_information(data: ExportData, sources: CardSources) -> str:
    return _benchmarks(data, sources)


def _glossary() -> str:
    return ("* **span**: `{start, end, text}`, character offsets (Unicode code points, end exclusive) into the "
            "document text, and the text between them.\n"
            "* **canonical key**: a lower-case hyphenated name of a referent (`john-kerry`), the same for every "
            "mention of it in a document; `ARTICLE` as a claimant is the text's own voice.\n"
            "* **quote types**: `direct` (the whole utterance inside quotation marks), `mixed` (a paraphrase "
            "containing a quoted fragment), `indirect` (reported speech without quotation marks).\n"
            "* **claim status**, the first that applies: `denied` (the claimant denies it), `hedged` (qualified by "
            "a hedge such as \"expected to\", \"may\", \"possible\"), `reported` (attributed to someone other "
            "than the text), `asserted` (the text's own voice).\n"
            "* **check-worthy**: a claim a fact-checker would verify (events, dates, numbers, who did what), as "
            "opposed to opinions, evaluations, intentions, stances and beliefs.\n"
            "* **IOB2**: each token tagged `B-<label>` (first token of an entity), `I-<label>` (inside) or `O`.\n"
            "* **strict F1**: an entity counts as correct only with the exact span and label (SemEval-2013 9.1).")


def _citation_bibtex(sources: CardSources) -> str:
    lines = [f"@misc{{newsgold_{YEAR},", f"  author       = {{{{{AUTHORS}}}}},",
             f"  title        = {{{{newsgold}}: {PRETTY_NAME.split(': ', 1)[1]}}},",
             f"  year         = {{{YEAR}}},", f"  version      = {{{__version__}}},",
             "  note         = {Dataset}"]
    if sources.repo_id:
        lines[-1] += ","
        lines.append(f"  howpublished = {{\\url{{{_url(sources)}}}}}")
    return "```bibtex\n" + "\n".join(lines) + "\n}\n```"


def _citation_apa(sources: CardSources) -> str:
    where = f" Hugging Face. {_url(sources)}" if sources.repo_id else ""
    return f"{AUTHORS}. ({YEAR}). *{PRETTY_NAME}* (Version {__version__}) [Data set].{where}"


def _contact(sources: CardSources) -> str:
    if sources.repo_id:
        return f"Open a discussion at <{_url(sources)}/discussions>."
    return "Open a discussion in the Community tab of the Hub repository this card is published in."


def template_sections(data: ExportData, sources: CardSources) -> dict[str, str]:
    """Every variable of huggingface_hub's dataset card template, filled in."""
    owner = sources.repo_id.split("/")[0] if sources.repo_id and "/" in sources.repo_id else None
    return {
        "pretty_name": PRETTY_NAME,
        "dataset_summary": _summary(data),
        "dataset_description": _description(data),
        "curators": AUTHORS,
        "funded_by": "no funding is declared for this dataset",
        "shared_by": f"`{owner}` (the Hub account of this repository)" if owner else AUTHORS,
        "language": _language_names(languages(data)),
        "license": _license_summary(data),
        "repo": _repository(sources),
        "paper": "none (no paper describes this dataset)",
        "demo": "none",
        "direct_use": _direct_use(data, sources),
        "out_of_scope_use": _out_of_scope(data),
        "dataset_structure": _structure(data, sources),
        "curation_rationale_section": _rationale(data),
        "data_collection_and_processing_section": _collection(data),
        "source_data_producers_section": _producers(data),
        "annotation_process_section": _annotation_process(data, sources),
        "who_are_annotators_section": _annotators(data),
        "personal_and_sensitive_information": _personal(data),
        "bias_risks_limitations": _limitations(data),
        "bias_recommendations": _recommendations(data),
        "citation_bibtex": _citation_bibtex(sources),
        "citation_apa": _citation_apa(sources),
        "glossary": _glossary(),
        "more_information": _more_information(data, sources),
        "dataset_card_authors": f"{AUTHORS}; generated by `newsgold export-hf` (newsgold {__version__}) from the "
                                "exported data and the files it ships",
        "dataset_card_contact": _contact(sources),
    }


def license_text(data: ExportData) -> str:
    """LICENSE.md: which licence applies to which part of the export."""
    rows = []
    for name, s in data.splits.items():
        for d in s.documents:
            p = _doc_prov(s, d.id)
            note = f" ({p['licence_note']})" if p.get("licence_note") else ""
            rows.append([f"`{name}`", f"`{d.id}`", p.get("publisher") or "not recorded",
                         (p.get("licence") or "not recorded") + note])
    name, url = ANNOTATIONS_LICENSE
    return f"""# Licences of this dataset

This dataset has parts under different terms.

## Annotations: {name}

Everything that is not text of the documents -- the entity, quote and claim records of every config, the
`pass1` / `pass2` records, the `ner` tags and token offsets, the guidelines, agreement and adjudication
documents, the JSON Schemas and the dataset card -- is licensed under the Creative Commons Attribution 4.0
International licence ({url}). Attribution: {AUTHORS}, {PRETTY_NAME} ({YEAR}), version {__version__}.

## Texts of the documents

The `text` and `title` fields of `documents`, `spans`, `pass1` and `pass2`, the `tokens` of `ner` and the
`text` of every span reproduce the documents. They are not covered by the licence above; their terms, per
document:

{_table(["split", "document", "publisher", "terms"], rows)}
"""


def render_card(data: ExportData, sources: CardSources) -> tuple[str, str]:
    """The README.md (huggingface_hub's template filled with :func:`template_sections`) and LICENSE.md."""
    from huggingface_hub import DatasetCard

    card = DatasetCard.from_template(card_data(data), **template_sections(data, sources))
    text = str(card.content).replace("\r\n", "\n")
    return text.rstrip("\n") + "\n", license_text(data)
