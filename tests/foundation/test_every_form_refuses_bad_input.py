"""Every form of every page, posted by each role with values no person should send (ids no row
can have, impossible dates, invisible characters, a number too large for any column), answers
with a page or a message, never a server error.

The pages and their real ids come from the page walker (tests/browser), on a demo network of
its own, so a new form is tried the day its page is added."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from arena import create_app
from arena.db import make_engine
from arena.demo import generate_demo
from tests.browser.test_every_page_accessible import demo_records, pages

PASSWORD = "bad input walker password"  # noqa: S105 - a throwaway demo database
HUGE = "99999999999999999999"
#: what a tampered or careless form sends, by input type; any other field gets HUGE or text
ODD_VALUES = {
    "date": "2026-02-30",
    "datetime-local": "2026-13-01T25:00",
    "number": "1e999",
    "email": "not-an-address@",
    "time": "25:61",
}
INVISIBLE = "\u202e\u200b"
#: forms that end the visit or change the walk itself, not what this test is about
SKIPPED_ACTIONS = ("logout", "sign-out", "erase", "delete", "/send", "/revoke")
ROLES = ["organiser@example.org", "member@example.org", "lead@example.org"]


class PostForms(HTMLParser):
    """The POST forms of a page: action and fields (name, input type, first value)."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._select: list | None = None

    def handle_starttag(self, tag, attrs) -> None:
        a = dict(attrs)
        if tag == "form":
            self._form = {"action": a.get("action"), "method": (a.get("method") or "get").lower(),
                          "fields": []}  # fmt: skip
            self.forms.append(self._form)
        elif self._form is None or not (a.get("name") or tag == "option"):
            return
        elif tag == "input":
            self._form["fields"].append([a["name"], a.get("type", "text"), a.get("value") or ""])
        elif tag == "textarea":
            self._form["fields"].append([a["name"], "textarea", ""])
        elif tag == "select":
            self._select = [a["name"], "select", ""]
            self._form["fields"].append(self._select)
        elif tag == "option" and self._select is not None and not self._select[2]:
            self._select[2] = a.get("value") or ""

    def handle_endtag(self, tag) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def _filled(fields: list, mode: str) -> dict:
    data = {}
    for name, kind, value in fields:
        if name == "csrf_token" or kind in ("submit", "checkbox", "radio") and mode == "odd":
            data[name] = value
        elif mode == "ids" and (kind in ("hidden", "number", "select") or value.isdigit()):
            data[name] = HUGE
        elif mode == "odd" and kind in ODD_VALUES:
            data[name] = ODD_VALUES[kind]
        elif mode == "odd" and kind in ("text", "textarea", "search"):
            data[name] = INVISIBLE
        else:
            data[name] = value or "x"
    return data


@pytest.fixture
def walked_app(database_url, tmp_path):
    engine = make_engine(database_url)
    generate_demo(engine, members=60, seed=7, password=PASSWORD)
    engine.dispose()
    app = create_app({
        "ENV_NAME": "testing", "DATABASE_URL": database_url, "SECRET_KEY": "walker",
        "INSTANCE_PATH": str(tmp_path / "instance"), "SERVER_NAME": "arena.test",
        "PROPAGATE_EXCEPTIONS": False,
    })  # fmt: skip
    yield app
    app.extensions["arena_db"].engine.dispose()


def test_no_form_answers_bad_input_with_a_server_error(walked_app):
    paths = pages(walked_app, demo_records(walked_app))
    failures, tried = [], set()
    for email in ROLES:
        client = walked_app.test_client()
        sign_in = PostForms()
        sign_in.feed(client.get("/auth/login").get_data(as_text=True))
        token = {n: v for form in sign_in.forms for n, _, v in form["fields"] if n == "csrf_token"}
        signed_in = client.post("/auth/login", data={"email": email, "password": PASSWORD, **token})
        assert signed_in.status_code == 302, signed_in.get_data(as_text=True)
        for path in paths:
            if "token" in path or "/auth/" in path:
                continue
            page = client.get(path)
            if page.status_code >= 500:
                failures.append(f"GET {path} as {email}: {page.status_code}")
                continue
            parser = PostForms()
            parser.feed(page.get_data(as_text=True))
            for form in parser.forms:
                action = form["action"] or path
                key = (email, re.sub(r"\d+", "N", action), tuple(f[0] for f in form["fields"]))
                if (
                    form["method"] != "post"
                    or key in tried
                    or any(skipped in action for skipped in SKIPPED_ACTIONS)
                ):
                    continue
                tried.add(key)
                for mode in ("ids", "odd"):
                    answer = client.post(action, data=_filled(form["fields"], mode))
                    if answer.status_code >= 500:
                        failures.append(f"POST {action} ({mode}) as {email}: {answer.status_code}")
    assert len(tried) > 60, tried  # the walk reached the forms, not only a sign-in page
    assert not failures, failures
