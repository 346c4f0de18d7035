"""Factories for series, sessions and invited members, shared by the invitation tests."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import pytest

from arena.arenas.models import ArenaSeries, Meeting
from arena.db import utcnow

_numbers = itertools.count(1)

INVITATION_SUBJECT = "Invitation: {{ session.title }} on {{ session_date }}"
INVITATION_BODY = """\
Dear {{ member.first_name }},

Join us for {{ session.title }} on {{ session_date }} at {{ place }}.

{{ programme }}

Yes: {{ rsvp_yes_url }}
No: {{ rsvp_no_url }}
Maybe: {{ rsvp_maybe_url }}

Unsubscribe: {{ unsubscribe_url }}"""


@pytest.fixture
def make_series(db):
    def make(**overrides) -> ArenaSeries:
        n = next(_numbers)
        values = {
            "name": f"Waardevol Werk {n}",
            "theme": "An inclusive labour market",
            "header_text": "A transition arena about valuable work.",
            "invitation_subject": INVITATION_SUBJECT,
            "invitation_body": INVITATION_BODY,
            "reminder_subject": "Reminder: {{ session.title }}",
            "reminder_body": "Dear {{ member.first_name }}, will you come? {{ rsvp_yes_url }}",
            "practical_note_body": "Dear {{ member.first_name }}, see you tomorrow at {{ place }}.",
            "default_programme": "1. Introduction\n2. Two practice examples\n3. Reflection",
            "default_location": "Utrecht, Jaarbeurs",
        }
        values.update(overrides)
        series = ArenaSeries(**values)
        db.add(series)
        db.commit()
        return series

    return make


@pytest.fixture
def make_meeting(db, make_series):
    def make(series: ArenaSeries | None = None, **overrides) -> Meeting:
        series = series or make_series()
        starts = (utcnow() + timedelta(days=30)).replace(hour=13, minute=0, second=0, microsecond=0)
        values = {
            "series_id": series.id,
            "title": f"Session {next(_numbers)}: job carving",
            "starts_dt": starts,
            "ends_dt": starts + timedelta(hours=3),
            "location": "Utrecht, Jaarbeurs",
            "programme": "1. Introduction\n2. Two practice examples\n3. Reflection",
        }
        values.update(overrides)
        meeting = Meeting(**values)
        db.add(meeting)
        db.commit()
        return meeting

    return make


@pytest.fixture
def consenting(make_member):
    """A member who may be mailed."""

    def make(**overrides):
        overrides.setdefault("consent_given_at", datetime(2024, 1, 1, tzinfo=UTC))
        return make_member(**overrides)

    return make


@pytest.fixture
def smtp_config(app, smtp_server):
    app.config.update(SMTP_HOST=smtp_server.host, SMTP_PORT=smtp_server.port)
    return app.config
