"""Run TraceDesk with `python -m tracedesk`."""

from tracedesk.cli import main

raise SystemExit(main())
