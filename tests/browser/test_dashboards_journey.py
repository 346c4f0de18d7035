"""Each demo role signs in through the real login page and lands on its own dashboard."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select

from arena.members.models import Member
from tests.browser.conftest import follow_nav

pytestmark = pytest.mark.browser

HEADINGS = {
    "organiser": "Organiser dashboard",
    "programme-lead": "Programme overview",
    "member": re.compile(r"^Welcome, "),
}


def _members_in(live_server) -> int:
    """Other journeys on the shared server add members, so count what is there now."""
    with live_server.app.extensions["arena_db"].sessionmaker() as session:
        return session.scalar(select(func.count(Member.id)))


@pytest.mark.parametrize("role", list(HEADINGS))
def test_each_role_signs_in_and_sees_its_dashboard(
    page, live_server, sign_in, role, assert_accessible
):
    page.goto(f"{live_server.url}/auth/login")
    assert_accessible(page)
    sign_in(page, role)
    expect(page.get_by_role("heading", level=1)).to_have_text(HEADINGS[role])
    assert_accessible(page)
    if role == "member":
        expect(page.locator('[data-count="attended"]')).not_to_have_text("0")
        expect(page.get_by_role("link", name="Accounts")).to_have_count(0)
    else:
        shown = page.locator('[data-count="members"]').inner_text()
        assert int(shown.replace(",", "").replace(".", "")) == _members_in(live_server)
        expect(page.get_by_text("Upcoming sessions")).to_be_visible()
    if role == "organiser":
        follow_nav(page, "Accounts")
        expect(page.get_by_role("heading", level=1)).to_have_text("Accounts")
        assert_accessible(page)
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")


def test_wrong_password_shows_a_message_in_the_browser(page, live_server):
    page.goto(f"{live_server.url}/auth/login")
    page.get_by_label("Email").fill("organiser@example.org")
    page.get_by_label("Password").fill("definitely wrong")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("Wrong email or password")).to_be_visible()
    expect(page.get_by_label("Email")).to_have_value("organiser@example.org")


def test_dashboard_is_readable_on_a_phone(browser, live_server, sign_in):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    page = context.new_page()
    sign_in(page, "organiser")
    expect(page.get_by_role("heading", level=1)).to_have_text("Organiser dashboard")
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
    context.close()
    assert overflow is False, "the dashboard scrolls sideways on a phone"


def test_keyboard_users_can_skip_to_the_content(page, live_server):
    page.goto(f"{live_server.url}/auth/login")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Skip to main content"


def test_wide_tables_on_a_phone_scroll_and_take_keyboard_focus(
    browser, live_server, sign_in, assert_accessible
):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    page = context.new_page()
    sign_in(page, "organiser")
    page.goto(f"{live_server.url}/members/")
    # Each table fits (its long words wrap), or it scrolls inside a region that takes focus and
    # has the caption's name; either way it stays a table.
    expect(page.get_by_role("table").first).to_be_visible()
    tables = page.evaluate(
        """() => [...document.querySelectorAll('main table')].map(t => {
          const region = t.closest('.table-region, [role=region]');
          const name = region && (region.getAttribute('aria-label')
                                  || region.getAttribute('aria-labelledby'));
          return {fits: t.offsetWidth <= t.parentElement.clientWidth + 1
                        && t.scrollWidth <= t.clientWidth + 1,
                  role: t.getAttribute('role'), named: !!name,
                  tabindex: region && region.getAttribute('tabindex')};
        })"""
    )
    assert tables
    for table in tables:
        assert table["role"] is None
        assert table["fits"] or (table["tabindex"] == "0" and table["named"]), table
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
    assert_accessible(page)
    context.close()
    assert overflow is False
