"""An organiser adds a learning question and sends a poll; a member answers it from the mail;
a programme lead downloads the year's report as PDF."""

from __future__ import annotations

import io
import re
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from arena.invitations.delivery import deliver_due_messages
from tests.factories import CONSENT

pytestmark = pytest.mark.browser


def _deliver(app, smtp_server) -> None:
    saved = {key: app.config[key] for key in ("SMTP_HOST", "SMTP_PORT")}
    app.config.update(SMTP_HOST=smtp_server.host, SMTP_PORT=smtp_server.port)
    try:
        deliver_due_messages(app.extensions["arena_db"].sessionmaker, app.config)
    finally:
        app.config.update(saved)


def test_learning_question_poll_answer_from_the_mail_and_the_report_as_pdf(
    live_server, live_factories, browser, page, sign_in, assert_accessible, smtp_server
):
    app = live_server.app
    tag = uuid.uuid4().hex[:8]
    email = f"pim-{tag}@example.nl"
    live_factories.member(name="Pim Poll", email=email, **CONSENT)

    sign_in(page, "organiser")
    page.goto(f"{live_server.url}/learning/")
    assert_accessible(page)
    page.get_by_role("link", name="Waardevol Werk").first.click()
    question = f"How do employers offer a first job without a subsidy? ({tag})"
    page.get_by_label("The question").fill(question)
    page.get_by_role("button", name="Put it on the agenda").click()
    expect(page.get_by_role("link", name=question)).to_be_visible()
    assert_accessible(page)

    page.goto(f"{live_server.url}/polls/")
    page.get_by_role("link", name="Write a poll").click()
    page.get_by_label("Title").fill(f"Needs for next year {tag}")
    closes = (datetime.now(UTC) + timedelta(days=14)).date().isoformat()
    page.get_by_label("Answers are taken until the end of").fill(closes)
    first = page.get_by_role("group", name="Question 1")
    first.get_by_label("Kind of question").select_option("scale")
    first.get_by_label("Question", exact=True).fill("How useful was the last session?")
    second = page.get_by_role("group", name="Question 2")
    second.get_by_label("Kind of question").select_option("free-text")
    second.get_by_label("Question", exact=True).fill("What should we ask the network?")
    assert_accessible(page)
    page.get_by_role("button", name="Save and preview").click()
    expect(page.get_by_text(re.compile(r"This poll goes to \d+ members?\."))).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Send the poll").click()
    expect(page.get_by_text(re.compile(r"The poll is on its way to \d+ members\."))).to_be_visible()

    _deliver(app, smtp_server)
    message = next(m for m in smtp_server.wait_for(1) if m["To"] == email)
    assert message["Subject"] == f"A short poll: Needs for next year {tag}"
    text = message.get_body(("plain",)).get_content()
    link = re.search(r"https?://\S+/polls/answer/\S+", text).group(0)

    member = browser.new_context(viewport={"width": 390, "height": 844})  # a phone, no login
    try:
        answer = member.new_page()
        answer.goto(link)
        expect(answer.get_by_role("heading", level=1)).to_have_text(f"Needs for next year {tag}")
        assert_accessible(answer)
        answer.get_by_role("group", name="1. How useful was the last session?").get_by_label(
            "4"
        ).check()
        answer.get_by_label("Your answer").fill("Visit each other's practice")
        answer.get_by_role("button", name="Send my answer").click()
        expect(answer.get_by_role("heading", level=1)).to_have_text("Thank you for your answer")
        assert_accessible(answer)
    finally:
        member.close()

    lead = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    try:
        report = lead.new_page()
        sign_in(report, "programme-lead")
        report.goto(f"{live_server.url}/reports/")
        expect(report.get_by_role("heading", level=1)).to_have_text("What emerged")
        assert_accessible(report)
        held = report.locator("#section-sessions").locator("xpath=..").get_by_role("row").nth(1)
        sessions_held = held.get_by_role("link").inner_text()
        with report.expect_download() as download:
            report.get_by_role("link", name="Download as PDF").click()
        data = Path(download.value.path()).read_bytes()
        assert data.startswith(b"%PDF-")
        pdf_text = " ".join(
            " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split()
        )
        assert f"Sessions held {sessions_held}" in pdf_text
    finally:
        lead.close()
