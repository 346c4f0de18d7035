"""Recording collaborations: sides, status, origin, ratings; members see their own."""

from __future__ import annotations

from sqlalchemy import select

from arena.arenas.models import MeetingState
from arena.auth.models import Role
from arena.collaborations.models import Collaboration, CollaborationStatus


def _form(**sides) -> dict:
    data = {
        "title": "Shared job desk",
        "description": "Employer and municipality **together**",
        "started_on": "2024-09-01",
        "status": "active",
        "meeting": "0",
        "practice_example": "0",
    }
    for i in range(6):
        data[f"participants-{i}-kind"] = "organisation"
        data[f"participants-{i}-who"] = ""
        data[f"participants-{i}-rating"] = ""
    data.update(sides)
    return data


def test_a_member_records_a_collaboration_between_organisations_and_people(
    app, db, make_account, make_member, make_organisation, make_meeting, login
):
    account = make_account(role=Role.MEMBER)
    organisation = make_organisation(name="Gemeente Oss")
    colleague = make_member()
    meeting = make_meeting(state=MeetingState.HELD)
    client = login(account)
    page = client.get("/collaborations/new").get_data(as_text=True)
    assert account.member.email in page  # the member is the first side
    response = client.post(
        "/collaborations/new",
        data=_form(
            meeting=str(meeting.id),
            **{
                "participants-0-kind": "member",
                "participants-0-who": account.member.email,
                "participants-0-rating": "4",
                "participants-1-kind": "organisation",
                "participants-1-who": "gemeente oss",
                "participants-2-kind": "member",
                "participants-2-who": colleague.email,
                "participants-2-rating": "2",
            },
        ),
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    collaboration = db.scalar(select(Collaboration))
    assert collaboration.status == CollaborationStatus.ACTIVE
    assert collaboration.meeting_id == meeting.id
    assert collaboration.recorded_by_id == account.member_id
    sides = {(p.member_id, p.organisation_id, p.value_rating) for p in collaboration.participants}
    assert sides == {
        (account.member_id, None, 4),
        (None, organisation.id, None),
        (colleague.id, None, 2),
    }
    page = client.get(response.location).get_data(as_text=True)
    assert "<strong>together</strong>" in page and "Gemeente Oss" in page


def test_bad_sides_are_refused_and_nothing_is_saved(
    app, db, make_account, make_organisation, login
):
    make_organisation(name="Alpha")
    client = login(make_account(role=Role.ORGANISER))
    one = {"participants-0-who": "Alpha"}
    body = client.post("/collaborations/new", data=_form(**one)).get_data(as_text=True)
    assert "at least two sides" in body
    twice = {"participants-0-who": "Alpha", "participants-1-who": "alpha"}
    body = client.post("/collaborations/new", data=_form(**twice)).get_data(as_text=True)
    assert "Each side can be named only once." in body
    unknown = {"participants-0-who": "Alpha", "participants-1-who": "Beta <b>"}
    body = client.post("/collaborations/new", data=_form(**unknown)).get_data(as_text=True)
    assert "No organisation in the network has this name: Beta &lt;b&gt;" in body
    assert 'value="Beta &lt;b&gt;"' in body  # what was typed is kept
    body = client.post("/collaborations/new", data=_form(title="", **one)).get_data(as_text=True)
    assert "This field is required." in body
    assert db.scalar(select(Collaboration)) is None


def test_editing_replaces_the_sides(app, db, make_account, make_organisation, login):
    for name in ("A", "B", "C"):
        make_organisation(name=name)
    client = login(make_account(role=Role.ORGANISER))
    client.post(
        "/collaborations/new", data=_form(**{"participants-0-who": "A", "participants-1-who": "B"})
    )
    collaboration = db.scalar(select(Collaboration))
    edit = client.get(f"/collaborations/{collaboration.id}/edit").get_data(as_text=True)
    assert 'value="A"' in edit and 'value="B"' in edit
    client.post(
        f"/collaborations/{collaboration.id}/edit",
        data=_form(
            status="ended",
            **{"participants-0-who": "A", "participants-1-who": "C", "participants-1-rating": "5"},
        ),
    )
    db.expire_all()
    collaboration = db.get(Collaboration, collaboration.id)
    assert collaboration.status == CollaborationStatus.ENDED
    assert sorted(p.organisation.name for p in collaboration.participants) == ["A", "C"]


def test_members_see_only_their_own_and_leads_read_all(
    app, db, make_account, make_organisation, login
):
    make_organisation(name="A")
    make_organisation(name="B")
    organiser = login(make_account(role=Role.ORGANISER))
    organiser.post(
        "/collaborations/new", data=_form(**{"participants-0-who": "A", "participants-1-who": "B"})
    )
    collaboration = db.scalar(select(Collaboration))
    organiser.post("/auth/logout")
    member = login(make_account(role=Role.MEMBER))
    assert "Shared job desk" not in member.get("/collaborations/").get_data(as_text=True)
    assert member.get(f"/collaborations/{collaboration.id}").status_code == 404
    member.post("/auth/logout")
    lead = login(make_account(role=Role.PROGRAMME_LEAD))
    assert "Shared job desk" in lead.get("/collaborations/").get_data(as_text=True)
    assert lead.get("/collaborations/new").status_code == 403


def _between(*names: str, **extra) -> dict:
    sides = {}
    for i, name in enumerate(names):
        sides[f"participants-{i}-who"] = name
        sides[f"participants-{i}-kind"] = "member" if "@" in name else "organisation"
        sides[f"participants-{i}-rating"] = ""
    return _form(**sides, **extra)


def test_a_member_cannot_open_or_change_a_collaboration_they_are_not_part_of(
    app, db, make_account, make_organisation, login
):
    make_organisation(name="A")
    make_organisation(name="B")
    outsider = make_account(role=Role.MEMBER)
    organiser = login(make_account(role=Role.ORGANISER))
    organiser.post("/collaborations/new", data=_between("A", "B"))
    collaboration = db.scalar(select(Collaboration))
    organiser.post("/auth/logout")
    client = login(outsider)
    assert client.get(f"/collaborations/{collaboration.id}/edit").status_code == 404
    posted = _between("A", outsider.member.email, title="Mine now")
    assert client.post(f"/collaborations/{collaboration.id}/edit", data=posted).status_code == 404
    db.expire_all()
    collaboration = db.get(Collaboration, collaboration.id)
    assert collaboration.title == "Shared job desk"
    assert sorted(p.organisation.name for p in collaboration.participants) == ["A", "B"]


def test_a_member_named_as_a_side_may_update_it(app, db, make_account, make_organisation, login):
    make_organisation(name="A")
    side = make_account(role=Role.MEMBER)
    organiser = login(make_account(role=Role.ORGANISER))
    organiser.post("/collaborations/new", data=_between("A", side.member.email))
    collaboration = db.scalar(select(Collaboration))
    organiser.post("/auth/logout")
    client = login(side)
    assert collaboration.title in client.get("/collaborations/").get_data(as_text=True)
    response = client.post(
        f"/collaborations/{collaboration.id}/edit",
        data=_between("A", side.member.email, status="ended"),
    )
    assert response.status_code == 302
    db.expire_all()
    assert db.get(Collaboration, collaboration.id).status == CollaborationStatus.ENDED


def test_editing_a_collaboration_with_many_sides_keeps_them_all(
    app, db, make_account, make_organisation, login
):
    names = [make_organisation(name=f"Partner {n}").name for n in range(8)]
    client = login(make_account(role=Role.ORGANISER))
    response = client.post("/collaborations/new", data=_between(*names))
    assert response.status_code == 302
    collaboration = db.scalar(select(Collaboration))
    assert len(collaboration.participants) == 8
    page = client.get(f"/collaborations/{collaboration.id}/edit").get_data(as_text=True)
    assert all(f'value="{name}"' in page for name in names)
    assert 'name="participants-8-who"' in page  # one empty row to add a side
    client.post(f"/collaborations/{collaboration.id}/edit", data=_between(*names))
    db.expire_all()
    assert len(db.get(Collaboration, collaboration.id).participants) == 8


def test_the_list_comes_in_pages(app, db, make_account, make_organisation, login, monkeypatch):
    from arena.collaborations import services

    monkeypatch.setattr(services, "PER_PAGE", 2)
    make_organisation(name="A")
    make_organisation(name="B")
    client = login(make_account(role=Role.ORGANISER))
    for day in ("01", "02", "03"):
        client.post(
            "/collaborations/new",
            data=_between("A", "B", title=f"Desk {day}", started_on=f"2024-09-{day}"),
        )
    first = client.get("/collaborations/").get_data(as_text=True)
    assert "Desk 03" in first and "Desk 02" in first and "Desk 01" not in first
    assert "3 collaborations" in first and "Page 1 of 2" in first
    second = client.get("/collaborations/?page=2").get_data(as_text=True)
    assert "Desk 01" in second and "Desk 03" not in second


def test_an_impossible_collaboration_number_is_not_found(app, make_account, login):
    client = login(make_account(role=Role.ORGANISER))
    assert client.get("/collaborations/99999999999999999999").status_code == 404
    assert client.get("/collaborations/?page=99999999999999999999").status_code == 200


def test_an_oversized_description_is_refused_and_nothing_is_saved(
    app, db, make_account, make_organisation, login
):
    make_organisation(name="A")
    make_organisation(name="B")
    client = login(make_account(role=Role.MEMBER))
    body = client.post(
        "/collaborations/new", data=_between("A", "B", description="x" * 10_001)
    ).get_data(as_text=True)
    assert "Field cannot be longer than 10000 characters." in body
    assert 'value="A"' in body
    assert db.scalar(select(Collaboration)) is None
