"""A member asks to be put in touch with another member; the other accepts from the mail
without signing in, and both get each other's address."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime

import pytest
from playwright.sync_api import expect

from arena.invitations.delivery import deliver_due_messages
from arena.members.models import Member

pytestmark = pytest.mark.browser


def _deliver(app, smtp_server) -> None:
    saved = {key: app.config[key] for key in ("SMTP_HOST", "SMTP_PORT")}
    app.config.update(SMTP_HOST=smtp_server.host, SMTP_PORT=smtp_server.port)
    try:
        deliver_due_messages(app.extensions["arena_db"].sessionmaker, app.config)
    finally:
        app.config.update(saved)


def test_a_member_asks_and_the_other_accepts_from_the_mail(
    live_server, browser, page, sign_in, assert_accessible, smtp_server
):
    app = live_server.app
    tag = uuid.uuid4().hex[:8]
    email = f"bram-{tag}@example.nl"
    with app.extensions["arena_db"].sessionmaker() as session:
        session.add(
            Member(name=f"Bram Contact{tag}", email=email, consent_given_at=datetime.now(UTC))
        )
        session.commit()

    sign_in(page, "member")
    page.goto(f"{live_server.url}/contacts/")
    page.get_by_label("Name").fill(f"contact{tag}")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_text(email)).to_have_count(0)
    assert_accessible(page)
    page.get_by_role("link", name=f"Ask to be put in touch with Bram Contact{tag}").click()
    page.get_by_label("To talk about funding").check()
    page.get_by_label("A short message (optional)").fill("Shall we apply together?")
    assert_accessible(page)
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_text("Your request is sent.")).to_be_visible()
    expect(page.get_by_role("cell", name="Waiting for an answer").first).to_be_visible()

    _deliver(app, smtp_server)
    (question,) = [m for m in smtp_server.messages if m["To"] == email]
    text = question.get_body(("plain",)).get_content()
    assert "Shall we apply together?" in text
    accept = re.search(r"(https?://\S+/contacts/answer/\S+/accept)", text).group(1)

    other = browser.new_context().new_page()
    other.goto(accept)
    assert_accessible(other)
    other.get_by_role("button", name="Yes, put us in touch").click()
    expect(other.get_by_role("heading", name=re.compile("You are now in touch"))).to_be_visible()
    other.context.close()

    _deliver(app, smtp_server)
    addresses = [m for m in smtp_server.messages if "now in touch" in m["Subject"]]
    assert len(addresses) == 2
    to_asker = next(m for m in addresses if m["To"] != email)
    assert email in to_asker.get_body(("plain",)).get_content()
    page.reload()
    expect(page.get_by_role("cell", name="In touch: the addresses were mailed")).to_be_visible()
