"""Sessions and remember-me cookies end when the password changes, on disabling and on sign-out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

from arena.auth.models import Role
from tests.conftest import PASSWORD

NEW = "a brand new secret"


def _signed_in(client) -> bool:
    return client.get("/").status_code == 200


def _login(app, account, remember: bool = False):
    client = app.test_client()
    data = {"email": account.email, "password": PASSWORD}
    if remember:
        data["remember"] = "y"
    assert client.post("/auth/login", data=data).status_code == 302
    return client


def _only_remember_cookie(client):
    client.delete_cookie("session", domain="arena.test")
    return client


def test_changing_the_password_ends_every_other_session(app, make_account):
    account = make_account(role=Role.MEMBER)
    here, elsewhere = _login(app, account, remember=True), _login(app, account, remember=True)
    response = here.post("/auth/password", data={"current": PASSWORD, "new": NEW, "repeat": NEW})
    assert response.status_code == 302
    assert _signed_in(here)
    assert _signed_in(_only_remember_cookie(here))  # this device's remember-me still works
    assert not _signed_in(elsewhere)
    assert not _signed_in(_only_remember_cookie(elsewhere))


def test_signing_out_ends_every_session_and_remember_me_cookie(app, make_account):
    account = make_account(role=Role.ORGANISER)
    here = _login(app, account)
    elsewhere = _login(app, account, remember=True)
    assert _signed_in(_only_remember_cookie(_login(app, account, remember=True)))
    here.post("/auth/logout")
    assert not _signed_in(elsewhere)
    assert not _signed_in(_only_remember_cookie(elsewhere))


def test_disabling_an_account_signs_it_out_at_once(app, make_account):
    organiser = make_account(role=Role.ORGANISER)
    member = make_account(role=Role.MEMBER)
    member_client = _login(app, member, remember=True)
    organiser_client = _login(app, organiser)
    response = organiser_client.post(f"/auth/accounts/{member.id}/disable", follow_redirects=True)
    assert "is disabled and signed out" in response.get_data(as_text=True)
    assert not _signed_in(member_client)
    assert not _signed_in(_only_remember_cookie(member_client))
    refused = app.test_client().post(
        "/auth/login", data={"email": member.email, "password": PASSWORD}
    )
    assert refused.status_code == 401
    organiser_client.post(f"/auth/accounts/{member.id}/enable")
    assert _signed_in(_login(app, member))


def test_an_organiser_cannot_disable_themselves(app, make_account):
    organiser = make_account(role=Role.ORGANISER)
    client = _login(app, organiser)
    assert client.post(f"/auth/accounts/{organiser.id}/disable").status_code == 400
    assert _signed_in(client)


def test_setting_a_password_from_a_link_ends_other_sessions(app, make_account):
    from arena.auth.services import make_set_password_token

    account = make_account(role=Role.MEMBER)
    elsewhere = _login(app, account, remember=True)
    with app.test_request_context():
        link = f"/auth/set-password/{make_set_password_token(account)}"
    assert app.test_client().post(link, data={"new": NEW, "repeat": NEW}).status_code == 302
    assert not _signed_in(elsewhere)


def test_remember_me_lasts_thirty_days(app, make_account):
    client = app.test_client()
    account = make_account(role=Role.MEMBER)
    response = client.post(
        "/auth/login", data={"email": account.email, "password": PASSWORD, "remember": "y"}
    )
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if "remember_token" in c)
    expires = parsedate_to_datetime(cookie.split("Expires=")[1].split(";")[0])
    days = (expires - datetime.now(UTC)) / timedelta(days=1)
    assert 29.9 < days <= 30.01
