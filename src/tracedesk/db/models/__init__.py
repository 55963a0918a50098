"""The state tables and the event log, as typed SQLAlchemy 2 models, one module per domain.

State tables are a projection of the event log: `db.projection` is the only code that writes
them, and replaying the log rebuilds them exactly. Quantities are exact (`Quantity`), times UTC.
Every mapped class is imported here, so importing this package registers every table in
`Base.metadata` (which `create_all()` and the migrations' comparison rely on).
"""

from __future__ import annotations

from tracedesk.db.models.base import BULK_EVENT_TYPES, NOT_BULK_TYPE, Base, Credential, Event, EventLot, Station, User
from tracedesk.db.models.lots import Adjustment, Lot, LotCounter, LotLink
from tracedesk.db.models.master import Bom, BomLine, Item, Location, Party
from tracedesk.db.models.notices import AdvanceNotice, NoticeLine, NoticeReceipt, NoticeSscc
from tracedesk.db.models.orders import OrderInput, OrderOutput, OrderParameter, OrderTotal, WorkOrder
from tracedesk.db.models.quality import Complaint, Hold, Inspection, Recall, Signature
from tracedesk.db.models.sync import Conflict, ConflictResolution, SyncCursor
from tracedesk.db.models.warehouse import CustomerReturn, FlowTotal, LotMove, Scrap, Shipment, Transfer

# Tables that are not rebuilt from the log (the log itself, station heads, credentials, sync cursors).
NON_PROJECTED_TABLES = frozenset({"events", "stations", "credentials", "sync_cursors"})

# Tables that the event log is the source of; replay rebuilds exactly these.
STATE_TABLES: tuple[str, ...] = tuple(t.name for t in Base.metadata.sorted_tables if t.name not in NON_PROJECTED_TABLES)

__all__ = [
    "Adjustment",
    "AdvanceNotice",
    "BULK_EVENT_TYPES",
    "Base",
    "Bom",
    "BomLine",
    "Complaint",
    "Conflict",
    "ConflictResolution",
    "Credential",
    "CustomerReturn",
    "Event",
    "EventLot",
    "FlowTotal",
    "Hold",
    "Inspection",
    "Item",
    "Location",
    "Lot",
    "LotCounter",
    "LotLink",
    "LotMove",
    "NON_PROJECTED_TABLES",
    "NOT_BULK_TYPE",
    "NoticeLine",
    "NoticeReceipt",
    "NoticeSscc",
    "OrderInput",
    "OrderOutput",
    "OrderParameter",
    "OrderTotal",
    "Party",
    "Recall",
    "STATE_TABLES",
    "Scrap",
    "Shipment",
    "Signature",
    "Station",
    "SyncCursor",
    "Transfer",
    "User",
    "WorkOrder",
]
