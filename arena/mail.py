"""Emails every feature writes from templates, the absolute links inside them, titles as
one-line subjects, and the language each mail is written in.

Every mail is built inside ``in_language(recipient's language)``: its words, subject and dates
follow the member's own choice, else Dutch (the default), whoever or whatever builds it (a page
of an organiser who reads English, the scheduler, the CLI).

Jobs run outside any request, so links are built against the configured BASE_URL; in a request
the request's own host is used. Both parts of an email come from templates: the HTML part is
autoescaped, so user text in it stays inert.
"""

from __future__ import annotations

from flask import current_app, has_request_context, render_template, url_for
from flask_babel import force_locale

from arena.i18n import default_language, supported_language


def external_url(endpoint: str, **values) -> str:
    """An absolute URL for an email, inside or outside a request."""
    if has_request_context():
        return url_for(endpoint, _external=True, **values)
    base = current_app.config.get("BASE_URL") or "http://127.0.0.1:5000"
    with current_app.test_request_context(base_url=base):
        return url_for(endpoint, _external=True, **values)


def mail_language(language: str | None) -> str:
    """The language of a mail to a member who chose ``language``: theirs, else the default
    (Dutch); a code the app does not know counts as no choice."""
    return supported_language(language) or default_language()


def in_language(language: str | None):
    """A context in which a mail to a member who chose ``language`` is built: everything
    translated inside it (subject too) and every date formatted is in that language."""
    return force_locale(mail_language(language))


def one_line(text: str | None) -> str:
    """A title as one line: new lines and runs of spaces folded (it may become a mail subject)."""
    return " ".join((text or "").split())


def render_email(name: str, **context) -> tuple[str, str]:
    """The text and HTML bodies of ``templates/email/<name>.txt`` and ``.html``."""
    text = render_template(f"email/{name}.txt", **context)
    html = render_template(f"email/{name}.html", **context)
    return text, html
