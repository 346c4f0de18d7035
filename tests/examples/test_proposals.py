"""Signing up to present: drafts, submission, bad input, who may see and change what."""

from __future__ import annotations

from sqlalchemy import select

from arena.auth.models import Role
from arena.examples.models import ExampleStatus, PracticeExample
from arena.examples.services import ExampleError, ExampleInput, propose_example

STORY = {
    "goals": "More people with a distance to the labour market at work",
    "underlying_values": "Everyone counts",
    "goes_well": "Employers join",
    "goes_less_well": "Funding",
    "chafes": "Benefit rules",
}


def _form(**overrides) -> dict:
    data = {"title": "Job carving in Tilburg", "initiative": "Werkplaats", "maturity": "starting"}
    data.update(STORY)
    data.update(overrides)
    return data


def test_member_submits_a_proposal_and_is_its_presenter(
    app, db, make_account, login, make_organisation
):
    organisation = make_organisation(name="Gemeente Tilburg", sector="government")
    account = make_account(role=Role.MEMBER)
    client = login(account)
    page = client.get("/examples/new")
    assert account.member.email in page.get_data(as_text=True)  # prefilled presenter
    response = client.post(
        "/examples/new",
        data=_form(presenters=account.member.email, organisations="gemeente  tilburg", submit="1"),
    )
    assert response.status_code == 302
    example = db.scalar(select(PracticeExample))
    assert example.status == ExampleStatus.SUBMITTED
    assert [p.id for p in example.presenters] == [account.member_id]
    assert [o.id for o in example.organisations] == [organisation.id]
    assert example.proposed_by_id == account.member_id


def test_a_draft_is_kept_until_submitted(app, db, make_account, login):
    account = make_account(role=Role.MEMBER)
    client = login(account)
    client.post("/examples/new", data=_form(goals="", save_draft="1"))
    example = db.scalar(select(PracticeExample))
    assert example.status == ExampleStatus.DRAFT
    mine = client.get("/examples/").get_data(as_text=True)
    assert "Job carving in Tilburg" in mine and "Draft" in mine
    client.post(f"/examples/{example.id}/edit", data=_form(submit="1"))
    db.refresh(example)
    assert example.status == ExampleStatus.SUBMITTED


def test_a_broken_form_keeps_what_was_typed_and_saves_nothing(app, db, make_account, login):
    client = login(make_account(role=Role.MEMBER))
    response = client.post(
        "/examples/new",
        data=_form(title="", chafes="Where the rules pinch", presenters="nobody@example.nl"),
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "This field is required." in body
    assert "Where the rules pinch" in body
    assert db.scalar(select(PracticeExample)) is None


def test_a_member_learns_nothing_from_typing_a_presenters_email(
    app, db, make_account, make_member, login
):
    known = make_member(email="known@example.nl")
    account = make_account(role=Role.MEMBER)
    client = login(account)
    answers = []
    for email in (known.email, "nobody-here@example.nl"):
        response = client.post("/examples/new", data=_form(presenters=email, submit="1"))
        answers.append(response.status_code)
        follow = client.get(response.location).get_data(as_text=True)
        assert "No member" not in follow and "nobody-here" not in follow
    assert answers == [302, 302]
    examples = db.scalars(select(PracticeExample).order_by(PracticeExample.id)).all()
    assert [[p.id for p in e.presenters] for e in examples] == [[known.id], [account.member_id]]


def test_an_organiser_is_told_an_email_is_not_in_the_network(app, db, make_account, login):
    client = login(make_account(role=Role.ORGANISER))
    response = client.post("/examples/new", data=_form(presenters="nobody@example.nl", submit="1"))
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "No member of the network has this email: nobody@example.nl" in body
    assert "Benefit rules" in body
    assert db.scalar(select(PracticeExample)) is None


def test_oversized_story_is_refused(app, db, make_account, login):
    client = login(make_account(role=Role.MEMBER))
    response = client.post("/examples/new", data=_form(goals="x" * 10_001, submit="1"))
    assert "Field cannot be longer than 10000 characters." in response.get_data(as_text=True)
    assert db.scalar(select(PracticeExample)) is None


def test_submitting_needs_goals_and_a_presenter(app, db, make_member):
    member = make_member()
    data = ExampleInput(title="T", maturity="starting", story={}, submit=True)
    try:
        propose_example(db, data, member.id)
    except ExampleError as exc:
        assert exc.field == "goals"
    else:
        raise AssertionError("submitted without goals")


def test_organiser_proposes_on_someones_behalf(app, db, make_account, make_member, login):
    presenter = make_member()
    client = login(make_account(role=Role.ORGANISER))
    client.post("/examples/new", data=_form(presenters=presenter.email, submit="1"))
    example = db.scalar(select(PracticeExample))
    assert [p.id for p in example.presenters] == [presenter.id]
    assert example.proposed_by_id is None


def test_members_see_only_their_own_examples(app, db, make_account, make_example, login):
    other = make_example(title="Someone else's")
    client = login(make_account(role=Role.MEMBER))
    assert client.get(f"/examples/{other.id}").status_code == 404
    assert client.get(f"/examples/{other.id}/edit").status_code == 404
    assert "Someone else" not in client.get("/examples/").get_data(as_text=True)


def test_a_member_cannot_change_a_scheduled_example(app, db, make_account, make_example, login):
    account = make_account(role=Role.MEMBER)
    example = make_example(presenters=[account.member], status=ExampleStatus.ACCEPTED)
    client = login(account)
    assert client.get(f"/examples/{example.id}/edit").status_code == 403


def test_markdown_in_the_story_renders_and_html_stays_inert(
    app, db, make_account, make_example, login
):
    example = make_example(
        title="<script>alert(1)</script>Title",
        goals="**bold** <img src=x onerror=alert(1)> [link](javascript:alert(1))",
    )
    client = login(make_account(role=Role.ORGANISER))
    body = client.get(f"/examples/{example.id}").get_data(as_text=True)
    assert "<strong>bold</strong>" in body
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;Title" in body
    assert "<img" not in body
    assert 'href="javascript' not in body


def test_presenter_instructions_of_the_series_are_shown_on_the_form(
    app, db, make_account, make_meeting, make_series, login
):
    series = make_series(presenter_instructions="Bring **one** slide and a question.")
    make_meeting(series=series)
    client = login(make_account(role=Role.MEMBER))
    body = client.get("/examples/new").get_data(as_text=True)
    assert "Instructions for presenters" in body
    assert "Bring <strong>one</strong> slide" in body
