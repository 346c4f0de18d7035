"""Who may change a small win, and numbers in links that cannot be a small win."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from arena.auth.models import Role
from arena.wins.models import SmallWin


def _form(**overrides) -> dict:
    data = {
        "title": "Taken over",
        "happened_on": "2025-02-03",
        "mechanisms": ["attraction"],
        "meeting": "0",
        "practice_example": "0",
    }
    data.update(overrides)
    return data


def test_a_member_cannot_change_another_members_small_win(app, db, make_account, make_win, login):
    author = make_account(role=Role.MEMBER)
    win = make_win(title="My own win", author_id=author.member_id)
    client = login(make_account(role=Role.MEMBER))
    assert client.post(f"/wins/{win.id}/edit", data=_form()).status_code == 403
    assert "/edit" not in client.get(f"/wins/{win.id}").get_data(as_text=True)
    db.refresh(win)
    assert win.title == "My own win"


def test_organisers_may_correct_any_small_win(app, db, make_account, make_win, login):
    win = make_win(title="Typo in titel", author_id=make_account(role=Role.MEMBER).member_id)
    client = login(make_account(role=Role.ORGANISER))
    assert client.post(f"/wins/{win.id}/edit", data=_form(title="Typo in title")).status_code == 302
    db.refresh(win)
    assert win.title == "Typo in title"


def test_programme_leads_cannot_log_or_change_small_wins(app, db, make_account, make_win, login):
    win = make_win(title="As it was")
    client = login(make_account(role=Role.PROGRAMME_LEAD))
    assert client.post("/wins/quick", data=_form()).status_code == 403
    assert client.post(f"/wins/{win.id}/edit", data=_form()).status_code == 403
    db.refresh(win)
    assert win.title == "As it was"
    assert db.scalar(select(func.count(SmallWin.id))) == 1


@pytest.mark.parametrize(
    "url",
    ["/wins/99999999999999999999", "/wins/2147483648/chain", "/wins/99999999999999999999/edit"],
)
def test_an_impossible_win_number_is_not_found(app, make_account, login, url):
    assert login(make_account(role=Role.ORGANISER)).get(url).status_code == 404


def test_impossible_numbers_in_filters_and_links_are_handled(app, db, make_account, login):
    client = login(make_account(role=Role.MEMBER))
    for url in (
        "/wins/?series=99999999999999999999&session=2147483648",
        "/wins/?page=99999999999999999999",
        "/wins/mechanisms?series=99999999999999999999",
        "/wins/quick?meeting=99999999999999999999",
    ):
        assert client.get(url).status_code == 200, url
    body = client.post("/wins/new", data=_form(inspired_by="99999999999999999999")).get_data(
        as_text=True
    )
    assert "“99999999999999999999” is not a small win number." in body
    assert db.scalar(select(func.count(SmallWin.id))) == 0
