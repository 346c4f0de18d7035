"""Calendar feeds: the series' public feed and a member's private one, with the invitation
mails' UIDs, answers as PARTSTAT, cancellations as STATUS:CANCELLED, and revocable addresses."""

from __future__ import annotations

from icalendar import Calendar
from sqlalchemy import select

from arena.arenas.meetings import cancel_meeting
from arena.arenas.models import Attendance
from arena.auth.models import Role
from arena.db import utcnow
from arena.invitations import links
from arena.invitations.calendar import meeting_event
from arena.invitations.delivery import deliver_due_messages
from arena.invitations.services import send_invitations
from arena.members.models import Member


def _events(response) -> list:
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    calendar = Calendar.from_ical(response.data)  # validates: raises on a broken file
    return list(calendar.walk("VEVENT"))


def _mail_uid(smtp_server) -> str:
    message = smtp_server.wait_for(1)[0]
    for part in message.walk():
        if part.get_content_type() == "text/calendar":
            event = next(iter(Calendar.from_ical(part.get_payload(decode=True)).walk("VEVENT")))
            return str(event["UID"])
    raise AssertionError("no calendar part")


def _feed_url(client, account) -> str:
    page = client.get("/me/").get_data(as_text=True)
    url = page.split('id="calendar-url" class="wide" type="text" readonly value="')[1]
    return url.split('"')[0]


def test_the_feeds_follow_invitations_answers_and_cancellation(
    app, db, client, make_meeting, make_account, consenting, smtp_config, smtp_server, login
):
    meeting = make_meeting(online_url="https://meet.example.org/secret-room")
    member = consenting()
    account = make_account(role=Role.MEMBER, member_id=member.id)
    with app.test_request_context():
        send_invitations(db, meeting, {"kind": "network"}, now=utcnow())
        db.commit()
    deliver_due_messages(app.extensions["arena_db"].sessionmaker, smtp_config)
    uid = _mail_uid(smtp_server)
    invitation = db.scalar(select(Attendance).where(Attendance.member_id == member.id))
    with app.test_request_context():
        token = links.rsvp_token(invitation.id)
    assert client.post(f"/rsvp/{token}", data={"answer": "yes"}).status_code in (200, 302)

    series_page = login(account).get(f"/series/{meeting.series_id}").get_data(as_text=True)
    assert f"webcal://arena.test/api/v1/feeds/series/{meeting.series_id}.ics" in series_page
    public = client.get(f"/api/v1/feeds/series/{meeting.series_id}.ics")
    [event] = _events(public)
    assert str(event["UID"]) == uid and event["STATUS"] == "CONFIRMED"
    assert b"secret-room" not in public.data
    unchanged = client.get(
        f"/api/v1/feeds/series/{meeting.series_id}.ics",
        headers={"If-None-Match": public.headers["ETag"]},
    )
    assert unchanged.status_code == 304

    feed = _feed_url(client, account)
    client.post("/auth/logout")
    [mine] = _events(client.get(feed))
    assert str(mine["UID"]) == uid
    assert mine["ATTENDEE"].params["PARTSTAT"] == "ACCEPTED"

    with app.test_request_context():
        cancel_meeting(db, meeting, "The venue flooded.", now=utcnow())
        db.commit()
    assert (
        _events(client.get(f"/api/v1/feeds/series/{meeting.series_id}.ics"))[0]["STATUS"]
        == "CANCELLED"
    )
    assert _events(client.get(feed))[0]["STATUS"] == "CANCELLED"


def test_a_new_address_revokes_the_old_and_erasure_stops_the_feed(
    db, client, make_account, make_member, login
):
    member = make_member()
    account = make_account(role=Role.MEMBER, member_id=member.id)
    login(account)
    old = _feed_url(client, account)
    assert client.get(old).status_code == 200
    assert client.post("/me/calendar").status_code == 302
    new = _feed_url(client, account)
    assert new != old
    assert client.get(old).status_code == 400
    assert client.get(new).status_code == 200
    assert client.get(new[:-8] + "xxxx.ics").status_code == 400
    db.get(Member, member.id).erased_at = utcnow()
    db.commit()
    assert client.get(new).status_code == 400


def test_the_series_feed_holds_the_invitation_mails_events_byte_for_byte(
    app, client, db, make_meeting
):
    """The feed writes its events in one pass (``arena/api/ics.py``); they are the events
    the mails carry, long and non-ASCII text folded and escaped alike, cancellations too."""
    first = make_meeting(
        title="Één, twee; drie \\ " * 6,
        location="Zaal 1; Utrecht, Nederland " * 3,
        online_url="https://meet.example.org/room?a=1&b=2",
        programme="1. Welkom\n2. Praktijkvoorbeelden, met ü en ß; " + "lang " * 40,
    )
    second = make_meeting(
        series=first.series, title="Kort", programme=None, location=first.location
    )
    with app.test_request_context():
        cancel_meeting(db, second, "The venue flooded.", now=utcnow())
        db.commit()
    response = client.get(f"/api/v1/feeds/series/{first.series_id}.ics")
    body = response.get_data()
    events = _events(response)
    assert [str(event["STATUS"]) for event in events] == ["CONFIRMED", "CANCELLED"]
    for meeting, event in zip((first, second), events, strict=True):
        db.refresh(meeting)
        mailed = meeting_event(
            meeting,
            mail_from=app.config["MAIL_FROM"],
            stamp=event.decoded("DTSTAMP"),
            series_name=meeting.series.name,
            with_online_url=False,
        ).to_ical()
        assert mailed in body
