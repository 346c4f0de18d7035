"""The main tasks work with the keyboard alone: Tab, Shift+Tab, Enter, Space and Escape, no
mouse clicks. Each stop on the way shows where the focus is (WCAG 2.4.7).

Signing in, answering an RSVP, logging a small win, proposing a practice example and checking
someone in; and the organisers' grouped navigation opens and closes from the keyboard."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from arena.arenas.models import ArenaSeries, Attendance, Meeting, MeetingState
from arena.auth.models import UserAccount
from arena.examples.models import PracticeExample
from arena.invitations.links import rsvp_token
from arena.members.models import Member
from arena.wins.models import SmallWin
from tests.browser.conftest import DEMO_ACCOUNTS, DEMO_PASSWORD

pytestmark = pytest.mark.browser

FOCUS_SHOWN = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return false;
  const style = getComputedStyle(element);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  return outline || style.boxShadow !== 'none';
}"""


def focused(page) -> str:
    """What a screen reader would call the focused element, roughly: its label or text."""
    return page.evaluate(
        """() => {
          const e = document.activeElement;
          const label = e.labels && e.labels.length ? e.labels[0].textContent : '';
          return (label || e.getAttribute('aria-label') || e.value || e.textContent || '')
            .trim().replace(/\\s+/g, ' ');
        }"""
    )


def tab_to(page, locator, limit: int = 120, backwards: bool = False) -> None:
    """Press Tab until ``locator`` has the focus; the focus is visible at every stop."""
    target = locator.element_handle()
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(limit):
        page.keyboard.press(key)
        assert page.evaluate(FOCUS_SHOWN), f"no visible focus on {focused(page)!r} at {page.url}"
        if page.evaluate("(target) => document.activeElement === target", target):
            return
    raise AssertionError(f"Tab never reached {locator} on {page.url}")


def keyboard_sign_in(page, base: str, role: str) -> None:
    page.goto(f"{base}/auth/login")
    # The first Tab reaches the skip link; Enter takes the focus past the header.
    page.keyboard.press("Tab")
    assert focused(page) == "Skip to main content"
    assert page.evaluate(FOCUS_SHOWN)
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    tab_to(page, page.get_by_label("Email"))
    page.keyboard.type(DEMO_ACCOUNTS[role])
    tab_to(page, page.get_by_label("Password"))
    page.keyboard.type(DEMO_PASSWORD)
    tab_to(page, page.get_by_role("button", name="Sign in"))
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/auth/login" not in url)
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


@pytest.fixture
def keyboard_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def session_ahead(live_server) -> dict:
    """A session next week with the demo member invited, and a person at the door."""
    app = live_server.app
    tag = uuid.uuid4().hex[:6]
    with app.app_context(), app.extensions["arena_db"].sessionmaker() as session:
        series = session.scalar(select(ArenaSeries).order_by(ArenaSeries.id))
        start = datetime.now(UTC).replace(microsecond=0) + timedelta(days=7)
        meeting = Meeting(
            series_id=series.id,
            title=f"Keyboard session {tag}",
            starts_dt=start,
            ends_dt=start + timedelta(hours=3),
            location="Utrecht",
            state=MeetingState.INVITATIONS_SENT,
        )
        guest = Member(name=f"Fatima Keyboard {tag}", email=f"fatima-{tag}@example.org")
        session.add_all([meeting, guest])
        session.flush()
        account = session.scalar(
            select(UserAccount).where(UserAccount.email == DEMO_ACCOUNTS["member"])
        )
        invited = Attendance(meeting_id=meeting.id, member_id=account.member_id, invited_dt=start)
        door = Attendance(meeting_id=meeting.id, member_id=guest.id, invited_dt=start)
        session.add_all([invited, door])
        session.commit()
        with app.test_request_context():
            token = rsvp_token(invited.id)
        return {
            "meeting": meeting.id,
            "title": meeting.title,
            "token": token,
            "invited": invited.id,
            "guest": guest.name,
            "door": door.id,
        }


def _attendance(live_server, attendance_id: int) -> Attendance:
    app = live_server.app
    with app.app_context(), app.extensions["arena_db"].sessionmaker() as session:
        attendance = session.get(Attendance, attendance_id)
        session.expunge(attendance)
        return attendance


def test_sign_in_with_the_keyboard(keyboard_page, live_server):
    keyboard_sign_in(keyboard_page, live_server.url, "member")
    expect(keyboard_page.get_by_role("heading", level=1)).to_be_visible()
    assert "/auth/login" not in keyboard_page.url


