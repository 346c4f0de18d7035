"""Personal API tokens: shown once, stored hashed, with an owner, an expiry and a throttle.

A token acts as its owner's account, with that account's role and never more; a read-only
token may only read. The token itself is ``arena_`` and 43 random characters; the database
keeps its SHA-256 (the token has 256 bits of chance, so a slow hash adds nothing) and the first
characters, so the owner can tell their tokens apart. Every API request counts against the
token's window (``API_RATE_LIMIT`` requests per ``API_RATE_WINDOW`` seconds), kept in the row
itself so that every web worker sees the same count (``Throttle``: a few requests per write).
"""

from __future__ import annotations

import hashlib
import secrets
import threading
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from flask_babel import gettext as _
from sqlalchemy import CheckConstraint, ForeignKey, String, case, select, update
from sqlalchemy.orm import Mapped, Session, joinedload, mapped_column, relationship

from arena.auth.models import Role, UserAccount
from arena.db import Base, TimestampMixin, UTCDateTime, utcnow

PREFIX = "arena_"
#: how many characters of the token the lists show
SHOWN = 12
DEFAULT_LIFETIME = timedelta(days=365)
MAX_NAME = 100


class ApiToken(TimestampMixin, Base):
    __tablename__ = "api_tokens"
    __table_args__ = (CheckConstraint("window_count >= 0", name="window_count_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: whose role the token acts with
    account_id: Mapped[int] = mapped_column(
        ForeignKey("user_accounts.id", ondelete="CASCADE"), index=True
    )
    #: what the owner called it, e.g. "CRM sync"
    name: Mapped[str] = mapped_column(String(MAX_NAME))
    #: SHA-256 of the token, hex; the token itself is never stored
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    #: the first characters of the token, to recognise it in a list
    shown_prefix: Mapped[str] = mapped_column(String(SHOWN))
    is_read_only: Mapped[bool] = mapped_column(default=False)
    expires_dt: Mapped[datetime] = mapped_column(UTCDateTime())
    last_used_dt: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_dt: Mapped[datetime | None] = mapped_column(UTCDateTime())
    #: the start of the current throttle window and the requests counted in it
    window_start_dt: Mapped[datetime | None] = mapped_column(UTCDateTime())
    window_count: Mapped[int] = mapped_column(default=0)

    account: Mapped[UserAccount] = relationship()

    def state(self, now: datetime) -> str:
        """ "active", "revoked" or "expired"."""
        if self.revoked_dt is not None:
            return "revoked"
        return "expired" if self.expires_dt <= now else "active"


class TokenProblem(ValueError):
    """A token cannot be made or used; the message says why."""


@dataclass(frozen=True)
class NewToken:
    row: ApiToken
    #: the token itself, shown to its owner this once
    secret: str


def hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def end_of(day: date) -> datetime:
    return datetime.combine(day, time(23, 59, 59), tzinfo=UTC)


def create_api_token(
    session: Session,
    account: UserAccount,
    name: str,
    read_only: bool = False,
    expires_on: date | None = None,
    now: datetime | None = None,
) -> NewToken:
    """Make a token for ``account``; it works until the end of ``expires_on`` (a year)."""
    now = now or utcnow()
    name = " ".join((name or "").split())
    if not name:
        raise TokenProblem(_("Give the token a name, e.g. the tool that will use it."))
    if len(name) > MAX_NAME:
        raise TokenProblem(_("The name is longer than %(count)s characters.", count=MAX_NAME))
    expires = end_of(expires_on) if expires_on else now + DEFAULT_LIFETIME
    if expires <= now:
        raise TokenProblem(_("The expiry date must lie in the future."))
    secret = PREFIX + secrets.token_urlsafe(32)
    row = ApiToken(
        account_id=account.id,
        name=name,
        token_hash=hash_token(secret),
        shown_prefix=secret[:SHOWN],
        is_read_only=read_only,
        expires_dt=expires,
    )
    session.add(row)
    session.flush()
    return NewToken(row, secret)


def tokens_of(session: Session, account_id: int | None = None) -> list[ApiToken]:
    """One account's tokens (or everyone's), newest first."""
    stmt = select(ApiToken).order_by(ApiToken.created_dt.desc(), ApiToken.id.desc())
    if account_id is not None:
        stmt = stmt.where(ApiToken.account_id == account_id)
    return list(session.scalars(stmt))


def may_revoke(account: UserAccount, token: ApiToken) -> bool:
    """The owner may revoke their token; an organiser may revoke anyone's."""
    return token.account_id == account.id or account.role == Role.ORGANISER


def revoke_api_token(token: ApiToken, now: datetime | None = None) -> None:
    if token.revoked_dt is None:
        token.revoked_dt = now or utcnow()


def usable_token(session: Session, secret: str, now: datetime | None = None) -> ApiToken | None:
    """The active token with this secret, whose owner's account is enabled; else None."""
    now = now or utcnow()
    if not secret.startswith(PREFIX) or len(secret) > 100:
        return None
    token = session.scalar(
        select(ApiToken)
        .options(joinedload(ApiToken.account))
        .where(ApiToken.token_hash == hash_token(secret))
    )
    if token is None or token.state(now) != "active" or not token.account.is_enabled:
        return None
    return token


def count_request(
    session: Session,
    token: ApiToken,
    limit: int,
    window: int,
    now: datetime | None = None,
    take: int = 1,
) -> tuple[int, datetime]:
    """Take ``take`` requests from the token's window and record its use: how many of them
    the limit allows (0 when over it) and when the window started.

    One UPDATE ... RETURNING and its commit, safe across workers: the database adds to the
    count, so two processes never take the same request. The last use rides on the same row
    write, so it costs no statement of its own.
    """
    now = now or utcnow()
    fresh = ApiToken.window_start_dt.is_(None) | (
        ApiToken.window_start_dt <= now - timedelta(seconds=window)
    )
    count, started = session.execute(
        update(ApiToken)
        .where(ApiToken.id == token.id)
        .values(
            window_count=case((fresh, take), else_=ApiToken.window_count + take),
            window_start_dt=case((fresh, now), else_=ApiToken.window_start_dt),
            last_used_dt=now,
        )
        .returning(ApiToken.window_count, ApiToken.window_start_dt)
        .execution_options(synchronize_session=False)
    ).one()
    session.commit()
    return max(0, min(take, limit - (count - take))), started


#: the most requests a process takes from a token's window in one write
LEASE_MAX = 20
#: a lease is at most this share of the limit, so other processes are seldom refused early
LEASE_SHARE = 30
#: nor older than this, so a token's last use is recorded at least once a minute of use
LEASE_SECONDS = 60


@dataclass
class _Lease:
    left: int
    until: datetime


class Throttle:
    """Each token's requests per window, counted in its row across every worker, without a
    write per request: a process takes a few requests at once (a lease: a thirtieth of the
    limit, at most twenty, for at most a minute and never past the window) and spends them
    before it writes again. The row's count includes every lease, so all processes together
    never serve more than the limit; requests a process took but did not spend may refuse
    another process a few requests early. A limit under 60 takes one request at a time, as
    a write per request would.
    """

    def __init__(self) -> None:
        self._leases: dict[str, _Lease] = {}
        self._lock = threading.Lock()

    def wait(
        self,
        session: Session,
        token: ApiToken,
        limit: int,
        window: int,
        now: datetime | None = None,
    ) -> int:
        """Count one request; the seconds to wait when over the limit, else 0."""
        now = now or utcnow()
        key = token.token_hash
        with self._lock:
            lease = self._leases.get(key)
            if lease is not None and lease.left > 0 and now < lease.until:
                lease.left -= 1
                return 0
        take = max(1, min(LEASE_MAX, limit // LEASE_SHARE))
        granted, started = count_request(session, token, limit, window, now, take)
        window_ends = started + timedelta(seconds=window)
        if not granted:
            return max(1, int((window_ends - now).total_seconds()) + 1)
        until = min(window_ends, now + timedelta(seconds=LEASE_SECONDS))
        with self._lock:
            if len(self._leases) > 10_000:
                self._leases.clear()
            self._leases[key] = _Lease(granted - 1, until)
        return 0
