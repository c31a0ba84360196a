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

Heavy libraries (spaCy, datasets, scikit-learn, matplotlib) are imported lazily inside the
functions that need them so that ``newsgold --help`` starts fast.
"""

__version__ = "0.1.0"
