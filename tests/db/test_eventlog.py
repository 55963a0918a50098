"""The event log's batch hashing and identifiers equal the one definition of each."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from tracedesk.core.ids import uuid7, uuid7_texts
from tracedesk.core.timeparse import iso_utc
from tracedesk.db.eventlog import _hasher, canonical_json, event_hash


@settings(deadline=None, max_examples=200)
@given(
    station=st.text(max_size=8),
    user=st.text(max_size=8),
    event_type=st.text(max_size=12),
    payload=st.dictionaries(st.text(max_size=5), st.one_of(st.text(), st.integers(), st.none()), max_size=4),
    station_seq=st.integers(min_value=1, max_value=2**40),
    offset=st.integers(min_value=-720, max_value=840),
)
def test_a_batch_hashes_each_event_as_event_hash_does(
    station: str,
    user: str,
    event_type: str,
    payload: dict,
    station_seq: int,
    offset: int,
) -> None:
    recorded = datetime(2026, 3, 1, 8, 30, 0, 123, tzinfo=UTC)
    text, event_id, prev = canonical_json(payload), uuid7_texts(1)[0], "ab" * 32
    expected = event_hash(
        id=event_id,
        station=station,
        station_seq=station_seq,
        user=user,
        recorded_at=recorded,
        utc_offset_minutes=offset,
        type=event_type,
        payload=text,
        prev_hash=prev,
    )
    assert _hasher(station, user, iso_utc(recorded), offset)(event_id, station_seq, event_type, text, prev) == expected


def test_uuid7_texts_are_version_7_uuids_in_their_standard_form() -> None:
    texts = uuid7_texts(50, 1_764_000_000_000)
    assert len(set(texts)) == 50 and uuid7_texts(0) == []
    for text in texts:
        parsed = uuid.UUID(text)
        assert str(parsed) == text and parsed.version == 7 and parsed.variant == uuid.RFC_4122
        assert text[:13] == str(uuid7(1_764_000_000_000))[:13]


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=4), children, max_size=3),
    max_leaves=12,
)


@settings(deadline=None, max_examples=300)
@given(payload=st.dictionaries(st.text(max_size=6), _JSON, max_size=6))
def test_canonical_json_is_the_canonical_encoders_text(payload: dict) -> None:
    assert canonical_json(payload) == json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(payload)
