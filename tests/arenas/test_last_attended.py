"""Each member's latest attended session, kept by the database, follows every change.

``Member.last_attended_dt`` answers the member list's attended filters from an index; the
triggers of migration members_0001 keep it. Each test compares it with what the attendances
say (``_worked_out``, the definition the filters always had) after every step.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import delete, func, select, text, update

from arena.arenas.last_attended import TRIGGERS, suspend_last_attended
from arena.arenas.models import Attendance, Meeting, MeetingState
from arena.db import make_engine
from arena.members.erasure import erase_member
from arena.members.filters import member_filter_query
from arena.members.merge import merge_members
from arena.members.models import Member
from tests.databases import upgraded_with_rows

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
DAY = timedelta(days=1)


def _stored(db) -> dict[int, datetime | None]:
    db.expire_all()
    return dict(db.execute(select(Member.id, Member.last_attended_dt)).all())


def _worked_out(db) -> dict[int, datetime | None]:
    """The latest start of a session each member attended, from the attendances."""
    latest = dict(
        db.execute(
            select(Attendance.member_id, func.max(Meeting.starts_dt))
            .join(Meeting, Meeting.id == Attendance.meeting_id)
            .where(Attendance.is_attended.is_(True))
            .group_by(Attendance.member_id)
        ).all()
    )
    return {member_id: latest.get(member_id) for member_id in db.scalars(select(Member.id))}


def _latest(db, member: Member) -> datetime | None:
    stored = _stored(db)
    assert stored == _worked_out(db)
    return stored[member.id]


def _attended_last_year(db, **filters) -> list[str]:
    query = member_filter_query({"attended": "last-year", **filters}, now=NOW)
    return sorted(m.name for m in db.scalars(query))


@pytest.fixture
def sessions(factories):
    series = factories.series()
    return {
        age: factories.meeting(series, starts=NOW - age * DAY, state=MeetingState.HELD)
        for age in (500, 100, 10)
    }


def test_attending_missing_and_deleting_follow(db, factories, sessions):
    ann, bob = factories.member(name="Ann"), factories.member(name="Bob")
    assert _latest(db, ann) is None
    factories.attend(ann, sessions[500])
    assert _latest(db, ann) == sessions[500].starts_dt
    recent = factories.attend(ann, sessions[10], attended=False)
    factories.attend(bob, sessions[100], attended=False)
    assert _latest(db, ann) == sessions[500].starts_dt
    assert _attended_last_year(db) == []
    recent.is_attended = True  # checked in
    db.commit()
    assert _latest(db, ann) == sessions[10].starts_dt
    assert _attended_last_year(db) == ["Ann"]
    recent.is_attended = False  # checked in by mistake
    db.commit()
    assert _latest(db, ann) == sessions[500].starts_dt
    db.execute(update(Attendance).where(Attendance.member_id == bob.id).values(is_attended=True))
    db.commit()
    assert _latest(db, bob) == sessions[100].starts_dt
    assert _attended_last_year(db) == ["Bob"]
    db.execute(delete(Attendance).where(Attendance.member_id == ann.id))
    db.commit()
    assert _latest(db, ann) is None


def test_moving_an_attendance_or_a_session_follows(db, factories, sessions):
    ann, bob = factories.member(name="Ann"), factories.member(name="Bob")
    attendance = factories.attend(ann, sessions[500])
    factories.attend(bob, sessions[10])
    attendance.meeting_id = sessions[100].id
    db.commit()
    assert _latest(db, ann) == sessions[100].starts_dt
    attendance.member_id = bob.id  # the wrong person was ticked
    db.commit()
    assert _latest(db, ann) is None
    assert _latest(db, bob) == sessions[10].starts_dt
    sessions[10].starts_dt = NOW - 400 * DAY  # entered with the wrong year
    sessions[10].ends_dt = sessions[10].starts_dt + timedelta(hours=3)
    db.commit()
    assert _latest(db, bob) == sessions[100].starts_dt
    assert _attended_last_year(db) == ["Bob"]
    db.delete(sessions[100])  # the attendances go with it (ON DELETE CASCADE)
    db.commit()
    assert _latest(db, bob) == NOW - 400 * DAY
    assert _attended_last_year(db) == []


def test_a_deleted_member_or_session_leaves_the_others_right(db, factories, sessions):
    ann, bob = factories.member(name="Ann"), factories.member(name="Bob")
    for member in (ann, bob):
        factories.attend(member, sessions[100])
        factories.attend(member, sessions[10])
    db.execute(delete(Meeting).where(Meeting.id == sessions[10].id))
    db.commit()
    assert _latest(db, ann) == sessions[100].starts_dt
    db.execute(delete(Member).where(Member.id == ann.id))
    db.commit()
    assert _latest(db, bob) == sessions[100].starts_dt


def test_a_merge_keeps_the_latest_of_both(db, factories, sessions):
    keep, drop = factories.member(name="Ineke"), factories.member(name="I. de Wit")
    factories.attend(keep, sessions[500])
    factories.attend(keep, sessions[100], attended=False)
    factories.attend(drop, sessions[100])  # both at one session: the rows are combined
    factories.attend(drop, sessions[10], attended=False)
    keep_id = keep.id
    merge_members(db, keep, drop)
    db.commit()
    stored = _stored(db)
    assert stored == _worked_out(db)
    assert stored == {keep_id: sessions[100].starts_dt}
    assert _attended_last_year(db) == ["Ineke"]


def test_erasure_keeps_the_history_and_the_filter_as_it_was(db, factories, sessions):
    ann = factories.member(name="Ann")
    factories.attend(ann, sessions[10])
    erase_member(db, ann, now=NOW)
    db.commit()
    assert _latest(db, ann) == sessions[10].starts_dt
    assert _attended_last_year(db) == []  # erased members are not listed
    assert _attended_last_year(db, status="erased") == [f"Erased member #{ann.id}"]


def test_a_bulk_load_sets_the_triggers_aside_and_fills_the_column_after(db, factories, sessions):
    ann, bob = factories.member(name="Ann"), factories.member(name="Bob")
    factories.attend(ann, sessions[500])
    connection = db.connection()
    resume = suspend_last_attended(connection)
    db.add(Attendance(meeting_id=sessions[10].id, member_id=bob.id, is_attended=True))
    db.execute(delete(Attendance).where(Attendance.member_id == ann.id))
    db.flush()
    assert _stored(db) == {ann.id: sessions[500].starts_dt, bob.id: None}  # not followed
    resume()
    db.commit()
    assert _latest(db, bob) == sessions[10].starts_dt
    assert _latest(db, ann) is None
    factories.attend(ann, sessions[100])  # and followed again
    assert _latest(db, ann) == sessions[100].starts_dt


def test_the_triggers_are_there(db):
    """SQLite drops a table's triggers when a batch migration rebuilds it: a later migration
    that rebuilds attendances or meetings must create them again."""
    sql = (
        "SELECT name FROM sqlite_master WHERE type = 'trigger'"
        if db.get_bind().dialect.name == "sqlite"
        else "SELECT tgname FROM pg_trigger WHERE tgenabled = 'O'"
    )
    assert set(TRIGGERS) <= set(db.scalars(text(sql)))


#: a network as it was before the column: Ann attended two sessions, Bob one of two, Cas none
ROWS_BEFORE = [
    "INSERT INTO members (id, name, email, role, themes, time_zone, is_former, created_dt, "
    "updated_dt) VALUES (1, 'Ann', 'ann@example.nl', 'municipality', '[]', 'Europe/Amsterdam', "
    "false, '2020-01-01 10:00:00', '2020-01-01 10:00:00'), (2, 'Bob', NULL, 'provider', '[]', "
    "'Europe/Amsterdam', false, '2020-01-01 10:00:00', '2020-01-01 10:00:00'), (3, 'Cas', NULL, "
    "'provider', '[]', 'Europe/Amsterdam', false, '2020-01-01 10:00:00', '2020-01-01 10:00:00')",
    "INSERT INTO arena_series (id, name, theme, description, rhythm, header_text, "
    "presenter_instructions, invitation_subject, invitation_body, reminder_days_before, "
    "reminder_subject, reminder_body, practical_note_body, default_programme, "
    "created_dt, updated_dt) VALUES (1, 'Waardevol Werk', 'Work', '', 'quarterly', '', '', '', "
    "'', 7, '', '', '', '', '2020-01-01 10:00:00', '2020-01-01 10:00:00')",
    "INSERT INTO meetings (id, series_id, title, starts_dt, ends_dt, time_zone, "
    "introduction_topic, programme, state, ical_sequence, created_dt, updated_dt) VALUES "
    "(1, 1, 'Arena 1', '2020-02-01 13:00:00', '2020-02-01 16:00:00', 'Europe/Amsterdam', '', "
    "'', 'held', 0, '2020-01-01 10:00:00', '2020-01-01 10:00:00'), "
    "(2, 1, 'Arena 2', '2021-03-01 13:00:00', '2021-03-01 16:00:00', 'Europe/Amsterdam', '', "
    "'', 'held', 0, '2020-01-01 10:00:00', '2020-01-01 10:00:00')",
    "INSERT INTO attendances (id, meeting_id, member_id, is_attended, is_walk_in, created_dt, "
    "updated_dt) VALUES (1, 1, 1, true, false, '2020-01-01 10:00:00', '2020-01-01 10:00:00'), "
    "(2, 2, 1, true, false, '2020-01-01 10:00:00', '2020-01-01 10:00:00'), "
    "(3, 1, 2, true, false, '2020-01-01 10:00:00', '2020-01-01 10:00:00'), "
    "(4, 2, 2, false, false, '2020-01-01 10:00:00', '2020-01-01 10:00:00')",
]


def test_the_migration_fills_a_populated_database(empty_database_url):
    # report_0001 is the revision before members_0001
    with upgraded_with_rows(empty_database_url, "report_0001", ROWS_BEFORE) as conn:
        stored = dict(conn.execute(select(Member.id, Member.last_attended_dt)).all())
    assert stored == {
        1: datetime(2021, 3, 1, 13, tzinfo=UTC),
        2: datetime(2020, 2, 1, 13, tzinfo=UTC),
        3: None,
    }


def test_two_check_ins_of_one_person_at_once_keep_the_latest(migrated_postgres):
    """PostgreSQL: the second check-in waits for the first's lock on the member, then counts
    what the first committed (without the lock it would keep its own, older session)."""
    url = migrated_postgres.fresh_url()
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(ROWS_BEFORE[0])
            conn.exec_driver_sql(ROWS_BEFORE[1])
            conn.exec_driver_sql(ROWS_BEFORE[2])
        first, second = engine.connect(), engine.connect()
        insert = (
            "INSERT INTO attendances (meeting_id, member_id, is_attended, is_walk_in, "
            "created_dt, updated_dt) VALUES (%s, 3, true, false, now(), now())"
        )
        first.exec_driver_sql(insert, (2,))  # the later session, not yet committed
        waiting = threading.Thread(target=lambda: (second.exec_driver_sql(insert, (1,)),
                                                   second.commit()))  # fmt: skip
        waiting.start()
        waiting.join(0.5)
        first.commit()
        waiting.join(10)
        first.close()
        second.close()
        with engine.connect() as conn:
            latest = conn.execute(select(Member.last_attended_dt).where(Member.id == 3)).scalar()
    finally:
        engine.dispose()
    assert latest == datetime(2021, 3, 1, 13, tzinfo=UTC)
