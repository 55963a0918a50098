"""The domain's stored words (statuses, roles, kinds) as messages, so sentences show them in the reader's language.

The database and the events keep the stable English value (`on_hold`, `line_lead`); people
read `on hold` or `已冻结`. `word("on_hold")` is the message for a stored value; a value
this module does not know is returned as it is.
"""

from __future__ import annotations

from collections.abc import Iterable

from tracedesk.core.messages import Message, msg

_WORDS: dict[str, Message] = {
    # lot status (and what a label or report shows for a blocked lot)
    "quarantine": msg("in quarantine"),
    "released": msg("released"),
    "rejected": msg("rejected"),
    "on_hold": msg("on hold"),
    "suspect": msg("suspect"),
    # order and complaint status
    "open": msg("open"),
    "closed": msg("closed"),
    "investigating": msg("investigating"),
    # what a code names
    "supplier": msg("supplier"),
    "customer": msg("customer"),
    "item": msg("item"),
    "location": msg("location"),
    "order": msg("work order"),
    "lot": msg("lot"),
    # tracking (lot is above)
    "serial": msg("serial number"),
    # devices
    "scanner": msg("scanner"),
    "rfid": msg("RFID reader"),
    # roles
    "clerk": msg("clerk"),
    "line_lead": msg("line lead"),
    "qa": msg("QA"),
    "admin": msg("admin"),
    # lot origin
    "received": msg("received"),
    "produced": msg("produced"),
    "split": msg("split off"),
    "returned": msg("returned by a customer"),
    "reworked": msg("reworked"),
    "transferred": msg("transferred in"),
    # location kinds
    "plant": msg("plant"),
    "warehouse": msg("warehouse"),
    "area": msg("area"),
    "bin": msg("bin"),
    # item kinds and tracking
    "raw": msg("raw material"),
    "intermediate": msg("intermediate"),
    "finished": msg("finished good"),
    "packaging": msg("packaging"),
    # inspection results
    "pass": msg("pass"),
    "fail": msg("fail"),
    "conditional": msg("conditional"),
    # conflicts between stations, and their status (open is above)
    "over_issue": msg("used more than there was"),
    "used_while_held": msg("used while on hold elsewhere"),
    "concurrent_status": msg("decided differently at two stations"),
    "master_data": msg("master data changed at two stations"),
    "resolved": msg("resolved"),
}


def word(value: object) -> Message | str:
    """The message for a stored value (`on_hold` -> "on hold"), or the value itself."""
    key = str(getattr(value, "value", value))
    return _WORDS.get(key, key)


def words(values: Iterable[object]) -> list[Message | str]:
    """`word` of each value, for a list parameter."""
    return [word(v) for v in values]


_EVENTS: dict[str, Message] = {
    "lot_received": msg("received"),
    "lot_issued": msg("issued to an order"),
    "output_recorded": msg("output recorded"),
    "lot_shipped": msg("shipped"),
    "lot_split": msg("split"),
    "lot_inspected": msg("inspected"),
    "lot_released": msg("released"),
    "lot_rejected": msg("rejected"),
    "lot_held": msg("put on hold"),
    "hold_released": msg("hold lifted"),
    "lot_adjusted": msg("quantity adjusted"),
    "lot_corrected": msg("data corrected"),
    "label_printed": msg("label printed"),
    "recall_started": msg("recall started"),
    "mock_recall_completed": msg("mock recall completed"),
    "label_key_added": msg("label signing key added"),
    "order_created": msg("work order opened"),
    "order_closed": msg("work order closed"),
    "order_parameter_recorded": msg("process parameter recorded"),
    "complaint_registered": msg("complaint registered"),
    "complaint_updated": msg("complaint updated"),
    "item_created": msg("item added"),
    "item_updated": msg("item changed"),
    "party_created": msg("supplier or customer added"),
    "party_updated": msg("supplier or customer changed"),
    "location_created": msg("location added"),
    "location_updated": msg("location changed"),
    "bom_created": msg("BOM version added"),
    "user_created": msg("user added"),
    "user_updated": msg("user changed"),
    "station_configured": msg("station configured"),
    "conflict_resolved": msg("conflict resolved"),
    "location_blocked": msg("location blocked or unblocked"),
    "lot_moved": msg("moved"),
    "lot_returned": msg("returned by a customer"),
    "lot_scrapped": msg("scrapped or destroyed"),
    "transfer_shipped": msg("sent to another plant"),
    "transfer_received": msg("received from another plant"),
}


def event_name(event_type: str) -> Message | str:
    """What an event type is called in a timeline (`lot_held` -> "put on hold")."""
    return _EVENTS.get(event_type, event_type.replace("_", " "))
