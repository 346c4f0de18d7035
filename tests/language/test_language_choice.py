"""Which language a page is in: own choice, then browser, then Dutch; the header switch for
visitors and members; unknown codes; a catalogue that lacks a string."""

from __future__ import annotations

import logging
import shutil

import pytest
from flask_babel import format_date, format_number, gettext

from arena.auth.models import Role
from arena.config import PROJECT_ROOT
from tests.catalogues import compile_catalogue, read_catalogue

DUTCH = {"Accept-Language": "nl-NL,nl;q=0.9"}
ENGLISH = {"Accept-Language": "en-GB,en;q=0.9"}


@pytest.fixture
def app_config(app_config):
    return {**app_config, "BABEL_DEFAULT_LOCALE": "nl"}


def _page(client, path="/auth/login", headers=None) -> str:
    response = client.get(path, headers=headers or {})
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_a_visitor_gets_dutch_then_the_browsers_language_then_the_switch(client):
    assert '<html lang="nl">' in _page(client) and "Inloggen" in _page(client)
    assert '<html lang="en">' in _page(client, headers=ENGLISH)
    assert "Sign in" in _page(client, headers=ENGLISH)

    response = client.post("/me/language", data={"language": "en", "next": "/auth/login"})
    assert response.status_code == 302 and response.location.endswith("/auth/login")
    assert "arena_language=en" in response.headers["Set-Cookie"]
    assert "Sign in" in _page(client, headers=DUTCH)  # the choice beats the browser

    # an unknown code changes nothing and is no error; an outside "next" is not followed
    response = client.post("/me/language", data={"language": "xx", "next": "https://evil.test/"})
    assert response.status_code == 302 and "evil" not in response.location
    assert "Sign in" in _page(client, headers=DUTCH)


def test_the_switch_shows_each_language_by_its_own_name(client):
    page = _page(client)
    assert 'lang="en" class="link-button">English</button>' in page
    assert '<span class="language-current" lang="nl" aria-current="true">Nederlands</span>' in page


def test_a_members_choice_is_saved_and_beats_the_browser(db, client, make_account, login):
    account = make_account(role=Role.MEMBER)
    login(account)
    response = client.post("/me/edit", data={"name": "Lotte de Vries", "language": "en"})
    assert response.status_code == 302
    assert "My profile" in _page(client, "/me/", headers=DUTCH)
    db.refresh(account.member)
    assert account.member.language == "en"

    client.post("/auth/logout")
    assert "Inloggen" in _page(client, headers=DUTCH)  # signed out: the browser again
    login(account)
    assert "My profile" in _page(client, "/me/", headers=DUTCH)

    client.post("/me/language", data={"language": "nl", "next": "/me/"})
    db.refresh(account.member)
    assert account.member.language == "nl"
    assert "Mijn profiel" in _page(client, "/me/", headers=ENGLISH)


def test_organisers_choose_a_members_language_on_the_member_form(
    db, client, make_account, make_member, login
):
    member = make_member(name="Emma Engels")
    login(make_account(role=Role.ORGANISER))
    form = _page(client, f"/members/{member.id}/edit")
    assert 'name="language"' in form and ">English</option>" in form
    response = client.post(
        f"/members/{member.id}/edit",
        data={"name": member.name, "email": member.email, "role": "provider", "language": "en"},
    )
    assert response.status_code == 302
    db.refresh(member)
    assert member.language == "en"


def test_a_member_with_an_unknown_language_code_gets_dutch_and_no_error(
    db, client, make_account, login
):
    account = make_account(role=Role.MEMBER)
    account.member.language = "klingon"
    db.commit()
    login(account)
    page = _page(client, "/me/")
    assert '<html lang="nl">' in page and "Mijn profiel" in page
    assert "Sign out" not in page


