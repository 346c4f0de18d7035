"""Every mail in its recipient's language, as parsed from a real SMTP server.

The app runs with its real default (Dutch) here. A Dutch member, a member who chose nothing
and a member with a code the app does not know get Dutch; a member who chose English gets
English, and the series' English invitation. The organiser who sends reads English, which
must not matter.
"""

from __future__ import annotations

import re
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from babel.dates import format_date

from arena.arenas import standard_texts
from arena.arenas.models import Attendance, MeetingState
from arena.auth.models import Role
from arena.db import utcnow
from arena.invitations.delivery import deliver_due_messages
from arena.invitations.reminders import queue_due_reminders
from arena.invitations.services import send_invitations
from arena.wins.reflections import send_reflection_requests


@pytest.fixture
def app_config(app_config):
    return {**app_config, "BABEL_DEFAULT_LOCALE": "nl"}


@pytest.fixture
def people(consenting):
    return {
        "nl": consenting(name="Daan Dutch", language="nl"),
        "en": consenting(name="Emma English", language="en"),
        "none": consenting(name="Noor Nokeuze", language=None),
        "unknown": consenting(name="Xander Unknown", language="xx"),
    }


@pytest.fixture
def series(make_series):
    return make_series(
        invitation_subject=standard_texts.INVITATION_SUBJECT,
        invitation_body=standard_texts.INVITATION_BODY,
        invitation_subject_en=standard_texts.INVITATION_SUBJECT_EN,
        invitation_body_en=standard_texts.INVITATION_BODY_EN,
        reminder_subject=standard_texts.REMINDER_SUBJECT,
        reminder_body=standard_texts.REMINDER_BODY,
        reminder_subject_en=standard_texts.REMINDER_SUBJECT_EN,
        reminder_body_en=standard_texts.REMINDER_BODY_EN,
    )


def _deliver(app, smtp_config, smtp_server, count: int, now=None) -> dict:
    deliver_due_messages(app.extensions["arena_db"].sessionmaker, smtp_config, now=now)
    messages = smtp_server.wait_for(count)
    assert len(messages) == count
    by_recipient = {}
    for message in messages:
        by_recipient.setdefault(str(message["To"]).split("<")[-1].rstrip(">"), []).append(message)
    smtp_server.handler.messages.clear()
    return by_recipient


def _parts(message) -> tuple[str, str, str]:
    return (
        str(message["Subject"]),
        message.get_body(("plain",)).get_content(),
        message.get_body(("html",)).get_content(),
    )


def _invite(app, db, meeting):
    # the organiser's browser reads English: the members' mails do not follow it
    with app.test_request_context(headers={"Accept-Language": "en"}):
        send_invitations(db, meeting, {"kind": "network"}, now=utcnow())
    db.commit()


def test_invitations_and_reminders_are_in_each_members_language(
    app, db, series, make_meeting, people, smtp_config, smtp_server
):
    meeting = make_meeting(series=series, title="Jobcarving in de zorg")
    _invite(app, db, meeting)
    mails = _deliver(app, smtp_config, smtp_server, 4)
    day = meeting.starts_dt.astimezone(ZoneInfo("Europe/Amsterdam")).date()
    dutch_date = format_date(day, "EEEE d MMMM y", locale="nl")
    english_date = format_date(day, "EEEE d MMMM y", locale="en")

    for key in ("nl", "none", "unknown"):
        subject, text, html = _parts(mails[people[key].email][0])
        assert subject.startswith("Uitnodiging: Jobcarving in de zorg op " + dutch_date)
        assert "Beste " in text and "Kom je?" in text
        assert 'lang="nl"' in html and "Je krijgt dit bericht omdat" in html
        assert "Afmelden" in html and "Unsubscribe" not in html
    subject, text, html = _parts(mails[people["en"].email][0])
    assert subject.startswith("Invitation: Jobcarving in de zorg on " + english_date)
    assert "Dear Emma" in text and "Will you come?" in text
    assert 'lang="en"' in html and "You receive this message as part of the network" in html
    assert "Uitnodiging" not in subject and "Beste" not in text

    with app.app_context():
        queue_due_reminders(db, meeting.starts_dt - timedelta(days=6))
        db.commit()
    mails = _deliver(app, smtp_config, smtp_server, 4, now=meeting.starts_dt - timedelta(days=6))
    for key in ("nl", "none", "unknown"):
        subject, text, html = _parts(mails[people[key].email][0])
        assert subject.startswith(f"Herinnering: Jobcarving in de zorg op {dutch_date}, ")
        assert "We hebben nog niets van je gehoord" in text and "Afmelden" in html
    subject, text, html = _parts(mails[people["en"].email][0])
    assert subject.startswith(f"Reminder: Jobcarving in de zorg on {english_date}, ")
    assert "We have not heard from you yet" in text
    assert "Unsubscribe" in html and "Afmelden" not in html


def test_reflection_questions_are_in_each_members_language(
    app, db, series, make_meeting, people, smtp_config, smtp_server
):
    now = utcnow()
    meeting = make_meeting(
        series=series, title="Waardevol werk", state=MeetingState.HELD,
        starts_dt=now - timedelta(hours=5), ends_dt=now - timedelta(hours=2),
    )  # fmt: skip
    for member in (people["nl"], people["en"]):
        db.add(Attendance(meeting_id=meeting.id, member_id=member.id, is_attended=True))
    db.commit()
    with app.app_context():
        send_reflection_requests(db, now, meeting.id)
        db.commit()
    mails = _deliver(app, smtp_config, smtp_server, 2)

    subject, text, _html = _parts(mails[people["nl"].email][0])
    assert subject == "Drie vragen over “Waardevol werk”"
    assert "Wat was voor jou van waarde vandaag?" in text
    assert "Wat heb je in de samenwerking gezien waar je meer van wilt?" in text
    assert "En wat ga je morgen anders doen?" in text
    subject, text, _html = _parts(mails[people["en"].email][0])
    assert subject == "Three questions about “Waardevol werk”"
    assert "What was of value to you today?" in text

    # the link opens the form in the member's language, whatever the browser says
    path = re.search(r"https?://[^/\s]+(/answer/reflection/\S+)", text).group(1)
    page = app.test_client().get(path, headers={"Accept-Language": "nl"})
    assert "What will you do differently tomorrow?" in page.get_data(as_text=True)


def test_password_mails_are_in_the_members_language(
    app, db, make_account, login, people, smtp_config, smtp_server
):
    organiser = make_account(role=Role.ORGANISER)
    client = login(organiser)
    for key in ("nl", "en"):
        response = client.post(
            "/auth/accounts",
            data={"email": people[key].email, "role": "member", "member_email": people[key].email},
            headers={"Accept-Language": "en"},
        )
        assert response.status_code == 200
    mails = _deliver(app, smtp_config, smtp_server, 2)

    subject, text, _html = _parts(mails[people["nl"].email][0])
    assert subject == "Je account voor Arena: kies een wachtwoord"
    assert "Kies je wachtwoord met deze link" in text
    dutch_link = re.search(r"https?://[^/\s]+(/auth/set-password/\S+)", text).group(1)
    subject, text, _html = _parts(mails[people["en"].email][0])
    assert subject == "Your Arena account: choose a password"
    assert "Choose your password with this link" in text

    # the set-password page follows the member the link names, not the browser
    page = app.test_client().get(dutch_link, headers={"Accept-Language": "en"})
    assert page.status_code == 200
    assert '<html lang="nl">' in page.get_data(as_text=True)
    assert "Wachtwoord" in page.get_data(as_text=True)
