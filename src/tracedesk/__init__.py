"""TraceDesk: offline-first material traceability for the shop floor."""

__version__ = "0.1.0"