def test_dutch_dates_and_numbers(app):
    with app.test_request_context(headers=DUTCH):
        from datetime import date

        assert format_date(date(2027, 1, 20), "EEEE d MMMM y") == "woensdag 20 januari 2027"
        assert format_number(40000) == "40.000"
    with app.test_request_context(headers=ENGLISH):
        assert format_number(40000) == "40,000"


def test_a_string_missing_from_the_catalogue_is_english_logged_once_and_no_error(
    app_config, tmp_path, caplog
):
    from arena import create_app

    folder = tmp_path / "translations"
    shutil.copytree(PROJECT_ROOT / "translations", folder)
    po = folder / "nl" / "LC_MESSAGES" / "messages.po"
    catalogue = read_catalogue(po)
    catalogue.delete("Sign in")
    compile_catalogue(catalogue, po.with_suffix(".mo"))
    app = create_app({**app_config, "BABEL_TRANSLATION_DIRECTORIES": str(folder)})
    client = app.test_client()
    with caplog.at_level(logging.WARNING, logger="arena.i18n"):
        for _ in range(2):
            page = _page(client)
            assert "Sign in" in page and "Wachtwoord" in page
        with app.test_request_context():
            assert gettext("Sign in") == "Sign in"
    warnings = [r for r in caplog.records if "'Sign in'" in r.getMessage()]
    assert len(warnings) == 1
    app.extensions["arena_db"].engine.dispose()


def test_the_accessibility_statement_is_filled_from_settings_and_linked_from_every_page(
    app, client, make_account, login
):
    assert "/toegankelijkheid" in _page(client)
    page = _page(client, "/toegankelijkheid")
    assert "Toegankelijkheidsverklaring" in page
    assert "nog niet zelf laten onderzoeken" in page
    app.config.update(
        ACCESSIBILITY_ORGANISATION="Gemeente Utrecht",
        ACCESSIBILITY_CONTACT="toegankelijkheid@utrecht.example",
        ACCESSIBILITY_CHECKED="2026-11-30",
        ACCESSIBILITY_EXCEPTIONS="De netwerkkaart is niet met het toetsenbord te bedienen|PDF",
    )
    page = _page(client, "/toegankelijkheid")
    assert "Gemeente Utrecht wil dat iedereen Arena kan gebruiken" in page
    assert "30 november 2026" in page
    assert 'href="mailto:toegankelijkheid@utrecht.example"' in page
    assert "<li>De netwerkkaart is niet met het toetsenbord te bedienen</li>" in page
    assert "voldoet gedeeltelijk" in page
    login(make_account(role=Role.ORGANISER))
    assert 'href="/toegankelijkheid"' in _page(client, "/")


def test_template_dates_follow_the_language_and_zone_of_each_request(app):
    """The date formatters keep what they worked out; the next request in another language,
    or a mail forced into one, still gets its own words, and times are shown in Dutch time."""
    from datetime import UTC, date, datetime

    from flask_babel import force_locale

    from arena.i18n import format_date as arena_format_date
    from arena.i18n import format_datetime as arena_format_datetime

    day = date(2027, 1, 20)
    new_year_utc = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)
    for _ in range(2):  # the second round is answered from what the first worked out
        with app.test_request_context(headers=DUTCH):
            assert arena_format_date(day, "EEEE d MMMM y") == "woensdag 20 januari 2027"
            assert arena_format_date(day) == "20 jan 2027"
            assert arena_format_date(new_year_utc, "d MMMM y") == "1 januari 2027"
            assert arena_format_datetime(new_year_utc, "d MMMM y, HH:mm") == "1 januari 2027, 00:30"
            with force_locale("en"):
                assert arena_format_date(day, "EEEE d MMMM y") == "Wednesday 20 January 2027"
            assert arena_format_date(day, "MMMM") == "januari"
        with app.test_request_context(headers=ENGLISH):
            assert arena_format_date(day, "EEEE d MMMM y") == "Wednesday 20 January 2027"
            assert arena_format_date(day) == "20 Jan 2027"
