"""What the GDPR/AVG asks besides erasure: a copy of one's data, and a retention rule."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from arena import hooks
from arena.auth.models import UserAccount
from arena.db import utcnow
from arena.members.history import member_history
from arena.members.models import Member

RETENTION_YEARS = 5


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def member_data(session: Session, member: Member, now: datetime | None = None) -> dict:
    """Everything held about one member, as plain JSON-ready data (their right of access).

    The network's own data here; what the packages above hold comes from the
    ``personal_data`` hook (sessions, practice examples, small wins, collaborations,
    reflections, messages).
    """
    history = member_history(session, member.id)
    account = session.scalar(select(UserAccount).where(UserAccount.member_id == member.id))
    data = {
        "exported_at": _iso(now or utcnow()),
        "member": {
            "id": member.id,
            "name": member.name,
            "email": member.email,
            "role": str(member.role),
            "themes": list(member.themes or []),
            "time_zone": member.time_zone,
            "consent_given_at": _iso(member.consent_given_at),
            "consent_source": member.consent_source,
            "unsubscribed_at": _iso(member.unsubscribed_at),
            "is_former": member.is_former,
            "notes_by_organisers": member.notes,
            "in_network_since": _iso(member.created_dt),
        },
        "account": account
        and {
            "email": account.email,
            "role": str(account.role),
            "last_login": _iso(account.last_login_dt),
        },
        "organisations": [
            {
                "name": m.organisation.name,
                "sector": m.organisation.sector,
                "policy_domain": m.organisation.policy_domain,
                "place": m.organisation.place,
                "position": m.position,
                "since": _iso(m.since),
                "until": _iso(m.until),
            }
            for m in history.memberships
        ],
    }
    for section in hooks.personal_data.send(session, member, history):
        data.update(section)
    return data


@dataclass(frozen=True)
class RetentionCandidate:
    member: Member
    last_activity: datetime


def _as_moment(value) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, str):  # SQLite hands back max() of dates and datetimes as text
        value = (
            datetime.fromisoformat(value)
            if "T" in value or " " in value
            else (date.fromisoformat(value))
        )
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    return datetime.combine(value, time.min, tzinfo=UTC)


def retention_candidates(
    session: Session, now: datetime | None = None, years: int = RETENTION_YEARS
) -> list[RetentionCandidate]:
    """Former members with no activity for ``years``: for an organiser to review and erase.

    Activity is the latest of joining the network and what the packages above know
    (``member_last_activity`` hook): a session they were invited to or came to, a small win
    they logged, a collaboration they took part in.
    """
    cutoff = (now or utcnow()) - timedelta(days=365 * years)
    former = list(
        session.scalars(
            select(Member)
            .where(Member.is_former.is_(True), Member.erased_at.is_(None))
            .order_by(Member.name)
        )
    )
    latest: dict[int, datetime] = {m.id: m.created_dt for m in former}
    former_ids = select(Member.id).where(Member.is_former.is_(True), Member.erased_at.is_(None))
    queries = hooks.member_last_activity.send(former_ids)
    for query in queries:
        for member_id, value in session.execute(query):
            moment = _as_moment(value)
            if member_id in latest and moment and moment > latest[member_id]:
                latest[member_id] = moment
    return [RetentionCandidate(m, latest[m.id]) for m in former if latest[m.id] < cutoff]
