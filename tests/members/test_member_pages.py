"""The member list and profile as organisers and programme leads use them."""

from __future__ import annotations

import pytest

from arena.auth.models import Role
from arena.members.models import StakeholderRole


@pytest.fixture
def organiser(make_account, login):
    return login(make_account(role=Role.ORGANISER))


def test_search_finds_members_by_name_email_and_organisation(
    organiser, make_member, make_organisation, employ
):
    anna = make_member(name="Anna de Boer", email="anna@zorg.nl")
    bert = make_member(name="Bert Smit", email="bert@werk.nl")
    employ(bert, make_organisation("Gemeente Zwolle"))
    make_member(name="Carla Visser", email="carla@elders.nl")

    by_name = organiser.get("/members/?q=de+boer").get_data(as_text=True)
    assert anna.name in by_name and "Bert Smit" not in by_name
    by_email = organiser.get("/members/?q=WERK.NL").get_data(as_text=True)
    assert "Bert Smit" in by_email and "Anna de Boer" not in by_email
    by_org = organiser.get("/members/?q=zwolle").get_data(as_text=True)
    assert "Bert Smit" in by_org and "Carla Visser" not in by_org


def test_list_is_paginated_and_sortable(organiser, make_member):
    for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        make_member(name=f"{letter}ardy Test")
    first = organiser.get("/members/?sort=name").get_data(as_text=True)
    assert "Aardy Test" in first and "Zardy Test" not in first
    assert "Page 1 of 2" in first
    second = organiser.get("/members/?sort=name&page=2").get_data(as_text=True)
    assert "Zardy Test" in second and "Aardy Test" not in second
    backwards = organiser.get("/members/?sort=-name").get_data(as_text=True)
    assert backwards.index("Zardy Test") < backwards.index("Yardy Test")


def test_profile_shows_organisations_and_history_newest_first(organiser, factories):
    from datetime import timedelta

    from tests.members.conftest import NOW

    member = factories.member(name="Dirk Bakker")
    factories.employ(member, factories.organisation("UWV Oost"))
    old = factories.meeting(title="Old session", starts=NOW - timedelta(days=400))
    new = factories.meeting(title="New session", starts=NOW - timedelta(days=10))
    factories.attend(member, old)
    factories.attend(member, new, attended=False)
    factories.win(member, title="Job carving at the bakery")
    factories.example(member, title="The social return story")
    factories.collaboration(member, factories.member(), title="Shared job coach")

    page = organiser.get(f"/members/{member.id}").get_data(as_text=True)
    for text in (
        "UWV Oost",
        "Job carving at the bakery",
        "The social return story",
        "Shared job coach",
        "Invited to 2, attended 1.",
    ):
        assert text in page
    assert page.index("New session") < page.index("Old session")


def test_programme_leads_read_but_do_not_change(make_account, login, make_member):
    member = make_member()
    lead = login(make_account(role=Role.PROGRAMME_LEAD))
    assert lead.get("/members/").status_code == 200
    page = lead.get(f"/members/{member.id}")
    assert page.status_code == 200 and "Erase personal data" not in page.get_data(as_text=True)
    assert lead.get(f"/members/{member.id}/edit").status_code == 403
    assert lead.post(f"/members/{member.id}/erase", data={"confirm": "y"}).status_code == 403
    assert lead.get("/network/export/members.csv").status_code == 403


def test_members_cannot_open_the_network_or_other_profiles(make_account, login, make_member):
    other = make_member(name="Someone Else", notes="private note")
    client = login(make_account(role=Role.MEMBER))
    for url in (
        "/members/",
        f"/members/{other.id}",
        f"/members/{other.id}/data.json",
        "/organisations/",
        "/network/export/members.csv",
    ):
        response = client.get(url)
        assert response.status_code == 403, url
        assert b"Someone Else" not in response.data


def test_organiser_creates_edits_and_marks_a_member_former(organiser, db):
    from sqlalchemy import select

    from arena.members.models import Member

    response = organiser.post(
        "/members/new",
        data={
            "name": "Eva Mulder",
            "email": "Eva@Example.NL",
            "role": "employer",
            "organisation": "Bakkerij Mulder",
            "position": "owner",
            "themes": "job carving",
            "consent_source": "sign-up form",
        },
    )
    assert response.status_code == 302
    member = db.scalar(select(Member).where(Member.email == "eva@example.nl"))
    assert member.role == StakeholderRole.EMPLOYER and member.consent_source == "sign-up form"
    (membership,) = member.memberships
    assert (membership.organisation.name, membership.position) == ("Bakkerij Mulder", "owner")
    assert membership.since is None and membership.until is None  # start unknown, still there
    response = organiser.post(
        f"/members/{member.id}/edit",
        data={
            "name": "Eva Mulder",
            "email": "eva@example.nl",
            "role": "employer",
            "themes": "",
            "is_former": "y",
        },
    )
    assert response.status_code == 302
    db.expire_all()
    member = db.get(Member, member.id)
    assert member.is_former and member.themes == []
    assert [m.until for m in member.memberships] == [None]  # editing details leaves them be


def test_a_taken_email_is_refused_and_the_form_keeps_what_was_typed(organiser, make_member):
    make_member(email="taken@example.nl")
    response = organiser.post(
        "/members/new", data={"name": "Fleur Jong", "email": "TAKEN@example.nl", "role": "other"}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Another member already has the email taken@example.nl" in page
    assert 'value="Fleur Jong"' in page


@pytest.mark.parametrize("per_page", [25, 200])
def test_member_list_query_count_does_not_grow_with_page_size(
    organiser, factories, statements_to_get, per_page
):
    meeting = factories.meeting()
    organisations = [factories.organisation() for _ in range(3)]
    for i in range(60):
        member = factories.member()
        factories.employ(member, organisations[i % 3])
        factories.attend(member, meeting)
    # unfiltered (total from the index of listed members) and filtered (total in the window)
    for query in ("", "&q=member"):
        first, second = statements_to_get(
            organiser, f"/members/?per_page=25{query}", f"/members/?per_page={per_page}{query}"
        )
        assert first == second


def test_member_profile_query_count_does_not_grow_with_history(
    organiser, factories, statements_to_get
):
    quiet, busy = factories.member(), factories.member()
    for member, times in ((quiet, 1), (busy, 8)):
        for _ in range(times):
            factories.attend(member, factories.meeting())
            factories.win(member)
            factories.example(member)
            factories.collaboration(member, factories.member())
            factories.employ(member, factories.organisation())
    first, second = statements_to_get(organiser, f"/members/{quiet.id}", f"/members/{busy.id}")
    assert first == second
