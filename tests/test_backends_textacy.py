"""The textacy backend: direct quotations only; skipped cleanly when textacy is missing."""

from __future__ import annotations

from newsgold.backends import get_backend
from newsgold.schema import Document


def test_unavailable_reason_when_textacy_is_missing(monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda n, *a: None if n == "textacy" else real(n, *a))
    reason = get_backend("textacy").available()
    assert reason and "textacy" in reason


def test_direct_quotes_from_textacy():
    b = get_backend("textacy")
    assert b.available() is None, b.available()  # textacy is in the dev extra
    assert b.tasks == frozenset({"quotes"})
    doc = Document("d", "“The harbour will reopen on Monday,” port manager Ann Lee said.")
    [q] = b.predict([doc])["quotes"]
    assert q.type == "direct" and q.content.text == "The harbour will reopen on Monday,"
    assert q.cue.text == "said" and "Lee" in q.speaker.text
    assert doc.text[q.content.start:q.content.end] == q.content.text


def test_direct_quotations_load_without_textacys_heavy_package_imports():
    """The backend loads textacy's quotation finder without textacy's package __init__ (which
    imports scikit-learn and pandas, 1.4 s); a later plain `import textacy` is the real package
    and hands out the very same function."""
    import subprocess
    import sys

    code = ("import sys\n"
            "from newsgold.backends.textacy_backend import _direct_quotations\n"
            "f = _direct_quotations()\n"
            "print('sklearn' in sys.modules, 'pandas' in sys.modules, 'textacy' in sys.modules)\n"
            "import textacy, textacy.extract\n"
            "print(textacy.extract.direct_quotations is f, hasattr(textacy, 'Corpus'))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False", "False", "True", "True"]
