"""Flask-Babel: English source strings, Dutch the first language and the default.

Which language a page is in: the language of the member a signed link names (RSVP,
unsubscribe, reflection links), else the signed-in person's own choice, else the choice of the
header's language switch (a cookie, for visitors who are not signed in), else the browser's,
else Dutch. Mail follows the member's choice, else Dutch (``arena.mail.in_language``). A code
the app does not know is ignored at every step, never an error.
"""

from __future__ import annotations

import gettext
import logging
from functools import lru_cache

import click
from flask import current_app, g, has_request_context, request, session
from flask_babel import (
    Domain,
    _get_current_context,  # its per-request namespace (4.0)
    format_number,
    get_locale,
    get_timezone,
    get_translations,
    refresh,
)
from flask_babel import format_date as _babel_format_date
from flask_babel import format_datetime as _babel_format_datetime
from jinja2 import pass_eval_context
from markupsafe import Markup

from arena.config import DATA_ROOT
from arena.extensions import babel

log = logging.getLogger(__name__)

#: the cookie of the header's language switch
LANGUAGE_COOKIE = "arena_language"
#: the signed-in person's choice, copied into their session at sign-in and when they choose
SESSION_KEY = "language"
#: each language by its own name: a reader finds theirs whatever the page's language is
LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English"}
#: the language the source strings are written in
SOURCE_LANGUAGE = "en"
#: strings kept translated per language for the templates' ``_()``
SHOWN_LIMIT = 5000


def labeller(mapping: dict):
    """A template function giving an enum value's human word from ``mapping`` (the value
    itself when it has none)."""

    def label(value) -> str:
        return str(mapping.get(value, value))

    return label


def supported_language(code) -> str | None:
    """``code`` as one of the app's languages ("NL", "nl-NL" -> "nl"), or None when unknown."""
    if not isinstance(code, str):
        return None
    code = code.strip().lower().replace("_", "-").split("-")[0]
    return code if code in current_app.config["LANGUAGES"] else None


def default_language() -> str:
    return supported_language(current_app.config["BABEL_DEFAULT_LOCALE"]) or "nl"


def follow_language(code: str | None) -> None:
    """This request is about one member (a signed link names them): answer in their language.

    A member who chose nothing gets the usual order (browser, then Dutch)."""
    g.arena_link_language = supported_language(code)
    refresh()  # the locale may have been looked up already in this request


def remember_language(code: str | None) -> None:
    """The signed-in person's own choice, for the rest of their session (None: the browser)."""
    session[SESSION_KEY] = supported_language(code)
    refresh()


def forget_language() -> None:
    """Signed out: the next person at this browser gets the switch's or the browser's."""
    session.pop(SESSION_KEY, None)
    refresh()


def select_locale() -> str:
    """The language of this page, in the order described at the top of this module."""
    if not has_request_context():
        return default_language()
    for choice in (
        g.get("arena_link_language"),
        session.get(SESSION_KEY),
        request.cookies.get(LANGUAGE_COOKIE),
    ):
        chosen = supported_language(choice)
        if chosen:
            return chosen
    return request.accept_languages.best_match(current_app.config["LANGUAGES"]) or (
        default_language()
    )


def select_timezone() -> str:
    return current_app.config["TIME_ZONE"]


class _EnglishWhenMissing(gettext.NullTranslations):
    """Behind a catalogue: a string it lacks is shown in English, and logged once."""

    def __init__(self, locale: str) -> None:
        super().__init__()
        self.locale = locale
        self.logged: set[str] = set()

    def _missing(self, message: str) -> None:
        if message not in self.logged:
            self.logged.add(message)
            log.warning("no %s translation of %r: shown in English", self.locale, message)

    def gettext(self, message):
        self._missing(message)
        return message

    def ngettext(self, msgid1, msgid2, n):
        self._missing(msgid1)
        return msgid1 if n == 1 else msgid2

    def pgettext(self, context, message):
        self._missing(message)
        return message

    def npgettext(self, context, msgid1, msgid2, n):
        self._missing(msgid1)
        return msgid1 if n == 1 else msgid2


class ArenaDomain(Domain):
    """Flask-Babel's domain, with English as the fallback of every other catalogue, and a
    cache per app (tests make apps with other catalogue folders)."""

    def get_translations_cache(self, ctx):
        return current_app.extensions.setdefault("arena_translations", {})

    def get_translations(self):
        # once per request: a page asks for every string it shows (13 on the RSVP page, a
        # third of its rendering). Flask-Babel's refresh() and force_locale() reset this key.
        ctx = _get_current_context()
        cached = getattr(ctx, "babel_translations", None)
        if cached is not None:
            return cached
        translations = super().get_translations()
        locale = str(get_locale() or "")
        if locale and locale != SOURCE_LANGUAGE and not getattr(translations, "_arena", False):
            translations.add_fallback(_EnglishWhenMissing(locale))
            translations._arena = True
        if ctx is not None:
            ctx.babel_translations = translations
        return translations


