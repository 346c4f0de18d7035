"""Personal pages are never stored; production insists on HTTPS; /healthz tells outsiders little."""

from __future__ import annotations

from arena import create_app
from arena.auth.access import public
from arena.auth.models import Role


def test_signed_in_pages_are_not_stored(client, make_account, login):
    assert "no-store" not in client.get("/auth/login").headers.get("Cache-Control", "")
    login(make_account(role=Role.ORGANISER))
    for url in ("/", "/auth/accounts", "/members/"):
        assert client.get(url).headers["Cache-Control"] == "no-store", url
    assert "no-store" not in client.get("/static/css/arena.css").headers.get("Cache-Control", "")


def test_signed_link_pages_are_not_stored(client, make_account):
    from arena.auth.services import make_set_password_token

    account = make_account(role=Role.MEMBER)
    with client.application.test_request_context():
        link = f"/auth/set-password/{make_set_password_token(account)}"
    response = client.get(link)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"


def test_production_sends_hsts(app_config):
    app = create_app({**app_config, "ENV_NAME": "production", "SECRET_KEY": "k" * 48})
    try:
        response = app.test_client().get("/auth/login", base_url="https://arena.test")
        assert response.headers["Strict-Transport-Security"].startswith("max-age=")
    finally:
        app.extensions["arena_db"].engine.dispose()


def test_development_sends_no_hsts(client):
    assert "Strict-Transport-Security" not in client.get("/auth/login").headers


def test_healthz_tells_other_machines_only_ok(client):
    outside = client.get("/healthz", environ_base={"REMOTE_ADDR": "203.0.113.9"})
    assert outside.status_code == 200
    assert outside.json == {"status": "ok", "database": "ok"}
    assert client.get("/healthz").json["revision"]  # from localhost, the operator sees it


def test_healthz_hides_the_failure_from_other_machines(tmp_path):
    app = create_app(
        {"ENV_NAME": "testing", "DATABASE_URL": f"sqlite:///{tmp_path}/missing/dir/x.sqlite3"}
    )
    outside = app.test_client().get("/healthz", environ_base={"REMOTE_ADDR": "203.0.113.9"})
    assert outside.status_code == 503
    assert outside.json == {"status": "error", "database": "unavailable"}


def test_every_page_gets_the_safety_headers_once_and_a_views_own_are_kept(app):
    from flask import make_response

    def own_frame_policy():
        response = make_response("embeddable")
        response.headers["x-frame-options"] = "SAMEORIGIN"
        return response

    app.add_url_rule("/test-own-frame-policy", view_func=public(own_frame_policy))
    client = app.test_client()
    for url, frame in (("/auth/login", "DENY"), ("/test-own-frame-policy", "SAMEORIGIN")):
        headers = client.get(url).headers
        for name in ("Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options",
                     "Referrer-Policy"):  # fmt: skip
            assert len(headers.getlist(name)) == 1, (url, name)
        assert headers["X-Frame-Options"] == frame
        assert headers["X-Content-Type-Options"] == "nosniff"
