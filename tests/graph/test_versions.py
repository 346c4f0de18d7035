"""The graphs' data versions: triggers raise the part a change touches, and only that part."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import event, select, text

from arena.arenas.models import Attendance, Response
from arena.auth.models import Role, UserAccount
from arena.collaborations.models import CollaborationParticipant
from arena.db import make_engine, utcnow
from arena.demo import generate_demo
from arena.graph.analysis import KINDS
from arena.graph.fingerprint import KIND_PARTS, data_versions, source_fingerprints
from arena.graph.queries import Scope, load_rows
from arena.members.models import Membership
from arena.triggers import GRAPH_VERSION_PARTS, suspend_graph_versions
from arena.wins.models import SmallWinMechanism
from tests.databases import migration_module, upgraded_with_rows

MIGRATION = "migrations/versions/20261201_graphstore_0001_graph_data_versions.py"


TRIGGERED = migration_module(MIGRATION)


@pytest.fixture
def network(db, plant, make_account):
    a, b = plant.org("Alpha"), plant.org("Beta")
    one, other = plant.member(a), plant.member(b)
    meeting = plant.meeting(date(2021, 3, 1))
    later = plant.meeting(date(2021, 6, 1))
    plant.attend(meeting, one)
    invited = plant.make.attend(other, meeting, attended=False)
    win = plant.win("Pilot", date(2021, 4, 1), org=a, mechanisms=("oil-spot",))
    copy = plant.win("Copy", date(2021, 6, 1), org=b)
    example = plant.present(meeting, one)
    collaboration = plant.collaborate(date(2021, 5, 1), a, one)
    account = make_account(role=Role.PROGRAMME_LEAD, member_id=other.id)
    plant.commit()
    return {
        "a": a, "b": b, "one": one, "other": other, "meeting": meeting, "later": later,
        "invited": invited, "win": win, "copy": copy, "example": example,
        "collaboration": collaboration, "account": account, "series": plant.series,
    }  # fmt: skip


def _membership(db, member):
    return db.scalars(select(Membership).where(Membership.member_id == member.id)).one()


#: a change to one table, and the part it must raise
CHANGES = {
    "members": lambda db, n: setattr(n["one"], "name", "Renamed Person"),
    "organisations": lambda db, n: setattr(n["a"], "sector", "education"),
    "arena_series": lambda db, n: setattr(n["series"], "name", "Renamed series"),
    "meetings": lambda db, n: setattr(n["later"], "title", "Another title"),
    "attendances": lambda db, n: setattr(n["invited"], "is_attended", True),
    "collaborations": lambda db, n: setattr(n["collaboration"], "title", "Renamed"),
    "participants": lambda db, n: db.add(
        CollaborationParticipant(collaboration_id=n["collaboration"].id, member_id=n["other"].id)
    ),
    "small_wins": lambda db, n: setattr(n["win"], "title", "Renamed win"),
    "mechanisms": lambda db, n: setattr(
        n["win"], "mechanism_rows", [SmallWinMechanism(mechanism="connection")]
    ),
    "inspirations": lambda db, n: setattr(n["copy"], "inspired_by", [n["win"]]),
    "practice_examples": lambda db, n: setattr(n["example"], "meeting_id", n["later"].id),
    "presenters": lambda db, n: setattr(n["example"], "presenters", [n["other"]]),
    "memberships": lambda db, n: setattr(_membership(db, n["one"]), "until", date(2022, 1, 1)),
    "organisers": lambda db, n: setattr(n["account"], "role", Role.ORGANISER),
}
#: changes no graph reads
UNREAD = {
    "an email address": lambda db, n: setattr(n["one"], "email", "new@example.org"),
    "an RSVP answer": lambda db, n: setattr(n["invited"], "response", Response.NO),
    "an invitation": lambda db, n: db.add(
        Attendance(meeting_id=n["later"].id, member_id=n["one"].id, is_attended=False)
    ),
    "a sign-in": lambda db, n: setattr(n["account"], "last_login_dt", utcnow()),
    "a programme lead's account": lambda db, n: db.add(
        UserAccount(email="lead@example.org", role=Role.PROGRAMME_LEAD, password_hash="-")
    ),
    "a job title": lambda db, n: setattr(_membership(db, n["one"]), "position", "Director"),
    "a series' description": lambda db, n: setattr(n["series"], "description", "New words"),
}


def _after(db, network, change) -> tuple[set[str], set[str]]:
    """The parts a committed change raised, and the kinds of graph it made stale."""
    versions, fingerprints = data_versions(db), source_fingerprints(db)
    db.commit()
    change(db, network)
    db.commit()
    now, later = data_versions(db), source_fingerprints(db)
    raised = {part for part in versions if now[part] != versions[part]}
    return raised, {kind for kind in KINDS if later[kind] != fingerprints[kind]}


@pytest.mark.parametrize("part", CHANGES)
def test_a_change_raises_its_part_and_makes_only_the_kinds_that_read_it_stale(db, network, part):
    raised, stale = _after(db, network, CHANGES[part])
    assert raised == {part}
    assert stale == {kind for kind, parts in KIND_PARTS.items() if part in parts}


@pytest.mark.parametrize("change", UNREAD)
def test_a_change_no_graph_reads_leaves_every_graph_fresh(db, network, change):
    assert _after(db, network, UNREAD[change]) == (set(), set())


def test_a_deleted_attendance_counts_only_when_attended(db, network):
    assert _after(db, network, lambda db, n: db.delete(n["invited"])) == (set(), set())
    attended = db.scalars(select(Attendance).where(Attendance.is_attended.is_(True))).first()
    raised, _stale = _after(db, network, lambda db, n: db.delete(attended))
    assert raised == {"attendances"}


def test_every_part_has_a_table_and_every_table_its_triggers(db):
    """A batch migration on SQLite copies a table without its triggers: this notices."""
    assert set(GRAPH_VERSION_PARTS) == set(TRIGGERED.PARTS) == set().union(*KIND_PARTS.values())
    for table in TRIGGERED.TABLES:
        if db.get_bind().dialect.name == "postgresql":
            query = "SELECT tgname FROM pg_trigger WHERE tgrelid = CAST(:table AS regclass)"
            expected = {f"graph_changed_{table}"}
        else:
            query = "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = :table"
            expected = {f"graph_changed_{table}_{e}" for e in ("insert", "update", "delete")}
        assert expected <= set(db.execute(text(query), {"table": table}).scalars()), table


def test_the_triggers_watch_every_column_the_graphs_read(db, network):
    """A graph that starts reading a column needs it in the triggers' lists (graphstore_0001)."""
    statements = []

    def record(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)

    engine = db.get_bind()
    event.listen(engine, "before_cursor_execute", record)
    try:
        load_rows(db, Scope(series_id=1, since=date(2020, 1, 1), as_of=date(2025, 1, 1)))
    finally:
        event.remove(engine, "before_cursor_execute", record)
    read = set(re.findall(r"\b([a-z_]+)\.([a-z_]+)\b", " ".join(statements)))
    assert {table for table, _column in read} == set(TRIGGERED.TABLES)
    for table, column in read:
        columns = TRIGGERED.TABLES[table][1]
        watched = column == "id" or columns is None or column in columns.split(", ")
        assert watched, f"{table}.{column}"


