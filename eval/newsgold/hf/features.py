"""``datasets.Features`` for every Hub config, derived from :data:`newsgold.schema.FIELDS`.

Deriving them (instead of writing five ``Features({...})`` literals) means a field added to the
schema appears in the Hub export with the right type without touching this module, and the
``spans`` config reuses the per-record definitions for its nested lists.

Type mapping (why):

* ``str`` with ``choices`` -> ``ClassLabel`` (the label sets are closed; the Hub viewer shows names)
* ``str`` / ``date`` -> ``Value("string")`` (a date stays the exact ``YYYY-MM-DD`` string of the gold)
* ``int`` -> ``Value("int32")`` (character offsets; an article is far below 2**31 characters)
* ``span`` -> struct ``{start: int32, end: int32, text: string}``; a nullable span is a null struct
* every Arrow field is nullable, so the schema's nullable fields load as ``None``
* ``ner``: ``tokens`` List(string), ``ner_tags`` List(ClassLabel) with the IOB2 names ``O``,
  ``B-PERSON``, ``I-PERSON``, ... (:data:`IOB_NAMES`, the layout of conll2003), ``offsets`` List of
  ``{start, end}`` int32 character offsets into the document
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsgold.hf import CONFIGS, PASS_CONFIGS
from newsgold.schema import ENTITY_LABELS, FIELDS, SPAN_FIELDS, FieldSpec
from newsgold.tasks import TASKS

if TYPE_CHECKING:  # pragma: no cover
    from datasets import Features

_VALUE_DTYPE = {"str": "string", "date": "string", "int": "int32", "bool": "bool"}
_SPAN_DTYPE = {"start": "int32", "end": "int32", "text": "string"}
assert tuple(_SPAN_DTYPE) == SPAN_FIELDS

IOB_NAMES: tuple[str, ...] = ("O", *(f"{p}-{label}" for label in ENTITY_LABELS for p in ("B", "I")))
"""Class names of ``ner_tags``: ``O`` first, then ``B-``/``I-`` per entity label in schema order.

>>> len(IOB_NAMES), IOB_NAMES[:3]
(37, ('O', 'B-PERSON', 'I-PERSON'))
"""


def span_feature() -> dict[str, Any]:
    """The struct of one span object (a plain dict of features is a struct in ``datasets``)."""
    from datasets import Value

    return {name: Value(_SPAN_DTYPE[name]) for name in SPAN_FIELDS}


def field_feature(spec: FieldSpec) -> Any:
    """The feature of one schema field."""
    from datasets import ClassLabel, Value

    if spec.kind == "span":
        return span_feature()
    if spec.choices:
        return ClassLabel(names=list(spec.choices))
    return Value(_VALUE_DTYPE[spec.kind])


def record_features(kind: str, drop: tuple[str, ...] = ()) -> "Features":
    """Features of one record type (``documents``, ``entities``, ``quotes``, ``claims``)."""
    from datasets import Features

    return Features({name: field_feature(spec) for name, spec in FIELDS[kind].items() if name not in drop})


def spans_features() -> "Features":
    """One row per document: the document's fields plus a list per task (records without doc_id)."""
    from datasets import Features, List

    feats: dict[str, Any] = dict(record_features("documents"))
    for task in TASKS:
        feats[task] = List(dict(record_features(task, drop=("doc_id",))))
    return Features(feats)


def ner_features() -> "Features":
    """One row per sentence: tokens, their IOB2 tags and their character offsets in the document."""
    from datasets import ClassLabel, Features, List, Value

    return Features({
        "id": Value("string"),
        "doc_id": Value("string"),
        "tokens": List(Value("string")),
        "ner_tags": List(ClassLabel(names=list(IOB_NAMES))),
        "offsets": List({"start": Value("int32"), "end": Value("int32")}),
    })


def config_features(config: str) -> "Features":
    """Features of a Hub config (one of :data:`newsgold.hf.CONFIGS`)."""
    if config not in CONFIGS:
        raise KeyError(f"unknown config {config!r} (expected one of {', '.join(CONFIGS)})")
    if config == "ner":
        return ner_features()
    if config == "spans" or config in PASS_CONFIGS:
        return spans_features()
    return record_features(config)


def describe(feature: Any) -> str:
    """Short human-readable type of a feature, for the card's field tables.

    >>> describe({"start": None, "end": None})  # a struct
    '{start, end}'
    """
    if isinstance(feature, dict):
        if tuple(feature) == SPAN_FIELDS:
            return "span {start, end, text}"
        return "{" + ", ".join(feature) + "}"
    from datasets import ClassLabel, List, Value

    if isinstance(feature, ClassLabel):
        return f"class label ({feature.num_classes} classes)"
    if isinstance(feature, Value):
        return feature.dtype
    if isinstance(feature, List):
        return "list of " + describe(feature.feature)
    return type(feature).__name__
