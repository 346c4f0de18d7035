"""Throttling of guesses: sign-in passwords and signed links.

Failed attempts are rows in the database, so every gunicorn worker, every process and every
restart sees the same counts (an in-memory counter would multiply the limit by the workers).
After ``ACCOUNT_LIMIT`` failures for one account, or ``ADDRESS_LIMIT`` from one address, within
``WINDOW``, further attempts are refused with :class:`Throttled` (HTTP 429, a page that says
when to try again), even when the password is right. Failures are written in a transaction
of their own, so the request's rollback never loses them.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import has_request_context, request
from sqlalchemy import Index, Select, String, delete, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from arena.db import Base, UTCDateTime, get_db, utcnow

WINDOW = timedelta(minutes=15)
ACCOUNT_LIMIT = 5
ADDRESS_LIMIT = 20


class FailedAttempt(Base):
    """One failed sign-in or unusable signed link; kept for ``WINDOW``, then pruned."""

    __tablename__ = "failed_attempts"
    __table_args__ = (
        Index("ix_failed_attempts_account_key_attempt_dt", "account_key", "attempt_dt"),
        Index("ix_failed_attempts_address_attempt_dt", "address", "attempt_dt"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: "sign-in" or the purpose of the signed link (e.g. "set-password")
    kind: Mapped[str] = mapped_column(String(40))
    #: the folded email tried at sign-in (known or not); None for signed links
    account_key: Mapped[str | None] = mapped_column(String(254))
    #: the client's address as the web server saw it
    address: Mapped[str] = mapped_column(String(64))
    #: when it failed (UTC)
    attempt_dt: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Throttled(Exception):
    """Too many failures: refuse until ``until`` (aware UTC)."""

    def __init__(self, until: datetime) -> None:
        super().__init__(until.isoformat())
        self.until = until


def client_address() -> str:
    return (request.remote_addr or "unknown")[:64] if has_request_context() else "local"


def nth_failure(column, value, limit: int, since) -> Select:
    """The time of the ``limit``-th newest failure for ``value`` after ``since``: none while
    there are fewer. While there is one, ``value`` is held back until it is ``WINDOW`` old
    (``held_until``). A select, so a page can ask it inside its own query (the RSVP answer)."""
    return (
        select(FailedAttempt.attempt_dt)
        .where(column == value, FailedAttempt.attempt_dt > since)
        .order_by(FailedAttempt.attempt_dt.desc())
        .offset(limit - 1)
        .limit(1)
    )


def address_failure(address, since) -> Select:
    """``nth_failure`` for this client's address: the check every signed link passes."""
    return nth_failure(FailedAttempt.address, address, ADDRESS_LIMIT, since)


def held_until(nth: datetime | None) -> datetime | None:
    """Until when a value whose ``nth_failure`` is ``nth`` is refused; None: it is not."""
    return None if nth is None else nth + WINDOW


def _until(session: Session, column, value: str, limit: int, now: datetime) -> datetime | None:
    """When the failures for ``value`` fall below ``limit`` again, or None when they are."""
    return held_until(session.scalar(nth_failure(column, value, limit, now - WINDOW)))


def check(
    account_key: str | None = None, *, now: datetime | None = None, session: Session | None = None
) -> None:
    """Raise :class:`Throttled` when this account or this client's address is held back.

    ``session``: read through the caller's session (a signed link's page: one connection and
    transaction per answer in an RSVP burst, not two); by default a short one of its own."""
    if session is None:
        with get_db().sessionmaker() as own:
            return check(account_key, now=now, session=own)
    now = now or utcnow()
    address = client_address()
    untils = [held_until(session.scalar(address_failure(address, now - WINDOW)))]
    if account_key is not None:
        untils.append(_until(session, FailedAttempt.account_key, account_key, ACCOUNT_LIMIT, now))
    held = [u for u in untils if u is not None]
    if held:
        raise Throttled(max(held))


def record_failure(kind: str, account_key: str | None = None) -> None:
    """Count one failure, committed at once; old rows are pruned on the way."""
    now = utcnow()
    with get_db().sessionmaker() as session:
        session.execute(delete(FailedAttempt).where(FailedAttempt.attempt_dt < now - WINDOW))
        session.add(
            FailedAttempt(
                kind=kind, account_key=account_key, address=client_address(), attempt_dt=now
            )
        )
        session.commit()


def forget_account(account_key: str) -> None:
    """A successful sign-in clears the account's failures (not the address's)."""
    with get_db().sessionmaker() as session:
        session.execute(delete(FailedAttempt).where(FailedAttempt.account_key == account_key))
        session.commit()
