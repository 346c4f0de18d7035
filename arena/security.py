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


#: every response has these, unless the view set its own
SAFE_HEADERS = (
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "same-origin"),
)
PRODUCTION_HEADERS = (*SAFE_HEADERS, ("Strict-Transport-Security", HSTS))


def _set_headers(response):
    # what ``headers.setdefault`` does for each, with one pass over the headers instead of
    # three and no exception per missing header (an RSVP burst's every response has five)
    present = {name.lower() for name, _value in response.headers}
    production = current_app.config["ENV_NAME"] == "production"
    for name, value in PRODUCTION_HEADERS if production else SAFE_HEADERS:
        if name.lower() not in present:
            response.headers.add(name, value)
    if request.endpoint != "static" and (g.get("signed_link") or current_user.is_authenticated):
        # a signed-in page or a signed link's page shows personal data: no browser or proxy
        # may keep a copy (the back button after signing out on a shared computer)
        response.headers["Cache-Control"] = "no-store"
    return response


def init_app(app) -> None:
    app.after_request(_set_headers)
