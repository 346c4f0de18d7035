"""A member signs up to present (organisation names suggested as they type), an organiser
schedules it; after the session the member answers the reflection questions from the email link
without logging in, logs a small win with two mechanisms from the dashboard, and sees the
example presented. Titles carrying script never execute anywhere."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from arena.arenas.models import Attendance, Meeting, MeetingState
from arena.auth.models import UserAccount
from arena.examples.tasks import mark_presented
from arena.invitations.models import OutboxMessage
from arena.members.models import Organisation
from arena.wins.reflections import send_reflection_requests
from tests.browser.conftest import follow_nav

pytestmark = pytest.mark.browser

PAYLOAD = '<img src=x onerror="window.__xss=1"><script>window.__xss=1</script>'


def _session(live_server):
    return live_server.app.extensions["arena_db"].sessionmaker()


def _make_meeting(live_factories, tag: str) -> int:
    series = live_factories.series(
        name=f"Journey series {tag}",
        presenter_instructions="Bring **one** question for the room.",
    )
    starts = datetime.now(UTC) + timedelta(days=20)
    title = f"Journey session {tag}"
    state = MeetingState.INVITATIONS_SENT
    return live_factories.meeting(series, starts, title=title, state=state).id


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


def _some_organisation(live_server) -> str:
    with _session(live_server) as session:
        return session.scalar(select(Organisation.name).order_by(Organisation.id).limit(1))


def _reflection_link(live_server, meeting_id: int) -> str:
    """Queue the reflection email for this session only (the server is shared), read the link."""
    app = live_server.app
    with app.app_context(), _session(live_server) as session:
        send_reflection_requests(session, datetime.now(UTC), meeting_id=meeting_id)
        session.commit()
        body = session.scalar(
            select(OutboxMessage.body_text).where(
                OutboxMessage.key.like(f"reflection:meeting={meeting_id}:%")
            )
        )
    return next(word for word in body.split() if "/answer/reflection/" in word)


def _no_script_ran(page) -> None:
    assert page.evaluate("typeof window.__xss") == "undefined"


def _sign_out(page) -> None:
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")


def test_present_schedule_and_log_a_small_win(
    page, live_server, live_factories, sign_in, assert_accessible
):
    tag = uuid.uuid4().hex[:8]
    meeting_id = _make_meeting(live_factories, tag)
    title = f"Job carving {tag} {PAYLOAD}"

    # A member signs up to present.
    sign_in(page, "member")
    follow_nav(page, "Practice examples")
    page.get_by_role("link", name="Sign up to present a practice example").click()
    expect(page.get_by_role("heading", name="Instructions for presenters")).to_be_visible()
    instructions = page.locator("details", has_text=f"Journey series {tag}")
    if instructions.get_attribute("open") is None:  # the first series' instructions are open
        instructions.locator("summary").click()
    expect(instructions.locator("strong", has_text="one")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Title").fill(title)
    # Type-ahead: a few letters ask the server for matching names; the field stays plain text.
    organisation = _some_organisation(live_server)
    organisations = page.get_by_label("Organisations (separate several with commas)")
    organisations.fill("")
    organisations.press_sequentially(organisation[:5].lower(), delay=40)
    expect(page.locator("#organisation-names option").first).to_be_attached()
    expect(page.locator(f'#organisation-names option[value="{organisation}"]')).to_have_count(1)
    organisations.fill(organisation)
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
    follow_nav(page, "Practice examples")
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
    follow_nav(page, "Practice examples")
    row = page.get_by_role("row").filter(has_text=f"Journey session {tag}")
    expect(row).to_contain_text(f"Job carving {tag}")
    _sign_out(page)

    # The session is held; the reflection email's link opens a form that needs no login.
    _hold(live_server, meeting_id)
    page.goto(_reflection_link(live_server, meeting_id))
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Journey session {tag}")
    assert_accessible(page)
    page.get_by_label("What was of value to you today?").fill(f"The stories {PAYLOAD}")
    page.get_by_label("What did you see in the collaboration that you want more of?").fill("Ask")
    page.get_by_label("What will you do differently tomorrow?").fill("Call the employer")
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_text("Thank you for your answers.")).to_be_visible()
    _no_script_ran(page)

    # From the dashboard, the member logs a small win with two mechanisms.
    sign_in(page, "member")
    page.get_by_role("link", name="Log a small win").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Log a small win")
    win_title = f"Coach at the desk {tag} {PAYLOAD}"
    page.get_by_label("What is your small win, in a line?").fill(win_title)
    page.get_by_label("What changed?").fill("We plan **together** now.")
    page.get_by_label("Energizing").check()
    page.get_by_label("Connection").check()
    page.get_by_label("The session that inspired it").select_option(str(meeting_id))
    assert_accessible(page)
    page.get_by_role("button", name="Log small win").click()
    expect(page.get_by_text("Your small win is logged.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Coach at the desk {tag}")
    expect(page.locator(".tag", has_text="Energizing")).to_be_visible()
    expect(page.locator(".tag", has_text="Connection")).to_be_visible()
    expect(page.get_by_text(f"Journey session {tag}")).to_be_visible()
    _no_script_ran(page)
    assert_accessible(page)
    page.get_by_role("link", name="Edit", exact=True).click()  # the full form
    expect(page.get_by_label("Energizing")).to_be_checked()
    _no_script_ran(page)
    assert_accessible(page)

    follow_nav(page, "Small wins")
    expect(page.get_by_role("link", name=f"Coach at the desk {tag}")).to_be_visible()
    _no_script_ran(page)
    page.get_by_role("link", name="Per mechanism per quarter").click()
    expect(page.locator("svg.mechanism-chart")).to_be_visible()
    _no_script_ran(page)
    assert_accessible(page)

    # The scheduler marks the examples of held sessions presented; the member sees it.
    with live_server.app.app_context():
        mark_presented()
    follow_nav(page, "Practice examples")
    item = page.get_by_role("listitem").filter(has_text=f"Job carving {tag}")
    expect(item.locator(".tag")).to_have_text("Presented")
    assert_accessible(page)
