"""One member's or organisation's history, newest first, in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import Session, contains_eager, joinedload, selectinload

from arena.arenas.models import Attendance, Meeting
from arena.collaborations.models import Collaboration, CollaborationParticipant
from arena.examples.models import PracticeExample, example_presenters
from arena.members.memberships import memberships_of
from arena.members.models import Membership
from arena.wins.models import SmallWin, small_win_members


@dataclass(frozen=True)
class MemberHistory:
    memberships: list[Membership]
    attendances: list[Attendance]
    examples: list[PracticeExample]
    small_wins: list[SmallWin]
    collaborations: list[Collaboration]

    @property
    def attended(self) -> int:
        return sum(1 for a in self.attendances if a.is_attended)

    @property
    def invited(self) -> int:
        return sum(1 for a in self.attendances if a.invited_dt is not None)


def member_history(session: Session, member_id: int) -> MemberHistory:
    """Organisations, sessions, examples, small wins and collaborations: six queries."""
    memberships = memberships_of(session, member_id)
    attendances = session.scalars(
        select(Attendance)
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .options(contains_eager(Attendance.meeting).joinedload(Meeting.series))
        .where(Attendance.member_id == member_id)
        .order_by(Meeting.starts_dt.desc())
    ).all()
    presented = exists(
        select(example_presenters.c.example_id).where(
            example_presenters.c.example_id == PracticeExample.id,
            example_presenters.c.member_id == member_id,
        )
    )
    examples = session.scalars(
        select(PracticeExample)
        .options(joinedload(PracticeExample.meeting))
        .where(or_(PracticeExample.proposed_by_id == member_id, presented))
        .order_by(PracticeExample.created_dt.desc(), PracticeExample.id.desc())
    ).all()
    involved = exists(
        select(small_win_members.c.small_win_id).where(
            small_win_members.c.small_win_id == SmallWin.id,
            small_win_members.c.member_id == member_id,
        )
    )
    wins = session.scalars(
        select(SmallWin)
        .options(joinedload(SmallWin.organisation), selectinload(SmallWin.mechanism_rows))
        .where(or_(SmallWin.author_id == member_id, involved))
        .order_by(SmallWin.happened_on.desc(), SmallWin.id.desc())
    ).all()
    took_part = exists(
        select(CollaborationParticipant.id).where(
            CollaborationParticipant.collaboration_id == Collaboration.id,
            CollaborationParticipant.member_id == member_id,
        )
    )
    collaborations = session.scalars(
        select(Collaboration)
        .where(or_(took_part, Collaboration.recorded_by_id == member_id))
        .order_by(Collaboration.started_on.desc(), Collaboration.id.desc())
    ).all()
    return MemberHistory(
        list(memberships), list(attendances), list(examples), list(wins), list(collaborations)
    )
