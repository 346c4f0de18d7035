"""Queue an email in the same transaction as what caused it; the scheduler delivers it later.

Callers never send mail themselves: they add an outbox row and commit with their own change,
so a crash can lose neither the change nor the message, and the unique key makes queuing the
same message twice a no-op.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from arena.db import utcnow
from arena.invitations.models import MessageKind, OutboxMessage


def stable_message_id(key: str, domain: str) -> str:
    """The same key always gives the same Message-ID, so a resent copy is recognised."""
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    return f"<{digest}@{domain}>"


def queue_message(
    session: Session,
    *,
    key: str,
    kind: MessageKind,
    recipient: str,
    subject: str,
    body_text: str,
    body_html: str | None = None,
    member_id: int | None = None,
    meeting_id: int | None = None,
    sequence: int = 0,
    due_dt: datetime | None = None,
    domain: str = "arena.local",
) -> OutboxMessage:
    """Add one outgoing message, or return the one already queued under this key."""
    existing = session.scalar(select(OutboxMessage).where(OutboxMessage.key == key))
    if existing is not None:
        return existing
    message = OutboxMessage(
        key=key,
        kind=kind,
        recipient=recipient,
        subject=subject,
        body_text=body_text,
        body_html=body_html,
        member_id=member_id,
        meeting_id=meeting_id,
        sequence=sequence,
        due_dt=due_dt or utcnow(),
        message_id=stable_message_id(key, domain),
    )
    session.add(message)
    return message
