"""Update, cancel, reminders, answers and unsubscribing, end to end through a real SMTP server."""

from __future__ import annotations

from datetime import timedelta

from icalendar import Calendar
from sqlalchemy import select

from arena.arenas.meetings import cancel_meeting, update_meeting
from arena.arenas.models import Attendance
from arena.db import utcnow
from arena.invitations import links
from arena.invitations.delivery import deliver_due_messages
from arena.invitations.models import MessageKind, MessageStatus, OutboxMessage
from arena.invitations.reminders import queue_due_reminders
from arena.invitations.services import send_invitations


def _deliver(app, config, now=None):
    return deliver_due_messages(app.extensions["arena_db"].sessionmaker, config, now=now)


def _event(message):
    for part in message.walk():
        if part.get_content_type() == "text/calendar":
            calendar = Calendar.from_ical(part.get_payload(decode=True))
            return part.get_param("method"), calendar, next(iter(calendar.walk("VEVENT")))
    raise AssertionError("no calendar part")


def _invite(app, db, meeting, n, consenting):
    members = [consenting() for _ in range(n)]
    with app.test_request_context():
        send_invitations(db, meeting, {"kind": "network"}, now=utcnow())
        db.commit()
    return members


def test_a_new_time_goes_to_everyone_invited_with_a_higher_sequence(
    app, db, make_meeting, consenting, smtp_config, smtp_server
):
    meeting = make_meeting()
    _invite(app, db, meeting, 2, consenting)
    _deliver(app, smtp_config)
    later = meeting.starts_dt + timedelta(days=7)
    with app.test_request_context():
        change = update_meeting(
            db, meeting, {"starts_dt": later, "ends_dt": later + timedelta(hours=2)}, now=utcnow()
        )
        db.commit()
    assert change.calendar_changed and change.updates_queued == 2
    assert _deliver(app, smtp_config).sent == 2
    messages = smtp_server.wait_for(4)
    first_uid = str(_event(messages[0])[2]["UID"])
    for update in messages[2:]:
        method, calendar, event = _event(update)
        assert method == "REQUEST" == calendar["METHOD"]
        assert event["SEQUENCE"] == 1 and str(event["UID"]) == first_uid
        assert event.decoded("DTSTART") == later
        assert update["Subject"].startswith("Changed:")
    # a change of title only sends nothing
    with app.test_request_context():
        assert update_meeting(db, meeting, {"title": "New title"}, now=utcnow()).updates_queued == 0


def test_cancelling_sends_method_cancel_and_withdraws_unsent_invitations(
    app, db, make_meeting, consenting, smtp_config, smtp_server
):
    meeting = make_meeting()
    _invite(app, db, meeting, 2, consenting)
    _deliver(app, smtp_config)
    late = consenting()
    with app.test_request_context():
        send_invitations(db, meeting, {"kind": "network"}, now=utcnow())
        assert cancel_meeting(db, meeting, "The venue flooded.", now=utcnow()) == 2
        db.commit()
    assert _deliver(app, smtp_config).sent == 2
    cancels = smtp_server.wait_for(4)[2:]
    assert late.email not in [m["To"] for m in cancels]
    for message in cancels:
        method, calendar, event = _event(message)
        assert method == "CANCEL" == calendar["METHOD"]
        assert event["STATUS"] == "CANCELLED" and event["SEQUENCE"] == 1
        assert str(event["ATTENDEE"]) == f"mailto:{message['To']}"
        assert "The venue flooded." in message.get_body(("plain",)).get_content()
    withdrawn = db.scalar(select(OutboxMessage).where(OutboxMessage.member_id == late.id))
    assert withdrawn.status == MessageStatus.FAILED


def test_reminder_goes_once_to_those_who_did_not_answer(
    app, db, make_meeting, consenting, smtp_config, smtp_server
):
    meeting = make_meeting()
    answered, silent = _invite(app, db, meeting, 2, consenting)
    db.scalar(select(Attendance).where(Attendance.member_id == answered.id)).response = "yes"
    db.commit()
    remind_at = meeting.starts_dt - timedelta(days=7)
    with app.app_context():
        assert queue_due_reminders(db, remind_at - timedelta(hours=1)).reminders == 0
        assert queue_due_reminders(db, remind_at + timedelta(minutes=1)).reminders == 1
        assert queue_due_reminders(db, remind_at + timedelta(hours=2)).reminders == 0
        db.commit()
    reminders = db.scalars(select(OutboxMessage).where(OutboxMessage.kind == MessageKind.REMINDER))
    assert [r.member_id for r in reminders] == [silent.id]


