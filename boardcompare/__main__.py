from boardcompare.cli import main

raise SystemExit(main())
