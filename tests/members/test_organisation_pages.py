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


def test_profile_shows_people_sessions_collaborations_and_wins(organiser, factories):
    organisation = factories.organisation("Stichting Kans")
    member = factories.member(name="Piet Kans")
    factories.employ(member, organisation)
    factories.attend(member, factories.meeting(title="Spring session"))
    factories.win(member, title="Two new job carvers")
    factories.collaboration(organisation, factories.organisation(), title="Kans & co")
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
    organiser, factories, statements_to_get
):
    small = factories.organisation()
    big = factories.organisation()
    for organisation, people in ((small, 1), (big, 12)):
        for _ in range(people):
            member = factories.member()
            factories.employ(member, organisation)
            factories.attend(member, factories.meeting())
    for _ in range(30):
        factories.organisation()
    first, second = statements_to_get(
        organiser, f"/organisations/{small.id}", f"/organisations/{big.id}"
    )
    assert first == second
    first, second = statements_to_get(
        organiser, "/organisations/?per_page=25", "/organisations/?per_page=100"
    )
    assert first == second


@pytest.mark.parametrize("per_page", [25, 200])
def test_organisation_list_query_count_does_not_grow_with_page_size(
    organiser, make_organisation, make_member, employ, statements_to_get, per_page
):
    for i in range(60):
        employ(make_member(), make_organisation(f"Org {i:02d}", sector="care"))
    first, second = statements_to_get(
        organiser, "/organisations/?per_page=25", f"/organisations/?per_page={per_page}&sector=care"
    )
    assert first == second


def test_organisation_profile_query_count_does_not_grow_with_its_history(
    organiser, factories, statements_to_get
):
    from datetime import date

    quiet, busy = factories.organisation("Quiet"), factories.organisation("Busy")
    for organisation, people in ((quiet, 1), (busy, 8)):
        for _ in range(people):
            member = factories.member()
            factories.employ(member, organisation)
            factories.employ(member, factories.organisation(), until=date(2020, 1, 1))
            factories.attend(member, factories.meeting())
            factories.win(member, organisation_id=organisation.id)
            factories.collaboration(member, organisation)
    first, second = statements_to_get(
        organiser, f"/organisations/{quiet.id}", f"/organisations/{busy.id}"
    )
    assert first == second


def test_membership_page_query_count_does_not_grow_with_the_periods(
    organiser, make_member, make_organisation, employ, statements_to_get
):
    from datetime import date

    quiet, busy = make_member(), make_member()
    employ(quiet, make_organisation())
    for year in range(2000, 2012):
        employ(busy, make_organisation(), since=date(year, 1, 1), until=date(year, 12, 1))
    first, second = statements_to_get(
        organiser, f"/members/{quiet.id}/organisations", f"/members/{busy.id}/organisations"
    )
    assert first == second


def test_profile_shows_its_people_a_page_at_a_time_by_name(organiser, factories):
    from datetime import UTC, datetime

    organisation = factories.organisation("Groot Werkbedrijf")
    for n in range(30):
        factories.employ(factories.member(name=f"Person {n:02d}"), organisation)
    erased = factories.member(name="Person 00a", erased_at=datetime(2026, 1, 1, tzinfo=UTC))
    factories.employ(erased, organisation)
    first = organiser.get(f"/organisations/{organisation.id}").get_data(as_text=True)
    assert "30 current members" in first
    assert "Person 00" in first and "Person 24" in first and "Person 25" not in first
    assert "Page 1 of 2" in first
    assert f'href="/organisations/{organisation.id}?page=2" rel="next"' in first
    second = organiser.get(f"/organisations/{organisation.id}?page=2").get_data(as_text=True)
    assert "Person 25" in second and "Person 29" in second and "Person 24" not in second
    assert "Page 2 of 2" in second and 'rel="next"' not in second
    assert "Person 00a" not in first + second  # the erased are not listed


