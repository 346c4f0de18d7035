"""Where members work, over time: organisers and members add, correct and end periods."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from arena.auth.models import Role
from arena.db import utcnow
from arena.members.errors import MemberError
from arena.members.memberships import add_membership, end_membership, update_membership
from arena.members.models import Member, Membership, Organisation


@pytest.fixture
def organiser(make_account, login):
    return login(make_account(role=Role.ORGANISER))


@pytest.fixture
def in_app(app):
    """Service calls format dates in their messages, which needs the app (not a request)."""
    with app.app_context():
        yield


def _periods(db, member_id: int) -> list[tuple]:
    db.expire_all()
    rows = db.scalars(
        select(Membership).where(Membership.member_id == member_id).order_by(Membership.id)
    )
    return [(m.organisation.name, m.position, m.since, m.until) for m in rows]


def test_organiser_adds_corrects_and_ends_a_period_which_stays_in_the_history(
    organiser, db, make_member, make_organisation
):
    member = make_member(name="Sanne Kok")
    make_organisation("Gemeente Ede")
    added = organiser.post(
        f"/members/{member.id}/organisations",
        data={"organisation": "  gemeente   EDE ", "position": "advisor", "since": "2019-01-01"},
    )
    assert added.status_code == 302
    assert _periods(db, member.id) == [("Gemeente Ede", "advisor", date(2019, 1, 1), None)]
    assert db.scalar(select(func.count(Organisation.id))) == 1  # matched, not made twice

    (membership_id,) = db.scalars(select(Membership.id))
    edited = organiser.post(
        f"/members/{member.id}/organisations/{membership_id}",
        data={"position": "senior advisor", "since": "2019-02-01", "until": ""},
    )
    assert edited.status_code == 302
    assert _periods(db, member.id)[0][1:3] == ("senior advisor", date(2019, 2, 1))

    ended = organiser.post(f"/members/{member.id}/organisations/{membership_id}/end")
    assert ended.status_code == 302
    today = utcnow().date()
    assert _periods(db, member.id) == [("Gemeente Ede", "senior advisor", date(2019, 2, 1), today)]
    profile = organiser.get(f"/members/{member.id}").get_data(as_text=True)
    assert "Gemeente Ede" in profile and "senior advisor" in profile
    organisation_page = organiser.get(f"/organisations/{db.scalar(select(Organisation.id))}")
    assert "Worked here before" in organisation_page.get_data(as_text=True)


def test_leaving_and_coming_back_are_two_periods(db, make_member):
    member = make_member()
    first = add_membership(db, member, "UWV", since=date(2015, 3, 1), until=date(2017, 6, 30))
    again = add_membership(db, member, "uwv", since=date(2020, 1, 1))
    db.commit()
    assert first.organisation_id == again.organisation_id
    assert [p[2:] for p in _periods(db, member.id)] == [
        (date(2015, 3, 1), date(2017, 6, 30)),
        (date(2020, 1, 1), None),
    ]


TODAY = date(2026, 3, 1)


@pytest.mark.parametrize(
    ("since", "until", "message"),
    [
        (date(2020, 1, 1), date(2019, 1, 1), "The end date lies before the start date."),
        (TODAY + timedelta(days=1), None, "Dates cannot lie in the future"),
        (None, TODAY + timedelta(days=1), "Dates cannot lie in the future"),
        (date(2016, 1, 1), None, "This overlaps another period at Stichting Kans"),
        (None, None, "This overlaps another period at Stichting Kans"),
        (date(2014, 1, 1), date(2015, 1, 1), "This overlaps another period"),  # ends on its start
    ],
)
def test_impossible_periods_are_refused(db, in_app, make_member, since, until, message):
    member = make_member()
    add_membership(db, member, "Stichting Kans", since=date(2015, 1, 1), until=date(2018, 1, 1))
    db.commit()
    with pytest.raises(MemberError, match=message):
        add_membership(db, member, "Stichting Kans", since=since, until=until, today=TODAY)


def test_correcting_a_period_into_an_overlap_is_refused(db, in_app, make_member):
    member = make_member()
    old = add_membership(db, member, "Kans", since=date(2010, 1, 1), until=date(2012, 1, 1))
    add_membership(db, member, "Kans", since=date(2013, 1, 1))
    db.commit()
    with pytest.raises(MemberError, match="overlaps"):
        update_membership(db, old, position=None, since=date(2010, 1, 1), until=None, today=TODAY)
    with pytest.raises(MemberError, match="ended already"):
        end_membership(db, old, today=TODAY)


def test_a_refused_period_keeps_what_was_typed_and_changes_nothing(
    organiser, db, make_member, employ, make_organisation
):
    member = make_member()
    employ(member, make_organisation("Buurtteam"), since=date(2020, 1, 1))
    response = organiser.post(
        f"/members/{member.id}/organisations",
        data={"organisation": "Buurtteam", "position": "coach", "since": "2021-05-01"},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "This overlaps another period at Buurtteam" in page
    assert 'value="coach"' in page and 'value="2021-05-01"' in page
    assert len(_periods(db, member.id)) == 1


def test_a_member_manages_their_own_periods_and_nobody_elses(
    make_account, login, db, make_member, employ, make_organisation
):
    account = make_account(role=Role.MEMBER)
    someone = make_member(name="Someone Else")
    theirs = employ(someone, make_organisation("Their Employer"), position="director")
    client = login(account)

    assert client.post("/me/organisations", data={"organisation": "Wijkteam Noord"}).status_code
    (mine,) = db.scalars(select(Membership).where(Membership.member_id == account.member_id))
    page = client.get("/me/organisations").get_data(as_text=True)
    assert "Wijkteam Noord" in page and "Their Employer" not in page
    saved = client.post(f"/me/organisations/{mine.id}", data={"position": "buurtcoach"})
    assert saved.status_code == 302

    assert client.get(f"/me/organisations/{theirs.id}").status_code == 404
    post = client.post(f"/me/organisations/{theirs.id}", data={"position": "hacked"})
    assert post.status_code == 404
    assert client.post(f"/me/organisations/{theirs.id}/end").status_code == 404
    assert client.get(f"/members/{someone.id}/organisations").status_code == 403
    assert _periods(db, someone.id) == [("Their Employer", "director", None, None)]
    assert _periods(db, account.member_id) == [("Wijkteam Noord", "buurtcoach", None, None)]


def test_an_erased_members_periods_cannot_be_edited(organiser, db, make_member):
    from arena.members.erasure import erase_member

    member = make_member()
    add_membership(db, member, "Somewhere")
    erase_member(db, member)
    db.commit()
    assert organiser.get(f"/members/{member.id}/organisations").status_code == 404
    with pytest.raises(MemberError, match="erased"):
        add_membership(db, db.get(Member, member.id), "Elsewhere")
