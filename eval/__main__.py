"""``python -m eval`` is the same as the ``newsgold`` console script."""

from eval.cli import main

raise SystemExit(main())
