"""the hub: every station's events, stations with their chain heads, credentials, station roles

Revision ID: hub_0001_events
Revises:

Everything lives in the schema `tracedesk`. Stations never write a table directly: they call
security-definer functions that check, in the database, that the caller is the station's own
role and that each batch continues the chain the hub holds. Events are append-only (triggers).
Two group roles per hub database: `<database>_station` (what every station role is granted)
and `<database>_reader` (the read-only views for ERP and BI, added by a later revision).
"""

from __future__ import annotations

from alembic import op

revision = "hub_0001_events"
down_revision = None
branch_labels = None
depends_on = None

_ROLES = """
DO $$
DECLARE
    wanted text;
BEGIN
    FOREACH wanted IN ARRAY ARRAY[current_database() || '_station', current_database() || '_reader'] LOOP
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = wanted) THEN
            EXECUTE format('CREATE ROLE %I NOLOGIN', wanted);
        END IF;
    END LOOP;
END $$;
"""

_TABLES = """
CREATE TABLE tracedesk.stations (
    id text PRIMARY KEY CHECK (id <> ''),
    name text NOT NULL DEFAULT '',
    lot_prefix text NOT NULL CONSTRAINT stations_lot_prefix_key UNIQUE,
    role_name text UNIQUE,
    head_seq bigint NOT NULL DEFAULT 0,
    head_hash text NOT NULL DEFAULT repeat('0', 64),
    registered_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE tracedesk.events (
    hub_seq bigserial PRIMARY KEY,
    id text NOT NULL UNIQUE,
    station text NOT NULL REFERENCES tracedesk.stations (id),
    station_seq bigint NOT NULL,
    "user" text NOT NULL,
    recorded_at text NOT NULL,
    utc_offset_minutes integer NOT NULL,
    type text NOT NULL,
    payload text NOT NULL,
    prev_hash text NOT NULL,
    hash text NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (station, station_seq)
);
CREATE INDEX events_type ON tracedesk.events (type);

CREATE TABLE tracedesk.credentials (
    user_code text PRIMARY KEY,
    pin_hash text NOT NULL,
    badge_key text,
    changed_at timestamptz NOT NULL,
    changed_event text NOT NULL,
    station text NOT NULL REFERENCES tracedesk.stations (id)
);
"""

