"""Type-ahead for organisation names: a few matches as JSON, never the whole list on a page."""

from __future__ import annotations

from arena.auth.models import Role
from arena.members.directory import search_organisation_names


def test_names_containing_the_typed_text_come_back_best_first(app, db, make_organisation):
    for name in ("Werkbedrijf Tilburg", "Gemeente Tilburg", "Stichting Tilburgse Werken", "Oss"):
        make_organisation(name=name)
    assert search_organisation_names(db, "  TILBURG ") == [
        "Gemeente Tilburg",
        "Stichting Tilburgse Werken",
        "Werkbedrijf Tilburg",
    ]
    assert search_organisation_names(db, "werk") == [
        "Werkbedrijf Tilburg",  # starts with it
        "Stichting Tilburgse Werken",
    ]
    assert search_organisation_names(db, "o") == []  # one letter is too little to ask


def test_wildcards_in_the_typed_text_match_only_themselves(app, db, make_organisation):
    make_organisation(name="Alpha")
    make_organisation(name="100% Werk")
    assert search_organisation_names(db, "%%") == []
    assert search_organisation_names(db, "0%") == ["100% Werk"]
    assert search_organisation_names(db, "__") == []


def test_the_endpoint_answers_signed_in_users_with_at_most_fifteen_names(
    app, client, make_organisation, make_account, login
):
    for n in range(20):
        make_organisation(name=f"Buurtteam {n:02d}")
    assert client.get("/lookup/organisations?q=buurt").status_code == 302  # to the login page
    client = login(make_account(role=Role.MEMBER))
    response = client.get("/lookup/organisations?q=buurt")
    assert response.status_code == 200
    names = response.get_json()["names"]
    assert len(names) == 15 and names[0] == "Buurtteam 00"
    assert client.get("/lookup/organisations").get_json() == {"names": []}


def test_forms_carry_an_empty_suggestion_list_instead_of_every_name(
    app, make_organisation, make_account, login
):
    for n in range(30):
        make_organisation(name=f"Organisation number {n}")
    client = login(make_account(role=Role.ORGANISER))
    for url in ("/examples/new", "/wins/new", "/collaborations/new", "/wins/"):
        body = client.get(url).get_data(as_text=True)
        assert "Organisation number" not in body, url
        assert '<datalist id="organisation-names" data-suggest-url="/lookup/organisations">' in body
        assert 'src="/static/js/organisation-suggest.js"' in body
        assert 'list="organisation-names"' in body
