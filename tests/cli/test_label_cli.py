"""`tracedesk label`: a demo lot's label decodes back to a code that `parse` resolves to the lot."""

from __future__ import annotations

import socket
import threading

import pypdfium2
import pytest
import zxingcpp
from sqlalchemy import select

from tracedesk.cli import main
from tracedesk.core.codes import parse_scan
from tracedesk.db.models import Event

# The demo's users (README): anna is a clerk, admin the administrator.
ANNA = ["--user", "anna", "--pin", "1111"]
ADMIN = ["--user", "admin", "--pin", "1234"]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> str:
    db = str(tmp_path_factory.mktemp("demo") / "demo.sqlite3")
    assert main(["--db", db, "demo"]) == 0
    return db


def _first_lot(db: str, origin: str) -> str:
    import sqlite3

    with sqlite3.connect(db) as connection:
        return connection.execute(
            "SELECT l.code FROM lots l JOIN items i ON i.id = l.item_id WHERE l.origin = ? ORDER BY i.gtin IS NULL, l.id LIMIT 1",
            (origin,),
        ).fetchone()[0]


def test_a_label_pdf_decodes_back_to_the_lot(demo_db, tmp_path, capsys):
    lot = _first_lot(demo_db, "received")
    out = tmp_path / "label.pdf"
    assert main(["--db", demo_db, *ANNA, "label", lot, "--copies", "2", "--out", str(out)]) == 0
    pdf = pypdfium2.PdfDocument(str(out))
    assert len(pdf) == 2
    image = pdf[0].render(scale=400 / 72).to_pil()
    pdf.close()
    decoded = [r.text for r in zxingcpp.read_barcodes(image)]
    assert f"TD:{lot}" in decoded
    assert parse_scan(f"TD:{lot}").lot == lot
    gs1 = [
        parse_scan(r.symbology_identifier + r.bytes.decode("ascii"), strict=False)
        for r in zxingcpp.read_barcodes(image)
        if r.content_type == zxingcpp.ContentType.GS1
    ]
    assert gs1 and gs1[0].gtin is not None and gs1[0].lot == lot


def test_a_print_is_an_event_and_a_zpl_job_reaches_the_printer(demo_db, tmp_path, capsys):
    lot = _first_lot(demo_db, "produced")
    received = bytearray()
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)

    def accept() -> None:
        connection, _ = server.accept()
        with connection:
            while chunk := connection.recv(65536):
                received.extend(chunk)

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    port = server.getsockname()[1]
    assert main(["--db", demo_db, *ADMIN, "printers", "add", "zebra", "--kind", "zpl-tcp", "--address", f"127.0.0.1:{port}"]) == 0
    assert main(["--db", demo_db, "--user", "qa", "--pin", "3333", "label", lot, "--printer", "zebra"]) == 0
    thread.join(5)
    server.close()
    assert received.startswith(b"^XA") and received.rstrip().endswith(b"^XZ")
    assert f"TD:{lot}".encode() in received
    from sqlalchemy import create_engine
    from sqlalchemy.orm import Session

    engine = create_engine(f"sqlite:///{demo_db}")
    with Session(engine) as session:
        event = session.scalars(select(Event).where(Event.type == "label_printed").order_by(Event.seq.desc())).first()
    engine.dispose()
    assert event.user == "qa" and '"printer":"zebra"' in event.payload and lot in event.payload


def test_a_printer_that_does_not_answer_is_a_clear_error_and_nothing_is_recorded(demo_db, capsys):
    lot = _first_lot(demo_db, "received")
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()
    assert main(["--db", demo_db, *ANNA, "printers", "add", "gone", "--kind", "zpl-tcp", "--address", "127.0.0.1:1"]) == 2
    assert "anna (clerk) may not configure this station" in capsys.readouterr().err
    assert main(["--db", demo_db, *ADMIN, "printers", "add", "gone", "--kind", "zpl-tcp", "--address", f"127.0.0.1:{port}"]) == 0
    capsys.readouterr()
    assert main(["--db", demo_db, *ANNA, "label", lot, "--printer", "gone"]) == 2
    assert "gone" in capsys.readouterr().err