def test_a_bulk_load_raises_every_part_once_and_the_triggers_follow_again(db, network):
    before = data_versions(db)
    resume = suspend_graph_versions(db.connection())
    db.add(Attendance(meeting_id=network["later"].id, member_id=network["one"].id))
    db.flush()
    db.execute(text("UPDATE attendances SET is_attended = NOT is_attended"))
    assert data_versions(db) == before  # not raised per row while loading
    resume()
    db.commit()
    assert data_versions(db) == {part: value + 1 for part, value in before.items()}
    raised, _stale = _after(db, network, CHANGES["members"])
    assert raised == {"members"}  # followed again


def test_the_demo_load_raises_every_part_once(empty_database_url):
    """On SQLite every attended row would raise its part; on PostgreSQL every COPY."""
    with upgraded_with_rows(empty_database_url, "head", []) as connection:
        before = dict(connection.execute(text("SELECT * FROM graph_data_version")).one()._mapping)
    engine = make_engine(empty_database_url)
    try:
        generate_demo(engine, members=40, seed=1, password="pw")
        with engine.connect() as connection:
            after = connection.execute(text("SELECT * FROM graph_data_version")).one()._mapping
    finally:
        engine.dispose()
    assert {part: after[part] - before[part] for part in GRAPH_VERSION_PARTS} == dict.fromkeys(
        GRAPH_VERSION_PARTS, 1
    )


def test_an_upgraded_database_with_rows_follows_its_changes(empty_database_url):
    rows = [
        "INSERT INTO organisations (id, name, name_key, created_dt, updated_dt) "
        "VALUES (1, 'Alpha', 'alpha', '2024-01-01 00:00:00', '2024-01-01 00:00:00')",
    ]
    with upgraded_with_rows(empty_database_url, "pages_0003", rows) as connection:
        first = connection.execute(text("SELECT organisations, members FROM graph_data_version"))
        organisations, members = first.one()
        connection.execute(text("UPDATE organisations SET name = 'Beta' WHERE id = 1"))
        connection.commit()
        after = connection.execute(text("SELECT organisations, members FROM graph_data_version"))
        assert tuple(after.one()) == (organisations + 1, members)


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)  # SQLite: one writer
def test_an_open_change_keeps_no_other_writer_waiting_on_postgresql(db, network):
    """The versions are raised at commit, once per part and transaction, and not at all when
    the change is rolled back."""
    engine = db.get_bind()
    before = data_versions(db)
    db.commit()
    with engine.connect() as long_one, engine.connect() as other:
        long_one.execute(text("UPDATE organisations SET sector = 'x' WHERE name = 'Alpha'"))
        long_one.execute(text("UPDATE organisations SET sector = 'y' WHERE name = 'Alpha'"))
        other.execute(text("SET lock_timeout = '2s'"))
        other.execute(text("UPDATE organisations SET sector = 'z' WHERE name = 'Beta'"))
        other.commit()  # would wait for long_one (and time out) if the raise took the lock
        assert data_versions(db)["organisations"] == before["organisations"] + 1
        db.commit()
        long_one.commit()
        with engine.connect() as undone:
            undone.execute(text("UPDATE members SET name = 'Gone'"))
            undone.rollback()
    after = data_versions(db)
    assert after["organisations"] == before["organisations"] + 2
    assert after["members"] == before["members"]
