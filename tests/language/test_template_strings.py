"""The templates' ``_()`` (arena/i18n.py) gives what Jinja's own newstyle gettext gave: the
page's language, values escaped on HTML pages and left alone in plain-text mail, ``%%`` as a
percent sign, and the language of the moment when a page changes it halfway. No database is
needed, so these run on an in-memory SQLite database only."""

from __future__ import annotations

import pytest
from flask import render_template_string
from flask_babel import force_locale
from jinja2.ext import _gettext_alias, _make_new_gettext

from arena import create_app
from arena.i18n import _translations, follow_language

PAGE = (
    "{{ _('Arena') }}|{{ _('Confirm my answer') }}|{{ gettext('Thank you') }}|"
    "{{ _('%(n)d invitations are queued; %(m)d were invited already.', n=3, m=1) }}|"
    "{{ _('both work on %(themes)s', themes=themes) }}|{{ _('100%% sure') }}"
)


@pytest.fixture(scope="module")
def app():
    return create_app({"ENV_NAME": "testing", "DATABASE_URL": "sqlite://", "SECRET_KEY": "k"})


def _render(app, language: str, source: str = PAGE, **values) -> str:
    with app.test_request_context("/"):
        follow_language(language)
        return render_template_string(source, themes="<b>work</b> & care", **values)


def _with_jinjas_own_gettext(app, render):
    """``render()`` with the ``_`` and ``gettext`` Jinja's i18n extension installs."""
    env = app.jinja_env
    ours = {name: env.globals[name] for name in ("_", "gettext")}
    env.globals["_"] = _gettext_alias
    env.globals["gettext"] = _make_new_gettext(lambda s: _translations().ugettext(s))
    try:
        return render()
    finally:
        env.globals.update(ours)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_an_html_page_reads_as_with_jinjas_own_gettext(app, language):
    ours = [_render(app, language) for _ in range(2)]  # the second from the kept strings
    theirs = _with_jinjas_own_gettext(app, lambda: _render(app, language))
    assert ours == [theirs, theirs]
    assert "&lt;b&gt;work&lt;/b&gt; &amp; care" in theirs and "100% sure" in theirs


def test_the_strings_follow_the_language_of_the_page(app):
    dutch, english = _render(app, "nl"), _render(app, "en")
    assert "Mijn antwoord bevestigen" in dutch and "Confirm my answer" in english
    # one page that changes its language halfway (a signed link naming a member)
    with app.test_request_context("/"):
        follow_language("en")
        first = render_template_string("{{ _('Confirm my answer') }}")
        follow_language("nl")
        second = render_template_string("{{ _('Confirm my answer') }}")
        with force_locale("en"):
            forced = render_template_string("{{ _('Confirm my answer') }}")
    assert (first, second, forced) == ("Confirm my answer", "Mijn antwoord bevestigen", first)


def test_a_plain_text_template_escapes_nothing(app):
    source = "{% autoescape false %}{{ _('both work on %(themes)s', themes=themes) }}|" \
             "{{ _('Arena') }}{% endautoescape %}"  # fmt: skip
    ours = _render(app, "en", source)
    assert ours == _with_jinjas_own_gettext(app, lambda: _render(app, "en", source))
    assert ours.startswith("both work on <b>work</b> & care|")
