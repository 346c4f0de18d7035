"""The pages' access rules applied to the API: each role gets what its pages allow, no more."""

from __future__ import annotations

import pytest

from arena.auth.models import Role

ORG, L, M = Role.ORGANISER, Role.PROGRAMME_LEAD, Role.MEMBER
#: (url, the roles whose pages allow it)
READS = [
    ("/api/v1/members", {ORG, L}),
    ("/api/v1/members/{member}", {ORG, L}),
    ("/api/v1/me", {M}),
    ("/api/v1/organisations", {ORG, L}),
    ("/api/v1/segments", {ORG, L}),
    ("/api/v1/series", {ORG, L, M}),
    ("/api/v1/sessions", {ORG, L}),
    ("/api/v1/examples", {ORG, L, M}),
    ("/api/v1/wins", {ORG, L, M}),
    ("/api/v1/collaborations", {ORG, L, M}),
    ("/api/v1/reflections", {ORG, L}),
]


@pytest.mark.parametrize("role", [ORG, L, M])
def test_every_list_answers_as_its_page_does(role, make_account, make_member, make_token, api):
    caller = api(make_token(make_account(role=role)))
    member = make_member()
    for url, allowed in READS:
        answer = caller.get(url.format(member=member.id))
        expected = 200 if role in allowed else 403
        assert answer.status_code == expected, (url, role, answer.get_json())
        if expected == 403:
            assert answer.mimetype == "application/problem+json"


def test_a_member_sees_no_other_members_email(make_account, make_member, make_token, api):
    other = make_member(email="someone.else@example.nl")
    account = make_account(role=M)
    caller = api(make_token(account))
    assert caller.get("/api/v1/members").status_code == 403
    assert caller.get(f"/api/v1/members/{other.id}").status_code == 403
    me = caller.get("/api/v1/me").get_json()
    assert me["id"] == account.member_id and "someone.else" not in str(me)


def test_only_organisers_see_the_notes(make_account, make_member, make_token, api):
    member = make_member(notes="Prefers phone calls")
    organiser = api(make_token(make_account(role=ORG)))
    lead = api(make_token(make_account(role=L)))
    assert (
        organiser.get(f"/api/v1/members/{member.id}").get_json()["notes"] == "Prefers phone calls"
    )
    assert lead.get(f"/api/v1/members/{member.id}").get_json()["notes"] is None


def test_writes_follow_the_pages_and_read_only_tokens_cannot_write(make_account, make_token, api):
    body = {"email": "new@example.nl", "name": "Nieuw Lid", "organisations": ["Gemeente X"]}
    lead = api(make_token(make_account(role=L)))
    assert lead.post("/api/v1/members", json=body).status_code == 403
    organiser = make_account(role=ORG)
    read_only = api(make_token(organiser, read_only=True))
    refused = read_only.post("/api/v1/members", json=body)
    assert refused.status_code == 403 and "read-only" in refused.get_json()["detail"]
    assert read_only.get("/api/v1/members").get_json()["items"] == []
    assert api(make_token(organiser)).post("/api/v1/members", json=body).status_code == 201


def test_the_session_cookie_does_not_open_the_api(make_account, login):
    client = login(make_account(role=ORG))
    assert client.get("/api/v1/members").status_code == 401


def test_api_writes_need_no_csrf_token_but_pages_still_do(app, make_account, make_token, api):
    app.config["WTF_CSRF_ENABLED"] = True
    caller = api(make_token(make_account(role=ORG)))
    body = {"email": "csrf@example.nl", "name": "Zonder Formulier", "organisations": ["O"]}
    assert caller.post("/api/v1/members", json=body).status_code == 201
    assert caller.post("/members/new", data={"name": "X"}).status_code in (302, 400)
