"""Sending a poll: through the outbox to who may be mailed, each with a link of their own."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from arena.invitations.delivery import deliver_due_messages
from arena.invitations.models import MessageKind, OutboxMessage
from arena.polls.audience import count_audience
from arena.polls.models import PollRecipient, PollState
from arena.polls.sending import read_poll_token, send_poll
from arena.polls.services import PollError, PollInput, QuestionInput, create_poll

NOW = datetime.now(UTC)


@pytest.fixture(autouse=True)
def app_context(app):
    with app.app_context():
        yield


@pytest.fixture
def people(make_member):
    consent = {"consent_given_at": NOW - timedelta(days=300)}
    return {
        "ann": make_member(name="Ann <b>de</b> Vries", **consent),
        "bob": make_member(**consent),
        "gone": make_member(unsubscribed_at=NOW - timedelta(days=1), **consent),
        "withdrawn": make_member(),  # never gave (or withdrew) consent
        "erased": make_member(erased_at=NOW, **consent),
    }


def _poll(db, audience=None, closes=NOW + timedelta(days=7)):
    questions = [QuestionInput("scale", "How useful was the last session?")]
    data = PollInput("Needs", audience=audience or {"kind": "network"}, closes_dt=closes,
                     questions=questions)  # fmt: skip
    return create_poll(db, data, None)


def test_a_poll_goes_only_to_members_who_may_be_mailed_each_with_their_own_link(
    app, db, people, smtp_server
):
    poll = _poll(db)
    assert count_audience(db, poll.audience, None).left_out == 3
    result = send_poll(db, poll, NOW)
    db.commit()

    asked = {r.member_id for r in db.query(PollRecipient)}
    assert asked == {people["ann"].id, people["bob"].id} and result.queued == 2
    assert poll.state == PollState.OPEN
    assert {m.kind for m in db.query(OutboxMessage)} == {MessageKind.POLL}

    config = dict(app.config, SMTP_HOST=smtp_server.host, SMTP_PORT=smtp_server.port)
    deliver_due_messages(app.extensions["arena_db"].sessionmaker, config)
    messages = smtp_server.wait_for(2)
    by_address = {m["To"]: m for m in messages}
    ann = by_address[people["ann"].email]
    html = ann.get_body(("html",)).get_content()
    text = ann.get_body(("plain",)).get_content()
    assert "Ann" in text and "<b>de</b>" not in html
    assert ann["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    token = re.search(r"/polls/answer/(\S+)", text).group(1)
    assert read_poll_token(token) == (poll.id, people["ann"].id)


def test_sending_twice_or_without_a_future_closing_time_is_refused(db, people):
    poll = _poll(db, closes=NOW - timedelta(minutes=1))
    with pytest.raises(PollError):
        send_poll(db, poll, NOW)
    poll.closes_dt = NOW + timedelta(days=1)
    send_poll(db, poll, NOW)
    with pytest.raises(PollError):
        send_poll(db, poll, NOW)


def test_an_audience_nobody_in_which_may_be_mailed_sends_nothing(db, people, make_meeting, attend):
    session = make_meeting()
    attend(people["withdrawn"], session)
    poll = _poll(db, {"kind": "attendees", "meeting_id": session.id})
    with pytest.raises(PollError):
        send_poll(db, poll, NOW)
    db.rollback()
    assert db.query(OutboxMessage).count() == 0


def test_the_closing_job_is_registered_and_closes_a_poll_past_its_time(app, db, people):
    from arena.jobs import JOBS
    from arena.polls.tasks import close_polls

    assert "arena.polls.tasks:close_polls" in {spec.func for spec in JOBS}
    poll = _poll(db)
    send_poll(db, poll, NOW)
    poll.closes_dt = NOW - timedelta(seconds=1)
    db.commit()
    assert close_polls() == 1
    db.expire_all()
    assert poll.state == PollState.CLOSED
