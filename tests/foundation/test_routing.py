"""No URL can make the app fail with an id too large for the database."""

from __future__ import annotations

import re

from arena.auth.models import Role

HUGE = "99999999999999999999"


def test_huge_ids_are_not_found_on_every_route(app, make_account, login):
    client = login(make_account(role=Role.ORGANISER))
    routes = [r for r in app.url_map.iter_rules() if "<int:" in r.rule and "GET" in r.methods]
    assert routes, "the app has routes with ids"
    for rule in routes:
        url = re.sub(r"<int:\w+>", HUGE, rule.rule)
        url = re.sub(r"<(?:\w+:)?\w+>", "x", url)
        response = client.get(url)
        assert response.status_code == 404, (rule.endpoint, response.status_code)
