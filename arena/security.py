"""Response headers that keep pages safe: a strict CSP (no inline script), no framing, no
stored copies of personal pages, HTTPS only in production."""

from __future__ import annotations

from flask import current_app, g, request
from flask_login import current_user

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; "
    "form-action 'self'"
)

#: two years, as the HSTS preload list asks; production runs only behind HTTPS
HSTS = "max-age=63072000; includeSubDomains"


def _set_headers(response):
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    if current_app.config["ENV_NAME"] == "production":
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    if request.endpoint != "static" and (g.get("signed_link") or current_user.is_authenticated):
        # a signed-in page or a signed link's page shows personal data: no browser or proxy
        # may keep a copy (the back button after signing out on a shared computer)
        response.headers["Cache-Control"] = "no-store"
    return response


def init_app(app) -> None:
    app.after_request(_set_headers)
