"""Quotes with the dependency parse on top of the shared quotation-mark / attribution patterns.

The patterns of :mod:`newsgold.backends.rules.quotes` find quote spans and cues; the parse then

* fills a missing speaker with the subject of the cue verb (``nsubj`` subtree);
* adds indirect speech the patterns miss: the ``ccomp`` of a speech verb ("He said the talks
  failed"), speaker = its subject;
* resolves ``speaker_entity`` to the entity mention inside the speaker phrase (document-level
  keys from :class:`newsgold.backends.coref.KeyResolver`).
"""

from __future__ import annotations

import bisect
import functools

from newsgold.backends.lexicon import SPEECH_VERBS
from newsgold.backends.rules.quotes import Found, find_quotes
from newsgold.backends.rules.text import speaker_key

EXPLETIVES = frozenset({"it", "there"})
"""Dummy subjects of an agentless report ("It was reported that …"): never a speaker."""
_DROP = frozenset({"det", "poss", "case", "punct"})


def _np(tok) -> tuple[int, int] | None:
    """Character span of a noun phrase headed by ``tok`` without a leading determiner/possessive."""
    words = [t for t in tok.subtree]
    while words and (words[0].dep_ in _DROP or words[0].tag_ == "POS"):
        words = words[1:]
    while words and words[-1].dep_ in ("punct", "case"):
        words = words[:-1]
    if not words:
        return None
    return words[0].idx, words[-1].idx + len(words[-1])


def _covered(span: tuple[int, int], found: list[Found]) -> bool:
    return any(f.content[0] < span[1] and span[0] < f.content[1] for f in found)


@functools.cache
def _speech_hashes() -> frozenset[int]:
    """spaCy's string hashes of the speech verbs (the hash of a string is the same in every
    vocabulary, so this is computed once)."""
    from spacy.strings import StringStore

    store = StringStore()
    return frozenset(store.add(w) for w in SPEECH_VERBS | set(FRAME_VERBS))


def _speech_tokens(doc):
    """Tokens whose lower-case form is a speech verb, found on the Doc's LOWER array (no Python
    Token object per word: iterating a Doc is the costly part of the post-processing)."""
    from spacy.attrs import LOWER

    hashes = _speech_hashes()
    lower = doc.to_array([LOWER])
    return [doc[i] for i, h in enumerate(lower.tolist()) if h in hashes]


FRAME_VERBS = {"make": ("clear",), "makes": ("clear",), "made": ("clear",), "making": ("clear",),
               "lay": ("out",), "lays": ("out",), "laid": ("out",), "laying": ("out",),
               "spell": ("out",), "spells": ("out",), "spelled": ("out",), "spelt": ("out",)}
"""Verbs that report speech only with a particle or complement: "made clear that P", "laid out
that P" (the cue is the verb and that word)."""


def _frame(tok) -> tuple[object, list] | None:
    """(the cue's last word, the clauses it reports) of a frame verb, None when it is not one."""
    parts = [c for c in tok.children if c.lower_ in FRAME_VERBS[tok.lower_] and c.dep_ in ("prt", "oprd", "acomp", "advmod")]
    if not parts:
        return None
    clauses = [c for c in tok.children if c.dep_ == "ccomp"]
    clauses += [c for c in parts[0].children if c.dep_ in ("ccomp", "csubj")]
    return parts[0], clauses


VERB_TAGS = frozenset({"VB", "VBD", "VBG", "VBN", "VBP", "VBZ"})
"""Penn tags of verbs (the English attribute ruler gives them the coarse POS ``VERB``)."""


def _is_verb(tok) -> bool:
    """Is a speech-verb token a main verb? Its coarse POS ``VERB`` read off the Penn tag and the
    arc, as the attribute ruler (not run, :data:`..model.UNUSED_PIPES`) derives it: a verb tag,
    not attached as an auxiliary (the ruler's word lists of auxiliaries hold no speech verb)."""
    return tok.tag_ in VERB_TAGS and tok.dep_ not in ("aux", "auxpass")


def find(doc, text: str | None = None, finite: list[int] | None = None) -> list[Found]:
    """Quotes of one parsed document (speaker keys are set later by :func:`assign_keys`);
    ``text``: the Doc's text when the caller has it (``doc.text`` rebuilds it token by token);
    ``finite``: sorted offsets of its finite verbs -- an indirect quote the rules found whose
    content has none is dropped (reported speech is a clause: "X, the chair of Y, says P" is not
    the quote "X, the chair of Y")."""
    found = find_quotes(doc.text if text is None else text)
    if finite is not None:
        found = [f for f in found if f.type != "indirect" or has_offset(finite, f.content)]
    cue_of = {f.cue[0]: f for f in found if f.cue and f.speaker is None}
    cues = {f.cue[0] for f in found if f.cue}
    for tok in _speech_tokens(doc):  # only the candidate cues become Token objects (the hot path)
        if tok.idx in cue_of:
            f = cue_of[tok.idx]
            subj = [c for c in _subjects(tok, ("nsubj", "nsubjpass")) if c.lower_ not in EXPLETIVES]
            sp = _np(subj[0]) if subj else None  # "It was announced that …": nobody is named
            if sp and not (sp[0] < f.content[1] and f.content[0] < sp[1]):
                f.speaker = sp
        if tok.idx in cues or not _is_verb(tok):
            continue
        last, comp = tok, [c for c in tok.children if c.dep_ == "ccomp"]
        if tok.lower_ in FRAME_VERBS:
            framed = _frame(tok)
            if framed is None:
                continue
            last, comp = framed
        subj = _subjects(tok, ("nsubj",))
        if not comp or not subj or any(c.dep_ in ("auxpass", "neg") for c in tok.children):
            continue
        words = [t for t in comp[0].subtree if not (t.dep_ == "mark" and t.lower_ == "that")]
        while words and words[-1].is_punct:
            words = words[:-1]
        if len(words) < 3:
            continue
        content = (words[0].idx, words[-1].idx + len(words[-1]))
        if _covered(content, found) and not _relayed(content, tok.idx, found):
            continue
        sp = _np(subj[0])
        if sp and not (sp[0] < content[1] and content[0] < sp[1]):
            found.append(Found("indirect", content, sp, (tok.idx, last.idx + len(last))))
    return sorted(found, key=lambda f: (f.content[0], -f.content[1]))