_FUNCTIONS = r"""
CREATE FUNCTION tracedesk.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION USING ERRCODE = 'TDH10', MESSAGE = 'the hub never changes or deletes an event';
END $$;
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON tracedesk.events
    FOR EACH ROW EXECUTE FUNCTION tracedesk.refuse_change();
CREATE TRIGGER events_never_truncated BEFORE TRUNCATE ON tracedesk.events
    FOR EACH STATEMENT EXECUTE FUNCTION tracedesk.refuse_change();

-- The station's own hashing (db.eventlog.event_hash): SHA-256 of the canonical JSON array.
-- to_json escapes a string exactly as the station's encoder does (ensure_ascii off).
CREATE FUNCTION tracedesk.event_hash(
    p_id text, p_station text, p_station_seq bigint, p_user text, p_recorded_at text,
    p_offset integer, p_type text, p_payload text, p_prev_hash text
) RETURNS text LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT encode(sha256(convert_to(
        '[' || to_json(p_id)::text || ',' || to_json(p_station)::text || ',' || p_station_seq::text || ','
        || to_json(p_user)::text || ',' || to_json(p_recorded_at)::text || ',' || p_offset::text || ','
        || to_json(p_type)::text || ',' || to_json(p_payload)::text || ',' || to_json(p_prev_hash)::text || ']',
        'UTF8')), 'hex')
$$;

-- The hub's administrators: members of the role that owns the schema (superusers too).
CREATE FUNCTION tracedesk.is_admin() RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT pg_has_role(session_user, (SELECT nspowner FROM pg_namespace WHERE nspname = 'tracedesk'), 'MEMBER')
$$;

CREATE FUNCTION tracedesk.check_caller(p_station text, p_role text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF (p_role IS NOT NULL AND p_role = session_user) OR tracedesk.is_admin() THEN
        RETURN;
    END IF;
    RAISE EXCEPTION USING ERRCODE = 'TDH02', MESSAGE = 'another station''s role',
        DETAIL = json_build_object('station', p_station, 'role', session_user)::text;
END $$;

CREATE FUNCTION tracedesk.register_station(p_id text, p_name text, p_prefix text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    existing record;
    taken text;
BEGIN
    PERFORM pg_advisory_xact_lock(74150002);
    SELECT id INTO taken FROM tracedesk.stations WHERE lot_prefix = p_prefix AND id <> p_id;
    IF taken IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'TDH07', MESSAGE = 'lot-code prefix taken',
            DETAIL = json_build_object('prefix', p_prefix, 'station', taken)::text;
    END IF;
    SELECT * INTO existing FROM tracedesk.stations WHERE id = p_id FOR UPDATE;
    IF NOT FOUND THEN
        IF NOT tracedesk.is_admin() THEN
            RAISE EXCEPTION USING ERRCODE = 'TDH06', MESSAGE = 'station not registered',
                DETAIL = json_build_object('station', p_id, 'role', session_user)::text;
        END IF;
        INSERT INTO tracedesk.stations (id, name, lot_prefix) VALUES (p_id, p_name, p_prefix);
        RETURN;
    END IF;
    PERFORM tracedesk.check_caller(existing.id, existing.role_name);
    UPDATE tracedesk.stations SET name = p_name, lot_prefix = p_prefix WHERE id = p_id;
END $$;

-- A batch of one station's events: [[id, station_seq, user, recorded_at, utc_offset_minutes,
-- type, payload, prev_hash, hash], ...] in chain order. Events the hub already holds must be
-- its copy exactly (a batch sent again after a cut); every new one must continue the chain
-- and match its hash, or nothing of the batch is kept. Pushes run one at a time, so hub
-- sequence numbers become visible in order and a reader never skips one.
CREATE FUNCTION tracedesk.push_events(p_station text, p_events jsonb) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    head record;
    e jsonb;
    seq bigint;
    prev text;
    digest text;
    known record;
    added integer := 0;
BEGIN
    PERFORM pg_advisory_xact_lock(74150001);
    SELECT * INTO head FROM tracedesk.stations WHERE id = p_station FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'TDH06', MESSAGE = 'station not registered',
            DETAIL = json_build_object('station', p_station, 'role', session_user)::text;
    END IF;
    PERFORM tracedesk.check_caller(head.id, head.role_name);
    seq := head.head_seq;
    prev := head.head_hash;
    FOR e IN SELECT value FROM jsonb_array_elements(p_events) LOOP
        IF (e->>1)::bigint <= head.head_seq THEN
            SELECT id, hash INTO known FROM tracedesk.events WHERE station = p_station AND station_seq = (e->>1)::bigint;
            IF known.id IS DISTINCT FROM e->>0 OR known.hash IS DISTINCT FROM e->>8 THEN
                RAISE EXCEPTION USING ERRCODE = 'TDH05', MESSAGE = 'differs from the hub''s copy',
                    DETAIL = json_build_object('id', e->>0, 'station', p_station, 'station_seq', (e->>1)::bigint,
                                               'type', e->>5, 'hub_id', known.id)::text;
            END IF;
            CONTINUE;
        END IF;
        IF (e->>1)::bigint <> seq + 1 OR (e->>7) IS DISTINCT FROM prev THEN
            RAISE EXCEPTION USING ERRCODE = 'TDH03', MESSAGE = 'does not continue the chain',
                DETAIL = json_build_object('id', e->>0, 'station', p_station, 'station_seq', (e->>1)::bigint,
                                           'type', e->>5, 'expected', seq + 1)::text;
        END IF;
        digest := tracedesk.event_hash(e->>0, p_station, (e->>1)::bigint, e->>2, e->>3, (e->>4)::integer,
                                       e->>5, e->>6, e->>7);
        IF digest IS DISTINCT FROM e->>8 THEN
            RAISE EXCEPTION USING ERRCODE = 'TDH04', MESSAGE = 'does not match its hash',
                DETAIL = json_build_object('id', e->>0, 'station', p_station, 'station_seq', (e->>1)::bigint,
                                           'type', e->>5)::text;
        END IF;
        seq := seq + 1;
        prev := digest;
        added := added + 1;
    END LOOP;
    IF added > 0 THEN
        INSERT INTO tracedesk.events (id, station, station_seq, "user", recorded_at, utc_offset_minutes, type,
                                      payload, prev_hash, hash)
        SELECT b.x->>0, p_station, (b.x->>1)::bigint, b.x->>2, b.x->>3, (b.x->>4)::integer, b.x->>5, b.x->>6,
               b.x->>7, b.x->>8
        FROM jsonb_array_elements(p_events) WITH ORDINALITY AS b (x, n)
        WHERE (b.x->>1)::bigint > head.head_seq
        ORDER BY b.n;
        UPDATE tracedesk.stations SET head_seq = seq, head_hash = prev WHERE id = p_station;
    END IF;
    RETURN seq;
END $$;

-- Credentials rows a station changed: [[user_code, pin_hash, badge_key, changed_at, changed_event], ...].
-- A row is taken only when the hub holds the event that changed it, recorded by this station,
-- and it is newer than the hub's row.
CREATE FUNCTION tracedesk.push_credentials(p_station text, p_rows jsonb) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    head record;
    r jsonb;
    taken integer := 0;
BEGIN
    SELECT * INTO head FROM tracedesk.stations WHERE id = p_station;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'TDH06', MESSAGE = 'station not registered',
            DETAIL = json_build_object('station', p_station, 'role', session_user)::text;
    END IF;
    PERFORM tracedesk.check_caller(head.id, head.role_name);
    FOR r IN SELECT value FROM jsonb_array_elements(p_rows) LOOP
        CONTINUE WHEN NOT EXISTS (
            SELECT FROM tracedesk.events WHERE id = r->>4 AND station = p_station
              AND type IN ('user_created', 'user_pin_changed', 'user_badge_changed'));
        INSERT INTO tracedesk.credentials AS c (user_code, pin_hash, badge_key, changed_at, changed_event, station)
        VALUES (r->>0, r->>1, r->>2, (r->>3)::timestamptz, r->>4, p_station)
        ON CONFLICT (user_code) DO UPDATE
            SET pin_hash = excluded.pin_hash, badge_key = excluded.badge_key, changed_at = excluded.changed_at,
                changed_event = excluded.changed_event, station = excluded.station
            WHERE c.changed_at < excluded.changed_at;
        IF FOUND THEN
            taken := taken + 1;
        END IF;
    END LOOP;
    RETURN taken;
END $$;
"""

