"""Invitation tests: every series has templates to send, every session a place and programme."""

from __future__ import annotations

import pytest

INVITATION_SUBJECT = "Invitation: {{ session.title }} on {{ session_date }}"
INVITATION_BODY = """\
Dear {{ member.first_name }},

Join us for {{ session.title }} on {{ session_date }} at {{ place }}.

{{ programme }}

Yes: {{ rsvp_yes_url }}
No: {{ rsvp_no_url }}
Maybe: {{ rsvp_maybe_url }}

Unsubscribe: {{ unsubscribe_url }}"""
PROGRAMME = "1. Introduction\n2. Two practice examples\n3. Reflection"
PLACE = "Utrecht, Jaarbeurs"


def with_invitation_texts(defaults: dict[str, dict]) -> dict[str, dict]:
    """Series that can send every message, and sessions with a place and a programme."""
    defaults["series"].update(
        header_text="A transition arena about valuable work.",
        invitation_subject=INVITATION_SUBJECT,
        invitation_body=INVITATION_BODY,
        reminder_subject="Reminder: {{ session.title }}",
        reminder_body="Dear {{ member.first_name }}, will you come? {{ rsvp_yes_url }}",
        practical_note_body="Dear {{ member.first_name }}, see you tomorrow at {{ place }}.",
        default_programme=PROGRAMME,
        default_location=PLACE,
    )
    defaults["meeting"].update(location=PLACE, programme=PROGRAMME)
    return defaults


@pytest.fixture
def factory_defaults(factory_defaults):
    return with_invitation_texts(factory_defaults)


@pytest.fixture
def smtp_config(app, smtp_server):
    app.config.update(SMTP_HOST=smtp_server.host, SMTP_PORT=smtp_server.port)
    return app.config
