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
from arena.invitations.models import MessageKind, MessageStatus, OutboxMessage


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
    ical_method: str | None = None,
    headers: dict | None = None,
) -> OutboxMessage:
    """Add one outgoing message, or return the one already queued under this key.

    ``ical_method`` (REQUEST or CANCEL) makes delivery attach the session's calendar file;
    ``headers`` are extra headers such as List-Unsubscribe.
    """
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
        ical_method=ical_method,
        headers=dict(headers or {}),
    )
    session.add(message)
    return message


def queue_many(session: Session, messages: list[dict], *, domain: str = "arena.local") -> int:
    """Queue many messages in a few statements; keys already queued are skipped.

    Each dict holds queue_message's keyword arguments. Used for a whole send (10,000
    invitations), where one SELECT and one INSERT per message would dominate the time.
    """
    from sqlalchemy import insert

    keys = [m["key"] for m in messages]
    existing: set[str] = set()
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        existing.update(
            session.scalars(select(OutboxMessage.key).where(OutboxMessage.key.in_(chunk)))
        )
    now = utcnow()
    rows = []
    for m in messages:
        if m["key"] in existing:
            continue
        existing.add(m["key"])
        rows.append(
            {
                "key": m["key"],
                "kind": m["kind"],
                "recipient": m["recipient"],
                "subject": m["subject"],
                "body_text": m["body_text"],
                "body_html": m.get("body_html"),
                "member_id": m.get("member_id"),
                "meeting_id": m.get("meeting_id"),
                "sequence": m.get("sequence", 0),
                "due_dt": m.get("due_dt") or now,
                "message_id": stable_message_id(m["key"], domain),
                "ical_method": m.get("ical_method"),
                "headers": dict(m.get("headers") or {}),
                # a template that failed for this member (compose.py): failed, with why
                "status": MessageStatus.FAILED if m.get("render_error") else MessageStatus.PENDING,
                "last_error": m.get("render_error"),
                "attempts": 0,
            }
        )
    if rows:
        session.execute(insert(OutboxMessage), rows)
    return len(rows)


def queue_built(session: Session, message: dict) -> None:
    """A mail a lower package built (an account's set-password link), queued as it is."""
    queue_message(session, **{**message, "kind": MessageKind(message["kind"])})