_GRANTS = """
DO $$
DECLARE
    stations text := current_database() || '_station';
BEGIN
    EXECUTE 'REVOKE ALL ON ALL TABLES IN SCHEMA tracedesk FROM PUBLIC';
    EXECUTE 'REVOKE ALL ON ALL FUNCTIONS IN SCHEMA tracedesk FROM PUBLIC';
    EXECUTE format('GRANT USAGE ON SCHEMA tracedesk TO %I', stations);
    EXECUTE format('GRANT SELECT ON tracedesk.events, tracedesk.stations, tracedesk.credentials TO %I', stations);
    EXECUTE format('GRANT SELECT ON tracedesk.alembic_version TO %I', stations);
    EXECUTE format('GRANT EXECUTE ON FUNCTION tracedesk.register_station(text, text, text), '
                   'tracedesk.push_events(text, jsonb), tracedesk.push_credentials(text, jsonb), '
                   'tracedesk.event_hash(text, text, bigint, text, text, integer, text, text, text), '
                   'tracedesk.is_admin(), tracedesk.check_caller(text, text) TO %I', stations);
END $$;
"""


def upgrade() -> None:
    op.execute(_ROLES)
    op.execute(_TABLES)
    op.execute(_FUNCTIONS)
    op.execute(_GRANTS)


def downgrade() -> None:
    raise NotImplementedError("The hub is never downgraded: it keeps every station's events.")
