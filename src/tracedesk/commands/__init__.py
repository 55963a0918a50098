"""The `tracedesk` subcommands, one module each; `cli` discovers them by name.

Each module defines `register(subparsers)`, which adds its parser and sets `handler` to a
function `(args, ctx) -> int`. Commands call `services` only.
"""
