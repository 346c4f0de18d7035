"""Personal API tokens: shown once, stored hashed, revocable, expiring, read-only, throttled."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from arena import create_app
from arena.auth.api_tokens import ApiToken, hash_token
from arena.auth.models import Role
from arena.db import utcnow


def test_a_token_made_on_the_page_is_shown_once_and_stored_hashed(db, make_account, login):
    account = make_account(role=Role.MEMBER)
    client = login(account)
    page = client.post("/auth/tokens", data={"name": "CRM sync"})
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "shown only this once" in text
    row = db.scalar(select(ApiToken))
    secret = text.split('id="new-token" class="wide" type="text" readonly value="')[1].split('"')[0]
    assert row.token_hash == hash_token(secret) and secret not in row.token_hash
    assert row.expires_dt.date() == (utcnow() + timedelta(days=365)).date()
    again = client.get("/auth/tokens").get_data(as_text=True)
    assert "CRM sync" in again and secret not in again
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert me.status_code == 200 and me.get_json()["id"] == account.member_id


def test_revoked_expired_and_unknown_tokens_get_401(db, make_account, make_token, api):
    account = make_account(role=Role.ORGANISER)
    revoked = make_token(account)
    expired = make_token(account, expires_on=date.today() + timedelta(days=1))
    db.scalar(select(ApiToken).where(ApiToken.token_hash == hash_token(expired))).expires_dt = (
        utcnow() - timedelta(seconds=1)
    )
    db.scalar(
        select(ApiToken).where(ApiToken.token_hash == hash_token(revoked))
    ).revoked_dt = utcnow()
    db.commit()
    for token in (revoked, expired, "arena_nonsense", ""):
        answer = api(token).get("/api/v1/members")
        assert answer.status_code == 401
        assert answer.mimetype == "application/problem+json"
        assert answer.headers["WWW-Authenticate"].startswith("Bearer")


def test_the_owner_revokes_on_the_page_and_it_stops_at_once(
    db, make_account, make_token, login, api
):
    account = make_account(role=Role.PROGRAMME_LEAD)
    token = make_token(account, name="sheet")
    assert api(token).get("/api/v1/segments").status_code == 200
    row = db.scalar(select(ApiToken))
    assert row.last_used_dt is not None
    client = login(account)
    assert client.post(f"/auth/tokens/{row.id}/revoke").status_code == 302
    assert api(token).get("/api/v1/segments").status_code == 401


def test_an_organiser_revokes_anyones_token_a_member_cannot(db, make_account, make_token, client):
    owner = make_account(role=Role.PROGRAMME_LEAD)
    make_token(owner, name="lead token")
    row = db.scalar(select(ApiToken))
    other = make_account(role=Role.MEMBER)
    client.post("/auth/login", data={"email": other.email, "password": "correct horse battery"})
    assert client.post(f"/auth/tokens/{row.id}/revoke").status_code == 404
    client.post("/auth/logout")
    organiser = make_account(role=Role.ORGANISER)
    client.post("/auth/login", data={"email": organiser.email, "password": "correct horse battery"})
    assert "lead token" in client.get("/auth/tokens/all").get_data(as_text=True)
    assert client.post(f"/auth/tokens/{row.id}/revoke").status_code == 302
    db.refresh(row)
    assert row.revoked_dt is not None


def test_each_token_is_throttled(app, make_account, make_token, api):
    app.config["API_RATE_LIMIT"] = 3
    token = make_token(make_account(role=Role.ORGANISER))
    codes = [api(token).get("/api/v1/segments").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    other = make_token(make_account(role=Role.ORGANISER))
    assert api(other).get("/api/v1/segments").status_code == 200
    answer = api(token).get("/api/v1/segments")
    assert int(answer.headers["Retry-After"]) >= 1


def test_two_workers_together_stay_within_a_tokens_limit(
    app, app_config, db, make_account, make_token
):
    """Each worker takes a few requests per write (a lease); the row counts every lease, so
    two workers on one database never serve more than the limit, and the use is recorded."""
    second = create_app(app_config)
    try:
        for worker in (app, second):
            worker.config.update(API_RATE_LIMIT=120, SERVER_NAME=None)
        headers = {"Authorization": f"Bearer {make_token(make_account(role=Role.ORGANISER))}"}
        clients = (app.test_client(), second.test_client())
        codes = [
            clients[n % 2].get("/api/v1/segments", headers=headers).status_code for n in range(140)
        ]
        assert codes[:100].count(429) == 0
        assert 114 <= codes.count(200) <= 120 and codes[-10:] == [429] * 10
        assert db.scalar(select(ApiToken)).last_used_dt is not None
    finally:
        second.extensions["arena_db"].engine.dispose()


def test_the_cli_makes_lists_and_revokes_tokens(app, db, make_account, api):
    account = make_account(role=Role.PROGRAMME_LEAD)
    runner = app.test_cli_runner()
    made = runner.invoke(
        args=["token", "create", account.email, "--name", "Excel", "--read-only",
              "--expires", "2099-12-31"]
    )  # fmt: skip
    assert made.exit_code == 0, made.output
    secret = made.output.strip().splitlines()[-1]
    assert api(secret).get("/api/v1/segments").status_code == 200
    listed = runner.invoke(args=["token", "list"])
    assert (
        "Excel" in listed.output and "read-only" in listed.output and "2099-12-31" in listed.output
    )
    token_id = listed.output.split("\t")[0]
    assert runner.invoke(args=["token", "revoke", token_id]).exit_code == 0
    assert api(secret).get("/api/v1/segments").status_code == 401
    unknown = runner.invoke(args=["token", "create", "nobody@example.org", "--name", "x"])
    assert unknown.exit_code != 0 and "No account" in unknown.output