def has_offset(offsets: list[int], span: tuple[int, int]) -> bool:
    """Is one of the sorted ``offsets`` inside ``span``?"""
    i = bisect.bisect_left(offsets, span[0])
    return i < len(offsets) and offsets[i] < span[1]


def _subjects(tok, deps: tuple[str, ...]) -> list:
    """The subject of a speech verb; of a participle cue ("X disagreed, saying P"), the subject of
    the clause it hangs from."""
    subj = [c for c in tok.children if c.dep_ in deps]
    if not subj and tok.dep_ == "advcl" and tok.lower_.endswith("ing"):
        subj = [c for c in tok.head.children if c.dep_ in deps]
    if subj and subj[0].lower_ in ("who", "that", "which") and tok.dep_ == "relcl":
        return [_antecedent(tok.head)]  # "Ann Lee, who told reporters, “…”": "who" stands for Ann Lee
    return subj


class _Head:
    """A noun phrase cut at its head: the head's left dependents and the head, nothing after it
    (:func:`_np` of an antecedent must not take in the relative clause that points back at it)."""

    def __init__(self, tok) -> None:
        self.tok = tok
        self.subtree = [t for t in tok.subtree if t.i <= tok.i]
        self.lower_ = tok.lower_


def _antecedent(head) -> _Head:
    """What a relative pronoun's clause hangs from: the noun it modifies, or -- "Ann Lee of the
    Harbor Institute, who …" -- the proper name the "of" phrase belongs to."""
    if head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.lower_ == "of" \
            and head.head.head.tag_ == "NNP":
        head = head.head.head
    return _Head(head)


def _relayed(content: tuple[int, int], cue: int, found: list[Found]) -> bool:
    """Reported speech inside a direct quote ("“... some senators say we are rushing ...”"): its
    cue and content lie in the quote's content and overlap no other quote found there."""
    outer = [f for f in found if f.type == "direct" and f.content[0] <= min(cue, content[0])
             and content[1] <= f.content[1]]
    return bool(outer) and not any(f.content[0] < content[1] and content[0] < f.content[1]
                                   for f in found if f not in outer)


def assign_keys(text: str, ents: list[tuple[int, int, str]], found: list[Found], resolver) -> dict:
    """Keys for entity mentions and quote speakers, resolved together in text order (so an
    acronym such as "NPB" after the speaker "Northport Broadcasting" gets its key). Returns
    ``{(start, end): key}`` for entities.

    A speaker whose phrase ends in a name mention takes that mention's key ("spokeswoman Ann
    Lee" -> ann-lee); other speakers are keyed by their phrase.
    """
    items: list[tuple[int, int, str | None, Found | None]] = [(s, e, label, None) for s, e, label in ents]
    heads = {}
    for f in found:
        if not f.speaker:
            continue
        head = [(s, e) for s, e, label in ents if f.speaker[0] <= s and e == f.speaker[1]
                and label in ("PERSON", "ORG", "GPE")]
        if head:
            heads[id(f)] = head[0]
        else:
            items.append((f.speaker[0], f.speaker[1], None, f))
    keys: dict[tuple[int, int], str] = {}
    for s, e, label, owner in sorted(items, key=lambda t: t[0]):
        phrase = text[s:e]
        if owner is None:
            keys[(s, e)] = resolver.resolve(phrase, label)
        else:
            owner.key = resolver.resolve(phrase) if phrase.split()[-1][:1].isupper() else speaker_key(phrase)
    for f in found:
        if id(f) in heads:
            f.key = keys[heads[id(f)]]
    direct = sorted((f.content, i) for i, f in enumerate(found) if f.type == "direct")
    starts = [c[0] for c, _ in direct]
    for f in found:  # reported speech inside a direct quote is relayed by that quote's speaker
        i = bisect.bisect_right(starts, f.content[0]) - 1
        if f.type == "indirect" and f.via is None and i >= 0 and f.content[1] <= direct[i][0][1]:
            f.via = found[direct[i][1]].speaker_key(text)
    return keys


_NAME_CHAIN = frozenset({"compound", "appos", "flat", "conj"})


def subject_mentions(doc, ents: list[tuple[int, int, str]]) -> frozenset[tuple[int, int]]:
    """PERSON mentions in subject position (the name, or a name in apposition/compound with the
    subject head: "Senator X, who …, said" -> X), read off the dependency parse."""
    out = set()
    for s, e, label in ents:
        if label != "PERSON":
            continue
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None:
            continue
        tok = span.root
        while tok.dep_ in _NAME_CHAIN and tok.head is not tok:
            tok = tok.head
        if tok.dep_ in ("nsubj", "nsubjpass"):
            out.add((s, e))
    return frozenset(out)
