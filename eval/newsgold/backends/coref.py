"""Document-level key resolution: one referent, one key (guidelines §0), by general rules only.

* a later surname-only mention takes the key of an earlier full name ("Ann Lee" ... "Lee");
* an acronym takes the key of an earlier multi-word name with those initials
  ("World Health Organization" ... "WHO");
* otherwise the key is the normalised name.

>>> r = KeyResolver()
>>> r.resolve("Ann Lee", "PERSON"), r.resolve("Lee", "PERSON"), r.resolve("Lee’s", "PERSON")
('ann-lee', 'ann-lee', 'ann-lee')
>>> r.resolve("World Health Organization", "ORG"), r.resolve("WHO", "ORG")
('world-health-organization', 'world-health-organization')
"""

from __future__ import annotations

import re

from newsgold.keys import key


class KeyResolver:
    def __init__(self) -> None:
        self._surnames: dict[str, str] = {}
        self._initials: dict[str, str] = {}

    def resolve(self, name: str, label: str | None = None) -> str | None:
        k = key(name)
        if not k:
            return None
        words = [w for w in re.split(r"[\s\-]+", re.sub(r"['’]s$", "", name.strip())) if w]
        if len(words) == 1 and words[0] in self._surnames and label in (None, "PERSON"):
            return self._surnames[words[0]]
        if len(words) == 1 and words[0].isupper() and words[0] in self._initials:
            return self._initials[words[0]]
        if len(words) > 1:
            caps = [w for w in words if w[:1].isupper()]
            if label in (None, "PERSON") and len(caps) == len(words):
                self._surnames.setdefault(words[-1], k)
            if len(caps) >= 2:
                self._initials.setdefault("".join(w[0] for w in caps).upper(), k)
        return k