def test_profile_lists_former_people_newest_first(organiser, factories):
    from datetime import date

    organisation = factories.organisation()
    for year, name in ((2019, "Left Earlier"), (2023, "Left Later")):
        factories.employ(factories.member(name=name), organisation, until=date(year, 6, 1))
    page = organiser.get(f"/organisations/{organisation.id}").get_data(as_text=True)
    assert page.index("Left Later") < page.index("Left Earlier")
    assert "0 current members" in page and "Page 1" not in page


def test_profile_query_count_does_not_grow_with_the_organisations_size(
    organiser, factories, statements_to_get
):
    """One person, or enough for two pages of people: the same statements, on either page."""
    from datetime import date

    small, big = factories.organisation("Small"), factories.organisation("Big")
    meeting = factories.meeting()
    for organisation, people in ((small, 1), (big, 40)):
        for _ in range(people):
            member = factories.member()
            factories.employ(member, organisation)
            factories.employ(factories.member(), organisation, until=date(2020, 1, 1))
            factories.attend(member, meeting)
    counts = statements_to_get(
        organiser,
        f"/organisations/{small.id}",
        f"/organisations/{big.id}",
        f"/organisations/{big.id}?page=2",
    )
    assert len(set(counts)) == 1


def test_profile_lists_the_latest_sessions_and_says_when_there_are_more(organiser, factories):
    from datetime import UTC, datetime, timedelta

    organisation, quiet = factories.organisation(), factories.organisation()
    member, other = factories.member(), factories.member()
    factories.employ(member, organisation)
    factories.employ(other, quiet)
    first = datetime(2024, 1, 10, 14, tzinfo=UTC)
    for week in range(26):
        meeting = factories.meeting(title=f"Week {week:02d}", starts=first + timedelta(weeks=week))
        factories.attend(member, meeting)
    factories.attend(other, meeting)
    page = organiser.get(f"/organisations/{organisation.id}").get_data(as_text=True)
    assert "Week 25" in page and "Week 01" in page and "Week 00" not in page
    assert "The latest 25 are shown." in page
    page = organiser.get(f"/organisations/{quiet.id}").get_data(as_text=True)
    assert "Week 25" in page and "The latest" not in page


def test_merge_page_says_when_a_history_has_more_than_the_page_lists(organiser, factories):
    kept, duplicate = factories.organisation("Kept"), factories.organisation("Duplicate")
    for n in range(26):
        factories.win(factories.member(), organisation_id=kept.id, title=f"Win {n}")
    factories.win(factories.member(), organisation_id=duplicate.id)
    page = organiser.get(f"/organisations/{kept.id}/merge/{duplicate.id}").get_data(as_text=True)
    assert "<td>25+</td><td>1</td>" in page


def test_profile_shows_the_latest_wins_and_collaborations_of_it_and_its_people(
    organiser, factories
):
    from datetime import date, timedelta

    organisation, elsewhere = factories.organisation(), factories.organisation()
    member, outsider = factories.member(), factories.member()
    factories.employ(member, organisation)
    factories.employ(outsider, elsewhere)
    first = date(2024, 1, 1)
    # 30 wins taking turns: the organisation's own (by an outsider) and its member's (elsewhere)
    for n in range(1, 31):
        mine = n % 2 == 0
        factories.win(
            outsider if mine else member,
            title=f"Win {n:02d}",
            organisation_id=(organisation if mine else elsewhere).id,
            happened_on=first + timedelta(days=n),
        )
    factories.win(
        outsider, title="Not ours", organisation_id=elsewhere.id, happened_on=date.today()
    )
    factories.collaboration(organisation, elsewhere, title="Its own work")
    factories.collaboration(member, outsider, title="Its member's work")
    factories.collaboration(outsider, elsewhere, title="Someone else's work")
    page = organiser.get(f"/organisations/{organisation.id}").get_data(as_text=True)
    assert all(f"Win {n:02d}" in page for n in range(6, 31))
    assert not any(f"Win {n:02d}" in page for n in range(1, 6))
    assert "Not ours" not in page
    assert page.index("Win 30") < page.index("Win 29") < page.index("Win 06")
    assert "Its own work" in page and "Its member&#39;s work" in page
    assert "Someone else" not in page
