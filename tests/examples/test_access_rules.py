"""Who may see and change practice examples: members only their own, organisers plan."""

from __future__ import annotations

import pytest

from arena.auth.models import Role
from arena.examples.models import ExampleStatus


def _edit(**overrides) -> dict:
    data = {"title": "Taken over", "maturity": "starting", "goals": "g", "save_draft": "1"}
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_a_member_cannot_see_or_change_another_members_draft(
    app, db, make_account, make_member, make_example, login
):
    owner = make_member()
    draft = make_example(presenters=[owner], status=ExampleStatus.DRAFT, title="Half-baked idea")
    client = login(make_account(role=Role.MEMBER))
    assert client.get(f"/examples/{draft.id}").status_code == 404
    assert client.get(f"/examples/{draft.id}/edit").status_code == 404
    assert client.post(f"/examples/{draft.id}/edit", data=_edit()).status_code == 404
    assert "Half-baked idea" not in client.get("/examples/").get_data(as_text=True)
    db.refresh(draft)
    assert (draft.title, draft.status) == ("Half-baked idea", ExampleStatus.DRAFT)


def test_a_co_presenter_sees_the_example_and_may_change_it_before_review(
    app, db, make_account, make_member, make_example, login
):
    account = make_account(role=Role.MEMBER)
    example = make_example(presenters=[make_member(), account.member])
    client = login(account)
    assert client.get(f"/examples/{example.id}").status_code == 200
    response = client.post(
        f"/examples/{example.id}/edit",
        data=_edit(presenters=account.member.email, submit="1", save_draft=None),
    )
    assert response.status_code == 302
    db.refresh(example)
    assert example.title == "Taken over"


def test_drafts_stay_off_the_organisers_board(app, db, make_account, make_example, login):
    make_example(status=ExampleStatus.DRAFT, title="Not yet ready")
    make_example(title="Ready for review")
    board = login(make_account(role=Role.ORGANISER)).get("/examples/").get_data(as_text=True)
    assert "Ready for review" in board and "Not yet ready" not in board


@pytest.mark.parametrize("action", ["accept", "decline", "schedule", "unschedule", "presented"])
def test_members_cannot_use_the_planning_actions(
    app, db, make_account, make_example, make_meeting, login, action
):
    account = make_account(role=Role.MEMBER)
    example = make_example(presenters=[account.member])
    meeting = make_meeting()
    client = login(account)
    data = {"meeting": meeting.id, "slot": 1, "reason": "Mine now"}
    assert client.post(f"/examples/{example.id}/{action}", data=data).status_code == 403
    db.refresh(example)
    assert (example.status, example.meeting_id) == (ExampleStatus.SUBMITTED, None)


def test_programme_leads_cannot_propose_or_edit(app, db, make_account, make_example, login):
    example = make_example(title="Kept as it was")
    client = login(make_account(role=Role.PROGRAMME_LEAD))
    assert client.get("/examples/new").status_code == 403
    assert client.post(f"/examples/{example.id}/edit", data=_edit()).status_code == 403
    db.refresh(example)
    assert example.title == "Kept as it was"


@pytest.mark.parametrize(
    "url",
    [
        "/examples/99999999999999999999",
        "/examples/99999999999999999999/edit",
        "/examples/2147483648",
    ],
)
def test_an_impossible_example_number_is_not_found(app, make_account, login, url):
    assert login(make_account(role=Role.ORGANISER)).get(url).status_code == 404


def test_an_impossible_year_on_the_balance_page_shows_this_year(app, make_account, login):
    client = login(make_account(role=Role.PROGRAMME_LEAD))
    response = client.get("/examples/balance?year=99999")
    assert response.status_code == 200
    assert "Balance of practice examples in 20" in response.get_data(as_text=True)
