"""An organiser plans the next session, previews and sends; a member answers from the email."""

from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import expect

from arena.invitations.delivery import deliver_due_messages
from tests.arenas.test_header_image import png
from tests.factories import CONSENT

pytestmark = pytest.mark.browser


def test_organiser_sends_invitations_and_a_member_answers_from_the_email(
    live_server, live_factories, page, sign_in, assert_accessible, smtp_server
):
    app = live_server.app
    tag = uuid.uuid4().hex[:8]
    email = f"jolien-{tag}@example.nl"
    live_factories.member(name="Jolien Journey", email=email, **CONSENT)

    sign_in(page, "organiser")
    page.goto(f"{live_server.url}/series/")
    assert_accessible(page)
    page.get_by_role("link", name="New series").click()
    page.get_by_label("Name").fill(f"Journey series {tag}")
    page.get_by_label("Theme (the transition it is about)").fill("Valuable work for everyone")
    page.get_by_label("General header").fill("A transition arena about valuable work.")
    page.get_by_label("Header image (PNG or JPEG)").set_input_files(
        {"name": "header.png", "mimeType": "image/png", "buffer": png(60, 20)}
    )
    page.get_by_label("Standard programme").fill("1. Introduction\n2. Two examples\n3. Reflection")
    page.get_by_label("Invitation subject").fill("Invitation: {{ session.title }}")
    page.get_by_label("Invitation text").fill(
        "Dear {{ member.first_name }},\n\n{{ session_date }} at {{ place }}\n\n"
        "Yes: {{ rsvp_yes_url }}\nNo: {{ rsvp_no_url }}\nMaybe: {{ rsvp_maybe_url }}"
    )
    assert_accessible(page)
    page.get_by_role("button", name="Save series").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Journey series {tag}")
    header = page.locator("img.series-header")
    expect(header).to_be_visible()
    assert header.evaluate("img => img.naturalWidth") == 60  # served, decoded, under our CSP
    assert_accessible(page)
    page.get_by_role("link", name="Plan the next session").click()
    expect(page.get_by_label("Programme")).not_to_be_empty()
    assert_accessible(page)
    page.get_by_label("Title").fill(f"Journey session {tag}")
    page.get_by_role("button", name="Save session").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Journey session {tag}")
    page.get_by_role("radio", name="Hand-picked members").check()
    page.get_by_label("Hand-picked members: email addresses").fill(email)
    page.get_by_role("button", name="Show who will be mailed").click()
    expect(page.get_by_text("1 member will be mailed.")).to_be_visible()
    expect(page.locator("#preview-text")).to_contain_text("Dear Jolien,")
    assert_accessible(page)
    page.get_by_role("button", name="Send invitations").click()
    expect(page.get_by_text("1 invitations are queued")).to_be_visible()
    expect(page.locator("#outbox-title + dl")).to_contain_text("Waiting")
    assert_accessible(page)

    saved = {key: app.config[key] for key in ("SMTP_HOST", "SMTP_PORT")}
    app.config.update(SMTP_HOST=smtp_server.host, SMTP_PORT=smtp_server.port)
    try:
        deliver_due_messages(app.extensions["arena_db"].sessionmaker, app.config)
    finally:
        app.config.update(saved)
    message = next(m for m in smtp_server.wait_for(1) if m["To"] == email)
    text = message.get_body(("plain",)).get_content()
    assert text.startswith("Dear Jolien,")
    link = next(word for word in text.split() if "answer=yes" in word)
    assert link.startswith(live_server.url)

    page.context.clear_cookies()
    page.goto(link)
    assert_accessible(page)
    page.get_by_role("button", name="Confirm my answer").click()
    expect(page.get_by_role("heading", name="Thank you for your answer")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("You said yes")
    assert_accessible(page)
