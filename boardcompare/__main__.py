"""``python -m boardcompare``: the command line of :mod:`boardcompare.cli`."""

from boardcompare.cli import main

raise SystemExit(main())
