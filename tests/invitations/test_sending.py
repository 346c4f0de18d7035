"""Sending a session's invitations: per-member text, calendar files, who is left out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from sqlalchemy import select

from arena.arenas.models import Attendance, MeetingState, SeriesFollower
from arena.db import utcnow
from arena.invitations.audience import resolve_audience
from arena.invitations.delivery import deliver_due_messages
from arena.invitations.models import OutboxMessage
from arena.invitations.services import InvitationError, send_invitations


def _deliver(app, config):
    return deliver_due_messages(app.extensions["arena_db"].sessionmaker, config)


def _calendars(message) -> list[tuple[str, Calendar]]:
    found = []
    for part in message.walk():
        if part.get_content_type() in ("text/calendar", "application/ics"):
            found.append(
                (part.get_param("method"), Calendar.from_ical(part.get_payload(decode=True)))
            )
    return found


def _event(calendar: Calendar):
    return next(iter(calendar.walk("VEVENT")))


def test_each_member_gets_their_own_text_and_the_sessions_calendar(
    app, db, make_meeting, consenting, smtp_config, smtp_server
):
    meeting = make_meeting()
    anna = consenting(name="Anna de Vries", email="anna@example.nl")
    bram = consenting(name="Bram Bakker", email="bram@example.nl", time_zone="Europe/London")
    with app.test_request_context():
        result = send_invitations(db, meeting, {"kind": "network"}, now=utcnow())
        db.commit()
    assert result.queued == 2
    assert meeting.state == MeetingState.INVITATIONS_SENT
    assert _deliver(app, smtp_config).sent == 2
    messages = {m["To"]: m for m in smtp_server.wait_for(2)}
    anna_text = messages[anna.email].get_body(("plain",)).get_content()
    bram_text = messages[bram.email].get_body(("plain",)).get_content()
    assert anna_text.startswith("Dear Anna,")
    assert bram_text.startswith("Dear Bram,")
    # 13:00 UTC is 14:00 or 15:00 in Amsterdam and 13:00 or 14:00 in London
    local_nl = meeting.starts_dt.astimezone(ZoneInfo("Europe/Amsterdam"))
    local_uk = meeting.starts_dt.astimezone(ZoneInfo("Europe/London"))
    assert f"{local_nl:%H:%M}–" in anna_text
    assert f"{local_uk:%H:%M}–" in bram_text
    assert "Utrecht, Jaarbeurs" in anna_text
    assert "/rsvp/" in anna_text and "answer=yes" in anna_text and "/unsubscribe/" in anna_text
    assert messages[anna.email]["Subject"].startswith(f"Invitation: {meeting.title} on ")
    assert messages[anna.email]["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert messages[anna.email]["List-Unsubscribe"].startswith("<http")
    html = messages[anna.email].get_body(("html",)).get_content()
    assert "Dear Anna," in html and "<a href=" in html
    uids = set()
    for member in (anna, bram):
        for _method, calendar in _calendars(messages[member.email]):
            # RFC 5546: a REQUEST names its attendee; Arena's links carry the answer
            attendee = _event(calendar)["ATTENDEE"]
            assert str(attendee) == f"mailto:{member.email}"
            assert attendee.params["CN"] == member.name
            assert attendee.params["RSVP"] == "FALSE"
    for method, calendar in _calendars(messages[anna.email]) + _calendars(messages[bram.email]):
        assert method == "REQUEST" and calendar["METHOD"] == "REQUEST"
        event = _event(calendar)
        uids.add(str(event["UID"]))
        assert event["SEQUENCE"] == 0
        assert event.decoded("DTSTART") == meeting.starts_dt
        assert event.decoded("DTSTART").tzinfo is not None
        assert event.decoded("DTEND") == meeting.ends_dt
        assert str(event["LOCATION"]) == "Utrecht, Jaarbeurs"
    assert len(uids) == 1


def test_left_out_members_are_named_with_the_reason_and_never_mailed(
    app, db, make_meeting, make_member, consenting, smtp_config, smtp_server
):
    meeting = make_meeting()
    consenting(name="Cora Mailable")
    consenting(name="Dirk Left", unsubscribed_at=datetime(2025, 1, 1, tzinfo=UTC))
    make_member(name="Eva Noconsent")
    consenting(name="Fay Noemail", email=None)
    consenting(name="Gijs Erased", erased_at=datetime(2025, 1, 1, tzinfo=UTC))
    with app.test_request_context():
        result = send_invitations(db, meeting, {"kind": "network"}, now=utcnow())
        db.commit()
    assert result.queued == 1
    reasons = {reason: [name for _, name in names] for reason, names in result.left_out.items()}
    assert reasons == {
        "unsubscribed": ["Dirk Left"],
        "no-consent": ["Eva Noconsent"],
        "no-email": ["Fay Noemail"],
        "erased": ["Gijs Erased"],
    }
    _deliver(app, smtp_config)
    assert [m["To"] for m in smtp_server.wait_for(1)] == [
        db.scalar(select(OutboxMessage.recipient))
    ]


def test_sending_again_reaches_only_members_not_yet_invited(
    app, db, make_meeting, consenting, smtp_config
):
    meeting = make_meeting()
    consenting()
    with app.test_request_context():
        assert send_invitations(db, meeting, {"kind": "network"}, now=utcnow()).queued == 1
        consenting()
        again = send_invitations(db, meeting, {"kind": "network"}, now=utcnow())
        db.commit()
    assert (again.queued, again.already_invited) == (1, 1)
    assert len(db.scalars(select(Attendance)).all()) == 2


def test_a_session_in_the_past_cannot_be_sent(app, db, make_meeting, consenting):
    start = utcnow() - timedelta(days=1)
    meeting = make_meeting(starts_dt=start, ends_dt=start + timedelta(hours=2))
    consenting()
    with app.test_request_context(), pytest.raises(InvitationError, match="already started"):
        send_invitations(db, meeting, {"kind": "network"}, now=utcnow())
    assert db.scalars(select(OutboxMessage)).all() == []


def test_an_unknown_placeholder_is_reported_with_its_line_and_nothing_is_queued(
    app, db, make_meeting, consenting
):
    meeting = make_meeting(invitation_body="Dear {{ member.first_name }},\n\nSee {{ adress }}")
    consenting()
    with app.test_request_context(), pytest.raises(InvitationError) as caught:
        send_invitations(db, meeting, {"kind": "network"}, now=utcnow())
    (problem,) = caught.value.problems
    assert problem.line == 3 and "adress" in problem.message
    assert db.scalars(select(OutboxMessage)).all() == []


def test_a_syntax_error_and_a_sandbox_escape_are_refused(app, db, make_meeting):
    meeting = make_meeting(invitation_body="Hello\n{% if %}")
    with app.test_request_context():
        from arena.arenas.placeholders import check_texts

        (syntax,) = check_texts(meeting, {"Text": "Hello\n{% if %}"})
        assert syntax.line == 2
        (escape,) = check_texts(meeting, {"Text": "{{ member.__class__.__mro__ }}"})
        assert escape.line == 1
        (power,) = check_texts(meeting, {"Text": "Hi\n\n{{ 'x' * 10 ** 9 }}"})
        assert power.line == 3 and "power" in power.message
        assert check_texts(meeting, {"Text": "{{ '-' * 40 }}"}) == []


def test_scheduled_sending_waits_until_its_time(app, db, make_meeting, consenting, smtp_config):
    meeting = make_meeting()
    consenting()
    later = utcnow() + timedelta(days=2)
    with app.test_request_context():
        send_invitations(db, meeting, {"kind": "network"}, now=utcnow(), send_at=later)
        db.commit()
    assert _deliver(app, smtp_config).sent == 0
    report = deliver_due_messages(
        app.extensions["arena_db"].sessionmaker, smtp_config, now=later + timedelta(seconds=1)
    )
    assert report.sent == 1


def test_followers_are_invited_with_the_earlier_attendees_but_not_to_a_hand_picked_list(
    app, db, make_series, make_meeting, consenting
):
    series = make_series()
    start = utcnow() - timedelta(days=90)
    earlier = make_meeting(series=series, starts_dt=start, ends_dt=start + timedelta(hours=3))
    came, follower, stranger = consenting(), consenting(), consenting()
    db.add(Attendance(meeting_id=earlier.id, member_id=came.id, is_attended=True))
    db.add(SeriesFollower(series_id=series.id, member_id=follower.id, followed_dt=utcnow()))
    db.commit()
    meeting = make_meeting(series=series)
    with app.test_request_context():
        previous = resolve_audience(db, meeting, {"kind": "previous"})
        picked = resolve_audience(db, meeting, {"kind": "members", "member_ids": [stranger.id]})
    assert {r.member_id for r in previous.recipients} == {came.id, follower.id}
    assert [r.member_id for r in picked.recipients] == [stranger.id]


def test_a_segment_audience_is_the_segments_members_and_the_followers(
    app, db, make_series, make_meeting, consenting
):
    pytest.importorskip("arena.members.segments")
    from arena.members.models import Segment, StakeholderRole

    series = make_series()
    alderman = consenting(role=StakeholderRole.MUNICIPALITY)
    follower, provider = consenting(), consenting()
    segment = Segment(name="Municipalities", filters={"role": "municipality"})
    db.add_all([segment, SeriesFollower(series_id=series.id, member_id=follower.id,
                                        followed_dt=utcnow())])  # fmt: skip
    db.commit()
    meeting = make_meeting(series=series)
    with app.test_request_context():
        found = resolve_audience(db, meeting, {"kind": "segment", "segment_id": segment.id})
    assert {r.member_id for r in found.recipients} == {alderman.id, follower.id}
    assert provider.id not in {r.member_id for r in found.recipients}
