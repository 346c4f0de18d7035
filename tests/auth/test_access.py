"""Every route is guarded: a test walks the URL map, so a new route without a guard fails."""

from __future__ import annotations

import pytest
from werkzeug.routing.converters import NumberConverter

from arena.auth.access import ACCESS_ATTRIBUTE, API_PREFIX, PUBLIC, SIGNED_IN
from arena.auth.models import Role

#: the only endpoints anyone may reach; everything else needs a role
PUBLIC_ENDPOINTS = {
    "static",
    "auth.login",
    "auth.set_password",
    "dashboard.healthz",
    "invitations.rsvp",
    "invitations.unsubscribe",
    "wins.answer_reflection",
    "wins.answer_stick",
    "polls.answer",
    "contacts.answer",
    # the accessibility statement, and the header's language switch for visitors too
    "dashboard.accessibility",
    "members.own_language",
    # the API's description and reference, and the calendar feeds (the member's by a signed,
    # revocable address)
    "api.openapi",
    "api.docs",
    "api.series_feed",
    "api.member_feed",
}


def _url_for_rule(rule) -> str:
    """A concrete URL for a rule, with a dummy value for each argument."""
    values = {}
    for name in rule.arguments:
        converter = rule._converters[name]
        values[name] = 1 if isinstance(converter, NumberConverter) else "x"
    path = rule.rule
    for name, value in values.items():
        path = path.replace(f"<{name}>", str(value))
        for prefix in ("int:", "path:", "string:", "float:", "uuid:"):
            path = path.replace(f"<{prefix}{name}>", str(value))
    return path


def _rules(app):
    return [r for r in app.url_map.iter_rules() if r.endpoint not in PUBLIC_ENDPOINTS]


def _method(rule) -> str:
    return "GET" if "GET" in rule.methods else sorted(rule.methods - {"HEAD", "OPTIONS"})[0]


def test_every_endpoint_declares_who_may_use_it(app):
    undeclared = [
        endpoint
        for endpoint, view in app.view_functions.items()
        if endpoint not in PUBLIC_ENDPOINTS and not getattr(view, ACCESS_ATTRIBUTE, None)
    ]
    assert undeclared == []


def test_public_list_is_exactly_the_public_views(app):
    declared_public = {
        endpoint
        for endpoint, view in app.view_functions.items()
        if getattr(view, ACCESS_ATTRIBUTE, None) == PUBLIC
    }
    assert declared_public | {"static"} == PUBLIC_ENDPOINTS


def test_anonymous_users_are_sent_to_login_everywhere(app, client):
    rules = _rules(app)
    assert len(rules) >= 4
    for rule in rules:
        url = _url_for_rule(rule)
        response = client.open(url, method=_method(rule))
        if url.startswith(API_PREFIX):  # the API asks for a token instead
            assert response.status_code == 401, (rule.endpoint, response.status_code)
            continue
        assert response.status_code == 302, (rule.endpoint, response.status_code)
        assert "/auth/login" in response.location, rule.endpoint


@pytest.mark.parametrize("role", list(Role))
def test_wrong_roles_get_403_everywhere(app, make_account, login, role):
    client = login(make_account(role=role))
    checked = 0
    for rule in _rules(app):
        access = getattr(app.view_functions[rule.endpoint], ACCESS_ATTRIBUTE)
        if access == SIGNED_IN or role in access:
            continue
        url = _url_for_rule(rule)
        response = client.open(url, method=_method(rule))
        # the session cookie never opens the API (tests/api/test_access.py checks its roles)
        expected = 401 if url.startswith(API_PREFIX) else 403
        assert response.status_code == expected, (rule.endpoint, role, response.status_code)
        checked += 1
    if role != Role.ORGANISER:
        assert checked > 0, "a non-organiser role must be refused somewhere"


def test_an_undeclared_view_is_refused_not_open(app, make_account, login):
    @app.route("/forgotten-guard")
    def forgotten():
        return "secret"

    client = login(make_account(role=Role.ORGANISER))
    assert client.get("/forgotten-guard").status_code == 403
