"""Who gets the reminder and with which text: the series' settings, and a session's own."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from arena.arenas.models import Attendance, Meeting, ReminderTo
from arena.auth.models import Role
from arena.db import utcnow
from arena.invitations.models import MessageKind, OutboxMessage
from arena.invitations.reminders import queue_due_reminders
from arena.invitations.services import send_invitations


def _invite_three(app, db, meeting, consenting):
    """Three invited members who answered maybe, nothing and no."""
    members = [consenting(name=name) for name in ("Mia Maybe", "Sam Silent", "Nina No")]
    with app.test_request_context():
        send_invitations(db, meeting, {"kind": "network"}, now=utcnow())
    for member, answer in zip(members, ("maybe", None, "no"), strict=True):
        db.scalar(select(Attendance).where(Attendance.member_id == member.id)).response = answer
    db.commit()
    return members


def _reminded(app, db, meeting) -> dict[str, OutboxMessage]:
    with app.app_context():
        queue_due_reminders(db, meeting.starts_dt - timedelta(days=6))
        db.commit()
    rows = db.scalars(select(OutboxMessage).where(OutboxMessage.kind == MessageKind.REMINDER))
    return {row.recipient: row for row in rows}


def test_the_series_can_remind_those_who_said_maybe_too(
    app, db, make_series, make_meeting, consenting
):
    series = make_series(reminder_to=ReminderTo.UNANSWERED_OR_MAYBE)
    meeting = make_meeting(series=series)
    maybe, silent, no = _invite_three(app, db, meeting, consenting)
    assert set(_reminded(app, db, meeting)) == {maybe.email, silent.email}


def test_a_session_can_narrow_the_reminder_and_keeps_that_after_sending(
    app, db, make_series, make_meeting, consenting
):
    series = make_series(reminder_to=ReminderTo.UNANSWERED_OR_MAYBE)
    meeting = make_meeting(series=series, reminder_to=ReminderTo.UNANSWERED)
    maybe, silent, no = _invite_three(app, db, meeting, consenting)
    db.refresh(meeting)
    assert meeting.reminder_to == ReminderTo.UNANSWERED  # sending did not reset it
    assert set(_reminded(app, db, meeting)) == {silent.email}


def _session_form(meeting, **changes) -> dict:
    start = meeting.starts_dt
    form = {
        "title": meeting.title, "day": start.date().isoformat(), "starts_at": "14:00",
        "ends_at": "17:00", "location": meeting.location, "programme": meeting.programme,
        "invitation_subject": meeting.series.invitation_subject,
        "invitation_body": meeting.series.invitation_body, "reminder_days_before": "7",
        "reminder_to": "", "reminder_subject": "", "reminder_body": "",
    }  # fmt: skip
    form.update(changes)
    return form


def test_a_session_has_its_own_reminder_text_or_the_series_text(
    app, db, client, make_meeting, consenting, make_account, login
):
    meeting = make_meeting()
    login(make_account(role=Role.ORGANISER))
    own = _session_form(
        meeting,
        reminder_subject="Last call: {{ session.title }}",
        reminder_body="{{ first_name }}, seats are going fast. {{ rsvp_yes_url }}",
    )
    assert client.post(f"/sessions/{meeting.id}/edit", data=own).status_code == 302
    db.refresh(meeting)
    assert meeting.reminder_subject == "Last call: {{ session.title }}"
    maybe, silent, no = _invite_three(app, db, meeting, consenting)
    reminder = _reminded(app, db, meeting)[silent.email]
    assert reminder.subject == f"Last call: {meeting.title}"
    assert reminder.body_text.startswith("Sam, seats are going fast. http")

    # emptied again: the series' text is what a later reminder would use
    form = client.get(f"/sessions/{meeting.id}/edit").get_data(as_text=True)
    assert "seats are going fast" in form
    assert "As set for the series: members who have not answered<" in form
    client.post(f"/sessions/{meeting.id}/edit", data=_session_form(meeting))
    db.refresh(meeting)
    assert (meeting.reminder_subject, meeting.reminder_body, meeting.reminder_to) == (
        None,
        None,
        None,
    )


def test_an_error_in_a_sessions_reminder_text_shows_its_line_and_saves_nothing(
    db, client, make_meeting, make_account, login
):
    meeting = make_meeting()
    login(make_account(role=Role.ORGANISER))
    bad = _session_form(meeting, title="Changed", reminder_body="Hello\n{{ member.age }}")
    page = client.post(f"/sessions/{meeting.id}/edit", data=bad)
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Reminder text (line 2)" in text
    db.expire_all()
    assert db.get(Meeting, meeting.id).title != "Changed"
