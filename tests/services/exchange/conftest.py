"""The exchange tests (EPCIS, FSMA 204, advance notices) share one plant, built once and copied for each test."""

from __future__ import annotations

from tests.exchange_plant import admin, db_url, exchange_template, plant

__all__ = ["admin", "db_url", "exchange_template", "plant"]
