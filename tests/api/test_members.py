"""Members through the API: create or update by email, pages by cursor, updated_since, and
bad input answered with problem details that name the field, writing nothing."""

from __future__ import annotations

import time

from sqlalchemy import func, select

from arena.auth.models import Role
from arena.members.models import Member


def _organiser(make_account, make_token, api):
    return api(make_token(make_account(role=Role.ORGANISER)))


def test_members_made_through_the_api_are_in_the_csv_export(make_account, make_token, api, login):
    account = make_account(role=Role.ORGANISER)
    caller = api(make_token(account))
    made = caller.post(
        "/api/v1/members",
        json={
            "email": "Fatima@Example.nl",
            "name": "Fatima El Amrani",
            "organisations": ["Gemeente Utrecht"],
            "role": "municipality",
            "consent": True,
        },
    )
    assert made.status_code == 201, made.get_json()
    body = made.get_json()
    assert body["email"] == "fatima@example.nl" and body["may_be_mailed"] is True
    assert body["organisations"][0]["name"] == "Gemeente Utrecht"
    again = caller.post(
        "/api/v1/members",
        json={
            "email": "fatima@example.nl",
            "place": "Utrecht",
            "organisations": ["Gemeente Utrecht"],
        },
    )
    assert again.status_code == 200 and again.get_json()["id"] == body["id"]
    export = login(account).get("/network/export/members.csv").get_data(as_text=True)
    assert "fatima@example.nl" in export and "Gemeente Utrecht" in export


def test_updated_since_returns_exactly_the_rows_changed_after(
    db, make_member, make_account, make_token, api
):
    old = [make_member() for _ in range(3)]
    caller = _organiser(make_account, make_token, api)
    time.sleep(0.01)
    moment = caller.get("/api/v1/members").get_json()["items"][-1]["updated_at"]
    time.sleep(0.01)
    changed = old[1]
    changed.name = "Changed Name"
    db.commit()
    new = make_member()
    answer = caller.get("/api/v1/members", query_string={"updated_since": moment})
    assert answer.status_code == 200, answer.get_json()
    assert [m["id"] for m in answer.get_json()["items"]] == [changed.id, new.id]


def test_a_full_sync_by_cursor_sees_every_member_once(make_member, make_account, make_token, api):
    made = {make_member().id for _ in range(7)}
    caller = _organiser(make_account, make_token, api)
    seen, cursor = [], None
    while True:
        query = {"limit": 3} | ({"cursor": cursor} if cursor else {})
        page = caller.get("/api/v1/members", query_string=query).get_json()
        seen += [m["id"] for m in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert sorted(seen) == sorted(made)


def test_bad_cursors_and_page_sizes_are_named(make_member, make_account, make_token, api):
    for _ in range(3):
        make_member()
    caller = _organiser(make_account, make_token, api)
    cursor = caller.get("/api/v1/members", query_string={"limit": 1}).get_json()["next_cursor"]
    for bad in (cursor[:-2] + "xx", "nonsense"):
        answer = caller.get("/api/v1/members", query_string={"cursor": bad})
        assert answer.status_code == 400 and answer.get_json()["errors"][0]["field"] == "cursor"
    foreign = caller.get("/api/v1/organisations", query_string={"cursor": cursor})
    assert foreign.status_code == 400
    other_filter = caller.get("/api/v1/members", query_string={"cursor": cursor, "role": "other"})
    assert other_filter.status_code == 400
    nul = caller.get("/api/v1/members", query_string={"q": "jan\x00"})
    assert nul.status_code == 422 and nul.get_json()["errors"][0]["field"] == "q"
    huge = caller.get("/api/v1/members", query_string={"limit": 1000000})
    assert huge.status_code == 422 and huge.get_json()["errors"][0]["field"] == "limit"
    twice = caller.get("/api/v1/members?role=municipality&role=employer")
    assert twice.status_code == 422 and twice.get_json()["errors"][0]["field"] == "role"
    limits = caller.get("/api/v1/organisations?limit=1&limit=2")
    assert limits.status_code == 422 and limits.get_json()["errors"][0]["field"] == "limit"


def test_bad_member_input_names_the_field_and_writes_nothing(db, make_account, make_token, api):
    caller = _organiser(make_account, make_token, api)
    cases = [
        ({"email": "not-an-email", "name": "X", "organisations": ["O"]}, "email"),
        ({"email": "a@example.nl", "name": 12, "organisations": ["O"]}, "name"),
        ({"email": "a@example.nl", "name": "X", "shoe_size": 44}, "shoe_size"),
        ({"email": "a@example.nl", "name": "X", "role": "king"}, "role"),
    ]
    for body, field in cases:
        answer = caller.post("/api/v1/members", json=body)
        assert answer.status_code == 422, (body, answer.get_json())
        assert answer.mimetype == "application/problem+json"
        assert field in {e["field"] for e in answer.get_json()["errors"]}
    broken = caller.post(
        "/api/v1/members", data="{not json", headers={"Content-Type": "application/json"}
    )
    assert broken.status_code in (400, 422) and broken.mimetype == "application/problem+json"
    assert db.scalar(select(func.count(Member.id))) == 0
