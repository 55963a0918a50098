"""A database address's password is found, taken out and put back without touching the rest of it."""

from __future__ import annotations

import pytest

from tracedesk.core.addresses import split_password, with_password, without_password


@pytest.mark.parametrize(
    ("url", "bare", "password"),
    [
        ("postgresql://st:s3cret@hub:5432/td?sslmode=require", "postgresql://st@hub:5432/td?sslmode=require", "s3cret"),
        ("postgresql://st:pa%40ss/w@hub/td", "postgresql://st@hub/td", "pa%40ss/w"),
        ("postgresql+psycopg://st:x@[::1]:5432/td", "postgresql+psycopg://st@[::1]:5432/td", "x"),
        ("postgresql://st@hub/td", "postgresql://st@hub/td", ""),
        ("postgresql://hub/td", "postgresql://hub/td", ""),
        ("postgresql://st:@hub/td", "postgresql://st:@hub/td", ""),
        ("not a url", "not a url", ""),
        ("", "", ""),
    ],
)
def test_the_password_is_taken_out_and_put_back_exactly(url, bare, password):
    assert split_password(url) == (bare, password)
    assert with_password(bare, password) == url


def test_a_password_is_never_added_to_an_address_that_has_one_or_has_no_user():
    assert with_password("postgresql://st:old@hub/td", "new") == "postgresql://st:old@hub/td"
    assert with_password("postgresql://hub/td", "new") == "postgresql://hub/td"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("postgresql://st:s3cret@hub/td", "postgresql://st@hub/td"),
        ("postgresql//st:s3cret@hub/td", "postgresql//st:***@hub/td"),
        ("st:s3cret@hub", "st:***@hub"),
        ("postgresql://st@hub:5432/td", "postgresql://st@hub:5432/td"),
    ],
)
def test_an_address_is_shown_without_its_password_even_when_malformed(text, shown):
    assert without_password(text) == shown