def _translations():
    """This request's catalogue as ``ArenaDomain.get_translations`` keeps it, in one look-up.

    Flask-Babel's template ``_()`` finds its namespace, then the domain, then the namespace
    again for every string a page shows; on the small pages that come in bursts (the RSVP
    answer) that was a fifth of the rendering. A refreshed or forced locale has no cached
    catalogue, so the usual way is taken and caches it again."""
    cached = getattr(getattr(g, "_flask_babel", None), "babel_translations", None)
    return cached if cached is not None else get_translations()


@pass_eval_context
def _template_gettext(eval_ctx, string: str, **variables) -> str:
    """The templates' ``_()`` and ``gettext()``: what Jinja's newstyle gettext does, in one call.

    Jinja's own ``_()`` calls its ``gettext``, which calls ours, each through the template
    context (finding the function, checking what it wants passed); a signed link's page
    shows a dozen strings, and that was a third of their cost. Same result: the string
    translated, marked safe where the template escapes, and always a format string."""
    translations = _translations()
    if variables:
        return _shown(translations.ugettext(string), eval_ctx.autoescape) % variables
    # a string without values is the same every time in one language: worked out once
    shown = translations.__dict__.setdefault("_arena_shown", {})
    key = (string, eval_ctx.autoescape)
    text = shown.get(key)
    if text is None:
        text = _shown(translations.ugettext(string), eval_ctx.autoescape) % {}
        if len(shown) < SHOWN_LIMIT:  # templates name their strings; a bound all the same
            shown[key] = text
    return text


def _shown(text: str, autoescape: bool) -> str:
    # our own catalogue's text, trusted as Jinja's gettext trusts it: values put into it
    # are escaped by Markup's %
    return Markup(text) if autoescape else text  # noqa: S704


@lru_cache(maxsize=4096)
def _formatted(formatter, value, format, _locale, _zone) -> str:
    """Flask-Babel's formatter reads the locale and zone of the context: they are in the key."""
    return formatter(value, format)


def format_date(value=None, format=None, rebase=True) -> str:  # noqa: A002 - Babel's name
    """Flask-Babel's ``format_date``, each date worked out once per language and zone.

    Babel builds the text anew each time (~50 us); a list page shows hundreds of dates, many
    the same day (the biggest organisation's page ~400, 15-20% of its Python time)."""
    if value is None or not rebase:
        return _babel_format_date(value, format, rebase)
    return _formatted(_babel_format_date, value, format, get_locale(), get_timezone())


def format_datetime(value=None, format=None, rebase=True) -> str:  # noqa: A002
    """Flask-Babel's ``format_datetime``, cached like ``format_date``."""
    if value is None or not rebase:
        return _babel_format_datetime(value, format, rebase)
    return _formatted(_babel_format_datetime, value, format, get_locale(), get_timezone())


def init_app(app) -> None:
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(DATA_ROOT / "translations"))
    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone)
    babel.domain_instance = ArenaDomain()
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: _translations().ugettext(s),
        ngettext=lambda s, p, n: _translations().ungettext(s, p, n),
        newstyle=True,
        pgettext=lambda c, s: _translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: _translations().unpgettext(c, s, p, n),
    )
    app.jinja_env.globals.update(_=_template_gettext, gettext=_template_gettext)
    # One day-month-year order on every page (English "medium" would be US "Mar 24, 2022").
    babel.date_formats["date.medium"] = "d MMM y"
    babel.date_formats["datetime.medium"] = "d MMM y, HH:mm"
    app.jinja_env.globals.update(
        format_date=format_date,
        format_datetime=format_datetime,
        format_number=format_number,
        get_locale=get_locale,
        language_names=LANGUAGE_NAMES,
    )


class TranslatedOption(click.Option):
    """A click option whose help (``help=_l(...)``) is translated when ``--help`` shows it:
    click turns help into a plain string at once, which would fix it in English at import."""

    def __init__(self, *args, help=None, **kwargs):  # noqa: A002 - click's own name
        super().__init__(*args, help=help, **kwargs)
        self.help = help

    def get_help_record(self, ctx):
        record = super().get_help_record(ctx)
        return None if record is None else (record[0], str(record[1]))
