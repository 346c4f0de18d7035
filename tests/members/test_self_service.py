"""A member's own page: profile, organisations, interests, consent, a copy of their data."""

from __future__ import annotations

import json

from arena.auth.models import Role
from arena.members.models import Member


def test_member_edits_own_profile_and_interests(make_account, login, db):
    account = make_account(role=Role.MEMBER)
    client = login(account)
    assert "My profile" in client.get("/").get_data(as_text=True)
    response = client.post("/me/edit", data={"name": "Lotte Own", "themes": "poverty\nwork"})
    assert response.status_code == 302
    db.expire_all()
    member = db.get(Member, account.member_id)
    assert member.name == "Lotte Own" and member.themes == ["poverty", "work"]
    client.post("/me/organisations", data={"organisation": "Buurtteam Oost"})
    page = client.get("/me/").get_data(as_text=True)
    assert "Lotte Own" in page and "Buurtteam Oost" in page


def test_member_withdraws_and_gives_consent(make_account, login, db):
    account = make_account(role=Role.MEMBER)
    client = login(account)
    client.post("/me/consent", data={"choice": "give"})
    db.expire_all()
    member = db.get(Member, account.member_id)
    assert member.may_be_mailed and member.consent_source == "the member's own profile page"
    client.post("/me/consent", data={"choice": "withdraw"})
    db.expire_all()
    member = db.get(Member, account.member_id)
    assert member.unsubscribed_at is not None and not member.may_be_mailed


def test_member_downloads_their_own_data_only(
    make_account, login, make_member, make_meeting, attend, make_win
):
    account = make_account(role=Role.MEMBER)
    other = make_member(name="Other Person", email="other@example.nl", notes="secret")
    attend(other, make_meeting(title="Their session"))
    make_win(other, title="Their win")
    mine = make_meeting(title="My session")
    me = account.member
    attend(me, mine)
    client = login(account)
    response = client.get("/me/data.json")
    assert response.headers["Content-Disposition"].startswith("attachment")
    data = json.loads(response.data)
    assert data["member"]["email"] == me.email
    assert [s["title"] for s in data["sessions"]] == ["My session"]
    assert data["account"]["email"] == account.email
    text = response.get_data(as_text=True)
    assert "Other Person" not in text and "Their win" not in text and "secret" not in text


def test_staff_have_no_own_profile_pages(make_account, login):
    client = login(make_account(role=Role.ORGANISER))
    assert client.get("/me/").status_code == 403
