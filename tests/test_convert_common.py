"""newsgold.convert.common: finding a record's document (by id, by identical text; none or
several is a message naming why) and the checks every converted entity goes through."""

from __future__ import annotations

from newsgold.convert.common import DocFinder, Options, Reading, trim
from newsgold.schema import Document

DOCS = [Document("a", "Same text."), Document("b", "Same text."), Document("c", "Other text here.")]


def test_find_by_id_or_text() -> None:
    f = DocFinder(DOCS)
    assert f.find("c", None) == DOCS[2] and f.find(None, "Other text here.") == DOCS[2]
    assert f.find("a", "Same text.") == DOCS[0]  # an id settles which of two identical texts
    assert f.find(None, "Same text.") == "2 corpus documents have this text (a, b): give its doc id"
    assert f.find(None, "Nope") == "no corpus document has this text ('Nope'): give its doc id"
    assert f.find("z", None) == "unknown document 'z' (corpus has 'a', 'b', 'c')"
    assert f.find("c", "Other text HERE.") == ("the text differs from corpus document 'c' (first difference at "
                                               "character 11): offsets would point elsewhere")
    assert f.find(None, None) == "no document id and no text: cannot tell which corpus document this is"
    assert f.find(True, None) == "document id must be a string, got bool"
    assert f.find(7, None).startswith("unknown document '7'")  # a numeric id is read as its string


def test_add_checks_and_trims() -> None:
    r = Reading("in.jsonl", DocFinder(DOCS), Options())
    doc = DOCS[2]
    r.add(doc, 1, "x", 0, 6, "ORG")
    r.add(doc, 2, "x", 5, 11, "ORG")  # ' text ' -> 'text'
    r.add(doc, 3, "x", 5, 6, "ORG")  # only a space
    r.add(doc, 4, "x", "0", 5, "ORG")
    r.add(doc, 5, "x", 0, 5, "ORG", text="Otter")
    r.add(doc, 6, "x", 0, 5, "")
    r.add(doc, 7, "x", 3, 3, "ORG")
    assert [(m.start, m.end) for m in r.mentions] == [(0, 5), (6, 10)] and r.trimmed == 2
    assert [str(p) for p in r.problems] == [
        "in.jsonl:3: x: span [5, 6) of document 'c' is only white space",
        "in.jsonl:4: x: offsets must be integers, got start '0', end 5",
        "in.jsonl:5: x: text 'Otter' != document[0:5] 'Other'",
        "in.jsonl:6: x: label must be a non-empty string without spaces, got ''",
        "in.jsonl:7: x: offsets [3, 3) are outside document 'c' (16 characters) or empty",
    ]


def test_a_document_given_twice() -> None:
    r = Reading("in.jsonl", DocFinder(DOCS), Options())
    assert r.document(1, "text", "c", None) == DOCS[2]
    assert r.document(4, "text", None, "Other text here.") is None
    assert [str(p) for p in r.problems] == ["in.jsonl:4: text: document 'c' was already given on line 1"]


def test_trim() -> None:
    assert trim("\u200b a\u00a0", 0, 4) == (2, 3) and trim("   ", 0, 3) == (3, 3)


def test_every_format_says_what_it_carries() -> None:
    """TASKS_OF (read without importing a format module) agrees with each writer's parameters."""
    import importlib
    import inspect

    from newsgold.convert import FORMATS, TASKS_OF

    for fmt, m in FORMATS.items():
        params = list(inspect.signature(importlib.import_module(m).write).parameters)
        assert params == ["documents", "entities", "options", *(["quotes", "claims"] if "quotes" in TASKS_OF[fmt] else [])]
    assert [f for f, tasks in TASKS_OF.items() if "quotes" in tasks] == ["brat", "labelstudio"]


def test_the_role_option_names_every_role() -> None:
    from dataclasses import fields

    from newsgold.commands.convert import ROLES
    from newsgold.convert.common import Roles

    assert tuple(f.name for f in fields(Roles)) == ROLES
