"""push_events checks a batch in one set-based statement instead of a loop per event

Revision ID: hub_0003_set_based_push
Revises: hub_0002_erp_views

The same checks and the same refusals as hub_0001 (the caller's role, events already held
must be the hub's copy, each new event continues the chain and matches its hash), made by one
query over the whole batch: a day of a busy plant (50,000 events) is pushed in seconds.
"""

from __future__ import annotations

from alembic import op

revision = "hub_0003_set_based_push"
down_revision = "hub_0002_erp_views"
branch_labels = None
depends_on = None

_PUSH = r"""
CREATE OR REPLACE FUNCTION tracedesk.push_events(p_station text, p_events jsonb) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    head record;
    bad record;
    last_seq bigint;
    last_hash text;
BEGIN
    PERFORM pg_advisory_xact_lock(74150001);
    SELECT * INTO head FROM tracedesk.stations WHERE id = p_station FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'TDH06', MESSAGE = 'station not registered',
            DETAIL = json_build_object('station', p_station, 'role', session_user)::text;
    END IF;
    PERFORM tracedesk.check_caller(head.id, head.role_name);

    -- A table of this call's own, dropped at commit: created without IF NOT EXISTS, so a table
    -- of that name the caller made beforehand (to feed the checks other rows) fails the push.
    CREATE TEMP TABLE pushed_batch (
        n bigint, id text, station_seq bigint, "user" text, recorded_at text, utc_offset_minutes integer,
        type text, payload text, prev_hash text, hash text
    ) ON COMMIT DROP;
    INSERT INTO pg_temp.pushed_batch
    SELECT b.n, b.x->>0, (b.x->>1)::bigint, b.x->>2, b.x->>3, (b.x->>4)::integer, b.x->>5, b.x->>6, b.x->>7, b.x->>8
    FROM jsonb_array_elements(p_events) WITH ORDINALITY AS b (x, n);

    -- Events the hub holds already (a batch sent again after a cut) must be its copy exactly.
    SELECT p.id, p.station_seq, p.type, e.id AS hub_id INTO bad
    FROM pg_temp.pushed_batch p LEFT JOIN tracedesk.events e ON e.station = p_station AND e.station_seq = p.station_seq
    WHERE p.station_seq <= head.head_seq AND (e.id IS DISTINCT FROM p.id OR e.hash IS DISTINCT FROM p.hash)
    ORDER BY p.n LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'TDH05', MESSAGE = 'differs from the hub''s copy',
            DETAIL = json_build_object('id', bad.id, 'station', p_station, 'station_seq', bad.station_seq,
                                       'type', bad.type, 'hub_id', bad.hub_id)::text;
    END IF;

    -- Each new event continues the chain (sequence and previous hash) and matches its hash.
    SELECT c.id, c.station_seq, c.type, c.expected, c.linked, c.digest = c.hash AS hashed INTO bad
    FROM (
        SELECT p.n, p.id, p.station_seq, p.type, p.hash,
               head.head_seq + row_number() OVER (ORDER BY p.n) AS expected,
               p.prev_hash = coalesce(lag(p.hash) OVER (ORDER BY p.n), head.head_hash) AS linked,
               encode(sha256(convert_to(
                   '[' || to_json(p.id)::text || ',' || to_json(p_station)::text || ',' || p.station_seq::text || ','
                   || to_json(p."user")::text || ',' || to_json(p.recorded_at)::text || ','
                   || p.utc_offset_minutes::text || ',' || to_json(p.type)::text || ','
                   || to_json(p.payload)::text || ',' || to_json(p.prev_hash)::text || ']', 'UTF8')), 'hex') AS digest
        FROM pg_temp.pushed_batch p WHERE p.station_seq > head.head_seq
    ) c
    WHERE c.station_seq <> c.expected OR NOT c.linked OR c.digest IS DISTINCT FROM c.hash
    ORDER BY c.n LIMIT 1;
    IF FOUND THEN
        IF bad.station_seq <> bad.expected OR NOT bad.linked THEN
            RAISE EXCEPTION USING ERRCODE = 'TDH03', MESSAGE = 'does not continue the chain',
                DETAIL = json_build_object('id', bad.id, 'station', p_station, 'station_seq', bad.station_seq,
                                           'type', bad.type, 'expected', bad.expected)::text;
        END IF;
        RAISE EXCEPTION USING ERRCODE = 'TDH04', MESSAGE = 'does not match its hash',
            DETAIL = json_build_object('id', bad.id, 'station', p_station, 'station_seq', bad.station_seq,
                                       'type', bad.type)::text;
    END IF;

    SELECT p.station_seq, p.hash INTO last_seq, last_hash
    FROM pg_temp.pushed_batch p WHERE p.station_seq > head.head_seq ORDER BY p.n DESC LIMIT 1;
    IF FOUND THEN
        INSERT INTO tracedesk.events (id, station, station_seq, "user", recorded_at, utc_offset_minutes, type,
                                      payload, prev_hash, hash)
        SELECT p.id, p_station, p.station_seq, p."user", p.recorded_at, p.utc_offset_minutes, p.type, p.payload,
               p.prev_hash, p.hash
        FROM pg_temp.pushed_batch p WHERE p.station_seq > head.head_seq ORDER BY p.n;
        UPDATE tracedesk.stations SET head_seq = last_seq, head_hash = last_hash WHERE id = p_station;
        RETURN last_seq;
    END IF;
    RETURN head.head_seq;
END $$;
"""


def upgrade() -> None:
    op.execute(_PUSH)


def downgrade() -> None:
    raise NotImplementedError("The hub is never downgraded: it keeps every station's events.")
