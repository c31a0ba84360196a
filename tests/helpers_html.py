"""A small DOM over the standard library's HTML parser, for asserting on report.html in Python,
and the article benchmark the HTML tests look at.

``parse(text)`` -> root :class:`Node`; ``node.find_all(tag=None, **attrs)`` (attribute values
compared exactly; ``class_`` matches one class), ``node.find(...)``, ``node.text()``.
``article_benchmark(out)`` -> (report dict, path of report.html); ``perturb(out)`` -> a copy of
the article's gold with deliberate errors of every kind (a system whose errors never change).
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from newsgold.benchmark import BenchmarkConfig, run
from newsgold.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
CORPUS, GOLD = ROOT / "corpus" / "documents.jsonl", ROOT / "annotations"

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)
    parent: Node | None = None

    def iter(self) -> Iterator[Node]:
        yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.iter()

    def matches(self, tag: str | None, attrs: dict[str, str]) -> bool:
        if tag is not None and self.tag != tag:
            return False
        for k, v in attrs.items():
            if k == "class_":
                if v not in self.attrs.get("class", "").split():
                    return False
            elif self.attrs.get(k.replace("_", "-")) != v:
                return False
        return True

    def find_all(self, tag: str | None = None, **attrs: str) -> list[Node]:
        return [n for n in self.iter() if n is not self and n.matches(tag, attrs)]

    def find(self, tag: str | None = None, **attrs: str) -> Node:
        found = self.find_all(tag, **attrs)
        assert found, f"no <{tag or '*'} {attrs}>"
        return found[0]

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def ancestors(self) -> Iterator[Node]:
        p = self.parent
        while p is not None:
            yield p
            p = p.parent


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs}, parent=self.stack[-1])
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}, parent=self.stack[-1]))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(text: str) -> Node:
    b = _Builder()
    b.feed(text)
    b.close()
    return b.root


def entities_only(src: Path, out: Path) -> Path:
    """A prediction folder doing entities only (quotes and claims: not done)."""
    out.mkdir(parents=True)
    shutil.copy(src / "entities.jsonl", out / "entities.jsonl")
    return out


def _rows(task: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (GOLD / f"{task}.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]


def perturb(out: Path) -> Path:
    """The article's gold with errors of every kind: entities MIS, SPU, INC, PAR; quotes FN,
    SPEAKER, CUE, TYPE; claims FN, STATUS, CHECKWORTHY, CLAIMANT."""
    text = json.loads((CORPUS).read_text(encoding="utf-8").splitlines()[0])["text"]
    ents, quotes, claims = _rows("entities"), _rows("quotes"), _rows("claims")
    ents[4]["label"] = "LAW" if ents[4]["label"] != "LAW" else "ORG"  # INC
    e = ents[6]  # PAR: one character shorter
    e["end"] -= 1
    e["text"] = text[e["start"]:e["end"]]
    taken = [(x["start"], x["end"]) for x in ents]
    word = next(m for m in re.finditer(r"\b[a-z]{6,}\b", text) if all(m.end() <= s or m.start() >= t for s, t in taken))
    ents.append({"doc_id": ents[0]["doc_id"], "id": "spu", "start": word.start(), "end": word.end(),
                 "text": word.group(), "label": "ORG", "entity": None})  # SPU
    del ents[2]  # MIS
    q = next(q for q in quotes if q["speaker"] and q["cue"])
    q["speaker"], q["speaker_entity"] = None, None  # SPEAKER
    q = next(q for q in quotes if q["speaker"] and q["cue"])
    q["cue"] = None  # CUE
    quotes[-1]["type"] = "direct" if quotes[-1]["type"] != "direct" else "indirect"  # TYPE
    del quotes[-2]  # FN
    claims[0]["status"] = "denied" if claims[0]["status"] != "denied" else "asserted"  # STATUS
    claims[1]["checkworthy"] = not claims[1]["checkworthy"]  # CHECKWORTHY
    claims[2]["claimant"], claims[2]["claimant_span"] = "someone-else", None  # CLAIMANT
    del claims[3]  # FN
    out.mkdir(parents=True)
    for task, rows in (("entities", ents), ("quotes", quotes), ("claims", claims)):
        (out / f"{task}.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return out


def article_benchmark(out: Path) -> tuple[dict[str, Any], Path]:
    """The article scored with the two blind annotation passes, a perturbed gold (:func:`perturb`),
    the rules backend and an entities-only system; no model is loaded."""
    partial = entities_only(GOLD / "pass2", out.parent / f"{out.name}-partial")
    perturbed = perturb(out.parent / f"{out.name}-perturbed")
    cfg = BenchmarkConfig(corpus=CORPUS, gold=GOLD, out=out, settings=Settings(bootstrap=200), plot=False,
                          backends=[f"file:{GOLD / 'pass1'}", f"file:{GOLD / 'pass2'}", "rules", f"file:{perturbed}",
                                    f"file:{partial}"])
    report, _ = run(cfg)
    return report, out / "report.html"
