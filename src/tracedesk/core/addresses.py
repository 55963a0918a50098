"""A database address's password, found and taken out (or put back) without parsing anything else of it."""

from __future__ import annotations

import re

# user[:password]@ after the scheme, read the way SQLAlchemy reads a database URL.
_USERINFO = re.compile(r"(?P<scheme>[\w+]+://)(?P<user>[^:/]*)(?::(?P<password>[^@]*))?@")


def split_password(url: str) -> tuple[str, str]:
    """The address without its password, and the password ("" when it has none), exactly as written."""
    found = _USERINFO.match(url)
    if found is None or not found["password"]:
        return url, ""
    return f"{found['scheme']}{found['user']}@{url[found.end() :]}", found["password"]


def with_password(url: str, password: str) -> str:
    """The address with `password` put back after its user name (as split_password took it out)."""
    found = _USERINFO.match(url)
    if found is None or not password or found["password"] is not None:
        return url
    return f"{found['scheme']}{found['user']}:{password}@{url[found.end() :]}"


# In text that is no address at all (a typing mistake), whatever stands between a colon and an @.
_LOOSE_PASSWORD = re.compile(r"(?<=:)[^:@/\s]+(?=@)")


def without_password(text: str) -> str:
    """An address as a person may read it: without its password, even when it is malformed."""
    bare, password = split_password(text)
    return bare if password else _LOOSE_PASSWORD.sub("***", text)
