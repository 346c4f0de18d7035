"""Every signed link in an email fails the same way: one error, one handler, one page, with the
words of the link's own purpose (arena/tokens.py)."""

from __future__ import annotations

import pytest

from arena.auth.services import SET_PASSWORD
from arena.invitations.links import RSVP, UNSUBSCRIBE
from arena.tokens import make_token
from arena.wins.links import REFLECTION, STICK

LINKS = [
    ("/auth/set-password/{}", SET_PASSWORD, {"a": 1, "h": "x"}),
    ("/rsvp/{}", RSVP, {"a": 1}),
    ("/unsubscribe/{}", UNSUBSCRIBE, {"m": 1}),
    ("/answer/reflection/{}", REFLECTION, {"m": 1, "p": 1}),
    ("/answer/stick/{}", STICK, {"f": 1}),
]


def _problem(response) -> str:
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "This link cannot be used" in page
    return page


@pytest.mark.parametrize(("url", "purpose", "payload"), LINKS, ids=[p.name for _, p, _ in LINKS])
def test_a_broken_or_foreign_link_shows_the_one_problem_page(app, client, url, purpose, payload):
    assert str(purpose.invalid) in _problem(client.get(url.format("not-a-token")))
    with app.app_context():
        others = [p for _, p, _ in LINKS if p != purpose]
        foreign = make_token(others[0], payload)
        nobody = make_token(purpose, payload)  # right purpose, but names no row
    assert str(purpose.invalid) in _problem(client.get(url.format(foreign)))
    assert str(purpose.invalid) in _problem(client.get(url.format(nobody)))
