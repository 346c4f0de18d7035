"""The organiser's pages for series and sessions, and the member's series page."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from arena.arenas.models import ArenaSeries, Attendance, Meeting, MeetingState, SeriesFollower
from arena.auth.models import Role
from arena.db import utcnow
from arena.invitations.models import MessageKind, OutboxMessage
from arena.members.models import Member

SERIES_FORM = {
    "name": "Thuis in de Wijk",
    "theme": "Living at home with support from the neighbourhood",
    "rhythm": "quarterly",
    "default_location": "Amersfoort, De Observant",
    "default_programme": "1. Introduction\n2. Two examples\n3. Reflection",
    "invitation_subject": "Invitation: {{ session.title }}",
    "invitation_body": "Dear {{ member.first_name }},\n{{ session_date }}\n{{ rsvp_yes_url }}",
    "reminder_days_before": "7",
    "reminder_to": "unanswered",
    "reminder_subject": "Reminder",
    "reminder_body": "Dear {{ member.first_name }}",
    "practical_note_body": "See you tomorrow",
}


def test_an_organiser_makes_a_series_and_a_template_error_shows_its_line(db, make_account, login):
    client = login(make_account(role=Role.ORGANISER))
    bad = dict(SERIES_FORM, invitation_body="Dear {{ member.first_name }},\n\n{{ member.age }}")
    page = client.post("/series/new", data=bad)
    assert page.status_code == 200 and b"line 3" in page.data
    assert db.scalar(select(ArenaSeries)) is None
    response = client.post("/series/new", data=SERIES_FORM)
    assert response.status_code == 302
    assert db.scalar(select(ArenaSeries.name)) == "Thuis in de Wijk"


def test_the_next_session_is_filled_in_from_the_standard_form(db, make_series, make_account, login):
    series = make_series(default_location="Zwolle, Het Koetshuis")
    client = login(make_account(role=Role.ORGANISER))
    page = client.get(f"/sessions/new/{series.id}")
    assert b"Zwolle, Het Koetshuis" in page.data and b"Two practice examples" in page.data
    day = date.today() + timedelta(days=40)
    response = client.post(
        f"/sessions/new/{series.id}",
        data={"title": "Neighbourhood care teams", "day": day.isoformat(), "starts_at": "14:00",
              "ends_at": "17:00", "location": "Zwolle, Het Koetshuis",
              "programme": series.default_programme,
              "invitation_subject": series.invitation_subject,
              "invitation_body": series.invitation_body, "reminder_days_before": "7",
              "reminder_to": "unanswered"},
    )  # fmt: skip
    assert response.status_code == 302 and "/invitations/" in response.location
    meeting = db.scalar(select(Meeting))
    assert meeting.invitation_body is None  # the standard text, not a copy
    assert meeting.starts_dt.hour in (12, 13)  # 14:00 in Amsterdam, stored in UTC


def test_invite_page_counts_previews_and_sends(
    db, make_meeting, consenting, make_member, make_account, login
):
    meeting = make_meeting()
    consenting(name="Anna de Vries")
    make_member(name="Eva Noconsent")
    account = make_account(role=Role.ORGANISER)
    client = login(account)
    page = client.post(f"/invitations/{meeting.id}", data={"kind": "network", "check": "1"})
    assert b"1 member will be mailed" in page.data
    assert b"Eva Noconsent" in page.data and b"Dear Anna," in page.data
    client.post(f"/invitations/{meeting.id}", data={"kind": "network", "test": "1"})
    test = db.scalar(select(OutboxMessage).where(OutboxMessage.kind == MessageKind.TEST))
    assert test.recipient == account.email and test.subject.startswith("[Test]")
    sent = client.post(f"/invitations/{meeting.id}", data={"kind": "network", "send": "1"})
    assert sent.status_code == 302
    db.refresh(meeting)
    assert meeting.state == MeetingState.INVITATIONS_SENT
    show = client.get(f"/sessions/{meeting.id}")
    assert b"Anna de Vries" in show.data
    answers = client.get(f"/sessions/{meeting.id}/answers.json").get_json()
    assert answers["counts"]["invited"] == 1
    csv = client.get(f"/sessions/{meeting.id}/answers.csv")
    assert csv.mimetype == "text/csv" and b"Anna de Vries" in csv.data


def test_check_in_ticks_who_came_and_adds_a_walk_in(
    db, make_meeting, consenting, make_account, login
):
    meeting = make_meeting(
        starts_dt=utcnow() - timedelta(hours=1), ends_dt=utcnow() + timedelta(hours=2)
    )
    anna = consenting(name="Anna de Vries")
    db.add(Attendance(meeting_id=meeting.id, member_id=anna.id, invited_dt=utcnow()))
    db.commit()
    client = login(make_account(role=Role.ORGANISER))
    page = client.get(f"/sessions/{meeting.id}/check-in?q=anna")
    assert b"Anna de Vries" in page.data
    attendance = db.scalar(select(Attendance))
    client.post(
        f"/sessions/{meeting.id}/check-in",
        data={"listed": str(attendance.id), "present": str(attendance.id)},
    )
    db.refresh(attendance)
    assert attendance.is_attended
    db.refresh(meeting)
    assert meeting.state == MeetingState.HELD  # it has started and someone came
    client.post(f"/sessions/{meeting.id}/walk-in", data={"name": "Wim Walk-in", "email": ""})
    walker = db.scalar(select(Member).where(Member.name == "Wim Walk-in"))
    walk_in = db.scalar(select(Attendance).where(Attendance.member_id == walker.id))
    assert walk_in.is_walk_in and walk_in.is_attended and not walker.may_be_mailed
    # a search shows only some people; saving then leaves the others as they were
    client.post(f"/sessions/{meeting.id}/check-in?q=wim", data={"listed": str(walk_in.id)})
    db.refresh(walk_in)
    db.refresh(attendance)
    assert not walk_in.is_attended and attendance.is_attended
    printed = client.get(f"/sessions/{meeting.id}/print")
    assert b"Wim Walk-in" in printed.data and b"Anna de Vries" in printed.data


def test_a_member_follows_and_leaves_a_series(db, make_series, make_meeting, make_account, login):
    series = make_series()
    make_meeting(series=series, title="Next one")
    account = make_account(role=Role.MEMBER)
    client = login(account)
    page = client.get(f"/series/{series.id}")
    assert b"Next one" in page.data and b"Follow this series" in page.data
    client.post(f"/series/{series.id}/follow")
    assert db.scalar(select(SeriesFollower.member_id)) == account.member_id
    assert b"Leave this series" in client.get(f"/series/{series.id}").data
    client.post(f"/series/{series.id}/leave")
    assert db.scalar(select(SeriesFollower)) is None


def test_changing_the_time_on_the_page_tells_everyone_invited(
    db, make_meeting, consenting, make_account, login
):
    meeting = make_meeting()
    consenting()
    client = login(make_account(role=Role.ORGANISER))
    client.post(f"/invitations/{meeting.id}", data={"kind": "network", "send": "1"})
    form = client.get(f"/sessions/{meeting.id}/edit")
    assert form.status_code == 200
    day = (meeting.starts_dt + timedelta(days=3)).date()
    response = client.post(
        f"/sessions/{meeting.id}/edit",
        data={"title": meeting.title, "day": day.isoformat(), "starts_at": "10:00",
              "ends_at": "12:00", "location": "Elsewhere", "programme": meeting.programme,
              "invitation_subject": meeting.series.invitation_subject,
              "invitation_body": meeting.series.invitation_body, "reminder_days_before": "7",
              "reminder_to": "unanswered"},
    )  # fmt: skip
    assert response.status_code == 302
    db.refresh(meeting)
    assert meeting.ical_sequence == 1 and meeting.location == "Elsewhere"
    kinds = db.scalars(select(OutboxMessage.kind)).all()
    assert sorted(kinds) == [MessageKind.INVITATION, MessageKind.UPDATE]
