"""The RSVP answer's statements run on the DBAPI cursor (``arena.db.Prepared``): the same
values as through Core both ways (aware UTC times, enums), every column they write named, and
on PostgreSQL a statement the server has prepared from the first answer on."""

from __future__ import annotations

from datetime import UTC, timedelta

from sqlalchemy import select, text

from arena.arenas.models import Attendance, MeetingState, Response
from arena.db import utcnow
from arena.invitations import answering


def _invitation(db, make_meeting, make_member) -> Attendance:
    meeting, member = make_meeting(location="Utrecht"), make_member(language="en")
    attendance = Attendance(
        meeting_id=meeting.id, member_id=member.id, invited_dt=meeting.starts_dt
    )
    db.add(attendance)
    db.commit()
    return attendance


def test_the_page_reads_what_core_reads(app, db, make_meeting, make_member):
    attendance = _invitation(db, make_meeting, make_member)
    now = utcnow()
    parameters = answering._parameters(attendance.id, "127.0.0.1", now)
    with app.app_context(), app.extensions["arena_db"].statements.connect() as connection:
        prepared = answering.PAGE.rows(connection, parameters)
        core = [tuple(row) for row in connection.execute(answering.PAGE.statement, parameters)]
    assert prepared == core and len(prepared) == 1
    row = prepared[0]
    assert row[3].tzinfo is UTC and row[6] is MeetingState.PLANNED  # starts_dt, state
    assert row[8] == "en" and row[9] is True and row[10] is None  # language, open, not held


def test_an_answer_writes_its_time_and_returns_the_thank_you_page(
    app, db, make_meeting, make_member
):
    attendance = _invitation(db, make_meeting, make_member)
    before = db.scalar(select(Attendance.updated_dt))
    now = utcnow() + timedelta(seconds=1)
    with app.test_request_context():
        answered = answering.answer_invitation(
            attendance.id, Response.MAYBE, address="127.0.0.1", now=now
        )
    assert answered.response is Response.MAYBE and answered.language == "en"
    assert answered.starts_dt.tzinfo is UTC
    db.expire_all()
    row = db.execute(
        select(Attendance.response, Attendance.responded_dt, Attendance.updated_dt)
    ).one()
    assert row.response is Response.MAYBE
    assert row.responded_dt == row.updated_dt == now  # named: Prepared applies no onupdate
    assert row.updated_dt > before


def test_on_postgresql_the_server_prepares_the_page_from_the_first_answer(
    app, db, make_meeting, make_member
):
    attendance = _invitation(db, make_meeting, make_member)
    statements = app.extensions["arena_db"].statements
    if statements.dialect.name != "postgresql":
        return  # SQLite: in the process, nothing to prepare on a server
    parameters = answering._parameters(attendance.id, "127.0.0.1", utcnow())
    with statements.connect() as connection:
        answering.PAGE.rows(connection, parameters)
        prepared = connection.execute(
            text("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE :page"),
            {"page": "%FROM attendances JOIN meetings%"},
        ).scalar()
    assert prepared == 1
