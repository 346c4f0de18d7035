"""What a web worker does once when it starts, so the first requests it serves do not.

A gunicorn worker imports the app and then serves; without this, the first requests after a
start pay for configuring SQLAlchemy's mappers, compiling the templates of the pages that
come in bursts (the RSVP link's) and loading each language's catalogue and date formats:
about 0.2 s of CPU per worker, spent exactly when a mass invitation's answers arrive (the
scheduler sends the invitations, so the web workers may be fresh). ``wsgi.py`` calls it;
tests and CLI commands, which make apps of their own, do not need it.
"""

from __future__ import annotations

from flask import Flask
from flask_babel import force_locale, format_datetime, get_translations
from sqlalchemy.orm import configure_mappers

from arena.db import utcnow

#: the pages of signed links, which a mass mailing sends hundreds of people to at once
BURST_TEMPLATES = (
    "base.html",
    "shared/_language_switch.html",
    "invitations/rsvp.html",
    "invitations/rsvp_done.html",
    "invitations/rsvp_closed.html",
    "errors/link_problem.html",
    "errors/throttled.html",
)


def warm_up(app: Flask) -> None:
    """Configure the mappers, compile the burst's templates, load every language."""
    configure_mappers()
    for name in BURST_TEMPLATES:
        app.jinja_env.get_template(name)
    with app.test_request_context():
        for language in app.config["LANGUAGES"]:
            with force_locale(language):
                get_translations()
                format_datetime(utcnow(), "EEEE d MMMM y, HH:mm")
