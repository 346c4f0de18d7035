"""Bad input found in a review: clear form errors, and nothing changed."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from arena.auth.models import Role, UserAccount
from arena.members.models import Member, Organisation

HUGE_ID = "99999999999999999999"


@pytest.fixture
def organiser(make_account, login):
    return login(make_account(role=Role.ORGANISER))


def test_a_merge_with_an_impossible_number_is_a_form_error(organiser, db, make_member):
    member = make_member()
    response = organiser.post(f"/members/{member.id}/merge", data={"other": HUGE_ID})
    assert response.status_code == 200
    assert "No other member has this email or number." in response.get_data(as_text=True)


def test_linking_an_account_to_a_member_who_has_one_is_a_form_error(
    client, db, make_account, login
):
    login(make_account(role=Role.ORGANISER))
    member_account = make_account(role=Role.MEMBER)
    email = member_account.member.email
    response = client.post(
        "/auth/accounts",
        data={"email": "second@example.org", "role": "member", "member_email": email},
    )
    assert response.status_code == 200
    assert "This member already has an account." in response.get_data(as_text=True)
    assert db.scalar(select(func.count()).select_from(UserAccount)) == 2


def test_own_consent_takes_only_its_two_choices(client, db, make_account, login):
    account = make_account(role=Role.MEMBER)
    member = account.member
    member.consent_given_at = datetime(2024, 1, 1, tzinfo=UTC)
    db.commit()
    login(account)
    for choice in ("bogus", ""):
        response = client.post("/me/consent", data={"choice": choice})
        assert response.status_code == 400
        assert "Keep me informed" in response.get_data(as_text=True)
    db.expire_all()
    member = db.get(Member, member.id)
    assert member.unsubscribed_at is None and member.consent_given_at is not None


def test_invisible_only_names_are_refused_and_invisible_characters_stripped(organiser, db):
    refused = organiser.post(
        "/members/new",
        data={"name": "\u200b\u202e\u2066", "email": "x@example.nl", "role": "other"},
    )
    assert refused.status_code == 200
    assert "This field is required." in refused.get_data(as_text=True)  # nothing visible left
    assert db.scalar(select(Member).where(Member.email == "x@example.nl")) is None
    response = organiser.post(
        "/members/new",
        data={"name": "Eva\u202e Mulder\u200b", "email": "eva@example.nl", "role": "other"},
    )
    assert response.status_code == 302
    assert db.scalar(select(Member.name).where(Member.email == "eva@example.nl")) == "Eva Mulder"
    response = organiser.post("/organisations/new", data={"name": "\u2067\u200d"})
    assert "This field is required." in response.get_data(as_text=True)
    assert db.scalar(select(func.count()).select_from(Organisation)) == 0
    titled = organiser.post("/collaborations/new", data={"title": "\u200b\u202e"})
    assert "only invisible characters" in titled.get_data(as_text=True)


def test_a_collaboration_rating_of_999_says_why(client, db, make_account, login):
    from arena.members.models import Organisation as Org

    db.add_all([Org(name="A"), Org(name="B")])
    db.commit()
    login(make_account(role=Role.ORGANISER))
    data = {"title": "Desk", "started_on": "2024-09-01", "status": "active", "meeting": "0",
            "practice_example": "0"}  # fmt: skip
    for i, who in enumerate(["A", "B"]):
        data.update({f"participants-{i}-kind": "organisation", f"participants-{i}-who": who})
    data["participants-0-rating"] = "999"
    page = client.post("/collaborations/new", data=data).get_data(as_text=True)
    assert "Not a valid choice" in page


def test_an_impossible_date_says_it_is_not_a_date(client, db, make_account, login):
    login(make_account(role=Role.ORGANISER))
    data = {"title": "Desk", "started_on": "2026-02-30", "status": "active", "meeting": "0",
            "practice_example": "0"}  # fmt: skip
    page = client.post("/collaborations/new", data=data).get_data(as_text=True)
    assert "2026-02-30 is not a date." in page and "This field is required." not in page
