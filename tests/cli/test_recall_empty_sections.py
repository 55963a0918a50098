"""`tracedesk recall LOT` says "none" under a heading with nothing below it, rather than leaving it bare."""

from __future__ import annotations

from tests.cli.conftest import first_admin
from tracedesk.cli import main

FILES = {
    "items.csv": "code,name,unit,kind,tracking,gtin,shelf_life_days\nSUGAR,Sugar,kg,raw,lot,,\n",
    "suppliers.csv": "code,name,gln\nS1,Sugar Co,\n",
    "customers.csv": "code,name,gln\nC1,Corner Shop,\n",
    "receipts.csv": (
        "lot,item,quantity,supplier,supplier_lot,received_at,expiry,po,status\n"
        "GONE-1,SUGAR,10,S1,SL-1,2026-01-05T08:00,,,released\n"
        "KEPT-1,SUGAR,10,S1,SL-2,2026-01-05T08:00,,,released\n"
    ),
    "shipments.csv": "lot,quantity,customer,shipped_at,document\nGONE-1,10,C1,2026-01-06T08:00,DN-1\n",
}


def test_nothing_in_stock_and_nobody_to_contact_are_said(tmp_path, capsys):  # noqa: ANN001
    db = str(tmp_path / "plant.sqlite3")
    folder = tmp_path / "history"
    folder.mkdir()
    for name, text in FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    assert main([*first_admin(db), "import", str(folder)]) == 0
    capsys.readouterr()
    assert main(["--db", db, "recall", "GONE-1"]) == 0
    shipped = capsys.readouterr().out.splitlines()
    assert "Still in stock: none" in shipped and "Customers to contact:" in shipped
    assert main(["--db", db, "recall", "KEPT-1"]) == 0
    kept = capsys.readouterr().out.splitlines()
    assert "Still in stock:" in kept and "Customers to contact: none" in kept
