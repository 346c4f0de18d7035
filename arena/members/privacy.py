"""What the GDPR/AVG asks besides erasure: a copy of one's data, and a retention rule."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from arena.arenas.models import Attendance
from arena.collaborations.models import Collaboration, CollaborationParticipant
from arena.db import utcnow
from arena.invitations.models import OutboxMessage
from arena.members.history import member_history
from arena.members.models import Member
from arena.wins.models import Reflection, SmallWin

RETENTION_YEARS = 5


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def member_data(session: Session, member: Member, now: datetime | None = None) -> dict:
    """Everything held about one member, as plain JSON-ready data (their right of access)."""
    from arena.auth.models import UserAccount

    history = member_history(session, member.id)
    account = session.scalar(select(UserAccount).where(UserAccount.member_id == member.id))
    reflections = session.scalars(
        select(Reflection).where(Reflection.member_id == member.id).order_by(Reflection.id)
    ).all()
    messages = session.scalars(
        select(OutboxMessage)
        .where(OutboxMessage.member_id == member.id)
        .order_by(OutboxMessage.due_dt)
    ).all()
    return {
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
        "sessions": [
            {
                "series": a.meeting.series.name,
                "title": a.meeting.title,
                "starts": _iso(a.meeting.starts_dt),
                "invited": _iso(a.invited_dt),
                "response": a.response and str(a.response),
                "responded": _iso(a.responded_dt),
                "attended": a.is_attended,
                "walk_in": a.is_walk_in,
            }
            for a in history.attendances
        ],
        "practice_examples": [
            {
                "title": e.title,
                "initiative": e.initiative,
                "goals": e.goals,
                "underlying_values": e.underlying_values,
                "goes_well": e.goes_well,
                "goes_less_well": e.goes_less_well,
                "chafes": e.chafes,
                "status": str(e.status),
            }
            for e in history.examples
        ],
        "small_wins": [
            {
                "title": w.title,
                "what_changed": w.what_changed,
                "friction": w.friction,
                "reach": w.reach,
                "happened_on": _iso(w.happened_on),
                "mechanisms": [str(m) for m in w.mechanisms],
                "you_wrote_it": w.author_id == member.id,
            }
            for w in history.small_wins
        ],
        "collaborations": [
            {
                "title": c.title,
                "description": c.description,
                "started_on": _iso(c.started_on),
                "status": str(c.status),
            }
            for c in history.collaborations
        ],
        "reflections": [
            {
                "meeting_id": r.meeting_id,
                "of_value": r.of_value,
                "want_more_of": r.want_more_of,
                "do_differently": r.do_differently,
            }
            for r in reflections
        ],
        "messages": [
            {
                "kind": str(m.kind),
                "subject": m.subject,
                "status": str(m.status),
                "sent": _iso(m.sent_dt),
            }
            for m in messages
        ],
    }


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

    Activity is the latest of: joining the network, a session they were invited to or came
    to, a small win they logged, a collaboration they took part in.
    """
    from arena.arenas.models import Meeting

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
    queries = [
        select(Attendance.member_id, func.max(Meeting.starts_dt))
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .where(Attendance.member_id.in_(former_ids))
        .group_by(Attendance.member_id),
        select(SmallWin.author_id, func.max(SmallWin.happened_on))
        .where(SmallWin.author_id.in_(former_ids))
        .group_by(SmallWin.author_id),
        select(CollaborationParticipant.member_id, func.max(Collaboration.started_on))
        .join(Collaboration, Collaboration.id == CollaborationParticipant.collaboration_id)
        .where(CollaborationParticipant.member_id.in_(former_ids))
        .group_by(CollaborationParticipant.member_id),
    ]
    for query in queries:
        for member_id, value in session.execute(query):
            moment = _as_moment(value)
            if member_id in latest and moment and moment > latest[member_id]:
                latest[member_id] = moment
    return [RetentionCandidate(m, latest[m.id]) for m in former if latest[m.id] < cutoff]
