"""The data contract: record types, label sets, field specifications and JSON Schema.

Field specifications are *data* (:data:`FIELDS`): :mod:`newsgold.validate` checks files against them
and :func:`json_schema` turns them into the JSON Schema files under ``annotations/schema/``, so the
code, the validator and the published schema cannot drift apart (a test regenerates and compares).

Offsets are Python ``str`` indices into ``Document.text``, end exclusive.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

ENTITY_LABELS: tuple[str, ...] = (
    "PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW",
    "LANGUAGE", "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL",
)
"""The 18 OntoNotes 5 named-entity labels (the label set of spaCy's English pipelines)."""

QUOTE_TYPES: tuple[str, ...] = ("direct", "mixed", "indirect")
CLAIM_STATUSES: tuple[str, ...] = ("asserted", "reported", "hedged", "denied")
ARTICLE_VOICE = "ARTICLE"
"""Claimant key for claims made in the article's own voice."""



# --------------------------------------------------------------------------------------------
# Field specifications (data, not code): name -> (kind, nullable, choices)
# kind is one of "str", "int", "bool", "span", "date"
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class FieldSpec:
    kind: str
    nullable: bool = False
    choices: tuple[str, ...] | None = None
    description: str = ""
    pred_optional: bool = False
    """A prediction may leave the field out (the metric does not use it, or null is its natural
    default); the gold never may. A missing ``id`` is generated, a missing ``text`` read from the
    document, anything else becomes null."""


FIELDS: dict[str, dict[str, FieldSpec]] = {
    "documents": {
        "id": FieldSpec("str", description="unique document id"),
        "text": FieldSpec("str", description="the document text, exactly as published"),
        "title": FieldSpec("str"),
        "published": FieldSpec("date", description="publication date, YYYY-MM-DD"),
        "language": FieldSpec("str", description="ISO 639-1 code"),
        "source": FieldSpec("str", description="provenance: the source file name"),
        "sha256": FieldSpec("str", description="sha256 of the UTF-8 bytes of text"),
    },
    "entities": {
        "doc_id": FieldSpec("str"),
        "id": FieldSpec("str", pred_optional=True),
        "start": FieldSpec("int", description="character offset, inclusive"),
        "end": FieldSpec("int", description="character offset, exclusive"),
        "text": FieldSpec("str", description="must equal document[start:end]", pred_optional=True),
        "label": FieldSpec("str", choices=ENTITY_LABELS),
        "entity": FieldSpec("str", nullable=True, description="canonical key of the referent", pred_optional=True),
    },
    "quotes": {
        "doc_id": FieldSpec("str"),
        "id": FieldSpec("str", pred_optional=True),
        "type": FieldSpec("str", choices=QUOTE_TYPES),
        "content": FieldSpec("span", description="the quoted or reported material"),
        "speaker": FieldSpec("span", nullable=True, description="noun phrase naming who said it", pred_optional=True),
        "speaker_entity": FieldSpec("str", nullable=True, description="canonical key of the speaker", pred_optional=True),
        "cue": FieldSpec("span", nullable=True, description="speech verb or phrase", pred_optional=True),
        "via": FieldSpec("str", nullable=True, description="key of an outlet relaying the words", pred_optional=True),
    },
    "claims": {
        "doc_id": FieldSpec("str"),
        "id": FieldSpec("str", pred_optional=True),
        "span": FieldSpec("span", description="smallest clause stating the claim"),
        "claimant": FieldSpec("str", nullable=True, description="key of who asserts it, or ARTICLE", pred_optional=True),
        "claimant_span": FieldSpec("span", nullable=True, pred_optional=True),
        "status": FieldSpec("str", choices=CLAIM_STATUSES),
        "checkworthy": FieldSpec("bool"),
    },
}
SPAN_FIELDS = ("start", "end", "text")


_SPACES = str.maketrans({"\u00a0": " ", "\u2009": " ", "\u202f": " "})


def shown(text: str) -> str:
    """A span's text quoted for an error listing: :func:`repr`, but with non-breaking and thin
    spaces written as spaces (``repr`` writes them as ``\\xa0``, unreadable in a report).

    >>> shown("Indo-Pacific\u00a0Allies")
    "'Indo-Pacific Allies'"
    """
    return repr(text.translate(_SPACES))


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    """Do two end-exclusive character ranges share a character? The one overlap test of the
    package (an empty range overlaps nothing).

    >>> overlaps(0, 3, 2, 5), overlaps(0, 3, 3, 5), overlaps(2, 2, 0, 5)
    (True, False, False)
    """
    return a_start < b_end and b_start < a_end and a_start < a_end and b_start < b_end


# --------------------------------------------------------------------------------------------
# In-memory record types
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True, order=True, slots=True)
class Span:
    """A character span; ``text == document[start:end]``.

    >>> Span(0, 3, "abc").overlaps(Span(2, 5, "cde"))
    True
    """

    start: int
    end: int
    text: str = field(compare=False, default="")

    def overlaps(self, other: "Span") -> bool:
        return overlaps(self.start, self.end, other.start, other.end)

    @classmethod
    def from_dict(cls, d: dict | None) -> "Span | None":
        return None if d is None else cls(d["start"], d["end"], d["text"])

    @classmethod
    def required(cls, d: dict) -> "Span":
        """A span that may not be null (a quote's content, a claim's span)."""
        return cls(d["start"], d["end"], d["text"])

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Document:
    id: str
    text: str
    title: str = ""
    published: str = ""
    language: str = "en"
    source: str = ""
    sha256: str = ""

    @classmethod
    def from_dict(cls, d: dict) -> "Document":
        return cls(**{k: d[k] for k in FIELDS["documents"] if k in d})

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Entity:
    doc_id: str
    id: str
    start: int
    end: int
    text: str
    label: str
    entity: str | None = None

    @property
    def span(self) -> Span:
        return Span(self.start, self.end, self.text)

    @classmethod
    def from_dict(cls, d: dict) -> "Entity":
        return cls(d["doc_id"], d["id"], d["start"], d["end"], d["text"], d["label"], d.get("entity"))

    def to_dict(self) -> dict:  # spelled out: dataclasses.asdict deep-copies, and extract writes one per mention
        return {"doc_id": self.doc_id, "id": self.id, "start": self.start, "end": self.end, "text": self.text,
                "label": self.label, "entity": self.entity}


