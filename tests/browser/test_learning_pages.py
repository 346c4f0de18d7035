"""Every page of the learning agenda, polls, stories and the report passes axe-core's WCAG 2.1
A and AA rules (every violation, not only serious ones) and reflows at 320 CSS pixels."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from arena.arenas.models import ArenaSeries, SeriesFollower
from arena.auth.models import UserAccount
from arena.learning.services import add_question
from arena.polls.models import PollRecipient, PollState
from arena.polls.sending import poll_token
from arena.polls.services import PollInput, QuestionInput, create_poll
from arena.stories.services import StoryInput, select_story, tell_story

pytestmark = pytest.mark.browser
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="module")
def records(live_server):
    """A question, a draft and an open poll, and a selected story in the live database."""
    app = live_server.app
    now = datetime.now(UTC)
    with app.app_context(), app.extensions["arena_db"].sessionmaker() as session:
        series = session.scalar(select(ArenaSeries).order_by(ArenaSeries.id))
        member = session.scalar(
            select(UserAccount).where(UserAccount.email == "member@example.org")
        ).member_id
        if session.get(SeriesFollower, (series.id, member)) is None:
            session.add(SeriesFollower(series_id=series.id, member_id=member, followed_dt=now))
        question = add_question(session, series.id, "A question with a rather long wording to "
                                "see that it wraps on a phone?", now=now)  # fmt: skip
        questions = [
            QuestionInput("one-choice", "Which theme next?", ["Work", "Care"]),
            QuestionInput("several-choices", "Which days?", ["Monday", "Friday"]),
            QuestionInput("scale", "How useful?"),
            QuestionInput("free-text", "What else?"),
        ]
        data = PollInput("Needs", closes_dt=now + timedelta(days=3), questions=questions)
        draft = create_poll(session, data, None)
        sent = create_poll(session, data, None)
        sent.state, sent.sent_dt = PollState.OPEN, now
        session.add(PollRecipient(poll_id=sent.id, member_id=member, asked_dt=now))
        story = tell_story(session, member, StoryInput("A story", "What changed.", "Why.",
                                                        theme="Work"), date.today())  # fmt: skip
        select_story(session, story, start=date.today(), end=date.today(), reason="Because.",
                     account_id=None, now=now)  # fmt: skip
        session.commit()
        with app.test_request_context():
            token = poll_token(sent.id, member)
        return {"series": series.id, "question": question.id, "draft": draft.id,
                "sent": sent.id, "story": story.id, "token": token}  # fmt: skip


def _pages(r: dict, role: str) -> list[str]:
    everyone = [
        "/learning/",
        f"/learning/series/{r['series']}",
        f"/learning/questions/{r['question']}",
        "/stories/",
        f"/stories/{r['story']}",
    ]
    if role == "member":
        return [*everyone, "/stories/new"]
    staff = [
        *everyone,
        "/polls/",
        f"/polls/{r['draft']}",
        f"/polls/{r['sent']}",
        "/reports/",
        "/reports/records?figure=attendees-by-role&group=provider",
        "/reports/?start=2024-12-31&end=2024-01-01",
    ]
    if role == "organiser":
        return [*staff, "/polls/new", f"/polls/{r['draft']}/edit", "/stories/new",
                "/learning/link?kind=small-win&record=1"]  # fmt: skip
    return staff


def _check(page, axe, url: str) -> None:
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": TAGS}})
    bad = [f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
           for v in results.response["violations"]]  # fmt: skip
    assert bad == [], f"{url}:\n" + "\n".join(bad)
    page.set_viewport_size({"width": 320, "height": 800})
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
    assert not overflow, f"{url} scrolls sideways at 320 px"
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.mark.parametrize("role", ["organiser", "programme-lead", "member"])
def test_every_page_passes_axe_and_reflows(live_server, page, sign_in, axe, records, role):
    sign_in(page, role)
    for path in _pages(records, role):
        page.goto(f"{live_server.url}{path}")
        _check(page, axe, path)


def test_the_public_answer_page_passes_axe_and_reflows(live_server, page, axe, records):
    path = f"/polls/answer/{records['token']}"
    page.goto(f"{live_server.url}{path}")
    _check(page, axe, path)
