"""Emails every feature writes from templates, the absolute links inside them, and titles as
one-line subjects.

Jobs run outside any request, so links are built against the configured BASE_URL; in a request
the request's own host is used. Both parts of an email come from templates: the HTML part is
autoescaped, so user text in it stays inert.
"""

from __future__ import annotations

from contextlib import nullcontext

from flask import current_app, has_request_context, render_template, url_for
from flask_babel import force_locale


def external_url(endpoint: str, **values) -> str:
    """An absolute URL for an email, inside or outside a request."""
    if has_request_context():
        return url_for(endpoint, _external=True, **values)
    base = current_app.config.get("BASE_URL") or "http://127.0.0.1:5000"
    with current_app.test_request_context(base_url=base):
        return url_for(endpoint, _external=True, **values)


def outside_request_locale():
    """Jobs have no request to choose a language from: use the default one there."""
    if has_request_context():
        return nullcontext()
    return force_locale(current_app.config.get("BABEL_DEFAULT_LOCALE", "en"))


def one_line(text: str | None) -> str:
    """A title as one line: new lines and runs of spaces folded (it may become a mail subject)."""
    return " ".join((text or "").split())


def render_email(name: str, **context) -> tuple[str, str]:
    """The text and HTML bodies of ``templates/email/<name>.txt`` and ``.html``."""
    text = render_template(f"email/{name}.txt", **context)
    html = render_template(f"email/{name}.html", **context)
    return text, html
