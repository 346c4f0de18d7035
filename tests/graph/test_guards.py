"""Only staff see the graph; the recompute button needs a CSRF token; pages suit a strict CSP."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser

from sqlalchemy import func, select

from arena.auth.models import Role
from arena.graph.models import GraphResult
from arena.graph.services import refresh_stale_views

PAGES = (
    "/graph/",
    "/graph/people",
    "/graph/wins",
    "/graph/mechanisms",
    "/graph/organisations/export?format=gexf",
    "/graph/assets/vis-network.min.js",
)
EVIL = '<script>alert("x")</script>'
EVIL_SECTOR = "<img src=x onerror=alert(1)>"


def _stored(db) -> int:
    return db.scalar(select(func.count(GraphResult.id)))


def test_members_are_refused_every_graph_page_and_action(db, client, make_account, login, plant):
    plant.collaborate(date(2022, 1, 1), plant.org("One"), plant.org("Two"))
    plant.commit()
    login(make_account(role=Role.MEMBER))
    for url in PAGES:
        assert client.get(url).status_code == 403, url
    assert client.post("/graph/organisations/recompute").status_code == 403
    assert _stored(db) == 0


def test_recomputing_needs_the_csrf_token_of_the_page(app, db, client, make_account, login, plant):
    plant.collaborate(date(2022, 1, 1), plant.org("One"), plant.org("Two"))
    plant.commit()
    login(make_account(role=Role.PROGRAMME_LEAD))
    app.config["WTF_CSRF_ENABLED"] = True  # signed in; from here on forms carry real tokens
    assert client.post("/graph/organisations/recompute").status_code == 400
    assert _stored(db) == 0
    page = client.get("/graph/").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    response = client.post("/graph/organisations/recompute", data={"csrf_token": token})
    assert response.status_code == 302
    assert _stored(db) == 3  # findings, map, table (the rows of both lists apart)


class StrictPage(HTMLParser):
    """What a strict CSP would block: inline scripts, style attributes, on...= handlers."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []
        self.json_blocks = 0

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "script" and "src" not in values:
            if values.get("type") == "application/json":
                self.json_blocks += 1
            else:
                self.problems.append("inline <script>")
        if tag == "style":
            self.problems.append("<style>")
        self.problems += [f"{name}= on <{tag}>" for name, _v in attrs if name == "style"]
        self.problems += [f"{name}= on <{tag}>" for name, _v in attrs if name.startswith("on")]


def test_pages_suit_a_strict_csp_and_show_user_text_as_text(db, client, make_account, login, plant):
    evil = plant.org(EVIL, sector=EVIL_SECTOR)
    plain = plant.org("Plain partner", sector=EVIL_SECTOR)
    plant.collaborate(date(2022, 1, 1), evil, plain)
    plant.collaborate(date(2022, 1, 1), evil, plant.org("Other partner", sector="care"))
    plant.win(EVIL, date(2022, 2, 1), org=evil, mechanisms=("oil-spot",))
    plant.commit()
    refresh_stale_views(db)
    db.commit()
    login(make_account(role=Role.ORGANISER))
    for url in ("/graph/", "/graph/people", "/graph/wins", "/graph/mechanisms"):
        response = client.get(url, query_string={"sector": EVIL_SECTOR})
        assert response.status_code == 200, url
        body = response.get_data(as_text=True)
        checker = StrictPage()
        checker.feed(body)
        assert checker.problems == [], (url, checker.problems)
        assert EVIL not in body and EVIL_SECTOR not in body, url
        if url != "/graph/mechanisms":
            assert checker.json_blocks == 1, url  # the map's settings; its data is fetched
    body = client.get("/graph/", query_string={"sector": EVIL_SECTOR}).get_data(as_text=True)
    assert "&lt;script&gt;alert" in body  # the table, as text
    for section in ("legend-heading", "hub-heading", "one-tie-heading", "brokers-heading"):
        part = body[body.index(f'id="{section}"') :][:3000]
        assert "&lt;script&gt;alert" in part and "<script>alert" not in part, section
    data = client.get("/graph/organisations/map")  # the map's data: JSON, never HTML
    assert data.mimetype == "application/json"
    assert data.headers["X-Content-Type-Options"] == "nosniff"
    assert EVIL in data.get_json()["nodes"]["columns"]["label"]["values"]
