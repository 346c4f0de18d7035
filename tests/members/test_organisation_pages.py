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


@pytest.mark.parametrize("per_page", [25, 200])
def test_organisation_list_query_count_does_not_grow_with_page_size(
    organiser, make_organisation, make_member, employ, count_queries, per_page
):
    for i in range(60):
        employ(make_member(), make_organisation(f"Org {i:02d}", sector="care"))
    with count_queries() as small:
        assert organiser.get("/organisations/?per_page=25").status_code == 200
    with count_queries() as large:
        assert organiser.get(f"/organisations/?per_page={per_page}&sector=care").status_code == 200
    assert large.count == small.count


def test_organisation_profile_query_count_does_not_grow_with_its_history(
    organiser,
    make_organisation,
    make_member,
    employ,
    make_meeting,
    attend,
    make_win,
    make_collaboration,
    count_queries,
):
    from datetime import date

    quiet, busy = make_organisation("Quiet"), make_organisation("Busy")
    for organisation, people in ((quiet, 1), (busy, 8)):
        for _ in range(people):
            member = make_member()
            employ(member, organisation)
            employ(member, make_organisation(), until=date(2020, 1, 1))
            attend(member, make_meeting())
            make_win(member, organisation_id=organisation.id)
            make_collaboration(member, organisations=[organisation])
    with count_queries() as few:
        organiser.get(f"/organisations/{quiet.id}")
    with count_queries() as many:
        organiser.get(f"/organisations/{busy.id}")
    assert many.count == few.count


def test_membership_page_query_count_does_not_grow_with_the_periods(
    organiser, make_member, make_organisation, employ, count_queries
):
    from datetime import date

    quiet, busy = make_member(), make_member()
    employ(quiet, make_organisation())
    for year in range(2000, 2012):
        employ(busy, make_organisation(), since=date(year, 1, 1), until=date(year, 12, 1))
    with count_queries() as few:
        organiser.get(f"/members/{quiet.id}/organisations")
    with count_queries() as many:
        organiser.get(f"/members/{busy.id}/organisations")
    assert many.count == few.count