def test_answer_an_rsvp_with_the_keyboard(keyboard_page, live_server, session_ahead):
    page = keyboard_page
    page.goto(f"{live_server.url}/rsvp/{session_ahead['token']}")
    expect(page.get_by_role("heading", level=1)).to_have_text(session_ahead["title"])
    tab_to(page, page.get_by_label("Yes, I will come"))
    page.keyboard.press("Space")
    expect(page.get_by_label("Yes, I will come")).to_be_checked()
    tab_to(page, page.get_by_role("button", name="Confirm my answer"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Thank you for your answer")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("You said yes")
    assert _attendance(live_server, session_ahead["invited"]).response == "yes"


def test_log_a_small_win_with_the_keyboard(keyboard_page, live_server):
    page = keyboard_page
    title = f"Coffee with the neighbours {uuid.uuid4().hex[:6]}"
    keyboard_sign_in(page, live_server.url, "member")
    page.goto(f"{live_server.url}/wins/quick")
    # Sending it empty: the errors are summarised, announced and lead to their fields.
    tab_to(page, page.get_by_role("button", name="Log small win"))
    page.keyboard.press("Enter")
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link", name="Choose at least one mechanism.")).to_be_visible()
    title_field = page.get_by_label("What is your small win, in a line?")
    described = title_field.get_attribute("aria-describedby")
    assert described and page.locator(f"#{described.split()[-1]}").inner_text().strip()
    tab_to(page, summary.get_by_role("link").first)
    page.keyboard.press("Enter")
    expect(title_field).to_be_focused()
    page.keyboard.type(title)
    tab_to(page, page.get_by_label("What changed?", exact=False))
    page.keyboard.type("We now start each week with coffee together.")
    tab_to(page, page.get_by_label("Energizing"))
    page.keyboard.press("Space")
    tab_to(page, page.get_by_label("Oil spot"))
    page.keyboard.press("Space")
    tab_to(page, page.get_by_role("button", name="Log small win"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_be_visible(timeout=15_000)
    app = live_server.app
    with app.app_context(), app.extensions["arena_db"].sessionmaker() as session:
        win = session.scalar(select(SmallWin).where(SmallWin.title == title))
        assert win is not None
        assert sorted(m.value for m in win.mechanisms) == ["energizing", "oil-spot"]


def test_propose_a_practice_example_with_the_keyboard(keyboard_page, live_server):
    page = keyboard_page
    title = f"Job carving by keyboard {uuid.uuid4().hex[:6]}"
    keyboard_sign_in(page, live_server.url, "member")
    page.goto(f"{live_server.url}/examples/new")
    tab_to(page, page.get_by_label("Title", exact=True))
    page.keyboard.type(title)
    tab_to(page, page.get_by_label("Goals: what do you want to achieve?"))
    page.keyboard.type("Work that fits people.")
    starting = page.get_by_label("Starting: the initiative is still finding its way")
    tab_to(page, page.locator("input[name=maturity]").first)
    # Arrow keys move through a radio group; Space chooses.
    for _ in range(4):
        if page.evaluate("(e) => document.activeElement === e", starting.element_handle()):
            break
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    expect(starting).to_be_checked()
    tab_to(page, page.get_by_role("button", name="Submit for review"))
    page.keyboard.press("Enter")
    expect(page.get_by_text("submitted for review")).to_be_visible()
    app = live_server.app
    with app.app_context(), app.extensions["arena_db"].sessionmaker() as session:
        example = session.scalar(select(PracticeExample).where(PracticeExample.title == title))
        assert example is not None and example.status == "submitted"


def test_check_someone_in_with_the_keyboard(keyboard_page, live_server, session_ahead):
    page = keyboard_page
    keyboard_sign_in(page, live_server.url, "organiser")
    page.goto(f"{live_server.url}/sessions/{session_ahead['meeting']}/check-in")
    tab_to(page, page.get_by_label("Search by name"))
    page.keyboard.type(session_ahead["guest"].split()[0])
    guest = page.get_by_label(session_ahead["guest"], exact=False)
    tab_to(page, guest)
    page.keyboard.press("Space")
    expect(guest).to_be_checked()
    tab_to(page, page.get_by_role("button", name="Save who came"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_be_visible(timeout=15_000)
    assert _attendance(live_server, session_ahead["door"]).is_attended


def test_the_grouped_navigation_works_with_the_keyboard(keyboard_page, live_server):
    page = keyboard_page
    keyboard_sign_in(page, live_server.url, "organiser")
    nav = page.get_by_role("navigation", name="Main")
    toggle = nav.get_by_role("button", name="Network")
    members = nav.get_by_role("link", name="Members", exact=True)
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(members).to_be_hidden()
    # after signing in the focus starts at the page's main content: the nav lies before it
    tab_to(page, toggle, backwards=True)
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(members).to_be_visible()
    # Escape closes the group and gives the focus back to its button.
    page.keyboard.press("Tab")
    page.keyboard.press("Escape")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(toggle).to_be_focused()
    page.keyboard.press("Space")
    tab_to(page, members)
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/members/")
    expect(nav.get_by_role("button", name="Network")).to_have_attribute("aria-expanded", "false")
    # Leaving an open group with Tab closes it.
    tab_to(page, nav.get_by_role("button", name="Network"))
    page.keyboard.press("Enter")
    tab_to(page, nav.get_by_role("button", name="Wins and learning"))
    expect(nav.get_by_role("link", name="Members", exact=True)).to_be_hidden()


def test_a_keyboard_user_reaches_a_nodes_details_on_the_graph(keyboard_page, live_server):
    page = keyboard_page
    keyboard_sign_in(page, live_server.url, "programme-lead")
    page.goto(f"{live_server.url}/graph/organisations")
    compute = page.get_by_role("button", name=re.compile(r"^(Compute|Recompute) now$"))
    if compute.count():
        tab_to(page, compute)
        page.keyboard.press("Enter")
    expect(page.locator("body")).to_have_attribute("data-graph-state", "stable", timeout=30_000)
    # The table lists every node; the search box brings any of them into the details panel.
    name = page.locator("#graph-table tbody th").first.inner_text().strip()
    tab_to(page, page.get_by_label("Find a node"))
    page.keyboard.type(name)
    page.keyboard.press("Enter")
    expect(page.locator("#graph-details")).to_contain_text(name)
    expect(page.locator("#graph-details a").first).to_have_attribute(
        "href", re.compile("/organisations/")
    )
    # And every node's row in the table alternative links to its profile.
    tab_to(page, page.locator("#graph-table tbody th a").first)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
