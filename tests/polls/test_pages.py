"""Polls end to end through the real SMTP server: write, send, answer by the link, change, close."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from arena.auth.models import Role
from arena.invitations.delivery import deliver_due_messages
from arena.polls.models import Poll, PollResponse, PollState
from arena.polls.results import results_of

NOW = datetime.now(UTC)
CONSENT = {"consent_given_at": NOW - timedelta(days=30)}


@pytest.fixture
def organiser(make_account, login):
    return login(make_account(Role.ORGANISER))


def _write_poll(client, closes_on: str | None = None) -> int:
    """A three-question poll to the network, closing in a week unless told; its id."""
    closes_on = closes_on or (NOW + timedelta(days=7)).date().isoformat()
    form = {
        "title": "Needs for next year",
        "introduction": "Three questions, two minutes.",
        "audience": "network",
        "closes_on": closes_on,
        "questions-0-kind": "one-choice",
        "questions-0-text": "Which theme next?",
        "questions-0-options": "Work\nCare\nHousing",
        "questions-1-kind": "scale",
        "questions-1-text": "How useful was the last session?",
        "questions-2-kind": "free-text",
        "questions-2-text": "What should we ask the network?",
    }
    response = client.post("/polls/new", data=form)
    assert response.status_code == 302, response.get_data(as_text=True)
    return int(re.search(r"/polls/(\d+)", response.location).group(1))


def _sent_to_one(app, organiser, make_member, smtp_server):
    """A poll sent to the one member who may be mailed: its id and the delivered message."""
    make_member(**CONSENT)
    poll_id = _write_poll(organiser)
    organiser.post(f"/polls/{poll_id}/send")
    (message,) = _deliver(app, smtp_server, 1)
    return poll_id, message


def _deliver(app, smtp_server, count: int):
    config = dict(app.config, SMTP_HOST=smtp_server.host, SMTP_PORT=smtp_server.port)
    deliver_due_messages(app.extensions["arena_db"].sessionmaker, config)
    return smtp_server.wait_for(count)


def _link(message) -> str:
    text = message.get_body(("plain",)).get_content()
    return re.search(r"https?://[^/\s]+(/polls/answer/\S+)", text).group(1)


def test_a_member_answers_from_the_mail_without_login_and_changes_the_answer(
    app, db, client, organiser, make_member, smtp_server
):
    ann = make_member(**CONSENT)
    make_member(unsubscribed_at=NOW, **CONSENT)
    poll_id = _write_poll(organiser)
    preview = organiser.get(f"/polls/{poll_id}").get_data(as_text=True)
    assert "This poll goes to 1 member." in preview and "Which theme next?" in preview
    assert organiser.post(f"/polls/{poll_id}/send").status_code == 302

    (message,) = _deliver(app, smtp_server, 1)
    assert message["To"] == ann.email  # the unsubscribed member never receives one
    link = _link(message)
    anonymous = app.test_client()
    page = anonymous.get(link)
    assert page.status_code == 200 and "Which theme next?" in page.get_data(as_text=True)

    poll = db.get(Poll, poll_id)
    one, scale, free = poll.questions
    first = {f"q-{one.id}": "1", f"q-{scale.id}": "4", f"q-{free.id}": "Visit an employer"}
    assert anonymous.post(link, data=first).status_code == 200
    again = anonymous.get(link).get_data(as_text=True)
    assert 'value="1" checked' in again and "Visit an employer" in again
    assert anonymous.post(link, data={f"q-{one.id}": "2"}).status_code == 200

    db.expire_all()
    results = results_of(db, db.get(Poll, poll_id))
    assert results.responded == 1
    assert results.questions[0].counts == [("Work", 0), ("Care", 0), ("Housing", 1)]
    assert results.questions[2].texts == []  # the changed answer left it empty
    page = organiser.get(f"/polls/{poll_id}").get_data(as_text=True)
    assert "<svg" in page and "1 of 1 members answered." in page


def test_an_answer_outside_the_scale_is_refused_with_a_message(
    app, db, organiser, make_member, smtp_server
):
    poll_id, message = _sent_to_one(app, organiser, make_member, smtp_server)
    scale = db.get(Poll, poll_id).questions[1]
    refused = app.test_client().post(_link(message), data={f"q-{scale.id}": "9"})
    assert refused.status_code == 400
    assert "Choose a number from 1 to 5." in refused.get_data(as_text=True)
    assert db.query(PollResponse).count() == 0


def test_a_closed_poll_refuses_and_a_changed_link_is_not_accepted(
    app, db, organiser, make_member, smtp_server
):
    poll_id, message = _sent_to_one(app, organiser, make_member, smtp_server)
    link = _link(message)
    anonymous = app.test_client()
    assert anonymous.get(link[:-3] + "abc").status_code == 400  # a tampered token
    assert organiser.post(f"/polls/{poll_id}/close").status_code == 302
    db.expire_all()
    assert db.get(Poll, poll_id).state == PollState.CLOSED
    one = db.get(Poll, poll_id).questions[0]
    closed = anonymous.post(link, data={f"q-{one.id}": "0"})
    assert closed.status_code == 410 and "closed" in closed.get_data(as_text=True)
    assert db.query(PollResponse).count() == 0


def test_a_poll_link_for_another_poll_is_refused(app, db, organiser, make_member, smtp_server):
    make_member(**CONSENT)
    first = _write_poll(organiser)
    organiser.post(f"/polls/{first}/send")
    second = _write_poll(organiser)
    with app.test_request_context():
        from arena.polls.sending import poll_token

        stranger = make_member(**CONSENT)
        token = poll_token(second, stranger.id)  # signed, but that poll was never sent to them
    response = app.test_client().get(f"/polls/answer/{token}")
    assert response.status_code == 400
    assert "use the link in your own email" in response.get_data(as_text=True)


def test_a_poll_without_questions_is_refused_with_a_message(organiser):
    response = organiser.post(
        "/polls/new",
        data={"title": "Empty", "audience": "network", "closes_on": "2099-01-01"},
    )
    assert response.status_code == 400
    assert "Add at least one question." in response.get_data(as_text=True)
