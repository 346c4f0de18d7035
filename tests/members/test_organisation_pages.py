"""Organisations: list with filters, profile with its people and history, create and edit."""

from __future__ import annotations

import pytest

from arena.auth.models import Role


@pytest.fixture
def organiser(make_account, login):
    return login(make_account(role=Role.ORGANISER))


def test_list_filters_by_sector_policy_domain_and_place(organiser, make_organisation):
    make_organisation("Zorg Oost", sector="care", policy_domain="Wmo", place="Enschede")
    make_organisation("Werkbedrijf", sector="work", policy_domain="Participatie", place="Hengelo")
    page = organiser.get("/organisations/?sector=care").get_data(as_text=True)
    assert "Zorg Oost" in page and "Werkbedrijf" not in page
    page = organiser.get("/organisations/?place=Hengelo").get_data(as_text=True)
    assert "Werkbedrijf" in page and "Zorg Oost" not in page
    page = organiser.get("/organisations/?q=werk").get_data(as_text=True)
    assert "Werkbedrijf" in page and "Zorg Oost" not in page


def test_profile_shows_people_sessions_collaborations_and_wins(
    organiser,
    make_organisation,
    make_member,
    employ,
    make_meeting,
    attend,
    make_win,
    make_collaboration,
):
    organisation = make_organisation("Stichting Kans")
    member = make_member(name="Piet Kans")
    employ(member, organisation)
    attend(member, make_meeting(title="Spring session"))
    make_win(member, title="Two new job carvers")
    make_collaboration(organisations=[organisation, make_organisation()], title="Kans & co")
    page = organiser.get(f"/organisations/{organisation.id}").get_data(as_text=True)
    for text in ("Piet Kans", "Spring session", "Two new job carvers", "Kans &amp; co"):
        assert text in page


def test_organisation_names_stay_unique_ignoring_case(organiser, make_organisation):
    make_organisation("Gemeente Oss")
    response = organiser.post("/organisations/new", data={"name": "gemeente  OSS"})
    assert response.status_code == 200
    assert "exists already" in response.get_data(as_text=True)
    created = organiser.post("/organisations/new", data={"name": "Gemeente Uden", "sector": "x"})
    assert created.status_code == 302


def test_organisation_list_and_profile_query_counts_are_constant(
    organiser, make_organisation, make_member, employ, count_queries, make_meeting, attend
):
    small = make_organisation()
    big = make_organisation()
    for organisation, people in ((small, 1), (big, 12)):
        for _ in range(people):
            member = make_member()
            employ(member, organisation)
            attend(member, make_meeting())
    for _ in range(30):
        make_organisation()
    with count_queries() as few:
        organiser.get(f"/organisations/{small.id}")
    with count_queries() as many:
        organiser.get(f"/organisations/{big.id}")
    assert few.count == many.count
    with count_queries() as page25:
        organiser.get("/organisations/?per_page=25")
    with count_queries() as page100:
        organiser.get("/organisations/?per_page=100")
    assert page25.count == page100.count
