"""Every GET page of every role, in Dutch and in English, passes axe-core's WCAG 2.1 A and AA
rules without a single violation (any impact), and reflows at 320 CSS pixels: the body never
scrolls sideways on a phone (WCAG 1.4.10).

The pages come from the app's URL map, filled with real ids from the live demo network, so a new
page is walked the day it is added. One browser; one context per role and language."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlsplit

import pytest
from sqlalchemy import func, select

from arena.arenas.models import ArenaSeries, Attendance, Meeting, MeetingState
from arena.auth.models import UserAccount
from arena.auth.services import make_set_password_token
from arena.collaborations.models import Collaboration
from arena.contacts.mails import answer_token
from arena.contacts.models import ContactPurpose, ContactRequest
from arena.examples.models import ExampleStatus, PracticeExample
from arena.invitations.links import rsvp_token, unsubscribe_token
from arena.learning.services import add_question
from arena.members.import_batches import preview_upload
from arena.members.models import Member, Membership, Organisation, Segment
from arena.polls.models import PollRecipient, PollState
from arena.polls.sending import poll_token
from arena.polls.services import PollInput, QuestionInput, create_poll
from arena.stories.services import StoryInput, tell_story
from arena.wins.models import SmallWin, SmallWinFollowUp
from arena.wins.reflections import reflection_token
from arena.wins.stick import stick_token
from tests.browser.conftest import DEMO_ACCOUNTS, DEMO_PASSWORD

pytestmark = pytest.mark.browser
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
ROLES = ["anonymous", "member", "organiser", "programme-lead"]
LANGUAGES = ["nl", "en"]

#: GET routes that answer with a file, JSON or a redirect elsewhere, not a page a person reads
NOT_PAGES = {
    "static",
    "api.graph",
    "dashboard.healthz",
    "graph.export",
    "graph.map_data",
    "graph.vis_asset",
    "members.lookup_organisations",
    "members.import_progress",
    "arenas.header_image_file",
}
FILE_SUFFIXES = (".csv", ".json", ".pdf", ".ics")
#: more than one page behind one route: each of these is walked too
VARIANTS = {
    "graph.explore": [{"kind": "organisations"}, {"kind": "people"}, {"kind": "wins"}],
}
A_LONG_NAME = "Samenwerkingsverband" * 6  # one unbroken word, wider than any phone


@pytest.fixture(scope="module")
def records(live_server) -> dict:
    return demo_records(live_server.app)


def demo_records(app) -> dict:
    """Real ids for every URL argument, and the records the demo does not make."""
    now = datetime.now(UTC)
    with app.app_context(), app.extensions["arena_db"].sessionmaker() as session:
        account = session.scalar(
            select(UserAccount).where(UserAccount.email == "member@example.org")
        )
        member = session.get(Member, account.member_id)
        series = session.scalar(select(ArenaSeries).order_by(ArenaSeries.id))
        # the latest session (other journeys may already have sent its invitations)
        upcoming = session.scalar(
            select(Meeting)
            .where(Meeting.state != MeetingState.CANCELLED)
            .order_by(Meeting.starts_dt.desc())
        )
        held = session.scalar(
            select(Meeting)
            .where(Meeting.state == MeetingState.HELD)
            .order_by(Meeting.starts_dt.desc())
        )
        attendance = session.scalar(
            select(Attendance).where(Attendance.meeting_id == upcoming.id).order_by(Attendance.id)
        )
        if attendance is None:
            attendance = Attendance(meeting_id=upcoming.id, member_id=member.id)
            session.add(attendance)
            session.flush()
        # Long unbroken names in headings and tables must wrap, not widen the page.
        long_organisation = Organisation(name=A_LONG_NAME, place="'s-Hertogenbosch")
        other_member = Member(name=f"Marie-Louise {A_LONG_NAME}", email=None)
        session.add_all([long_organisation, other_member])
        session.flush()
        membership = Membership(
            member_id=member.id,
            organisation_id=long_organisation.id,
            position="Kwartiermaker " + A_LONG_NAME,
            since=date(2020, 1, 1),
        )
        session.add(membership)
        session.add(Membership(member_id=other_member.id, organisation_id=long_organisation.id))
        other_organisation = session.scalar(
            select(Organisation)
            .where(Organisation.id != long_organisation.id)
            .order_by(Organisation.id)
        )
        example = session.scalar(
            select(PracticeExample)
            .where(PracticeExample.status == ExampleStatus.SUBMITTED)
            .order_by(PracticeExample.id)
        ) or session.scalar(select(PracticeExample).order_by(PracticeExample.id))
        win = session.scalar(select(SmallWin).order_by(SmallWin.id))
        follow_up = session.scalar(select(SmallWinFollowUp).order_by(SmallWinFollowUp.id))
        collaboration = session.scalar(select(Collaboration).order_by(Collaboration.id))
        segment = Segment(
            name=f"Gemeenten {session.scalar(select(func.count(Segment.id)))}",
            filters={"role": "municipality"},
        )
        session.add(segment)
        question = add_question(
            session, series.id, "Wat leren we van de eerste bijeenkomsten?", now=now
        )
        questions = [
            QuestionInput("one-choice", "Welk thema?", ["Werk", "Zorg"]),
            QuestionInput("scale", "Hoe nuttig?"),
            QuestionInput("free-text", "Wat nog meer?"),
        ]
        poll = create_poll(
            session,
            PollInput("Behoeften", closes_dt=now + timedelta(days=3), questions=questions),
            None,
        )
        poll.state, poll.sent_dt = PollState.OPEN, now
        session.add(PollRecipient(poll_id=poll.id, member_id=member.id, asked_dt=now))
        story = tell_story(
            session,
            member.id,
            StoryInput("Een verhaal", "Wat veranderde.", "Waarom.", theme="Werk"),
            date.today(),
        )
        csv = (
            b"name;email;organisation;role\n"
            b"Anna de Vries;anna.walk@example.org;Gemeente Utrecht;municipality\n"
        )
        batch = preview_upload(session, "leden.csv", csv, None, now=now)
        session.commit()
        with app.test_request_context():
            contact = ContactRequest(
                requester_id=other_member.id,
                recipient_id=member.id,
                purpose=ContactPurpose.PRACTICE_VISIT,
                message="Mag ik een keer komen kijken?",
                requester_agreed_dt=now,
            )
            session.add(contact)
            session.commit()
            tokens = {
                "contacts.answer": answer_token(contact.id, member.id),
                "invitations.rsvp": rsvp_token(attendance.id),
                "invitations.unsubscribe": unsubscribe_token(member.id),
                "wins.answer_reflection": reflection_token(held.id, member.id),
                "wins.answer_stick": stick_token(follow_up.id),
                "polls.answer": poll_token(poll.id, member.id),
                "auth.set_password": make_set_password_token(account),
            }
        return {
            "series_id": series.id,
            "meeting_id": upcoming.id,
            "member_id": other_member.id,
            "own_member": member.id,
            "other_member": member.id,
            "membership_id": membership.id,
            "membership_member": membership.member_id,
            "organisation_id": long_organisation.id,
            "other_organisation": other_organisation.id,
            "example_id": example.id,
            "win_id": win.id,
            "collaboration_id": collaboration.id,
            "segment_id": segment.id,
            "question_id": question.id,
            "poll_id": poll.id,
            "story_id": story.id,
            "batch_id": batch.id,
            "tokens": tokens,
        }


def _arguments(endpoint: str, arguments: set[str], r: dict) -> list[dict]:
    if endpoint in VARIANTS:
        return VARIANTS[endpoint]
    values: dict = {}
    for name in arguments:
        if name == "choice":
            continue  # a default of the rule (accept or decline), not an argument to fill
        if name == "token":
            values[name] = r["tokens"][endpoint]
        elif name == "other":
            values[name] = r["other_organisation" if "organisation" in endpoint else "other_member"]
        elif name == "member_id" and "membership_id" in arguments:
            values[name] = r["membership_member"]
        else:
            values[name] = r[name]
    return [values]


def pages(app, r: dict) -> list[str]:
    """Every GET page of the URL map with real ids, plus a few pages a query string makes."""
    paths = []
    with app.test_request_context():
        from flask import url_for

        for rule in sorted(app.url_map.iter_rules(), key=lambda rule: rule.rule):
            if "GET" not in rule.methods or rule.endpoint in NOT_PAGES:
                continue
            if rule.rule.endswith(FILE_SUFFIXES):
                continue
            if rule.endpoint.startswith("api.") and rule.endpoint != "api.docs":
                continue  # JSON and calendar files, answered to tokens, not pages
            for values in _arguments(rule.endpoint, set(rule.arguments), r):
                paths.append(url_for(rule.endpoint, **values))
        paths += [
            url_for(
                "invitations.invite", meeting_id=r["meeting_id"], preview_member=r["own_member"]
            ),
            url_for("members.index", q="a"),
            url_for("reports.records", figure="attendees-by-role", group="provider"),
            url_for("graph.explore", kind="people", sort="label", order="asc", page=2),
            url_for("graph.explore", kind="people", show="unconnected", sort="step", page=2),
        ]
    return paths


def sign_in(page, base: str, role: str) -> None:
    page.goto(f"{base}/auth/login")
    page.locator("#email").fill(DEMO_ACCOUNTS[role])
    page.locator("#password").fill(DEMO_PASSWORD)
    page.locator("#password").press("Enter")
    page.wait_for_load_state()
    assert "/auth/login" not in page.url, f"{role} could not sign in"


def check_page(page, axe) -> list[str]:
    """What is wrong on the page as it is now: axe-core violations, then sideways scrolling."""
    options = {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]}
    results = axe.run(page, options=options)
    problems = [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(str(node["target"]) for node in v["nodes"][:3])
        for v in results.response["violations"]
    ]
    page.set_viewport_size({"width": 320, "height": 800})
    widths = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    if widths[0] > widths[1]:
        wide = page.evaluate(
            """() => [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right
                             > document.documentElement.clientWidth + 1)
                .slice(-3).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                  + (typeof e.className === 'string' && e.className
                     ? '.' + e.className.split(' ')[0] : ''))"""
        )
        problems.append(f"reflow: {widths[0]} px wide at 320 px ({', '.join(wide)})")
    page.set_viewport_size({"width": 1280, "height": 900})
    return problems


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("role", ROLES)
def test_every_page_passes_axe_and_reflows(live_server, browser, axe, records, role, language):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900},
        extra_http_headers={"Accept-Language": f"{language},{language};q=0.9"},
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    try:
        if role != "anonymous":
            sign_in(page, live_server.url, role)
        seen: set = set()
        failures: list[str] = []
        walked = 0
        for path in pages(live_server.app, records):
            response = page.goto(f"{live_server.url}{path}")
            status = response.status if response else 0
            final = urlsplit(page.url)
            # Redirects (to sign-in, say) and refusals are one page each, however many lead there.
            key = (
                ("status", status)
                if status >= 400
                else (final.path if final.path != urlsplit(path).path else path)
            )
            if key in seen:
                continue
            seen.add(key)
            assert status < 500, f"{path} answered {status} for {role}"
            assert page.locator("html").get_attribute("lang") == language, path
            walked += 1
            failures += [f"{path}: {problem}" for problem in check_page(page, axe)]
        assert walked >= (3 if role == "anonymous" else 20)
        assert failures == [], f"{role}, {language}:\n" + "\n".join(failures)
    finally:
        context.close()
