"""Deliver due outbox rows over one SMTP connection: never lost, never sent twice.

How a row moves: PENDING -> (claimed) SENDING -> SENT, or back to PENDING with a later due
time after a temporary failure, or FAILED after a permanent one. The claim is its own committed
transaction (on PostgreSQL with ``FOR UPDATE SKIP LOCKED``, so several senders can run side by
side; on SQLite the single UPDATE holds the write lock). Each row is marked SENT in its own
commit right after the server accepted it, so a kill can only leave the one message in flight
unmarked.

A claim is a lease (``lease.py``): each claimed row carries the run's ``claim_token`` and the
time of the claim (not of the run's start, so a long run never claims rows that already look
abandoned). A heartbeat thread of the live sender renews the lease of the rows it still holds
every few seconds, and the sender sends a row only while the lease is still its own. A sender
that stopped renews nothing: after ``OUTBOX_CLAIM_TIMEOUT`` seconds (15 unless set) its rows
are claimable again and the one in flight goes out with the same Message-ID, which mail
clients use to drop the copy.

Connection problems (refused, timed out, dropped) never fail a row: the rows go back to
PENDING with a back-off, however long the server is away. A 4xx answer to one message is
retried up to ``MAX_TEMPORARY_ATTEMPTS`` times; a 5xx answer fails the row at once, with the
server's words in ``last_error`` for the organiser to see; when it refuses the address itself
(``sender.refuses_address``: 5.1.x, or 550/551/553 without an enhanced code) it counts as a
bounce of the member's address (``BOUNCE_LIMIT`` bounces mark it bouncing), while a refusal
about policy, content or size does not. Sending limits: ``pacing.py``.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from arena.db import utcnow
from arena.invitations import pacing
from arena.invitations.lease import DEFAULT_CLAIM_TIMEOUT, Clock, Lease, renew_interval
from arena.invitations.models import MessageStatus, OutboxMessage
from arena.invitations.sender import (
    MAX_TEMPORARY_ATTEMPTS,
    ROW_COLUMNS,
    DeliveryReport,
    Sender,
    TemporaryError,
    back_off,
)
from arena.members.models import Member

__all__ = [
    "DEFAULT_CLAIM_TIMEOUT",
    "MAX_TEMPORARY_ATTEMPTS",
    "DeliveryReport",
    "back_off",
    "deliver_due_messages",
    "renew_interval",
]

DEFAULT_BATCH = 100


def _claimable(now: datetime, timeout: float):
    return or_(
        (OutboxMessage.status == MessageStatus.PENDING) & (OutboxMessage.due_dt <= now),
        (OutboxMessage.status == MessageStatus.SENDING)
        & (OutboxMessage.claimed_dt < now - timedelta(seconds=timeout)),
    )


def claim_batch(
    session: Session, now: datetime, size: int, timeout: float, token: str = ""
) -> list[int]:
    """Mark up to ``size`` due rows SENDING under ``token`` and return their ids; the caller
    commits."""
    candidates = (
        select(OutboxMessage.id)
        .where(_claimable(now, timeout))
        .order_by(OutboxMessage.due_dt, OutboxMessage.id)
        .limit(size)
    )
    if session.get_bind().dialect.name == "postgresql":
        # Lock the chosen rows first (others skip them), then mark them; a LIMIT inside an
        # UPDATE's IN (...) may be evaluated more than once by the planner.
        ids = list(session.scalars(candidates.with_for_update(skip_locked=True)))
        if not ids:
            return []
        chosen = OutboxMessage.id.in_(ids)
    else:
        # One UPDATE holds SQLite's write lock while it re-checks the condition.
        chosen = OutboxMessage.id.in_(candidates.scalar_subquery()) & _claimable(now, timeout)
    claimed = session.execute(
        update(OutboxMessage)
        .where(chosen)
        .values(status=MessageStatus.SENDING, claimed_dt=now, claim_token=token or None)
        .returning(OutboxMessage.id)
    )
    return sorted(claimed.scalars())


def clock_from(now: datetime | None) -> Clock:
    """The real clock, or one that runs from ``now`` (tests and operators moving time)."""
    if now is None:
        return utcnow
    offset = now - utcnow()
    return lambda: utcnow() + offset


def _claim(session, sender: Sender, limits, size: int, timeout: float, token: str):
    """Claim the next batch (booking send times under sending limits); commits."""
    now = sender.clock()
    booking = pacing.plan(session, limits, now, size) if limits.active else None
    if booking is not None and booking.allowed == 0:
        session.commit()
        sender.report.held_until = booking.held_until
        return [], {}
    ids = claim_batch(session, now, booking.allowed if booking else size, timeout, token)
    rows = []
    if ids:
        rows = session.execute(
            select(*ROW_COLUMNS)
            .outerjoin(Member, Member.id == OutboxMessage.member_id)
            .where(OutboxMessage.id.in_(ids))
            .order_by(OutboxMessage.due_dt, OutboxMessage.id)
        ).all()
    slots = pacing.book(session, limits, booking.start, [r.id for r in rows]) if booking else {}
    session.commit()
    return rows, slots


def deliver_due_messages(
    session_factory: sessionmaker,
    config: dict,
    *,
    now: datetime | None = None,
    limit: int | None = None,
) -> DeliveryReport:
    """Send every due row (at most ``limit``) and say what happened; safe to run any time.

    ``now`` moves this run's clock (it still runs at real speed from there)."""
    clock = clock_from(now)
    sender = Sender(config, clock)
    limits = pacing.Limits.from_config(config)
    batch = int(config.get("OUTBOX_BATCH_SIZE") or DEFAULT_BATCH)
    timeout = float(config.get("OUTBOX_CLAIM_TIMEOUT") or DEFAULT_CLAIM_TIMEOUT)
    batch = limits.batch_size(batch, timeout)
    token = secrets.token_hex(16)
    report = sender.report
    lease = Lease(session_factory, token, clock, timeout)
    try:
        while limit is None or report.claimed < limit:
            size = batch if limit is None else min(batch, limit - report.claimed)
            with session_factory() as session:
                rows, slots = _claim(session, sender, limits, size, timeout, token)
                if not rows:
                    break
                report.claimed += len(rows)
                lease.hold(r.id for r in rows)
                for position, row in enumerate(rows):
                    if row.id in slots:
                        # never closer than one interval to this run's previous message,
                        # even when a stall left the booked times behind
                        lease.wait_until(max(slots[row.id], sender.next_free))
                    if not lease.holds(row.id):
                        report.taken_over += 1
                        continue
                    try:
                        sender.send(session, row)
                    except TemporaryError as exc:
                        report.errors.append(str(exc))
                        for waiting in rows[position:]:
                            if lease.holds(waiting.id):
                                sender.postpone(session, waiting, str(exc), counts=False)
                                lease.release(waiting.id)
                        return report
                    lease.release(row.id)
    finally:
        lease.stop()
        sender.close()
    return report
