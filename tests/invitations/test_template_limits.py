"""Organisers' templates cannot stall a worker; any error is clear, and fails one message only."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import select

from arena.arenas.models import ArenaSeries
from arena.auth.models import Role
from arena.db import utcnow
from arena.invitations.delivery import deliver_due_messages
from arena.invitations.models import MessageStatus, OutboxMessage
from arena.invitations.services import send_invitations

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

STALLING = {
    "a billion loops": (
        "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
        "repeats too often",
    ),
    "50 MB of text": ("{% for a in range(50000) %}{{ 'x' * 1000 }}{% endfor %}", "too long"),
    "a doubling text": (
        "{% set ns = namespace(s='x') %}{% for i in range(60) %}"
        "{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
        "too long",
    ),
    "a macro calling itself twice": (
        "{% macro f(n) %}{% if n %}{{ f(n-1) }}{{ f(n-1) }}{% endif %}{% endmacro %}{{ f(60) }}",
        "",
    ),
    "a huge center": ("{{ 'x'|center(999999999) }}", "too large"),
    "a huge format": ("{{ '%999999999d'|format(1) }}", "too large"),
    "a huge str.format": ("{{ '{:>999999999}'.format(1) }}", "too large"),
    "a huge lipsum": ("{{ lipsum(100000) }}", "too large"),
    "a huge replace": ("{{ ('x' * 10000)|replace('x', 'y' * 1000) }}", "too long"),
}


@pytest.mark.parametrize("name", list(STALLING))
def test_a_stalling_template_is_refused_at_save_time_in_seconds(name, db, make_account, login):
    client = login(make_account(role=Role.ORGANISER))
    source, words = STALLING[name]
    start = time.perf_counter()
    page = client.post("/series/new", data=dict(SERIES_FORM, invitation_body="Hi\n" + source))
    assert time.perf_counter() - start < 5
    text = page.get_data(as_text=True)
    assert page.status_code == 200, name
    assert "line" in text and words in text, name
    assert db.scalar(select(ArenaSeries)) is None


@pytest.mark.parametrize(
    "source, words",
    [
        ("{{ member.name.split()[7] }}", "no element 7"),
        ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "calls itself without end"),
        ("{{ 1 // 0 }}", "division by zero"),
        ("{{ {'a': 1}['b'] }}", "no attribute"),
    ],
)
def test_any_exception_is_a_clear_template_error(source, words, db, make_account, login):
    client = login(make_account(role=Role.ORGANISER))
    page = client.post("/series/new", data=dict(SERIES_FORM, invitation_body=source))
    assert page.status_code == 200
    assert words in page.get_data(as_text=True)
    assert db.scalar(select(ArenaSeries)) is None


#: fails for a member with a one-word name only
ONE_MEMBER_FAILS = "Dear {{ member.name.split()[1] }},\n{{ rsvp_yes_url }}"


def test_at_send_time_a_template_error_fails_only_that_members_message(
    app, db, client, make_meeting, consenting, make_account, login, smtp_config, smtp_server
):
    meeting = make_meeting(invitation_body=ONE_MEMBER_FAILS)
    consenting(name="Anna de Vries", email="anna@example.nl")
    consenting(name="Bram Bakker", email="bram@example.nl")
    plato = consenting(name="Plato", email="plato@example.nl")
    with app.test_request_context():
        result = send_invitations(db, meeting, {"kind": "network"}, now=utcnow())
        db.commit()
    assert result.queued == 3
    sessionmaker = app.extensions["arena_db"].sessionmaker
    assert deliver_due_messages(sessionmaker, smtp_config).sent == 2
    assert sorted(m["To"] for m in smtp_server.wait_for(2)) == [
        "anna@example.nl",
        "bram@example.nl",
    ]
    failed = db.scalar(select(OutboxMessage).where(OutboxMessage.status == MessageStatus.FAILED))
    assert failed.recipient == plato.email

    login(make_account(role=Role.ORGANISER))
    page = client.get(f"/sessions/{meeting.id}").get_data(as_text=True)
    assert "Template error (line 1)" in page and ">Retry<" in page

    meeting.invitation_body = "Dear {{ member.first_name }},\n{{ rsvp_yes_url }}"  # fixed
    db.commit()
    client.post(f"/invitations/{meeting.id}/retry", data={"message_id": failed.id})
    assert deliver_due_messages(sessionmaker, smtp_config).sent == 1
    again = smtp_server.wait_for(3)[-1]
    assert again["To"] == plato.email
    assert again.get_body(("plain",)).get_content().startswith("Dear Plato,")


def test_a_retry_of_a_still_failing_template_keeps_it_failed(
    app, db, client, make_meeting, consenting, make_account, login
):
    meeting = make_meeting(invitation_body=ONE_MEMBER_FAILS)
    consenting(name="Plato", email="plato@example.nl")
    with app.test_request_context():
        send_invitations(db, meeting, {"kind": "network"}, now=utcnow())
        db.commit()
    login(make_account(role=Role.ORGANISER))
    client.post(f"/invitations/{meeting.id}/retry")
    db.expire_all()
    (message,) = db.scalars(select(OutboxMessage)).all()
    assert message.status == MessageStatus.FAILED
    assert message.last_error.startswith("Template error")


def test_a_retried_message_is_made_again_in_the_members_language(
    app, db, client, make_series, make_meeting, consenting, make_account, login, smtp_config,
    smtp_server,
):  # fmt: skip
    """The series' English texts for a member who chose English, as in the first send."""
    series = make_series(
        invitation_subject="Uitnodiging: {{ session.title }}",
        invitation_body="Beste {{ member.name.split()[1] }},\n{{ rsvp_yes_url }}",
        invitation_subject_en="Invitation: {{ session.title }}",
        invitation_body_en="Dear {{ member.name.split()[1] }},\n{{ rsvp_yes_url }}",
    )
    meeting = make_meeting(series, title="Buurtzorg")
    plato = consenting(name="Plato", email="plato@example.nl", language="en")
    with app.test_request_context():
        send_invitations(db, meeting, {"kind": "network"}, now=utcnow())
        db.commit()
    failed = db.scalar(select(OutboxMessage))
    assert failed.status == MessageStatus.FAILED and failed.recipient == plato.email

    series.invitation_body = "Beste {{ member.first_name }},\n{{ rsvp_yes_url }}"  # fixed
    series.invitation_body_en = "Dear {{ member.first_name }},\n{{ rsvp_yes_url }}"
    db.commit()
    login(make_account(role=Role.ORGANISER))
    client.post(f"/invitations/{meeting.id}/retry", data={"message_id": failed.id})
    assert deliver_due_messages(app.extensions["arena_db"].sessionmaker, smtp_config).sent == 1
    (again,) = smtp_server.wait_for(1)
    assert again["Subject"] == "Invitation: Buurtzorg"
    assert again.get_body(("plain",)).get_content().startswith("Dear Plato,")
