"""Sign-in and signed links are throttled in the database, across workers and processes."""

from __future__ import annotations

import statistics
import time
from datetime import timedelta

from sqlalchemy import update

from arena import create_app
from arena.auth.models import Role
from arena.db import utcnow
from arena.throttle import FailedAttempt
from tests.conftest import PASSWORD


def _fail(client, email: str, times: int) -> None:
    for _ in range(times):
        response = client.post("/auth/login", data={"email": email, "password": "wrong guess"})
        assert response.status_code == 401


def test_five_failures_refuse_even_the_right_password_with_a_time(client, make_account):
    account = make_account(role=Role.ORGANISER)
    _fail(client, account.email, 5)
    response = client.post("/auth/login", data={"email": account.email, "password": PASSWORD})
    page = response.get_data(as_text=True)
    assert response.status_code == 429
    assert "Too many attempts" in page
    assert "Try again after" in page
    assert 14 * 60 <= int(response.headers["Retry-After"]) <= 15 * 60
    assert client.get("/").status_code == 302  # not signed in


def test_the_limit_holds_across_workers(app_config, client, make_account):
    """A second app on the same database stands for another gunicorn worker or process."""
    account = make_account(role=Role.ORGANISER)
    _fail(client, account.email.upper(), 5)
    other = create_app(app_config)
    try:
        response = other.test_client().post(
            "/auth/login", data={"email": account.email, "password": PASSWORD}
        )
        assert response.status_code == 429
    finally:
        other.extensions["arena_db"].engine.dispose()


def test_the_account_is_free_again_after_fifteen_minutes(client, db, make_account):
    account = make_account(role=Role.ORGANISER)
    _fail(client, account.email, 5)
    db.execute(update(FailedAttempt).values(attempt_dt=utcnow() - timedelta(minutes=16)))
    db.commit()
    response = client.post("/auth/login", data={"email": account.email, "password": PASSWORD})
    assert response.status_code == 302


def test_twenty_failures_from_one_address_refuse_every_account(client, make_account):
    account = make_account(role=Role.ORGANISER)
    for n in range(5):
        _fail(client, f"someone{n}@example.org", 4)
    response = client.post("/auth/login", data={"email": account.email, "password": PASSWORD})
    assert response.status_code == 429
    other_address = client.post(
        "/auth/login",
        data={"email": account.email, "password": PASSWORD},
        environ_base={"REMOTE_ADDR": "192.0.2.7"},
    )
    assert other_address.status_code == 302


def test_a_success_clears_the_account_failures(client, make_account):
    account = make_account(role=Role.ORGANISER)
    _fail(client, account.email, 4)
    assert (
        client.post("/auth/login", data={"email": account.email, "password": PASSWORD}).status_code
        == 302
    )
    client.post("/auth/logout")
    _fail(client, account.email, 4)
    response = client.post("/auth/login", data={"email": account.email, "password": PASSWORD})
    assert response.status_code == 302


def test_unknown_emails_take_as_long_as_known_ones(client, make_account):
    account = make_account(role=Role.ORGANISER)

    def timed(email: str) -> float:
        start = time.perf_counter()
        client.post("/auth/login", data={"email": email, "password": "wrong guess"})
        return time.perf_counter() - start

    timed("warm-up@example.org")
    known = statistics.median(timed(account.email) for _ in range(3))
    unknown = statistics.median(timed(f"nobody{n}@example.org") for n in range(3))
    assert unknown > 0.5 * known, (unknown, known)


def test_unusable_links_from_one_address_are_throttled(client, make_account):
    from arena.auth.services import make_set_password_token

    account = make_account(role=Role.MEMBER)
    for n in range(20):
        assert client.get(f"/auth/set-password/guess{n}.x.y").status_code == 400
    with client.application.test_request_context():
        good = make_set_password_token(account)
    response = client.get(f"/auth/set-password/{good}")
    assert response.status_code == 429
    assert "Try again after" in response.get_data(as_text=True)
