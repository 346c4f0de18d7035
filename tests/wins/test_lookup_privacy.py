"""A member's small-win form answers the same whether or not a typed email is in the network."""

from __future__ import annotations

from sqlalchemy import select

from arena.auth.models import Role
from arena.wins.models import SmallWin


def _full(**overrides) -> dict:
    data = {
        "title": "Job coach joins the benefits desk",
        "what_changed": "We now plan together.",
        "happened_on": "2025-02-03",
        "mechanisms": ["connection"],
        "meeting": "0",
        "practice_example": "0",
    }
    data.update(overrides)
    return data


def test_a_member_naming_people_by_email_learns_nothing(app, db, make_account, make_member, login):
    known = make_member(email="known@example.nl")
    client = login(make_account(role=Role.MEMBER))
    answers = [
        client.post("/wins/new", data=_full(title=f"Win {n}", members=email))
        for n, email in enumerate((known.email, "nobody-here@example.nl"))
    ]
    assert [a.status_code for a in answers] == [302, 302]
    wins = {w.title: [m.id for m in w.members] for w in db.scalars(select(SmallWin))}
    assert wins == {"Win 0": [known.id], "Win 1": []}


def test_an_organiser_is_still_told_an_email_is_unknown(app, db, make_account, login):
    client = login(make_account(role=Role.ORGANISER))
    page = client.post("/wins/new", data=_full(members="nobody-here@example.nl"))
    assert "No member of the network has this email" in page.get_data(as_text=True)
