"""In Dutch, from start to end: an organiser sends the next session's invitations; a member
answers from the mail the real SMTP server received, and logs a small win with two mechanisms.

The browser asks for Dutch (Accept-Language: nl), as a Dutch browser does. The words on buttons
and labels are read from the Dutch catalogue, so the test follows the translation."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from babel.support import Translations
from playwright.sync_api import expect
from sqlalchemy import select

from arena.arenas.models import ArenaSeries, Attendance, Meeting
from arena.auth.models import UserAccount
from arena.config import PROJECT_ROOT
from arena.invitations.delivery import deliver_due_messages
from arena.members.models import Member
from arena.wins.models import SmallWin
from tests.browser.conftest import DEMO_ACCOUNTS, DEMO_PASSWORD

pytestmark = pytest.mark.browser
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DUTCH = Translations.load(str(PROJECT_ROOT / "translations"), ["nl"])


def nl(text: str) -> str:
    """The Dutch of an interface text; a missing translation fails the test."""
    dutch = DUTCH.gettext(text)
    assert dutch != text, f"no Dutch for {text!r}"
    return dutch


@pytest.fixture
def dutch_page(browser):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900},
        locale="nl-NL",
        extra_http_headers={"Accept-Language": "nl-NL,nl;q=0.9"},
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


@pytest.fixture
def next_session(live_server) -> dict:
    """The series' next session, planned and not yet announced; the demo member's address."""
    app = live_server.app
    tag = uuid.uuid4().hex[:6]
    with app.app_context(), app.extensions["arena_db"].sessionmaker() as session:
        series = session.scalar(select(ArenaSeries).order_by(ArenaSeries.id))
        start = (datetime.now(UTC) + timedelta(days=21)).replace(
            hour=12, minute=30, second=0, microsecond=0
        )
        meeting = Meeting(
            series_id=series.id,
            title=f"Werk dat bij je past {tag}",
            starts_dt=start,
            ends_dt=start + timedelta(hours=3),
            location="Stadhuis Utrecht",
        )
        session.add(meeting)
        account = session.scalar(
            select(UserAccount).where(UserAccount.email == DEMO_ACCOUNTS["member"])
        )
        member = session.get(Member, account.member_id)
        session.commit()
        return {"meeting": meeting.id, "title": meeting.title, "email": member.email,
                "member": member.id, "first_name": member.first_name}  # fmt: skip


def assert_accessible(page, axe) -> None:
    options = {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]}
    violations = axe.run(page, options=options).response["violations"]
    assert [f"{v['id']}: {v['help']}" for v in violations] == [], page.url


def sign_in(page, base: str, role: str) -> None:
    page.goto(f"{base}/auth/login")
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("Sign in"))
    page.get_by_label(nl("Email")).fill(DEMO_ACCOUNTS[role])
    page.get_by_label(nl("Password"), exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name=nl("Sign in")).click()
    expect(page.get_by_role("button", name=nl("Sign out"))).to_be_visible()


def test_dutch_invitation_answer_and_small_win(
    live_server, dutch_page, axe, smtp_server, next_session
):
    page, app, base = dutch_page, live_server.app, live_server.url

    # The organiser opens the next session and sends its invitations.
    sign_in(page, base, "organiser")
    assert page.locator("html").get_attribute("lang") == "nl"
    page.goto(f"{base}/sessions/{next_session['meeting']}")
    expect(page.get_by_role("heading", level=1)).to_contain_text(next_session["title"])
    page.get_by_role("link", name=nl("Invite"), exact=True).click()
    page.get_by_role("radio", name=nl("Hand-picked members")).check()
    page.get_by_label(nl("Hand-picked members: email addresses, one per line")).fill(
        next_session["email"]
    )
    page.get_by_role("button", name=nl("Show who will be mailed")).click()
    one = DUTCH.ngettext("%(num)d member will be mailed.", "%(num)d members will be mailed.", 1)
    expect(page.get_by_text(one % {"num": 1})).to_be_visible()
    expect(page.locator("#preview-text")).to_contain_text(f"Beste {next_session['first_name']},")
    assert_accessible(page, axe)
    page.get_by_role("button", name=nl("Send invitations")).click()
    expect(page.get_by_role("status")).to_be_visible()
    assert_accessible(page, axe)

    # The scheduler delivers through the real SMTP server; the mail is the series' Dutch text.
    saved = {key: app.config[key] for key in ("SMTP_HOST", "SMTP_PORT")}
    app.config.update(SMTP_HOST=smtp_server.host, SMTP_PORT=smtp_server.port)
    try:
        deliver_due_messages(app.extensions["arena_db"].sessionmaker, app.config)
    finally:
        app.config.update(saved)
    smtp_server.wait_for(1)
    message = next(
        m
        for m in smtp_server.messages
        if m["To"].addresses[0].addr_spec == next_session["email"]
        and next_session["title"] in str(m["Subject"])
    )
    assert str(message["Subject"]).startswith("Uitnodiging: ")
    text = message.get_body(("plain",)).get_content()
    assert text.startswith(f"Beste {next_session['first_name']},")
    assert "Je bent van harte uitgenodigd" in text
    link = next(word for word in text.split() if "answer=yes" in word)
    assert link.startswith(base)

    # The member answers from the mail, without signing in.
    page.context.clear_cookies()
    page.goto(link)
    assert page.locator("html").get_attribute("lang") == "nl"
    expect(page.get_by_role("heading", level=1)).to_have_text(next_session["title"])
    expect(page.get_by_label(nl("Yes, I will come"))).to_be_checked()
    assert_accessible(page, axe)
    page.get_by_role("button", name=nl("Confirm my answer")).click()
    expect(page.get_by_role("heading", name=nl("Thank you for your answer"))).to_be_visible()
    assert_accessible(page, axe)
    with app.app_context(), app.extensions["arena_db"].sessionmaker() as session:
        answer = session.scalar(
            select(Attendance.response).where(
                Attendance.meeting_id == next_session["meeting"],
                Attendance.member_id == next_session["member"],
            )
        )
        assert answer == "yes"

    # Then signs in and logs a small win with two mechanisms.
    sign_in(page, base, "member")
    page.goto(f"{base}/wins/quick")
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("Log a small win"))
    title = f"Koffie met de buren {uuid.uuid4().hex[:6]}"
    page.get_by_label(nl("What is your small win, in a line?")).fill(title)
    page.get_by_label(nl("What changed? (new practice, insight or value; Markdown)")).fill(
        "We beginnen elke week samen met koffie."
    )
    page.get_by_label(DUTCH.gettext("Energizing"), exact=True).check()
    page.get_by_label(nl("Oil spot"), exact=True).check()
    assert_accessible(page, axe)
    page.get_by_role("button", name=nl("Log small win")).click()
    expect(page.get_by_role("status")).to_be_visible()
    assert page.locator("html").get_attribute("lang") == "nl"
    assert_accessible(page, axe)
    with app.app_context(), app.extensions["arena_db"].sessionmaker() as session:
        win = session.scalar(select(SmallWin).where(SmallWin.title == title))
        assert win is not None
        assert sorted(m.value for m in win.mechanisms) == ["energizing", "oil-spot"]
