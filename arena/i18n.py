"""Flask-Babel: English source strings, Dutch as the first translation to come."""

from __future__ import annotations

from flask import current_app, has_request_context, request
from flask_babel import format_date, format_datetime, format_number, get_locale

from arena.config import DATA_ROOT
from arena.extensions import babel


def labeller(mapping: dict):
    """A template function giving an enum value's human word from ``mapping`` (the value
    itself when it has none)."""

    def label(value) -> str:
        return str(mapping.get(value, value))

    return label


def select_locale() -> str:
    """The browser's language for pages; the default for mail built by jobs and the CLI."""
    default = current_app.config["BABEL_DEFAULT_LOCALE"]
    if not has_request_context():
        return default
    return request.accept_languages.best_match(current_app.config["LANGUAGES"]) or default


def select_timezone() -> str:
    return current_app.config["TIME_ZONE"]


def init_app(app) -> None:
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(DATA_ROOT / "translations"))
    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone)
    # One day-month-year order on every page (English "medium" would be US "Mar 24, 2022").
    babel.date_formats["date.medium"] = "d MMM y"
    babel.date_formats["datetime.medium"] = "d MMM y, HH:mm"
    app.jinja_env.globals.update(
        format_date=format_date,
        format_datetime=format_datetime,
        format_number=format_number,
        get_locale=get_locale,
    )
