"""Dutch pages contain no English interface words: every GET page of the URL map, for each
role and for a visitor who is not signed in, on the Dutch demo network, with Dutch as the
language (the default, no Accept-Language).

The words checked are those a person reads as the interface: headings, labels, buttons,
links, table headers, legends, captions, options and the page title. People's own texts (the
demo's) are Dutch already. The language does not depend on the database, so this runs on
SQLite only, on one demo network loaded once for the module.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from sqlalchemy import func, select

from arena import create_app
from arena.db import make_engine
from arena.demo import generate_demo
from arena.migrate import upgrade

PASSWORD = "demo password for the language test"
ACCOUNTS = {
    "organiser": "organiser@example.org",
    "programme-lead": "lead@example.org",
    "member": "member@example.org",
}
#: English words of an interface that a Dutch page never needs (small win, Energizing and
#: the other words the Dutch field keeps in English are not here)
ENGLISH = {
    "the", "and", "your", "you", "with", "this", "that", "from", "which", "when", "what", "who",
    "there", "have", "will", "been", "not", "for", "are", "all", "yes", "save", "edit",
    "delete", "search", "members", "member", "sessions", "session", "settings", "sign",
    "password", "back", "next", "previous", "cancel", "invite", "invitations", "invitation",
    "answers", "organisations", "organisation", "people", "show", "hide", "download", "upload",
    "created", "reminder", "series", "examples", "example", "reflections", "collaborations",
    "network", "reports", "report", "polls", "stories", "story", "learning", "home", "welcome",
    "name", "email", "role", "date", "time", "place", "location", "title", "language",
    "accessibility", "statement", "merge", "erase", "closed", "add", "remove", "change", "send",
    "sent", "choose", "chosen", "answer", "new", "more", "less", "other", "page", "pages",
}  # fmt: skip
#: elements whose own text is interface
INTERFACE = {
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "label",
    "button",
    "a",
    "th",
    "legend",
    "caption",
    "summary",
    "option",
    "title",
    "dt",
}
#: pages that are not HTML for people (files, data, assets)
NOT_PAGES = re.compile(r"\.(json|csv|pdf)$|/static/|/assets/|/map$|/export$|^/api/|header-image")
WORD = re.compile(r"[A-Za-z]+")


class InterfaceText(HTMLParser):
    """The text inside interface elements, and the values of submit inputs."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.texts: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "input" and values.get("type") in ("submit", "button"):
            self.texts.append(values.get("value") or "")
        if tag in INTERFACE:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if tag in INTERFACE and tag in self.open:
            while self.open and self.open.pop() != tag:
                pass

    def handle_data(self, data):
        if self.open and self.open[-1] in INTERFACE:
            self.texts.append(data)


def english_words(html: str) -> list[str]:
    parser = InterfaceText()
    parser.feed(html)
    found = []
    for text in parser.texts:
        if "@" in text or "{{" in text:  # an email address (user data), a placeholder
            continue
        words = [w for w in WORD.findall(text) if w.lower() in ENGLISH]
        if words:
            found.append(f"{' '.join(text.split())!r}")
    return found


@pytest.fixture(scope="module")
def dutch_app(tmp_path_factory):
    path = tmp_path_factory.mktemp("dutch") / "arena.sqlite3"
    url = f"sqlite:///{path}"
    upgrade(url)
    engine = make_engine(url)
    generate_demo(engine, members=60, seed=11, password=PASSWORD)
    engine.dispose()
    app = create_app(
        {
            "ENV_NAME": "testing",
            "DATABASE_URL": url,
            "INSTANCE_PATH": str(tmp_path_factory.mktemp("dutch-instance")),
            "WTF_CSRF_ENABLED": False,
            "SERVER_NAME": "arena.test",
            "BABEL_DEFAULT_LOCALE": "nl",
        }
    )
    yield app
    app.extensions["arena_db"].engine.dispose()


def _first_ids(app) -> dict[str, int]:
    from arena.models import Base

    tables = Base.metadata.tables
    wanted = {
        "member_id": "members", "other": "members", "organisation_id": "organisations",
        "membership_id": "memberships", "series_id": "arena_series", "meeting_id": "meetings",
        "example_id": "practice_examples", "win_id": "small_wins",
        "collaboration_id": "collaborations", "poll_id": "polls", "story_id": "change_stories",
        "question_id": "learning_questions", "batch_id": "import_batches",
        "segment_id": "segments",
    }  # fmt: skip
    ids = {}
    with app.app_context(), app.extensions["arena_db"].sessionmaker() as session:
        for argument, table in wanted.items():
            if table in tables:
                column = tables[table].c.id
                first = session.scalar(select(func.min(column)))
                ids[argument] = (first + 1) if argument == "other" and first else first
    return ids


def _urls(app) -> list[str]:
    ids = _first_ids(app)
    urls = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or "token" in rule.arguments:
            continue
        values = {}
        for argument in rule.arguments:
            if argument == "kind":
                values[argument] = "organisations"
            elif ids.get(argument):
                values[argument] = ids[argument]
        if set(values) != set(rule.arguments):
            continue
        path = rule.build(values)[1]
        if not NOT_PAGES.search(path):
            urls.append(path)
    return sorted(urls)


def _link_pages(app) -> list[str]:
    """The pages reached from links in mails (no login), and what a broken link shows."""
    from arena.invitations import links
    from arena.wins.reflections import reflection_token

    with app.app_context(), app.extensions["arena_db"].sessionmaker() as session:
        from arena.arenas.models import Attendance

        attendance = session.scalars(
            select(Attendance).where(Attendance.invited_dt.is_not(None)).order_by(Attendance.id)
        ).first()
        with app.test_request_context():
            return [
                f"/rsvp/{links.rsvp_token(attendance.id)}",
                f"/unsubscribe/{links.unsubscribe_token(attendance.member_id)}",
                "/answer/reflection/"
                + reflection_token(attendance.meeting_id, attendance.member_id),
                "/rsvp/broken-link",
                "/answer/stick/broken-link",
                "/no-such-page",
            ]


def _client(app, role: str | None):
    client = app.test_client()
    if role:
        response = client.post("/auth/login", data={"email": ACCOUNTS[role], "password": PASSWORD})
        assert response.status_code == 302
    return client


@pytest.mark.parametrize("role", [None, "organiser", "programme-lead", "member"])
def test_dutch_pages_have_no_english_interface_words(dutch_app, role):
    client = _client(dutch_app, role)
    problems, checked = {}, 0
    for url in _urls(dutch_app) + _link_pages(dutch_app):
        response = client.get(url)
        if response.status_code in (301, 302, 303, 307, 308, 409):
            continue
        if "text/html" not in response.content_type:
            continue
        body = response.get_data(as_text=True)
        assert '<html lang="nl">' in body, url
        found = english_words(body)
        if found:
            problems[f"{url[:60]} ({response.status_code})"] = found
        checked += 1
    assert problems == {}
    assert checked >= 8
