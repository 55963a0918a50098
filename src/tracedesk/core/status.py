"""Lot status and the transitions between them (DESIGN.md section 2)."""

from __future__ import annotations

from enum import StrEnum


class LotStatus(StrEnum):
    """Where a lot stands with QA; only RELEASED lots may be issued or shipped."""

    QUARANTINE = "quarantine"
    RELEASED = "released"
    REJECTED = "rejected"
    ON_HOLD = "on_hold"

    @property
    def label(self) -> str:
        return {"quarantine": "in quarantine", "released": "released", "rejected": "rejected", "on_hold": "on hold"}[self.value]


class LotOrigin(StrEnum):
    RECEIVED = "received"
    PRODUCED = "produced"
    SPLIT = "split"


class ItemKind(StrEnum):
    RAW = "raw"
    INTERMEDIATE = "intermediate"
    FINISHED = "finished"
    PACKAGING = "packaging"


class Tracking(StrEnum):
    LOT = "lot"
    SERIAL = "serial"


class Role(StrEnum):
    """What a user is allowed to do is decided by role (see services.permissions)."""

    CLERK = "clerk"
    LINE_LEAD = "line_lead"
    QA = "qa"
    ADMIN = "admin"


class OrderStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class PartyKind(StrEnum):
    SUPPLIER = "supplier"
    CUSTOMER = "customer"
