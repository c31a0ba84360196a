"""Offline validation of an export's dataset card.

The Hub validates a card's YAML on upload (``RepoCard.validate`` posts it to the Hub, so it needs the
network). This module checks, without network, what can be checked from what the installed libraries
ship:

* the card parses with ``huggingface_hub.DatasetCard`` without ``ignore_metadata_errors``;
* ``language`` codes are in the ISO list ``datasets`` ships; ``annotations_creators``,
  ``language_creators``, ``multilinguality`` and ``size_categories`` use the values ``datasets``
  ships; ``task_categories`` are Hub task names (``datasets.utils.metadata.known_task_ids``) and
  every ``task_ids`` entry is a subtask of a declared category (:data:`newsgold.hf.card.TASK_CATEGORIES`);
* ``license: other`` comes with a ``license_name`` id and a ``license_link`` to a file of the export
  or an http(s) URL;
* ``configs`` parse with ``datasets`` (``MetadataConfigs``), exactly one is the default, every data
  file exists; ``dataset_info`` parses, and its features, split names and row counts equal those of
  the Parquet files;
* the body has every heading of huggingface_hub's template, in order, with no placeholder
  ("[More Information Needed]") left, and every relative link points at a file of the export.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from newsgold.errors import InputError, Problem

PLACEHOLDER = "[More Information Needed]"
_LICENSE_ID = re.compile(r"[a-z0-9][a-z0-9.-]*")
_LINK = re.compile(r"\]\(([^)\s]+)\)")


def _resource(name: str) -> Any:
    import importlib.resources

    return json.loads(importlib.resources.files("datasets.utils.resources").joinpath(name).read_text(encoding="utf-8"))


def template_headings() -> list[str]:
    """The headings of huggingface_hub's dataset card template (text before any Jinja expression)."""
    from huggingface_hub import DatasetCard

    text = Path(DatasetCard.default_template_path).read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1]
    return [re.split(r"\{\{", ln.lstrip("#").strip())[0].strip() for ln in body.splitlines() if ln.startswith("#")]


def _as_list(value: Any) -> list[Any]:
    return [] if value is None else value if isinstance(value, list) else [value]


def check_metadata(data: Any, folder: Path) -> list[str]:
    """Problems of the card's YAML metadata (a ``DatasetCardData``)."""
    from datasets.utils.metadata import known_task_ids

    from newsgold.hf.card import TASK_CATEGORIES

    problems = []
    langs = _resource("languages.json")
    creators = _resource("creators.json")
    vocab = {"language": langs, "annotations_creators": creators["annotations"],
             "language_creators": creators["language"], "multilinguality": _resource("multilingualities.json"),
             "size_categories": _resource("size_categories.json"), "task_categories": known_task_ids}
    for key, allowed in vocab.items():
        values = _as_list(getattr(data, key, None))
        if not values:
            problems.append(f"{key}: missing")
        problems += [f"{key}: unknown value {v!r}" for v in values if v not in allowed]
    categories = _as_list(data.task_categories)
    subtasks = {t for c in categories for t in TASK_CATEGORIES.get(c, [])}
    problems += [f"task_ids: {t!r} is not a subtask of the declared task_categories" for t in _as_list(data.task_ids)
                 if t not in subtasks]
    license_ = data.license
    if license_ == "other":
        name, link = getattr(data, "license_name", None), getattr(data, "license_link", None)
        if not isinstance(name, str) or not _LICENSE_ID.fullmatch(name):
            problems.append(f"license_name: {name!r} is not a licence id (lower-case letters, digits, '-', '.')")
        if not isinstance(link, str) or not (link.startswith(("https://", "http://")) or (folder / link).is_file()):
            problems.append(f"license_link: {link!r} is neither a file of the export nor an http(s) URL")
    elif not isinstance(license_, str) or not license_:
        problems.append("license: missing")
    return problems


def check_configs(data: Any, folder: Path) -> list[str]:
    """Problems of ``configs`` and ``dataset_info`` against the Parquet files."""
    import pyarrow.parquet as pq
    from datasets import Features
    from datasets.info import DatasetInfosDict
    from datasets.utils.metadata import MetadataConfigs

    try:
        configs = MetadataConfigs.from_dataset_card_data(data)
        infos = DatasetInfosDict.from_dataset_card_data(data)
        default = configs.get_default_config_name()
    except (ValueError, TypeError, KeyError) as e:
        return [f"configs/dataset_info: {e}"]
    problems = [] if default else ["configs: no default config"]
    for name, config in configs.items():
        info = infos.get(name)
        if info is None:
            problems.append(f"dataset_info: no entry for config {name!r}")
            continue
        for entry in _as_list(config.get("data_files")):
            split, path = entry.get("split"), entry.get("path")
            file = folder / str(path)
            if not file.is_file():
                problems.append(f"configs.{name}.{split}: {path} is not in the export")
                continue
            meta = pq.read_metadata(file)
            if Features.from_arrow_schema(meta.schema.to_arrow_schema()) != info.features:
                problems.append(f"dataset_info.{name}: features differ from {path}")
            if info.splits is None or split not in info.splits:
                problems.append(f"dataset_info.{name}: no split {split!r}")
            elif info.splits[split].num_examples != meta.num_rows:
                problems.append(f"dataset_info.{name}.{split}: num_examples {info.splits[split].num_examples} "
                                f"!= {meta.num_rows} rows in {path}")
    return problems


def check_body(text: str, folder: Path) -> list[str]:
    """Problems of the Markdown body: template headings, placeholders, relative links."""
    headings = [ln.lstrip("#").strip() for ln in text.splitlines() if ln.startswith("#") and not ln.startswith("#!")]
    problems = []
    at = 0
    for want in template_headings():
        found = next((i for i in range(at, len(headings)) if headings[i].startswith(want)), None)
        if found is None:
            problems.append(f"body: template section {want!r} missing or out of order")
        else:
            at = found + 1
    if PLACEHOLDER in text:
        problems.append(f"body: a section still says {PLACEHOLDER}")
    for target in _LINK.findall(text):
        if re.match(r"[a-z][a-z0-9+.-]*:", target) or target.startswith("#"):
            continue  # a URL or an anchor
        if not (folder / target.split("#")[0]).is_file():
            problems.append(f"body: link to {target}, which is not in the export")
    return problems


def check_export(folder: str | Path) -> None:
    """Validate the card of an export folder; raises InputError (one line per problem)."""
    from huggingface_hub import DatasetCard

    folder = Path(folder)
    readme = folder / "README.md"
    try:
        card = DatasetCard.load(readme, ignore_metadata_errors=False)
    except (OSError, ValueError) as e:
        raise InputError(Problem(str(readme), 1, "card", f"does not parse: {e}")) from None
    problems = check_metadata(card.data, folder) + check_configs(card.data, folder) + check_body(card.text, folder)
    if problems:
        raise InputError([Problem("README.md", 0, "card", p) for p in problems])
