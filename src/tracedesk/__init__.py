"""TraceDesk: offline-first material traceability for the shop floor."""

# The one place the version is written: pyproject.toml reads it (dynamic), and so do
# `tracedesk --version`, the About box and the packaged build.
__version__ = "0.2.0"
