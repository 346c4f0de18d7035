"""Every network route, walked from the URL map: who may use it, CSRF, and safe pages.

Programme leads read but every POST is refused; members reach only their own /me pages;
without a CSRF token no form changes anything; every page works under a strict CSP and shows
user text carrying HTML (or a spreadsheet formula) as text.
"""

from __future__ import annotations

import json
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from sqlalchemy import select

from arena.auth.models import Role
from arena.db import utcnow
from arena.members.import_batches import confirm_batch, preview_upload
from arena.members.import_models import ImportBatch
from arena.members.models import Member, Membership, Organisation, Segment
from tests.factories import PASSWORD
from tests.members.csvdata import csv_bytes

BLUEPRINTS = ("members",)
#: the organisation type-ahead of every form is the network's too, but open to every role
NOT_NETWORK_PAGES = ("members.lookup_organisations",)
PAYLOAD = '<script>alert(1)</script><img src=x onerror="alert(1)"> =HYPERLINK("http://x")'
OWN_PAGES = ("members.own_",)


@pytest.fixture
def network(db, make_member, make_account, make_organisation, employ):
    """One of each thing a network URL can name, with HTML in every text a user can type."""
    member = make_member(name=f"Anna {PAYLOAD}", notes=PAYLOAD, themes=[PAYLOAD])
    other = make_member(name=f"Bram {PAYLOAD}")
    organisation = make_organisation(f"Org {PAYLOAD}", sector=PAYLOAD, place=PAYLOAD)
    other_organisation = make_organisation(f"Other org {PAYLOAD}")
    membership = employ(member, organisation, position=PAYLOAD)
    segment = Segment(name=f"Segment {PAYLOAD}", filters={"q": PAYLOAD})
    db.add(segment)
    line = f'x@example.nl;"{PAYLOAD.replace(chr(34), chr(34) * 2)}";Org;nobody;;;;;'
    batch = preview_upload(db, f"{PAYLOAD}.csv", csv_bytes(line), None)
    stalled = preview_upload(db, f"{PAYLOAD}.csv", csv_bytes("y@example.nl;Y;Org;other;;;;;"), None)
    db.flush()
    confirm_batch(db, stalled, now=utcnow() - timedelta(hours=1))
    db.commit()
    account = make_account(role=Role.MEMBER, member_id=member.id)
    return {
        "member_id": member.id,
        "other": other.id,
        "organisation_id": organisation.id,
        "segment_id": segment.id,
        "batch_id": batch.id,
        "membership_id": membership.id,
        "other_organisation": other_organisation.id,
        "stalled_batch": stalled.id,
        "account": account,
    }


def _routes(app, network) -> list[tuple[str, str, set[str]]]:
    """(endpoint, concrete URL, methods) for every route of the network's blueprints."""
    found = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint.split(".")[0] not in BLUEPRINTS or rule.endpoint in NOT_NETWORK_PAGES:
            continue
        values = {name: network[name] for name in rule.arguments}
        if rule.endpoint.startswith("members.organisation_") and "other" in values:
            values["other"] = network["other_organisation"]
        url = rule.build(values)[1]
        found.append((rule.endpoint, url, set(rule.methods) - {"HEAD", "OPTIONS"}))
    assert len(found) > 30
    return found


def _snapshot(db) -> str:
    """Everything the network's routes could change, as one comparable text."""
    db.expire_all()
    rows = []
    for model in (Member, Organisation, Membership, Segment, ImportBatch):
        for row in db.scalars(select(model).order_by(model.id)):
            values = {c.key: getattr(row, c.key) for c in model.__table__.columns}
            rows.append(json.dumps(values, default=str, sort_keys=True))
    return "\n".join(rows)


def test_programme_leads_are_refused_every_post(app, db, network, make_account, login):
    lead = login(make_account(role=Role.PROGRAMME_LEAD))
    before = _snapshot(db)
    # the header's language switch is for everyone (it changes only one's own language)
    posts = [
        (e, url)
        for e, url, methods in _routes(app, network)
        if "POST" in methods and e != "members.own_language"
    ]
    for endpoint, url in posts:
        data = {"confirm": "y", "name": "x", "choice": "withdraw", "organisation": "x"}
        assert lead.post(url, data=data).status_code == 403, endpoint
    assert _snapshot(db) == before
    assert len(posts) > 15


def test_members_reach_only_their_own_pages(app, db, network, login):
    client = login(network["account"])
    before = _snapshot(db)
    for endpoint, url, methods in _routes(app, network):
        if endpoint.startswith(OWN_PAGES):
            continue
        for method in methods:
            response = client.open(url, method=method, data={"confirm": "y", "name": "x"})
            assert response.status_code == 403, (endpoint, method)
            assert b"Bram" not in response.data
    assert _snapshot(db) == before


def test_no_form_changes_anything_without_a_csrf_token(app, db, network, make_account, login):
    organiser = login(make_account(role=Role.ORGANISER))
    member = app.test_client()
    member.post("/auth/login", data={"email": network["account"].email, "password": PASSWORD})
    app.config["WTF_CSRF_ENABLED"] = True
    before = _snapshot(db)
    for endpoint, url, methods in _routes(app, network):
        if "POST" not in methods:
            continue
        client = member if endpoint.startswith(OWN_PAGES) else organiser
        data = {"confirm": "y", "name": "x", "choice": "withdraw", "organisation": "x"}
        assert client.post(url, data=data).status_code == 400, endpoint
    assert _snapshot(db) == before


class PageCheck(HTMLParser):
    """What a strict CSP would block, and POST forms without a CSRF token."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []
        self.form: dict | None = None

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "script" and "src" not in values and values.get("type") != "application/json":
            self.problems.append("inline <script>")
        if tag == "style":
            self.problems.append("<style>")
        self.problems += [f"{n}= on <{tag}>" for n, _v in attrs if n == "style" or n[:2] == "on"]
        if tag == "form" and (values.get("method") or "").lower() == "post":
            self.form = {"token": False, "action": values.get("action")}
        if tag == "input" and values.get("name") == "csrf_token" and self.form is not None:
            self.form["token"] = bool(values.get("value"))

    def handle_endtag(self, tag):
        if tag == "form" and self.form is not None:
            if not self.form["token"]:
                self.problems.append(f"form to {self.form['action']} lacks a CSRF token")
            self.form = None


def test_every_page_is_csp_clean_and_shows_user_text_as_text(app, db, network, make_account, login):
    organiser = login(make_account(role=Role.ORGANISER))
    member = app.test_client()
    member.post("/auth/login", data={"email": network["account"].email, "password": PASSWORD})
    app.config["WTF_CSRF_ENABLED"] = True  # signed in; forms now carry real tokens
    checked = 0
    pages = [(e, url) for e, url, methods in _routes(app, network) if "GET" in methods]
    pages.append(("members.import_batch", f"/network/import/{network['stalled_batch']}"))
    for endpoint, url in pages:
        if url.endswith((".csv", ".json")):
            continue
        client = member if endpoint.startswith(OWN_PAGES) else organiser
        response = client.get(url)
        assert response.status_code == 200, endpoint
        body = response.get_data(as_text=True)
        checker = PageCheck()
        checker.feed(body)
        assert checker.problems == [], (endpoint, checker.problems)
        assert "<script>alert" not in body and "<img src=x" not in body, endpoint
        checked += 1
    assert checked > 20
    assert "Resume the import" in organiser.get(pages[-1][1]).get_data(as_text=True)
