#!/usr/bin/env python
"""Publish the gold set to the Hugging Face Hub -- the same code as ``newsgold push-hf``.

For maintainers who prefer a script to the console command; runs from a checkout without
installing the package. Options are those of ``newsgold push-hf --help``, e.g.::

    HF_TOKEN=... python scripts/publish_to_hub.py --repo-id USER/newsgold --dry-run
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsgold.cli import main  # noqa: E402

if __name__ == "__main__":
    raise SystemExit(main(["push-hf", *sys.argv[1:]]))
