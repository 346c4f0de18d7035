"""Sending limits: at most ``ARENA_SMTP_RATE`` messages a minute and ``ARENA_SMTP_DAILY_LIMIT``
in any 24 hours, however many scheduler processes send and however often they restart.

Mail providers cap what one account may send. The limits live in the database, not in a
process: every sender locks the one ``outbox_pacing`` row (on PostgreSQL a row lock, on SQLite
the write lock) while it claims, so claims under a limit happen one after the other. Inside
that lock a sender books a send time for each row it claims, one interval apart, starting one
interval after the last time booked by anyone; the booked time is kept in the row's
``sent_dt`` until the server accepts it and ``sent_dt`` becomes the real time. The daily limit
counts the rows whose ``sent_dt`` (sent or booked) lies in the last 24 hours. Without either
setting nothing is locked or booked and delivery is as fast as the server takes it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from arena.invitations.models import OutboxMessage, OutboxPacing

DAY = timedelta(days=1)
PACING_ROW = 1


@dataclass(frozen=True)
class Limits:
    #: messages per minute; 0 means no limit
    rate: float = 0
    #: messages in any 24 hours; 0 means no limit
    daily: int = 0

    @classmethod
    def from_config(cls, config) -> Limits:
        return cls(float(config.get("SMTP_RATE") or 0), int(config.get("SMTP_DAILY_LIMIT") or 0))

    @property
    def active(self) -> bool:
        return self.rate > 0 or self.daily > 0

    @property
    def interval(self) -> timedelta:
        return timedelta(seconds=60 / self.rate) if self.rate > 0 else timedelta(0)

    def batch_size(self, batch: int, lease_seconds: float) -> int:
        """Claim no more than half a lease's worth of sending, so a killed sender holds back
        few messages and a live one is never far from its next renewal."""
        if self.rate <= 0:
            return batch
        return max(1, min(batch, math.floor(self.rate * lease_seconds / 120)))


@dataclass
class Booking:
    #: how many rows may be claimed now
    allowed: int
    #: the first free send time (the booking's start)
    start: datetime
    #: when the daily limit lets the next message go, if it holds everything back now
    held_until: datetime | None = None


def lock(session: Session) -> datetime | None:
    """Take the pacing lock for the rest of the transaction; return the last booked time."""
    locked = session.execute(
        update(OutboxPacing)
        .where(OutboxPacing.id == PACING_ROW)
        .values(last_slot_dt=OutboxPacing.last_slot_dt)
        .returning(OutboxPacing.last_slot_dt)
    ).first()
    if locked is None:
        # the first limited claim ever (or after tests emptied the table): make the row,
        # quietly when another sender just made it, and lock it
        dialect = session.get_bind().dialect.name
        insert_ = postgresql_insert if dialect == "postgresql" else sqlite_insert
        session.execute(
            insert_(OutboxPacing).values(id=PACING_ROW, last_slot_dt=None).on_conflict_do_nothing()
        )
        return lock(session)
    return locked[0]


def _used_today(session: Session, now: datetime) -> int:
    return session.scalar(select(func.count()).where(OutboxMessage.sent_dt > now - DAY)) or 0


def _oldest_today(session: Session, now: datetime) -> datetime | None:
    return session.scalar(
        select(func.min(OutboxMessage.sent_dt)).where(OutboxMessage.sent_dt > now - DAY)
    )


def plan(session: Session, limits: Limits, now: datetime, size: int) -> Booking:
    """Under the lock: how many rows may be claimed now, and from when they may go."""
    last = lock(session)
    start = now if last is None else max(now, last + limits.interval)
    if limits.daily:
        remaining = limits.daily - _used_today(session, now)
        if remaining <= 0:
            oldest = _oldest_today(session, now) or now
            return Booking(0, start, held_until=oldest + DAY)
        size = min(size, remaining)
    return Booking(size, start)


def book(session: Session, limits: Limits, start: datetime, ids: list[int]) -> dict[int, datetime]:
    """Give each claimed row (in sending order) its send time and remember the last one."""
    slots = {row_id: start + limits.interval * n for n, row_id in enumerate(ids)}
    for row_id, slot in slots.items():
        session.execute(
            update(OutboxMessage).where(OutboxMessage.id == row_id).values(sent_dt=slot)
        )
    if slots:
        session.execute(
            update(OutboxPacing)
            .where(OutboxPacing.id == PACING_ROW)
            .values(last_slot_dt=max(slots.values()))
        )
    return slots


def last_goes_out(session: Session, limits: Limits, now: datetime, waiting: int) -> datetime | None:
    """When the last of ``waiting`` messages (the queue up to and including a session's own)
    will go out under the limits; None without limits or when nothing waits."""
    if not limits.active or waiting <= 0:
        return None
    last = session.scalar(select(OutboxPacing.last_slot_dt).where(OutboxPacing.id == PACING_ROW))
    start = now if last is None else max(now, last + limits.interval)
    if not limits.daily:
        return start + limits.interval * (waiting - 1)
    remaining = max(limits.daily - _used_today(session, now), 0)
    if waiting <= remaining:
        return start + limits.interval * (waiting - 1)
    # what today's allowance leaves waits for the day's window to move on, a day per limit
    beyond = waiting - remaining
    days, last_of_day = divmod(beyond - 1, limits.daily)
    oldest = _oldest_today(session, now) or now
    return max(start, oldest + DAY * (days + 1)) + limits.interval * last_of_day
