"""A member editing a collaboration sees the other side's names, never their emails, and the
form answers the same whether or not a typed email belongs to someone in the network."""

from __future__ import annotations

from sqlalchemy import select

from arena.auth.models import Role
from arena.collaborations.models import Collaboration


def _form(*sides: tuple[str, str]) -> dict:
    data = {
        "title": "Shared job desk",
        "description": "",
        "started_on": "2024-09-01",
        "status": "active",
        "meeting": "0",
        "practice_example": "0",
    }
    for i in range(6):
        kind, who = sides[i] if i < len(sides) else ("organisation", "")
        data.update({f"participants-{i}-kind": kind, f"participants-{i}-who": who})
        data[f"participants-{i}-rating"] = ""
    return data


def test_a_member_sees_names_of_the_other_side_and_saving_keeps_them(
    app, db, make_account, make_member, make_organisation, login
):
    make_organisation(name="Gemeente Oss")
    account = make_account(role=Role.MEMBER)
    other = make_member(name="Fatima El Amrani", email="fatima.private@example.nl")
    client = login(account)
    response = client.post(
        "/collaborations/new",
        data=_form(
            ("member", account.member.email),
            ("member", other.email),
            ("organisation", "Gemeente Oss"),
        ),
    )
    assert response.status_code == 302
    collaboration = db.scalar(select(Collaboration))
    page = client.get(f"/collaborations/{collaboration.id}/edit").get_data(as_text=True)
    assert "fatima.private@example.nl" not in page
    assert 'value="Fatima El Amrani"' in page
    assert account.member.email in page  # their own address is theirs to see
    saved = client.post(
        f"/collaborations/{collaboration.id}/edit",
        data=_form(
            ("member", account.member.email),
            ("member", "Fatima El Amrani"),
            ("organisation", "Gemeente Oss"),
        ),
    )
    assert saved.status_code == 302
    db.expire_all()
    members = {p.member_id for p in db.get(Collaboration, collaboration.id).participants}
    assert members == {account.member_id, other.id, None}


def test_an_organiser_still_sees_emails(app, db, make_account, make_member, login):
    first, second = make_member(), make_member()
    client = login(make_account(role=Role.ORGANISER))
    client.post(
        "/collaborations/new", data=_form(("member", first.email), ("member", second.email))
    )
    collaboration = db.scalar(select(Collaboration))
    page = client.get(f"/collaborations/{collaboration.id}/edit").get_data(as_text=True)
    assert first.email in page and second.email in page


def test_a_member_learns_nothing_from_typing_an_email(
    app, db, make_account, make_member, make_organisation, login
):
    make_organisation(name="Gemeente Oss")
    known = make_member(email="known@example.nl")
    client = login(make_account(role=Role.MEMBER))
    answers = []
    for email in (known.email, "nobody-here@example.nl"):
        response = client.post(
            "/collaborations/new",
            data=_form(("organisation", "Gemeente Oss"), ("member", email)),
        )
        answers.append(response.status_code)
        follow = client.get(response.location).get_data(as_text=True)
        assert "No member" not in follow
    assert answers == [302, 302]
