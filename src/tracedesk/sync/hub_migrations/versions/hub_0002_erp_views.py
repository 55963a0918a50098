"""read-only views for ERP and BI in the schema tracedesk_erp, computed from the events alone

Revision ID: hub_0002_erp_views
Revises: hub_0001_events

The views read nothing but `tracedesk.events` (its payloads as jsonb), so they show every
station's facts as soon as they reach the hub. The role `<database>_reader` may read these views
and nothing else (`tracedesk hub add-reader` creates a login in it). docs/sync.md describes
each column.
"""

from __future__ import annotations

from alembic import op

revision = "hub_0002_erp_views"
down_revision = "hub_0001_events"
branch_labels = None
depends_on = None

_VIEWS = """
CREATE SCHEMA tracedesk_erp;

CREATE VIEW tracedesk_erp.events AS
SELECT hub_seq, id AS event_id, station, station_seq, "user", recorded_at::timestamptz AS recorded_at,
       utc_offset_minutes, type, payload::jsonb AS payload, received_at
FROM tracedesk.events;

-- Every lot: received, produced, or split from another (which gives it its item and unit).
CREATE VIEW tracedesk_erp.lots AS
WITH RECURSIVE made AS (
    SELECT payload->>'lot' AS lot, payload->>'item' AS item, payload->>'unit' AS unit,
           'received'::text AS origin, (payload->>'quantity')::numeric AS quantity, station, event_id,
           recorded_at, payload->>'supplier' AS supplier, payload->>'supplier_lot' AS supplier_lot,
           NULL::text AS work_order, NULL::text AS parent_lot, payload->>'expiry' AS expiry
    FROM tracedesk_erp.events WHERE type = 'lot_received'
    UNION ALL
    SELECT payload->>'lot', payload->>'item', payload->>'unit', 'produced', (payload->>'quantity')::numeric, station,
           event_id, recorded_at, NULL, NULL, payload->>'order', NULL, payload->>'expiry'
    FROM tracedesk_erp.events WHERE type = 'output_recorded'
),
split AS (
    SELECT child->>'lot' AS lot, e.payload->>'lot' AS parent_lot, (child->>'quantity')::numeric AS quantity,
           e.station, e.event_id, e.recorded_at
    FROM tracedesk_erp.events e, jsonb_array_elements(e.payload->'children') AS child
    WHERE e.type = 'lot_split'
),
every_lot AS (
    SELECT lot, item, unit, origin, quantity, station, event_id, recorded_at, supplier, supplier_lot, work_order,
           parent_lot, expiry
    FROM made
    UNION ALL
    SELECT s.lot, p.item, p.unit, 'split', s.quantity, s.station, s.event_id, s.recorded_at, p.supplier,
           p.supplier_lot, p.work_order, s.parent_lot, p.expiry
    FROM split s JOIN every_lot p ON p.lot = s.parent_lot
)
SELECT lot, item, unit, origin, quantity, station, event_id, recorded_at, supplier, supplier_lot, work_order,
       parent_lot, expiry
FROM every_lot;

-- Genealogy: parent lot -> child lot. An output links to every lot issued to its order at or
-- before it was recorded (or to the inputs it names); a split links the parent to each child.
CREATE VIEW tracedesk_erp.links AS
SELECT i.payload->>'lot' AS parent_lot, o.payload->>'lot' AS child_lot, o.payload->>'order' AS work_order,
       'order'::text AS kind, o.station, o.event_id
FROM tracedesk_erp.events o
JOIN tracedesk_erp.events i
  ON i.type = 'lot_issued' AND i.payload->>'order' = o.payload->>'order'
 AND (i.payload->>'issued_at')::timestamptz <= (o.payload->>'produced_at')::timestamptz
WHERE o.type = 'output_recorded'
  AND (jsonb_typeof(o.payload->'inputs') IS DISTINCT FROM 'array' OR o.payload->'inputs' ? (i.payload->>'lot'))
UNION
SELECT parent_lot, lot, NULL, 'split', station, event_id FROM tracedesk_erp.lots WHERE origin = 'split';

-- Each lot's balance: made − issued − shipped − split off ± adjusted, summed over every station.
CREATE VIEW tracedesk_erp.balances AS
WITH moves AS (
    SELECT lot, quantity AS delta FROM tracedesk_erp.lots
    UNION ALL
    SELECT payload->>'lot', -(payload->>'quantity')::numeric FROM tracedesk_erp.events WHERE type IN ('lot_issued', 'lot_shipped')
    UNION ALL
    SELECT parent_lot, -quantity FROM tracedesk_erp.lots WHERE origin = 'split'
    UNION ALL
    SELECT payload->>'lot', (payload->>'delta')::numeric FROM tracedesk_erp.events WHERE type = 'lot_adjusted'
)
SELECT l.lot, l.item, l.unit, coalesce(sum(m.delta), 0) AS balance
FROM tracedesk_erp.lots l LEFT JOIN moves m ON m.lot = l.lot
GROUP BY l.lot, l.item, l.unit;

CREATE VIEW tracedesk_erp.shipments AS
SELECT payload->>'lot' AS lot, payload->>'customer' AS customer, (payload->>'quantity')::numeric AS quantity,
       payload->>'unit' AS unit, payload->>'document' AS document, (payload->>'shipped_at')::timestamptz AS shipped_at,
       station, event_id
FROM tracedesk_erp.events WHERE type = 'lot_shipped';

-- Holds as placed, and whether a later event lifted them.
CREATE VIEW tracedesk_erp.holds AS
SELECT h.payload->>'lot' AS lot, h.payload->>'reason' AS reason, h.station, h.recorded_at AS placed_at,
       h.event_id, lifted.recorded_at AS lifted_at, lifted.event_id AS lifted_by
FROM tracedesk_erp.events h
LEFT JOIN LATERAL (
    SELECT r.recorded_at, r.event_id FROM tracedesk_erp.events r
    WHERE r.type = 'hold_released' AND r.payload->'hold_events' ? h.event_id
    ORDER BY r.hub_seq LIMIT 1
) lifted ON true
WHERE h.type = 'lot_held';

-- Contradictions between stations' facts, visible from the events alone: a lot used below
-- zero (over_issue), and a lot released at one station and rejected at another (concurrent_status).
CREATE VIEW tracedesk_erp.conflicts AS
SELECT 'over_issue'::text AS kind, b.lot,
       ARRAY(SELECT DISTINCT e.station FROM tracedesk_erp.events e
             WHERE e.type IN ('lot_issued', 'lot_shipped') AND e.payload->>'lot' = b.lot ORDER BY 1) AS stations,
       b.balance AS detail
FROM tracedesk_erp.balances b WHERE b.balance < 0
UNION ALL
SELECT 'concurrent_status', r.payload->>'lot',
       ARRAY(SELECT DISTINCT s FROM unnest(ARRAY[r.station, j.station]) AS s ORDER BY 1), NULL
FROM tracedesk_erp.events r
JOIN tracedesk_erp.events j ON j.type = 'lot_rejected' AND j.payload->>'lot' = r.payload->>'lot' AND j.station <> r.station
WHERE r.type = 'lot_released';
"""

_GRANTS = """
DO $$
DECLARE
    readers text := current_database() || '_reader';
    stations text := current_database() || '_station';
BEGIN
    EXECUTE format('GRANT USAGE ON SCHEMA tracedesk_erp TO %I, %I', readers, stations);
    EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA tracedesk_erp TO %I, %I', readers, stations);
END $$;
"""


def upgrade() -> None:
    op.execute(_VIEWS)
    op.execute(_GRANTS)


def downgrade() -> None:
    raise NotImplementedError("The hub is never downgraded: it keeps every station's events.")
