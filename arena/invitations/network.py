"""What the outbox does when the network changes: erasure, unsubscribing, a copy of one's data.

Answers hooks of the network (``arena/hooks.py``), connected in ``arena/invitations/hooks.py``.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from arena.invitations.models import MessageStatus, OutboxMessage
from arena.members.erasure import REPLACEMENT
from arena.members.models import Member


def blank_messages(session: Session, member: Member, now: datetime) -> None:
    """Messages to an erased member lose recipient, subject and bodies; waiting ones never go."""
    session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.member_id == member.id)
        .values(recipient="", subject=REPLACEMENT, body_text="", body_html=None, headers={})
    )
    session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.member_id == member.id,
            OutboxMessage.status.in_([MessageStatus.PENDING, MessageStatus.SENDING]),
        )
        .values(status=MessageStatus.FAILED, last_error="The member was erased; not sent.")
    )


def withdraw_waiting(session: Session, member: Member, now: datetime) -> int:
    """Messages still waiting for someone who unsubscribed are not sent; how many."""
    waiting = session.scalars(
        select(OutboxMessage).where(
            OutboxMessage.member_id == member.id,
            OutboxMessage.status == MessageStatus.PENDING,
        )
    ).all()
    for message in waiting:
        message.status = MessageStatus.FAILED
        message.last_error = "The member unsubscribed; not sent."
    return len(waiting)


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def personal_data(session: Session, member: Member, _history) -> dict:
    messages = session.scalars(
        select(OutboxMessage)
        .where(OutboxMessage.member_id == member.id)
        .order_by(OutboxMessage.due_dt)
    ).all()
    return {
        "messages": [
            {
                "kind": str(m.kind),
                "subject": m.subject,
                "status": str(m.status),
                "sent": _iso(m.sent_dt),
            }
            for m in messages
        ]
    }
