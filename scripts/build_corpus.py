"""Build corpus/documents.jsonl from the seed article(s) -- a maintainer's one-off, kept for provenance.

Usage: python scripts/build_corpus.py ../shared/seed/000_379f34538a770ae2.txt > corpus/documents.jsonl

The text is read as UTF-8 and stored exactly: nothing stripped or normalised (NBSPs, curly quotes
and the missing trailing newline are all part of the gold offsets).
"""

import hashlib
import json
import sys
from pathlib import Path

META = {
    "000_379f34538a770ae2.txt": {
        "id": "kerry-lavrov-2015",
        "title": "Secretary of State Kerry Meeting with Russian Foreign Minister Lavrov",
        "published": "2015-05-11",
        "language": "en",
    }
}

for arg in sys.argv[1:]:
    p = Path(arg)
    text = p.read_bytes().decode("utf-8")
    rec = dict(META[p.name])
    rec.update(text=text, source=p.name, sha256=hashlib.sha256(text.encode("utf-8")).hexdigest())
    order = ["id", "title", "published", "language", "source", "sha256", "text"]
    print(json.dumps({k: rec[k] for k in order}, ensure_ascii=False))
