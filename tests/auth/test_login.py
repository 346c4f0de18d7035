"""Signing in and out, passwords, invited accounts and CSRF."""

from __future__ import annotations

import re

from sqlalchemy import select

from arena.auth.models import Role, UserAccount
from tests.factories import PASSWORD


def test_wrong_password_fails_with_a_clear_message_and_keeps_the_email(client, make_account):
    account = make_account(role=Role.ORGANISER)
    response = client.post(
        "/auth/login", data={"email": account.email, "password": "not the password"}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 401
    assert "Wrong email or password" in page
    assert f'value="{account.email}"' in page
    assert client.get("/").status_code == 302  # still signed out


def test_login_ignores_email_case_and_follows_only_local_next(client, make_account):
    account = make_account(role=Role.PROGRAMME_LEAD)
    response = client.post(
        "/auth/login?next=https://evil.example/steal",
        data={"email": account.email.upper(), "password": PASSWORD},
    )
    assert response.status_code == 302
    assert response.location == "/"
    assert "Programme overview" in client.get("/").get_data(as_text=True)


def test_login_follows_a_local_next(client, make_account):
    account = make_account(role=Role.ORGANISER)
    response = client.post(
        "/auth/login?next=/auth/accounts", data={"email": account.email, "password": PASSWORD}
    )
    assert response.location == "/auth/accounts"


def test_disabled_account_cannot_sign_in(client, db, make_account):
    account = make_account(role=Role.ORGANISER)
    account.is_enabled = False
    db.commit()
    response = client.post("/auth/login", data={"email": account.email, "password": PASSWORD})
    assert response.status_code == 401


def test_passwords_are_stored_hashed(db, make_account):
    account = make_account(role=Role.MEMBER)
    stored = db.scalar(select(UserAccount.password_hash).where(UserAccount.id == account.id))
    assert PASSWORD not in stored
    assert stored.startswith("scrypt:")


def test_logout_needs_post(client, make_account, login):
    login(make_account(role=Role.ORGANISER))
    assert client.get("/auth/logout").status_code == 405
    assert client.post("/auth/logout").status_code == 302
    assert client.get("/").status_code == 302


def test_change_password(client, make_account, login):
    account = make_account(role=Role.MEMBER)
    login(account)
    wrong = client.post(
        "/auth/password",
        data={"current": "nope", "new": "a new long secret", "repeat": "a new long secret"},
    )
    assert "current password is not correct" in wrong.get_data(as_text=True)
    ok = client.post(
        "/auth/password",
        data={"current": PASSWORD, "new": "a new long secret", "repeat": "a new long secret"},
    )
    assert ok.status_code == 302
    client.post("/auth/logout")
    assert (
        client.post(
            "/auth/login", data={"email": account.email, "password": "a new long secret"}
        ).status_code
        == 302
    )


def test_organiser_invites_an_account_whose_link_works_once(client, db, make_account, login):
    login(make_account(role=Role.ORGANISER))
    page = client.post(
        "/auth/accounts", data={"email": "New.Person@Example.org", "role": "member"}
    ).get_data(as_text=True)
    link = re.search(r'value="https?://[^/"]+(/auth/set-password/[^"]+)"', page).group(1)
    client.post("/auth/logout")

    assert client.get(link).status_code == 200
    response = client.post(link, data={"new": "my own secret", "repeat": "my own secret"})
    assert response.status_code == 302
    assert client.get(link).status_code == 400  # used once, gone
    assert (
        client.post(
            "/auth/login", data={"email": "new.person@example.org", "password": "my own secret"}
        ).status_code
        == 302
    )


def test_a_tampered_set_password_link_is_refused(client):
    response = client.get("/auth/set-password/eyJhIjoxfQ.tampered.signature")
    assert response.status_code == 400
    assert "not valid" in response.get_data(as_text=True)


def test_duplicate_account_is_refused_with_a_message(client, make_account, login):
    organiser = make_account(role=Role.ORGANISER)
    login(organiser)
    page = client.post(
        "/auth/accounts", data={"email": organiser.email, "role": "member"}
    ).get_data(as_text=True)
    assert "already exists" in page


def test_posts_without_csrf_token_are_refused(app_config, make_account):
    from arena import create_app

    app = create_app({**app_config, "WTF_CSRF_ENABLED": True})
    client = app.test_client()
    account = make_account(role=Role.ORGANISER)
    response = client.post("/auth/login", data={"email": account.email, "password": PASSWORD})
    assert response.status_code == 400
    assert "security token" in response.get_data(as_text=True)
    post_rules = [r for r in app.url_map.iter_rules() if "POST" in r.methods]
    assert post_rules
    for rule in post_rules:
        url = re.sub(r"<(?:\w+:)?\w+>", "1", rule.rule)
        # the API takes no cookie and so needs no CSRF token: without its Bearer token, 401
        expected = 401 if url.startswith("/api/v1/") else 400
        assert client.post(url, data={}).status_code == expected, rule.endpoint
    app.extensions["arena_db"].engine.dispose()
