"""`tracedesk parse` never crashes: a URL urllib cannot read is refused, and one bad line in a
stdin batch gets its own error object while the rest go on."""

from __future__ import annotations

import io
import json
import sys
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracedesk.cli import main
from tracedesk.commands import parse as parse_command
from tracedesk.core.codes import parse_scan
from tracedesk.core.errors import InvalidInput

GTIN = "09520123456788"
BAD_HOSTS = ["https://[x/01/", "https://a]b/01/", "http://[::1/01/", "HTTPS://[/01/"]


def _stdin(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode()), encoding="utf-8"))


@pytest.mark.parametrize("prefix", BAD_HOSTS)
def test_a_url_whose_host_urllib_cannot_read_is_refused_with_the_reason(prefix: str) -> None:
    with pytest.raises(InvalidInput, match="cannot be read: Invalid IPv6 URL"):
        parse_scan(prefix + GTIN + "/10/LOT1", today=date(2026, 6, 1))


def test_a_bad_url_in_a_stdin_batch_gets_its_own_error_and_the_rest_go_on(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _stdin(monkeypatch, f"(01){GTIN}\nhttps://[x/01/{GTIN}\nTD:A2611-0042\n")
    assert main(["parse", "--json"]) == 2
    first, second, third = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    assert first["gtin"] == GTIN
    assert second["input"] == f"https://[x/01/{GTIN}" and "cannot be read" in second["error"]
    assert third["lot"] == "A2611-0042"


def test_even_an_error_of_ours_ends_only_its_own_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    real = parse_command.parse_scan

    def flaky(text: str, **kwargs: object):  # noqa: ANN202
        if text == "boom":
            raise ZeroDivisionError("a bug")
        return real(text, **kwargs)

    monkeypatch.setattr(parse_command, "parse_scan", flaky)
    _stdin(monkeypatch, "hello\nboom\nworld\n")
    assert main(["parse", "--json"]) == 2
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [o["input"] for o in out] == ["hello", "boom", "world"]
    assert "ZeroDivisionError: a bug" in out[1]["error"] and "report it" in out[1]["error"]


def test_every_line_good_exits_0_and_the_today_option_is_strict(capsys: pytest.CaptureFixture[str], monkeypatch) -> None:
    _stdin(monkeypatch, f"(01){GTIN}\n\nTD:A1\n")
    assert main(["parse", "--json"]) == 0
    with pytest.raises(SystemExit) as exited:
        main(["parse", "--today", "0001-01-01", "x"])
    assert exited.value.code == 2
    assert "the year 0001" in capsys.readouterr().err


URLISH = st.text(alphabet="[]@:/%?#&=.01234567ABCabc-_~", max_size=60)


@settings(max_examples=300)
@given(scheme=st.sampled_from(["https://", "http://", "HTTP://", "https:", "https:///"]), rest=URLISH)
def test_no_url_shaped_text_raises_anything_but_a_refusal(scheme: str, rest: str) -> None:
    for text in (scheme + rest, f"{scheme}{rest}/01/{GTIN}", f"{scheme}id.gs1.org/01/{GTIN}/10/{rest}"):
        try:
            parse_scan(text, today=date(2026, 6, 1))
        except InvalidInput:
            pass
