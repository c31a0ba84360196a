"""newsgold: a gold-standard news annotation set and an evaluation toolkit for extractors.

The package is a straight pipe, one module per stage::

    load -> validate -> extract -> match -> count -> score -> report

* :mod:`eval.schema`   record types, label sets and JSON Schema (the data contract)
* :mod:`eval.load`     reading the corpus and annotation JSONL files
* :mod:`eval.validate` every check on corpus / gold / prediction files
* :mod:`eval.backends` extractors (rules, spacy, textacy, file) behind one protocol
* :mod:`eval.match`    one-to-one span / record matching
* :mod:`eval.tasks`    entities, quotes, claims: per-unit sufficient statistics
* :mod:`eval.stats`    bootstrap confidence intervals and paired significance tests
* :mod:`eval.report`   terminal table, JSON and Markdown reports, with a signature

Heavy libraries (spaCy, datasets, scikit-learn, matplotlib) are imported lazily inside the
functions that need them so that ``newsgold --help`` starts fast.
"""

__version__ = "0.1.0"
