"""``python -m newsgold`` is the same as the ``newsgold`` console script."""

from newsgold.cli import main

raise SystemExit(main())