@dataclass(frozen=True, slots=True)
class Quote:
    doc_id: str
    id: str
    type: str
    content: Span
    speaker: Span | None = None
    speaker_entity: str | None = None
    cue: Span | None = None
    via: str | None = None

    @classmethod
    def from_dict(cls, d: dict) -> "Quote":
        return cls(d["doc_id"], d["id"], d["type"], Span.required(d["content"]),
                   Span.from_dict(d.get("speaker")), d.get("speaker_entity"),
                   Span.from_dict(d.get("cue")), d.get("via"))

    def to_dict(self) -> dict:
        return {
            "doc_id": self.doc_id, "id": self.id, "type": self.type,
            "content": self.content.to_dict(),
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "speaker_entity": self.speaker_entity,
            "cue": self.cue.to_dict() if self.cue else None,
            "via": self.via,
        }


@dataclass(frozen=True, slots=True)
class Claim:
    doc_id: str
    id: str
    span: Span
    claimant: str | None
    claimant_span: Span | None
    status: str
    checkworthy: bool

    @classmethod
    def from_dict(cls, d: dict) -> "Claim":
        return cls(d["doc_id"], d["id"], Span.required(d["span"]), d.get("claimant"),
                   Span.from_dict(d.get("claimant_span")), d["status"], d["checkworthy"])

    def to_dict(self) -> dict:
        return {
            "doc_id": self.doc_id, "id": self.id, "span": self.span.to_dict(),
            "claimant": self.claimant,
            "claimant_span": self.claimant_span.to_dict() if self.claimant_span else None,
            "status": self.status, "checkworthy": self.checkworthy,
        }




# --------------------------------------------------------------------------------------------
# JSON Schema (draft 2020-12), generated from FIELDS
# --------------------------------------------------------------------------------------------
_SPAN_SCHEMA = {
    "type": "object",
    "properties": {
        "start": {"type": "integer", "minimum": 0},
        "end": {"type": "integer", "minimum": 1},
        "text": {"type": "string"},
    },
    "required": list(SPAN_FIELDS),
    "additionalProperties": False,
}


def _field_schema(spec: FieldSpec) -> dict[str, Any]:
    if spec.kind == "span":
        s: dict[str, Any] = {"$ref": "#/$defs/span"}
    elif spec.kind == "int":
        s = {"type": "integer", "minimum": 0}
    elif spec.kind == "bool":
        s = {"type": "boolean"}
    elif spec.kind == "date":
        s = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    else:
        s = {"type": "string"}
    if spec.choices:
        s["enum"] = list(spec.choices)
    if spec.nullable:
        s = {"anyOf": [s, {"type": "null"}]}
    if spec.description:
        s["description"] = spec.description
    return s


def json_schema(kind: str, fields: dict[str, FieldSpec] | None = None) -> dict[str, Any]:
    """JSON Schema for one line of ``<kind>.jsonl``; ``fields`` default to the built-in
    :data:`FIELDS` (pass :func:`newsgold.tasks.fields_of` for any registered task)."""
    fields = FIELDS[kind] if fields is None else fields
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://newsgold.invalid/schema/{kind}.schema.json",
        "title": f"newsgold {kind} record",
        "type": "object",
        "properties": {name: _field_schema(spec) for name, spec in fields.items()},
        "required": list(fields),
        "additionalProperties": False,
    }
    if any(spec.kind == "span" for spec in fields.values()):
        schema["$defs"] = {"span": _SPAN_SCHEMA}
    return schema
