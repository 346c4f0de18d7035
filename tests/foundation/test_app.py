"""Configuration, health, security headers and error pages."""

from __future__ import annotations

import pytest

from arena import create_app
from arena.config import ConfigError


def test_production_refuses_to_start_without_a_secret_key(monkeypatch):
    monkeypatch.delenv("ARENA_SECRET_KEY", raising=False)
    with pytest.raises(ConfigError, match="ARENA_SECRET_KEY"):
        create_app({"ENV_NAME": "production", "DATABASE_URL": "sqlite://"})


def test_production_sets_secure_cookie_flags(monkeypatch):
    monkeypatch.setenv("ARENA_SECRET_KEY", "a-long-production-secret")
    app = create_app({"ENV_NAME": "production", "DATABASE_URL": "sqlite://"})
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_settings_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("ARENA_DATABASE_URL", "sqlite:////tmp/elsewhere.sqlite3")
    monkeypatch.setenv("ARENA_SMTP_TLS", "starttls")
    monkeypatch.setenv("ARENA_BASE_URL", "https://arena.example.org")
    app = create_app({"ENV_NAME": "testing"})
    assert app.config["DATABASE_URL"] == "sqlite:////tmp/elsewhere.sqlite3"
    assert app.config["SMTP_TLS"] == "starttls"
    assert app.config["BASE_URL"] == "https://arena.example.org"
    assert app.config["TIME_ZONE"] == "Europe/Amsterdam"


def test_unknown_smtp_tls_mode_is_refused(monkeypatch):
    monkeypatch.setenv("ARENA_SMTP_TLS", "sometimes")
    with pytest.raises(ConfigError, match="ARENA_SMTP_TLS"):
        create_app({"ENV_NAME": "testing"})


def test_health_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json["database"] == "ok"
    assert response.json["revision"]


def test_health_says_when_the_database_is_unreachable(tmp_path):
    app = create_app(
        {"ENV_NAME": "testing", "DATABASE_URL": f"sqlite:///{tmp_path}/missing/dir/x.sqlite3"}
    )
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json["database"] == "unavailable"


def test_pages_carry_a_strict_content_security_policy(client):
    response = client.get("/auth/login")
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert response.headers["X-Frame-Options"] == "DENY"


def test_errors_answer_json_to_json_clients(client):
    response = client.get("/no-such-page", headers={"Accept": "application/json"})
    assert response.status_code == 404
    assert response.json["error"] == "Not Found"
    html = client.get("/no-such-page", headers={"Accept": "text/html"})
    assert "<h1>404" in html.get_data(as_text=True)


def test_pages_use_no_cdn(client, make_account, login):
    from arena.auth.models import Role

    login(make_account(role=Role.ORGANISER))
    page = client.get("/").get_data(as_text=True)
    assert "http://" not in page.replace("http://arena.test", "")
    assert "https://" not in page
