"""A scan of a signed serial label is checked at any station before the workspace uses it."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tests.plant import received
from tests.ui.conftest import scan, sign_in_as, wait_idle
from tracedesk.core.actor import Actor
from tracedesk.services import masterdata
from tracedesk.services.label_keys import generate_key
from tracedesk.services.verification import GENUINE, NOT_ISSUED, SerialSigner, load_signer
from tracedesk.ui.workspaces.quality.desk import QualityDeskWorkspace

pytestmark = pytest.mark.gui
GTIN = "09501101530010"


@pytest.fixture
def signed(shell, clock):
    """The plant's key on this station and one serial unit; the label text a scanner would read."""
    runtime = shell.runtime
    admin = Actor("admin", runtime.station.code, 60, clock)
    config = runtime.paths.config_dir
    with runtime.unit_of_work() as s:
        masterdata.create_item(s, admin, code="SCALE", name="Scale", unit="pcs", kind="finished", tracking="serial", gtin=GTIN)
        serial = received(s, admin, "SCALE", "1", supplier_lot="SN-1")
        generate_key(s, admin, config)
    with runtime.unit_of_work() as s:
        code = load_signer(s, config).code(GTIN, serial)
    return serial, f"(01){GTIN}(21){serial}(8030){code}"


def test_a_genuine_label_is_confirmed_and_used_a_forged_one_is_stopped(shell, signed):
    serial, label = signed
    sign_in_as(shell, "qa")
    desk = shell.window.show_workspace(QualityDeskWorkspace)
    desk.tabs.setCurrentWidget(desk.complaints)
    wait_idle(shell)
    scan(shell, label)
    wait_idle(shell)
    assert shell.ctx.last_label_check.outcome == GENUINE
    assert desk.complaints.lot.text() == serial  # the workspace got the scan
    desk.complaints.lot.clear()
    forged = f"(01){GTIN}(21){serial}(8030){SerialSigner(1, Ed25519PrivateKey.generate()).code(GTIN, serial)}"
    scan(shell, forged)
    wait_idle(shell)
    assert shell.ctx.last_label_check.outcome == NOT_ISSUED
    assert shell.ctx.banner.kind == "refused" and "not issued by this plant" in shell.ctx.banner.text()
    assert desk.complaints.lot.text() == ""  # stopped before the workspace
