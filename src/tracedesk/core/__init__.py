"""Pure domain: value objects, rules, code parsing and errors (standard library only)."""
