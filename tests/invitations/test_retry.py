"""Failed messages on the session page: counted by status, and retried by an organiser."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from arena.auth.models import Role
from arena.db import utcnow
from arena.invitations.delivery import deliver_due_messages
from arena.invitations.models import MessageStatus, OutboxMessage
from arena.invitations.services import send_invitations


def test_a_failed_invitation_is_retried_with_its_own_message_id(
    app, db, client, make_meeting, consenting, make_account, login, smtp_config, smtp_server
):
    meeting = make_meeting()
    members = [consenting() for _ in range(3)]
    smtp_server.handler.refuse.add(members[1].email)
    with app.test_request_context():
        send_invitations(db, meeting, {"kind": "network"}, now=utcnow())
        db.commit()
    deliver_due_messages(app.extensions["arena_db"].sessionmaker, smtp_config)
    failed = db.scalar(select(OutboxMessage).where(OutboxMessage.status == MessageStatus.FAILED))
    assert failed.recipient == members[1].email

    login(make_account(role=Role.ORGANISER))
    page = client.get(f"/sessions/{meeting.id}").get_data(as_text=True)
    assert "<dt>Sent</dt><dd>2</dd>" in page and "<dt>Failed</dt><dd>1</dd>" in page
    assert "<dt>Waiting</dt><dd>0</dd>" in page and "<dt>Sending</dt><dd>0</dd>" in page
    assert "550 5.1.1 No such user here" in page and ">Retry<" in page

    smtp_server.handler.refuse.clear()  # the address was fixed at the other end
    before = utcnow()
    response = client.post(f"/invitations/{meeting.id}/retry", data={"message_id": failed.id})
    assert response.status_code == 302
    db.refresh(failed)
    assert failed.status == MessageStatus.PENDING and failed.due_dt >= before - timedelta(seconds=1)
    assert failed.attempts == 0 and failed.last_error is None
    assert deliver_due_messages(app.extensions["arena_db"].sessionmaker, smtp_config).sent == 1
    again = smtp_server.wait_for(3)[-1]
    assert again["To"] == failed.recipient and again["Message-ID"] == failed.message_id


def test_messages_that_must_not_go_any_more_are_not_retried(
    app, db, client, make_meeting, consenting, make_account, login, smtp_config, smtp_server
):
    meeting = make_meeting()
    left, kept = consenting(), consenting()
    smtp_server.handler.refuse.update({left.email, kept.email})
    with app.test_request_context():
        send_invitations(db, meeting, {"kind": "network"}, now=utcnow())
        db.commit()
    deliver_due_messages(app.extensions["arena_db"].sessionmaker, smtp_config)
    left.unsubscribed_at = utcnow()
    db.commit()

    login(make_account(role=Role.ORGANISER))
    page = client.get(f"/sessions/{meeting.id}").get_data(as_text=True)
    assert page.count(">Retry<") == 1 and "Not sent again: The member has unsubscribed." in page
    client.post(f"/invitations/{meeting.id}/retry")  # "retry every failed message"
    statuses = dict(db.execute(select(OutboxMessage.recipient, OutboxMessage.status)).all())
    assert statuses == {left.email: MessageStatus.FAILED, kept.email: MessageStatus.PENDING}


def test_only_organisers_may_retry(app, db, client, make_meeting, make_account, login):
    meeting = make_meeting()
    for role in (Role.PROGRAMME_LEAD, Role.MEMBER):
        login(make_account(role=role))
        assert client.post(f"/invitations/{meeting.id}/retry").status_code == 403
        client.post("/auth/logout")
