"""Review and planning: accept, schedule into a slot, present; decline by email; conflicts."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from arena.arenas.models import MeetingState
from arena.auth.models import Role
from arena.examples.models import ExampleStatus, Maturity, PracticeExample
from arena.examples.planning import PlanningError, schedule_example
from arena.invitations.delivery import deliver_due_messages
from arena.invitations.models import MessageKind, OutboxMessage
from arena.jobs import JOBS

CONSENT = {"consent_given_at": datetime(2024, 1, 1, tzinfo=UTC)}


def _schedule(client, example, meeting, slot: int) -> str:
    """An organiser schedules ``example`` into a slot; the page they land on."""
    response = client.post(
        f"/examples/{example.id}/schedule",
        data={"meeting": meeting.id, "slot": slot},
        follow_redirects=True,
    )
    return response.get_data(as_text=True)


def test_proposal_goes_from_submitted_to_presented(
    app, db, make_account, make_member, make_example, make_meeting, login
):
    meeting = make_meeting()
    example = make_example()
    client = login(make_account(role=Role.ORGANISER))
    board = client.get("/examples/").get_data(as_text=True)
    assert example.title in board and "Submitted" in board

    client.post(f"/examples/{example.id}/accept")
    db.refresh(example)
    assert example.status == ExampleStatus.ACCEPTED

    response = client.post(
        f"/examples/{example.id}/schedule", data={"meeting": meeting.id, "slot": 2}
    )
    db.refresh(example)
    assert (example.status, example.meeting_id, example.slot) == (
        ExampleStatus.SCHEDULED,
        meeting.id,
        2,
    )
    assert "Scheduled in slot 2" in client.get(response.location).get_data(as_text=True)

    client.post(f"/examples/{example.id}/presented")
    db.refresh(example)
    assert example.status == ExampleStatus.PRESENTED


def test_declining_emails_the_reason_to_the_proposer(
    app, db, make_account, make_member, make_example, login, smtp_server
):
    proposer = make_member(name="Anna de Vries", **CONSENT)
    example = make_example(presenters=[proposer], title="Buurtbanen <b>bold</b>")
    client = login(make_account(role=Role.ORGANISER))
    response = client.post(f"/examples/{example.id}/decline", data={"reason": ""})
    assert "This field is required." in response.get_data(as_text=True)
    db.refresh(example)
    assert example.status == ExampleStatus.SUBMITTED

    client.post(
        f"/examples/{example.id}/decline",
        data={"reason": "We had two job-carving stories this year. <script>x()</script>"},
    )
    db.refresh(example)
    assert example.status == ExampleStatus.DECLINED
    queued = db.scalars(select(OutboxMessage)).all()
    assert [m.kind for m in queued] == [MessageKind.EXAMPLE_DECLINED]

    config = dict(app.config, SMTP_HOST=smtp_server.host, SMTP_PORT=smtp_server.port)
    report = deliver_due_messages(app.extensions["arena_db"].sessionmaker, config)
    assert report.sent == 1
    (message,) = smtp_server.wait_for(1)
    assert message["To"] == proposer.email
    assert "Buurtbanen" in message["Subject"]
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "Dear Anna," in text
    assert "We had two job-carving stories this year." in text
    assert f"/examples/{example.id}/edit" in text
    assert "<script>" not in html and "&lt;script&gt;x()&lt;/script&gt;" in html
    assert "<b>bold</b>" not in html


def test_a_declined_proposer_can_resubmit(app, db, make_account, make_example, login):
    account = make_account(role=Role.MEMBER)
    example = make_example(presenters=[account.member], status=ExampleStatus.DECLINED)
    client = login(account)
    client.post(
        f"/examples/{example.id}/edit",
        data={
            "title": "Better",
            "maturity": "starting",
            "goals": "g",
            "submit": "1",
            "presenters": account.member.email,
        },
    )
    db.refresh(example)
    assert example.status == ExampleStatus.SUBMITTED


def test_a_taken_slot_gives_a_clear_message_and_changes_nothing(
    app, db, make_account, make_example, make_meeting, login
):
    meeting = make_meeting()
    first = make_example(title="First story", status=ExampleStatus.ACCEPTED)
    second = make_example(status=ExampleStatus.ACCEPTED)
    schedule_example(db, first, meeting, 1)
    db.commit()
    client = login(make_account(role=Role.ORGANISER))
    body = _schedule(client, second, meeting, 1)
    assert "Slot 1 of this session is already taken by “First story”" in body
    db.refresh(second)
    assert (second.status, second.meeting_id, second.slot) == (ExampleStatus.ACCEPTED, None, None)
    client.post(f"/examples/{second.id}/schedule", data={"meeting": meeting.id, "slot": 2})
    db.refresh(second)
    assert second.slot == 2


def test_moving_an_example_to_another_session_frees_its_slot(app, db, make_example, make_meeting):
    one, two = make_meeting(), make_meeting()
    example = make_example(status=ExampleStatus.ACCEPTED)
    schedule_example(db, example, one, 1)
    schedule_example(db, example, two, 1)
    db.commit()
    other = make_example(status=ExampleStatus.ACCEPTED)
    schedule_example(db, other, one, 1)
    db.commit()
    assert (example.meeting_id, other.meeting_id) == (two.id, one.id)


@pytest.mark.parametrize("slot", [0, 3])
def test_only_slots_one_and_two_exist(app, db, make_example, make_meeting, slot):
    with pytest.raises(PlanningError):
        schedule_example(db, make_example(), make_meeting(), slot)


def test_held_sessions_take_no_new_examples(app, db, make_example, make_meeting):
    meeting = make_meeting(state=MeetingState.HELD)
    with pytest.raises(PlanningError, match="held or cancelled"):
        schedule_example(db, make_example(), meeting, 1)


def test_programme_leads_read_the_board_but_cannot_plan(app, db, make_account, make_example, login):
    example = make_example()
    client = login(make_account(role=Role.PROGRAMME_LEAD))
    assert example.title in client.get("/examples/").get_data(as_text=True)
    assert client.post(f"/examples/{example.id}/accept").status_code == 403
    assert "Review and planning" not in client.get(f"/examples/{example.id}").get_data(as_text=True)


def test_examples_keep_their_maturity(app, db, make_example):
    assert make_example(maturity=Maturity.FRONTRUNNER).maturity == Maturity.FRONTRUNNER


def test_examples_of_a_session_marked_held_become_presented(app, db, make_example, make_meeting):
    from arena.examples import tasks
    from arena.examples.planning import mark_held_sessions_presented

    held, upcoming = make_meeting(), make_meeting()
    shown = make_example(status=ExampleStatus.ACCEPTED)
    waiting = make_example(status=ExampleStatus.ACCEPTED)
    schedule_example(db, shown, held, 1)
    schedule_example(db, waiting, upcoming, 1)
    held.state = MeetingState.HELD  # as the check-in page does
    db.commit()
    assert mark_held_sessions_presented(db, meeting_id=upcoming.id) == 0  # not held
    assert mark_held_sessions_presented(db) == 1
    db.commit()
    db.refresh(shown)
    db.refresh(waiting)
    assert (shown.status, shown.meeting_id, shown.slot) == (ExampleStatus.PRESENTED, held.id, 1)
    assert waiting.status == ExampleStatus.SCHEDULED
    with app.app_context():
        assert tasks.mark_presented() == 0  # the scheduled job: nothing left to do
    assert "arena.examples.tasks:mark_presented" in {spec.func for spec in JOBS}


def test_scheduling_into_an_unbalanced_session_warns_the_organiser(
    app, db, make_account, make_example, make_meeting, login
):
    meeting = make_meeting()
    first = make_example(maturity=Maturity.FRONTRUNNER, status=ExampleStatus.ACCEPTED)
    second = make_example(maturity=Maturity.FRONTRUNNER, status=ExampleStatus.ACCEPTED)
    schedule_example(db, first, meeting, 1)
    db.commit()
    client = login(make_account(role=Role.ORGANISER))
    page = _schedule(client, second, meeting, 2)
    assert "Scheduled in slot 2" in page
    assert page.count("Two frontrunners") == 2  # flashed, and on the page of the example
    assert "Two frontrunners" in client.get(f"/examples/{first.id}").get_data(as_text=True)


def test_the_board_shows_the_latest_of_each_status_and_a_column_pages_through_all(
    app, db, make_account, make_example, login, monkeypatch
):
    from arena.examples import planning

    monkeypatch.setattr(planning, "BOARD_SHOWN", 2)
    monkeypatch.setattr(planning, "STATUS_PER_PAGE", 2)
    for n in range(3):
        make_example(title=f"Open {n}")
        make_example(title=f"Done {n}", status=ExampleStatus.PRESENTED)
    make_example(title="Only accepted", status=ExampleStatus.ACCEPTED)
    columns = planning.board(db)
    submitted, presented = columns[ExampleStatus.SUBMITTED], columns[ExampleStatus.PRESENTED]
    assert (len(submitted.examples), submitted.total) == (2, 3)
    assert (len(presented.examples), presented.total) == (2, 3)
    assert len(columns[ExampleStatus.ACCEPTED].examples) == 1
    assert ExampleStatus.DRAFT not in columns
    client = login(make_account(role=Role.ORGANISER))
    body = client.get("/examples/").get_data(as_text=True)
    assert 'data-total="presented">(3)<' in body and "The latest 2 are shown." in body
    assert "Done 0" not in body and "Done 2" in body and "Open 0" not in body
    assert "/examples/?status=submitted" in body and "Only accepted" in body
    first = client.get("/examples/?status=submitted").get_data(as_text=True)
    second = client.get("/examples/?status=submitted&page=2").get_data(as_text=True)
    assert "Open 2" in first and "Open 1" in first and "Open 0" not in first
    assert "Open 0" in second and "Page 2 of 2" in second and "Done" not in second


def test_drafts_have_no_page_of_their_own(app, db, make_account, make_example, login):
    make_example(title="Not yet ready", status=ExampleStatus.DRAFT)
    body = login(make_account(role=Role.ORGANISER)).get("/examples/?status=draft")
    assert "Not yet ready" not in body.get_data(as_text=True)


def test_a_title_typed_with_line_breaks_is_kept_on_one_line(
    app, db, make_account, make_member, login
):
    presenter = make_member(**CONSENT)
    client = login(make_account(role=Role.ORGANISER))
    client.post(
        "/examples/new",
        data={
            "title": "Buurtbanen\r\nBcc: everyone@example.org",
            "maturity": "starting",
            "goals": "Work",
            "presenters": presenter.email,
            "submit": "1",
        },
    )
    example = db.scalar(select(PracticeExample))
    assert example.title == "Buurtbanen Bcc: everyone@example.org"
    client.post(f"/examples/{example.id}/decline", data={"reason": "Full this year"})
    message = db.scalar(select(OutboxMessage))
    assert "\n" not in message.subject and "\r" not in message.subject
