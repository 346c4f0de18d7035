"""A member signs up to present, an organiser schedules it, and after the session the member
logs a small win with two mechanisms. Titles carrying script never execute anywhere."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from arena.arenas.models import ArenaSeries, Meeting, MeetingState
from arena.auth.models import UserAccount
from arena.invitations.models import Attendance

pytestmark = pytest.mark.browser

PAYLOAD = '<img src=x onerror="window.__xss=1"><script>window.__xss=1</script>'


def _session(live_server):
    return live_server.app.extensions["arena_db"].sessionmaker()


def _make_meeting(live_server, tag: str) -> int:
    with _session(live_server) as session:
        series = ArenaSeries(
            name=f"Journey series {tag}",
            theme="An inclusive labour market",
            presenter_instructions="Bring **one** question for the room.",
        )
        session.add(series)
        session.flush()
        starts = datetime.now(UTC) + timedelta(days=20)
        meeting = Meeting(
            series_id=series.id,
            title=f"Journey session {tag}",
            starts_dt=starts,
            ends_dt=starts + timedelta(hours=3),
            state=MeetingState.INVITATIONS_SENT,
        )
        session.add(meeting)
        session.commit()
        return meeting.id


def _hold(live_server, meeting_id: int) -> None:
    """The session took place: set up through the database, as the check-in page would."""
    with _session(live_server) as session:
        meeting = session.get(Meeting, meeting_id)
        meeting.starts_dt = datetime.now(UTC) - timedelta(days=1)
        meeting.ends_dt = meeting.starts_dt + timedelta(hours=3)
        meeting.state = MeetingState.HELD
        member_id = session.scalar(
            select(UserAccount.member_id).where(UserAccount.email == "member@example.org")
        )
        attendance = session.scalar(
            select(Attendance).where(
                Attendance.meeting_id == meeting_id, Attendance.member_id == member_id
            )
        ) or Attendance(meeting_id=meeting_id, member_id=member_id)
        attendance.is_attended = True
        session.add(attendance)
        session.commit()


def _no_script_ran(page) -> None:
    assert page.evaluate("typeof window.__xss") == "undefined"


def _sign_out(page) -> None:
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")


def test_present_schedule_and_log_a_small_win(page, live_server, sign_in, assert_accessible):
    tag = uuid.uuid4().hex[:8]
    meeting_id = _make_meeting(live_server, tag)
    title = f"Job carving {tag} {PAYLOAD}"

    # A member signs up to present.
    sign_in(page, "member")
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Practice examples"
    ).click()
    page.get_by_role("link", name="Sign up to present a practice example").click()
    expect(page.get_by_role("heading", name="Instructions for presenters")).to_be_visible()
    page.locator("summary", has_text=f"Journey series {tag}").click()
    instructions = page.locator("details", has_text=f"Journey series {tag}")
    expect(instructions.locator("strong", has_text="one")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Title").fill(title)
    page.get_by_label("Goals: what do you want to achieve?").fill("Work that fits *people*")
    page.get_by_label("Starting: the initiative is still finding its way").check()
    page.get_by_label(f"Journey session {tag} (Journey series {tag})").check()
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_text("submitted for review")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Job carving {tag}")
    expect(page.locator(".markdown em", has_text="people")).to_be_visible()
    _no_script_ran(page)
    assert_accessible(page)
    _sign_out(page)

    # An organiser accepts it and schedules it into slot 1 of the session.
    sign_in(page, "organiser")
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Practice examples"
    ).click()
    _no_script_ran(page)
    assert_accessible(page)
    page.get_by_role("link", name=title).first.click()
    page.get_by_role("button", name="Accept").click()
    expect(page.get_by_text("The example is accepted.")).to_be_visible()
    page.get_by_label("Session").select_option(str(meeting_id))
    page.get_by_label("Slot").select_option("1")
    page.get_by_role("button", name="Schedule").click()
    expect(page.get_by_text(f"Scheduled in slot 1 of “Journey session {tag}”")).to_be_visible()
    _no_script_ran(page)
    assert_accessible(page)
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Practice examples"
    ).click()
    row = page.get_by_role("row").filter(has_text=f"Journey session {tag}")
    expect(row).to_contain_text(f"Job carving {tag}")
    _sign_out(page)

    # The session is held; the member logs a small win with two mechanisms.
    _hold(live_server, meeting_id)
    sign_in(page, "member")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Small wins").click()
    assert_accessible(page)
    page.get_by_role("link", name="Log a small win").click()
    win_title = f"Coach at the desk {tag} {PAYLOAD}"
    page.get_by_label("What is your small win, in a line?").fill(win_title)
    page.get_by_label("What changed?").fill("We plan **together** now.")
    page.get_by_label("Energizing").check()
    page.get_by_label("Connection").check()
    page.get_by_label("The session that inspired it").select_option(str(meeting_id))
    assert_accessible(page)
    page.get_by_role("button", name="Save small win").click()
    expect(page.get_by_text("Your small win is logged.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Coach at the desk {tag}")
    expect(page.locator(".tag", has_text="Energizing")).to_be_visible()
    expect(page.locator(".tag", has_text="Connection")).to_be_visible()
    expect(page.get_by_text(f"Journey session {tag}")).to_be_visible()
    _no_script_ran(page)
    assert_accessible(page)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Small wins").click()
    expect(page.get_by_role("link", name=f"Coach at the desk {tag}")).to_be_visible()
    _no_script_ran(page)
    page.get_by_role("link", name="Per mechanism per quarter").click()
    expect(page.locator("svg.mechanism-chart")).to_be_visible()
    _no_script_ran(page)
    assert_accessible(page)
