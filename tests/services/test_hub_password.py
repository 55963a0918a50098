"""The hub's password is kept out of station.json: in a file of its own, readable by this user only."""

from __future__ import annotations

import json
import os
import stat
import sys
from dataclasses import replace

import pytest

from tracedesk.services.hub_password import HUB_PASSWORD_FILE
from tracedesk.services.runtime import StationSettings

SECRET = "S3cret-hub-pw"
URL = f"postgresql://dock:{SECRET}@hub.example:5432/tracedesk?sslmode=require"
BARE = "postgresql://dock@hub.example:5432/tracedesk?sslmode=require"


def test_station_json_keeps_the_address_without_its_password(tmp_path):
    path = tmp_path / "station.json"
    replace(StationSettings("ST1", "Dock"), hub_url=URL).save(path)
    assert SECRET not in path.read_text("utf-8") and json.loads(path.read_text("utf-8"))["hub_url"] == BARE
    kept = tmp_path / HUB_PASSWORD_FILE
    assert SECRET in kept.read_text("utf-8")
    if sys.platform != "win32":
        assert stat.S_IMODE(os.stat(kept).st_mode) == 0o600
    assert StationSettings.load_or_create(path).hub_url == URL  # put back for connecting
    assert not list(tmp_path.glob("*.tmp"))


def test_a_station_json_with_a_password_in_it_is_cleaned_when_read(tmp_path):
    path = tmp_path / "station.json"
    path.write_text(json.dumps({"code": "ST1", "name": "Dock", "hub_url": URL}), "utf-8")
    assert StationSettings.load_or_create(path).hub_url == URL
    assert SECRET not in path.read_text("utf-8") and SECRET in (tmp_path / HUB_PASSWORD_FILE).read_text("utf-8")


def test_a_password_kept_for_one_hub_is_never_sent_to_another(tmp_path):
    path = tmp_path / "station.json"
    replace(StationSettings("ST1", "Dock"), hub_url=URL).save(path)
    settings = json.loads(path.read_text("utf-8"))
    path.write_text(json.dumps({**settings, "hub_url": "postgresql://dock@elsewhere/tracedesk"}), "utf-8")
    assert StationSettings.load_or_create(path).hub_url == "postgresql://dock@elsewhere/tracedesk"


@pytest.mark.parametrize("new_url", ["", "postgresql://dock@hub.example/tracedesk"])
def test_a_hub_without_a_password_leaves_no_old_password_behind(tmp_path, new_url):
    path = tmp_path / "station.json"
    settings = replace(StationSettings("ST1", "Dock"), hub_url=URL)
    settings.save(path)
    replace(settings, hub_url=new_url).save(path)
    assert not (tmp_path / HUB_PASSWORD_FILE).exists()
    assert StationSettings.load_or_create(path).hub_url == new_url


def test_a_settings_folder_that_cannot_be_written_still_opens_with_its_old_station_json(tmp_path, monkeypatch):
    path = tmp_path / "station.json"
    path.write_text(json.dumps({"code": "ST1", "name": "Dock", "hub_url": URL}), "utf-8")
    if sys.platform != "win32" and os.geteuid() != 0:
        tmp_path.chmod(0o500)
    else:  # an administrator writes anywhere: the refusal a locked-down station would meet
        from tracedesk.services import runtime

        def refused(*_args: object) -> None:
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(runtime, "store_hub_password", refused)
    try:
        assert StationSettings.load_or_create(path).hub_url == URL
    finally:
        tmp_path.chmod(0o700)
