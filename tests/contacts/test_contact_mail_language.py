"""The mail that asks a member is in the recipient's language, not the asker's browser's."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from arena.auth.models import Role
from arena.invitations.delivery import deliver_due_messages

CONSENT = {"consent_given_at": datetime.now(UTC) - timedelta(days=30)}


@pytest.fixture
def app_config(app_config):
    return dict(app_config, BABEL_DEFAULT_LOCALE="nl")


def test_the_question_is_mailed_in_dutch_to_a_dutch_programme_whatever_the_asker_reads(
    app, make_account, make_member, login, smtp_server
):
    asker = make_member(name="Anna Asker", **CONSENT)
    client = login(make_account(Role.MEMBER, member_id=asker.id))
    bram = make_member(name="Bram Boer", **CONSENT)
    response = client.post(
        f"/contacts/new/{bram.id}",
        data={"purpose": "funding"},
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 302
    config = dict(app.config, SMTP_HOST=smtp_server.host, SMTP_PORT=smtp_server.port)
    deliver_due_messages(app.extensions["arena_db"].sessionmaker, config)
    (mail,) = smtp_server.wait_for(1)
    assert mail["Subject"] == "Wil je in contact komen met Anna Asker?"
    text = mail.get_body(("plain",)).get_content()
    assert "om over financiering te praten" in text
    assert "Ja, breng ons in contact:" in text
