"""Bounces: permanent refusals of an address mark it bouncing, which keeps it out of every
audience (with that reason shown) until an organiser changes the address."""

from __future__ import annotations

import itertools

from sqlalchemy import func, select

from arena.auth.models import Role
from arena.invitations.delivery import deliver_due_messages
from arena.invitations.models import MessageKind, MessageStatus, OutboxMessage
from arena.invitations.outbox import queue_message
from arena.members.models import Member

_keys = itertools.count()


def _mail(app, db, member, n: int, config) -> None:
    for _ in range(n):
        queue_message(
            db, key=f"bounce:{member.id}:{next(_keys)}", kind=MessageKind.TEST,
            recipient=member.email, subject="Hello", body_text="Hello\n", member_id=member.id,
        )  # fmt: skip
        db.commit()
        deliver_due_messages(app.extensions["arena_db"].sessionmaker, config)


def _mailable(db) -> set[int]:
    return set(db.scalars(select(Member.id).where(Member.may_be_mailed)))


def test_an_address_refused_often_enough_is_left_out_until_an_organiser_fixes_it(
    app, db, smtp_config, smtp_server, consenting, make_meeting, make_account, login, client
):
    config = dict(smtp_config, BOUNCE_LIMIT=2)
    gone = consenting(name="Gerrit Weg", email="gerrit@old.example.nl")
    fine = consenting(name="Fien Goed", email="fien@example.nl")
    smtp_server.handler.refuse.add("gerrit@old.example.nl")

    _mail(app, db, gone, 1, config)
    db.expire_all()
    assert gone.bounce_count == 1 and gone.email_bouncing_at is None
    assert _mailable(db) == {gone.id, fine.id}, "one refusal is not yet a bouncing address"

    _mail(app, db, gone, 1, config)
    db.expire_all()
    assert gone.email_bouncing_at is not None and not gone.may_be_mailed
    assert _mailable(db) == {fine.id}
    failed = db.scalars(select(OutboxMessage).where(OutboxMessage.member_id == gone.id)).all()
    assert {m.status for m in failed} == {MessageStatus.FAILED}
    assert all(m.last_error.startswith("550") for m in failed)

    # the invite page leaves the address out and says why
    meeting = make_meeting()
    login(make_account(Role.ORGANISER))
    page = client.post(
        f"/invitations/{meeting.id}", data={"kind": "network", "check": "1"}
    ).get_data(as_text=True)
    assert "Email address bounces" in page and "Gerrit Weg" in page
    profile = client.get(f"/members/{gone.id}").get_data(as_text=True)
    assert "This address bounces" in profile

    # an organiser changes the address: mailed again, with a clean slate
    response = client.post(
        f"/members/{gone.id}/edit",
        data={"name": "Gerrit Weg", "email": "gerrit@new.example.nl", "role": "provider",
              "themes": "", "notes": ""},
    )  # fmt: skip
    assert response.status_code == 302
    db.expire_all()
    assert gone.email == "gerrit@new.example.nl"
    assert gone.bounce_count == 0 and gone.email_bouncing_at is None
    assert _mailable(db) == {gone.id, fine.id}
    assert "This address bounces" not in client.get(f"/members/{gone.id}").get_data(as_text=True)


def test_a_refusal_of_an_old_address_does_not_count_against_the_new_one(
    app, db, smtp_config, smtp_server, consenting
):
    config = dict(smtp_config, BOUNCE_LIMIT=1)
    member = consenting(email="old@example.nl")
    smtp_server.handler.refuse.add("old@example.nl")
    queue_message(
        db, key="old-address", kind=MessageKind.TEST, recipient="old@example.nl",
        subject="Hello", body_text="Hello\n", member_id=member.id,
    )  # fmt: skip
    member.email = "new@example.nl"
    db.commit()
    deliver_due_messages(app.extensions["arena_db"].sessionmaker, config)
    db.expire_all()
    assert member.bounce_count == 0 and member.may_be_mailed
    assert db.scalar(select(func.count()).where(OutboxMessage.status == "failed")) == 1


REFUSALS = {
    # (stage, the server's answer): does it count against the address?
    ("rcpt", "550 5.1.1 No such user here"): True,
    ("rcpt", "553 Mailbox name not allowed"): True,
    ("rcpt", "551 User not local"): True,
    ("data", "550 Requested action not taken: mailbox unavailable"): True,
    ("data", "552 5.3.4 Message size exceeds fixed limit"): False,
    ("data", "554 5.7.1 Message rejected as spam"): False,
    ("rcpt", "550 5.7.1 Relaying denied"): False,
    ("rcpt", "554 Transaction failed"): False,
}


def test_only_a_refusal_of_the_address_itself_counts_as_a_bounce(
    app, db, smtp_config, smtp_server, consenting
):
    """A refusal about policy, content or size fails that message for the organiser to see,
    but says nothing about the address, so it never makes the member's address bouncing."""
    config = dict(smtp_config, BOUNCE_LIMIT=1)
    members = {}
    for n, (stage, answer) in enumerate(REFUSALS):
        member = members[(stage, answer)] = consenting(email=f"refused{n}@example.nl")
        replies = (
            smtp_server.handler.rcpt_replies
            if stage == "rcpt"
            else smtp_server.handler.data_replies
        )
        replies[member.email] = answer
        queue_message(
            db, key=f"refusal:{n}", kind=MessageKind.TEST, recipient=member.email,
            subject="Hello", body_text="Hello\n", member_id=member.id,
        )  # fmt: skip
    db.commit()
    report = deliver_due_messages(app.extensions["arena_db"].sessionmaker, config)
    assert report.failed == len(REFUSALS) and report.sent == 0
    db.expire_all()
    for (stage, answer), member in members.items():
        message = db.scalar(select(OutboxMessage).where(OutboxMessage.member_id == member.id))
        assert message.status == MessageStatus.FAILED and message.last_error == answer, answer
        counts = REFUSALS[(stage, answer)]
        assert (member.bounce_count, member.may_be_mailed) == (int(counts), not counts), answer
