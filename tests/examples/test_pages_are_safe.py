"""Every page of this area under a strict CSP: no inline script, style or event handler, a CSRF
token in every form that posts, and user text carrying HTML shown as text."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from html.parser import HTMLParser

from arena.arenas.models import MeetingState
from arena.auth.models import Role
from arena.collaborations.models import Collaboration, CollaborationParticipant
from arena.examples.models import ExampleStatus
from arena.wins.models import Reflection, SmallWinFollowUp
from arena.wins.reflections import reflection_token
from arena.wins.stick import stick_token
from tests.factories import PASSWORD

PAYLOAD = '<script>alert(1)</script><img src=x onerror="alert(1)"><b style="x">b</b>'


class PageCheck(HTMLParser):
    """Collects what a strict Content-Security-Policy would block or what should not be there."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []
        self.open_post_form: dict | None = None

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "script" and "src" not in values and values.get("type") != "application/json":
            self.problems.append("inline <script>")
        if tag == "style":
            self.problems.append("<style> element")
        for name, value in attrs:
            if name == "style" or name.startswith("on"):
                self.problems.append(f"{name}= on <{tag}>")
            if name in ("href", "src", "action") and (value or "").lower().startswith("javascript"):
                self.problems.append(f"javascript: URL on <{tag}>")
        if tag == "form" and (values.get("method") or "").lower() == "post":
            self.open_post_form = {"token": False, "action": values.get("action")}
        if tag == "input" and values.get("name") == "csrf_token" and self.open_post_form:
            self.open_post_form["token"] = bool(values.get("value"))

    def handle_endtag(self, tag):
        if tag == "form" and self.open_post_form is not None:
            if not self.open_post_form["token"]:
                self.problems.append(f"form posting to {self.open_post_form['action']} lacks CSRF")
            self.open_post_form = None


def _check(client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200, url
    body = response.get_data(as_text=True)
    checker = PageCheck()
    checker.feed(body)
    assert checker.problems == [], f"{url}: {checker.problems}"
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body or "alert" not in body, url


def test_no_page_needs_inline_script_or_style_and_every_form_has_a_csrf_token(
    app, db, make_account, make_member, make_series, make_meeting, make_example, make_win,
    make_organisation, attend, login,
):  # fmt: skip
    organisation = make_organisation(name=f"Org {PAYLOAD}", sector=f"care {PAYLOAD}")
    series = make_series(name=f"Series {PAYLOAD}", presenter_instructions=f"Do {PAYLOAD}")
    upcoming = make_meeting(series=series, title=f"Upcoming {PAYLOAD}")
    held = make_meeting(
        series=series,
        title=f"Held {PAYLOAD}",
        state=MeetingState.HELD,
        starts=datetime.now(UTC) - timedelta(days=2),
    )
    author = make_account(role=Role.MEMBER)
    attend(author.member, held)
    example = make_example(
        presenters=[author.member],
        organisations=[organisation],
        title=f"Example {PAYLOAD}",
        goals=PAYLOAD,
        meeting_id=upcoming.id,
        slot=1,
        status=ExampleStatus.SCHEDULED,
    )
    declined = make_example(
        presenters=[author.member], status=ExampleStatus.DECLINED, decline_reason=PAYLOAD
    )
    earlier = make_win(title=f"Earlier {PAYLOAD}", organisation_id=organisation.id)
    win = make_win(
        title=f"Win {PAYLOAD}",
        what_changed=PAYLOAD,
        friction=PAYLOAD,
        reach=PAYLOAD,
        author_id=author.member_id,
        meeting_id=held.id,
        inspired_by=[earlier],
        happened_on=date.today(),
    )
    follow_up = SmallWinFollowUp(small_win_id=win.id, months_after=3)
    collaboration = Collaboration(
        title=f"Collab {PAYLOAD}", description=PAYLOAD, started_on=date(2024, 1, 1)
    )
    collaboration.participants = [
        CollaborationParticipant(organisation_id=organisation.id, value_rating=4),
        CollaborationParticipant(member_id=author.member_id),
    ]
    reflection = Reflection(
        meeting_id=held.id,
        member_id=make_member(name=f"Name {PAYLOAD}").id,
        of_value=PAYLOAD,
        want_more_of=PAYLOAD,
        do_differently=PAYLOAD,
    )
    db.add_all([follow_up, collaboration, reflection])
    db.commit()

    client = login(make_account(role=Role.ORGANISER))
    app.config["WTF_CSRF_ENABLED"] = True  # signed in; from here on forms carry real tokens
    for url in (
        "/examples/",
        "/examples/new",
        "/examples/balance",
        f"/examples/{example.id}",
        f"/examples/{example.id}/edit",
        f"/examples/{declined.id}",
        f"/examples/{example.id}/decline",
        "/wins/",
        "/wins/mechanisms",
        "/wins/new",
        "/wins/quick",
        f"/wins/{win.id}",
        f"/wins/{win.id}/edit",
        f"/wins/{win.id}/chain",
        f"/wins/{earlier.id}/chain",
        "/collaborations/",
        "/collaborations/new",
        f"/collaborations/{collaboration.id}",
        f"/collaborations/{collaboration.id}/edit",
        "/reflections/",
        f"/reflections/sessions/{held.id}",
        f"/reflections/series/{series.id}",
    ):
        _check(client, url)

    anonymous = app.test_client()
    with app.test_request_context():
        reflection_url = f"/answer/reflection/{reflection_token(held.id, author.member_id)}"
        stick_url = f"/answer/stick/{stick_token(follow_up.id)}"
    for url in (reflection_url, stick_url):
        _check(anonymous, url)

    app.config["WTF_CSRF_ENABLED"] = False
    member = app.test_client()
    member.post("/auth/login", data={"email": author.email, "password": PASSWORD})
    app.config["WTF_CSRF_ENABLED"] = True
    for url in ("/", "/examples/", f"/examples/{example.id}", "/collaborations/", "/wins/quick"):
        _check(member, url)
