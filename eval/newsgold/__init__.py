"""newsgold: a gold-standard news annotation set and an evaluation toolkit for extractors.

The package is a straight pipe, one module per stage::

    load -> validate -> extract -> match -> count -> score -> report

* :mod:`newsgold.schema`   record types, label sets and JSON Schema (the data contract)
* :mod:`newsgold.load`     reading the corpus and annotation JSONL files
* :mod:`newsgold.validate` every check on corpus / gold / prediction files
* :mod:`newsgold.backends` extractors (rules, spacy, textacy, file) behind one protocol
* :mod:`newsgold.match`    one-to-one span / record matching
* :mod:`newsgold.tasks`    entities, quotes, claims: per-unit sufficient statistics
* :mod:`newsgold.stats`    bootstrap confidence intervals and paired significance tests
* :mod:`newsgold.report`   terminal table, JSON and Markdown reports, with a signature
* :mod:`newsgold.convert`  other tools' formats (CoNLL, spaCy, brat, Label Studio, Prodigy, doccano,
  transformers) to predictions, and the gold to them

``newsgold.evaluate(gold, pred, docs, **settings)`` scores records held in memory (lists of dicts
or spaCy Docs) and returns a :class:`newsgold.api.Report`; it is loaded on first use, so
``import newsgold`` stays instant.

Heavy libraries (spaCy, datasets, scikit-learn, matplotlib) are imported lazily inside the
functions that need them so that ``newsgold --help`` starts fast.
"""

from typing import Any

from newsgold.version import __version__

__all__ = ["Report", "evaluate", "__version__"]


def __getattr__(name: str) -> Any:
    """``newsgold.evaluate`` / ``newsgold.Report`` (from :mod:`newsgold.api`), imported lazily."""
    if name in ("evaluate", "Report"):
        from newsgold import api

        return getattr(api, name)
    raise AttributeError(f"module 'newsgold' has no attribute {name!r}")
