"""An organisation's profile: its people, collaborations, sessions and small wins."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, joinedload, selectinload

from arena.arenas.models import Attendance, Meeting
from arena.collaborations.models import Collaboration, CollaborationParticipant
from arena.members.models import Member, Membership
from arena.wins.models import SmallWin

#: long lists stop here; the member list filtered by organisation shows everyone
SHOWN = 100


@dataclass(frozen=True)
class OrganisationHistory:
    current: list[Membership]
    current_total: int
    former: list[Membership]
    collaborations: list[Collaboration]
    #: (meeting, how many of the organisation's people attended)
    sessions: list[tuple[Meeting, int]]
    small_wins: list[SmallWin]


def organisation_history(session: Session, organisation_id: int) -> OrganisationHistory:
    """Six queries, whatever the size of the organisation or its history."""
    people = (
        select(Membership)
        .join(Member, Member.id == Membership.member_id)
        .options(joinedload(Membership.member))
        .where(Membership.organisation_id == organisation_id, Member.erased_at.is_(None))
    )
    current = session.scalars(
        people.where(Membership.until.is_(None)).order_by(Member.name).limit(SHOWN)
    ).all()
    current_total = session.scalar(
        select(func.count(Membership.id))
        .join(Member, Member.id == Membership.member_id)
        .where(
            Membership.organisation_id == organisation_id,
            Membership.until.is_(None),
            Member.erased_at.is_(None),
        )
    )
    former = session.scalars(
        people.where(Membership.until.is_not(None)).order_by(Membership.until.desc()).limit(SHOWN)
    ).all()
    staff = select(Membership.member_id).where(Membership.organisation_id == organisation_id)
    collaborations = session.scalars(
        select(Collaboration)
        .where(
            Collaboration.id.in_(
                select(CollaborationParticipant.collaboration_id).where(
                    or_(
                        CollaborationParticipant.organisation_id == organisation_id,
                        CollaborationParticipant.member_id.in_(staff),
                    )
                )
            )
        )
        .order_by(Collaboration.started_on.desc(), Collaboration.id.desc())
        .limit(SHOWN)
    ).all()
    sessions = session.execute(
        select(Meeting, func.count(Attendance.id))
        .join(Attendance, Attendance.meeting_id == Meeting.id)
        .options(selectinload(Meeting.series))
        .where(Attendance.is_attended.is_(True), Attendance.member_id.in_(staff))
        .group_by(Meeting.id)
        .order_by(Meeting.starts_dt.desc())
        .limit(SHOWN)
    ).all()
    wins = session.scalars(
        select(SmallWin)
        .options(joinedload(SmallWin.author))
        .where(or_(SmallWin.organisation_id == organisation_id, SmallWin.author_id.in_(staff)))
        .order_by(SmallWin.happened_on.desc(), SmallWin.id.desc())
        .limit(SHOWN)
    ).all()
    return OrganisationHistory(
        list(current),
        current_total or 0,
        list(former),
        list(collaborations),
        [(m, n) for m, n in sessions],
        list(wins),
    )
