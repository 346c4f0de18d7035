"""The bulk writer changes how the demo is written, never what: the 400-member network of seed
2014 is the one recorded here, however many rows go into one INSERT.

The fingerprints were taken from the network as it was before the SQLite load moved from
`executemany` to statements of many rows. A change to the demo's content must update them on
purpose: the pages' benchmarks and the users' demo depend on the same seed giving the same
network.
"""

from __future__ import annotations

import enum
import hashlib
import sqlite3
from datetime import date, datetime

import pytest
from sqlalchemy import event, select

from arena.demo import bulk, generate_demo
from arena.models import Base

#: per table, the columns fingerprinted
COLUMNS = {
    "organisations": ("id", "name", "sector", "place", "created_dt"),
    "members": (
        "id", "name", "email", "role", "language", "consent_given_at", "is_former",
        "last_attended_dt", "created_dt",
    ),
    "memberships": ("id", "member_id", "organisation_id", "since", "until", "position"),
    "meetings": ("id", "series_id", "starts_dt", "state"),
    "attendances": (
        "id", "meeting_id", "member_id", "invited_dt", "response", "responded_dt",
        "is_attended", "is_walk_in", "checked_in_dt", "created_dt", "updated_dt",
    ),
    "small_wins": ("id", "title", "happened_on", "author_id", "meeting_id", "practice_example_id"),
    "small_win_follow_ups": (
        "id", "small_win_id", "months_after", "asked_dt", "answer", "answered_dt",
    ),
    "reflections": ("id", "meeting_id", "member_id", "of_value", "created_dt"),
    "collaborations": ("id", "title", "started_on", "status", "meeting_id", "recorded_by_id"),
    "practice_examples": ("id", "title"),
}  # fmt: skip

#: per table, the number of rows and the start of their SHA-256 (taken before the change)
RECORDED = {
    "organisations": (150, "ea2fc7a3dd88205b"),
    "members": (400, "acf55df4677f21ac"),
    "memberships": (451, "0330a6dd21d066ec"),
    "meetings": (53, "7c68c2908da09683"),
    "attendances": (11687, "8c8b2ba1be5a3495"),
    "small_wins": (576, "93ca0d8315f2c208"),
    "small_win_follow_ups": (1596, "688295e8a1241bd6"),
    "reflections": (1057, "0771fc81f57daf86"),
    "collaborations": (112, "72587b85e09628ac"),
    "practice_examples": (106, "373f2d21124470da"),
}


def _text(value) -> str:
    """A value as text that does not depend on the Python or driver version."""
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return repr(value)


def fingerprints(engine) -> dict[str, tuple[int, str]]:
    found = {}
    with engine.connect() as connection:
        for name, columns in COLUMNS.items():
            table = Base.metadata.tables[name]
            rows = connection.execute(select(*(table.c[c] for c in columns)).order_by(table.c.id))
            digest, count = hashlib.sha256(), 0
            for row in rows:
                digest.update("|".join(map(_text, row)).encode() + b"\n")
                count += 1
            found[name] = (count, digest.hexdigest()[:16])
    return found


@pytest.mark.parametrize(
    ("rows_per_insert", "variable_limit"),
    [
        (None, None),  # as loaded
        (7, None),  # many statements, and a shorter last one in most batches
        (10**6, 999),  # as many as the parameters allowed by SQLite builds before 3.32
    ],
)
def test_the_network_is_the_one_recorded_however_the_rows_are_grouped(
    make_database, monkeypatch, rows_per_insert, variable_limit
):
    if rows_per_insert is not None:
        monkeypatch.setattr(bulk, "SQLITE_ROWS_PER_INSERT", rows_per_insert)
    engine = make_database("sqlite")
    if variable_limit is not None:
        engine.dispose()

        @event.listens_for(engine, "connect")
        def lower_the_limit(dbapi_connection, _record):
            dbapi_connection.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, variable_limit)

    generate_demo(engine, members=400, seed=2014, password="same-password")
    assert fingerprints(engine) == RECORDED