def test_practical_note_the_day_before_goes_once_to_those_who_said_yes(
    app, db, make_meeting, consenting, smtp_config, smtp_server
):
    meeting = make_meeting()
    yes, no = _invite(app, db, meeting, 2, consenting)
    for member, answer in ((yes, "yes"), (no, "no")):
        db.scalar(select(Attendance).where(Attendance.member_id == member.id)).response = answer
    db.commit()
    day_before = meeting.starts_dt - timedelta(hours=20)
    with app.app_context():
        assert queue_due_reminders(db, day_before).notes == 1
        assert queue_due_reminders(db, day_before + timedelta(hours=1)).notes == 0
        db.commit()
    _deliver(app, smtp_config, now=day_before + timedelta(minutes=1))
    notes = [m for m in smtp_server.wait_for(3) if m["Subject"].startswith("Tomorrow")]
    assert [m["To"] for m in notes] == [yes.email]
    assert "Utrecht, Jaarbeurs" in notes[0].get_body(("plain",)).get_content()


def _link(message, word):
    text = message.get_body(("plain",)).get_content()
    return next(w for w in text.split() if word in w).replace("http://arena.test", "")


def test_rsvp_link_from_the_email_records_the_answer_after_confirmation(
    app, db, client, make_meeting, consenting, smtp_config, smtp_server
):
    meeting = make_meeting()
    (member,) = _invite(app, db, meeting, 1, consenting)
    app.config["BASE_URL"] = "http://arena.test"
    _deliver(app, smtp_config)
    link = _link(smtp_server.wait_for(1)[0], "answer=maybe")
    page = client.get(link)
    assert page.status_code == 200 and b"Confirm my answer" in page.data
    attendance = db.scalar(select(Attendance).where(Attendance.member_id == member.id))
    db.refresh(attendance)
    assert attendance.response is None  # a GET (a mail scanner) changes nothing
    done = client.post(link.split("?")[0], data={"answer": "maybe"})
    assert b"Thank you for your answer" in done.data
    db.refresh(attendance)
    assert attendance.response == "maybe"
    client.post(link.split("?")[0], data={"answer": "no"})
    db.refresh(attendance)
    assert attendance.response == "no"


def test_tampered_foreign_and_cancelled_rsvp_links_fail_clearly(
    app, db, client, make_meeting, consenting
):
    meeting = make_meeting()
    (member,) = _invite(app, db, meeting, 1, consenting)
    attendance = db.scalar(select(Attendance).where(Attendance.member_id == member.id))
    with app.app_context():
        good = links.rsvp_token(attendance.id)
        unsubscribe = links.unsubscribe_token(member.id)
    assert client.get(f"/rsvp/{good}x?answer=yes").status_code == 400
    assert client.get(f"/rsvp/{unsubscribe}?answer=yes").status_code == 400
    assert client.post(f"/unsubscribe/{good}").status_code == 400
    with app.test_request_context():
        cancel_meeting(db, meeting, "", now=utcnow())
        db.commit()
    refused = client.post(f"/rsvp/{good}", data={"answer": "yes"})
    assert refused.status_code == 410 and b"cancelled" in refused.data


def test_one_click_unsubscribe_stops_queued_mail_and_future_invitations(
    app, db, client, make_meeting, consenting, smtp_config, smtp_server
):
    meeting = make_meeting()
    (member,) = _invite(app, db, meeting, 1, consenting)
    row = db.scalar(select(OutboxMessage))
    url = row.headers["List-Unsubscribe"].strip("<>")
    path = url.split("/unsubscribe/")[1]
    assert b"Yes, unsubscribe me" in client.get(f"/unsubscribe/{path}").data
    db.refresh(member)
    assert member.unsubscribed_at is None  # a GET only asks
    response = client.post(f"/unsubscribe/{path}", data={"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    db.refresh(member)
    assert member.unsubscribed_at is not None
    assert _deliver(app, smtp_config).sent == 0
    assert smtp_server.messages == []
    other = make_meeting()
    with app.test_request_context():
        assert send_invitations(db, other, {"kind": "network"}, now=utcnow()).queued == 0
