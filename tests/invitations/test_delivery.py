"""Delivery of the outbox through a real SMTP server: sent once, retried, refused, recovered."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from arena.db import utcnow
from arena.invitations.delivery import deliver_due_messages
from arena.invitations.models import MessageKind, MessageStatus, OutboxMessage
from arena.invitations.outbox import queue_message
from tests.databases import free_port


def _queue(db, n: int, **extra) -> list[OutboxMessage]:
    rows = [
        queue_message(
            db,
            key=f"test:{i}",
            kind=MessageKind.TEST,
            recipient=f"person{i}@example.nl",
            subject=f"Hello {i} – één",
            body_text=f"Dear person {i},\nwelcome. Ça va?\n",
            body_html=f"<p>Dear person {i}</p>",
            **extra,
        )
        for i in range(n)
    ]
    db.commit()
    return rows


def _factory(app):
    return app.extensions["arena_db"].sessionmaker


def test_due_messages_arrive_once_with_their_message_id(app, db, smtp_config, smtp_server):
    rows = _queue(db, 3, headers={"List-Unsubscribe": "<https://arena.test/u/x>"})
    report = deliver_due_messages(_factory(app), smtp_config)
    assert report.sent == 3
    received = smtp_server.wait_for(3)
    assert sorted(m["Message-ID"] for m in received) == sorted(r.message_id for r in rows)
    first = next(m for m in received if m["To"] == "person0@example.nl")
    assert first["Subject"] == "Hello 0 – één"
    assert first["List-Unsubscribe"] == "<https://arena.test/u/x>"
    assert "Ça va?" in first.get_body(("plain",)).get_content()
    assert "<p>Dear person 0</p>" in first.get_body(("html",)).get_content()
    # running again sends nothing more
    assert deliver_due_messages(_factory(app), smtp_config).sent == 0
    db.expire_all()
    assert {r.status for r in db.scalars(select(OutboxMessage))} == {MessageStatus.SENT}


def test_messages_due_later_wait(app, db, smtp_config, smtp_server):
    _queue(db, 1, due_dt=utcnow() + timedelta(hours=2))
    assert deliver_due_messages(_factory(app), smtp_config).sent == 0
    later = utcnow() + timedelta(hours=3)
    assert deliver_due_messages(_factory(app), smtp_config, now=later).sent == 1


def test_a_refused_recipient_fails_and_the_others_are_sent(app, db, smtp_config, smtp_server):
    _queue(db, 3)
    smtp_server.handler.refuse.add("person1@example.nl")
    report = deliver_due_messages(_factory(app), smtp_config)
    assert (report.sent, report.failed) == (2, 1)
    refused = db.scalar(select(OutboxMessage).where(OutboxMessage.recipient.like("person1%")))
    db.refresh(refused)
    assert refused.status == MessageStatus.FAILED
    assert refused.last_error.startswith("550")
    assert len(smtp_server.wait_for(2)) == 2


def test_smtp_down_for_the_whole_run_loses_nothing(app, db, smtp_config, smtp_server):
    rows = _queue(db, 4)
    down = dict(smtp_config, SMTP_PORT=free_port())
    report = deliver_due_messages(_factory(app), down)
    assert report.sent == 0 and report.postponed == 4
    db.expire_all()
    assert {r.status for r in db.scalars(select(OutboxMessage))} == {MessageStatus.PENDING}
    # not retried before the back-off ends, then all go out once the server is back
    assert deliver_due_messages(_factory(app), smtp_config).sent == 0
    later = utcnow() + timedelta(minutes=5)
    assert deliver_due_messages(_factory(app), smtp_config, now=later).sent == 4
    received = smtp_server.wait_for(4)
    assert sorted(m["Message-ID"] for m in received) == sorted(r.message_id for r in rows)


def test_limit_sends_only_that_many(app, db, smtp_config, smtp_server):
    _queue(db, 5)
    assert deliver_due_messages(_factory(app), smtp_config, limit=2).sent == 2
    assert deliver_due_messages(_factory(app), smtp_config).sent == 3


def test_a_row_left_sending_is_sent_again_only_after_the_claim_timeout(
    app, db, smtp_config, smtp_server
):
    (row,) = _queue(db, 1)
    row.status = MessageStatus.SENDING
    row.claimed_dt = utcnow()
    db.commit()
    assert deliver_due_messages(_factory(app), smtp_config).sent == 0
    later = utcnow() + timedelta(minutes=11)
    assert deliver_due_messages(_factory(app), smtp_config, now=later).sent == 1
    assert smtp_server.wait_for(1)[0]["Message-ID"] == row.message_id
