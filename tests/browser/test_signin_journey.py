"""In a real browser: the sign-in throttle, and sessions that end on another device."""

from __future__ import annotations

import itertools

import pytest
from playwright.sync_api import expect
from sqlalchemy import delete

from arena.auth.models import Role, UserAccount
from arena.throttle import FailedAttempt

pytestmark = pytest.mark.browser

PASSWORD = "journey password 1"
NEW_PASSWORD = "journey password 2"
_numbers = itertools.count(1)


@pytest.fixture
def fresh_account(live_server):
    """An account of this test only (signing out ends every session of an account)."""
    sessionmaker = live_server.app.extensions["arena_db"].sessionmaker
    with sessionmaker() as session:
        account = UserAccount(email=f"journey{next(_numbers)}@example.org", role=Role.ORGANISER)
        account.set_password(PASSWORD)
        session.add(account)
        session.commit()
        email = account.email
    yield email
    with sessionmaker() as session:  # the shared server's other journeys sign in from here too
        session.execute(delete(FailedAttempt))
        session.commit()


def _sign_in(page, live_server, email: str, password: str, remember: bool = False):
    page.goto(f"{live_server.url}/auth/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    if remember:
        page.get_by_label("Keep me signed in on this device").check()
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def test_five_wrong_passwords_hold_back_even_the_right_one(
    page, live_server, fresh_account, assert_accessible
):
    for _ in range(5):
        _sign_in(page, live_server, fresh_account, "a wrong guess")
        expect(page.get_by_text("Wrong email or password")).to_be_visible()
    _sign_in(page, live_server, fresh_account, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Too many attempts")
    expect(page.locator("[data-throttled]")).to_contain_text("Try again after")
    assert_accessible(page)
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")


def test_a_password_change_and_signing_out_end_the_other_devices(
    browser, page, live_server, fresh_account
):
    other_device = browser.new_context()
    other = other_device.new_page()
    try:
        _sign_in(page, live_server, fresh_account, PASSWORD)
        _sign_in(other, live_server, fresh_account, PASSWORD, remember=True)
        expect(other.get_by_role("heading", level=1)).to_have_text("Organiser dashboard")

        page.goto(f"{live_server.url}/auth/password")
        page.get_by_label("Current password").fill(PASSWORD)
        page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
        page.get_by_label("Repeat the new password").fill(NEW_PASSWORD)
        page.get_by_role("button", name="Change password").click()
        expect(page.get_by_text("Your password has been changed.")).to_be_visible()
        page.goto(f"{live_server.url}/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Organiser dashboard")

        other.goto(f"{live_server.url}/")  # its session and remember-me cookie are over
        expect(other.get_by_role("heading", level=1)).to_have_text("Sign in")
        _sign_in(other, live_server, fresh_account, NEW_PASSWORD, remember=True)
        expect(other.get_by_role("heading", level=1)).to_have_text("Organiser dashboard")

        page.get_by_role("button", name="Sign out").click()
        expect(page.get_by_text("You are signed out.")).to_be_visible()
        other.goto(f"{live_server.url}/")
        expect(other.get_by_role("heading", level=1)).to_have_text("Sign in")
    finally:
        other_device.close()
