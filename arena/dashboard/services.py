"""The figures each role's dashboard shows, read straight from the database."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from arena.arenas.models import Attendance, Meeting, MeetingState
from arena.collaborations.models import Collaboration
from arena.db import utcnow
from arena.examples.models import ExampleStatus, PracticeExample
from arena.members.models import Member, Organisation
from arena.wins.models import SmallWin


@dataclass(frozen=True)
class NetworkCounts:
    members: int
    active_members: int
    organisations: int
    sessions_held: int
    small_wins: int
    collaborations: int
    examples_waiting: int


def network_counts(session: Session) -> NetworkCounts:
    def count(stmt) -> int:
        return session.scalar(stmt) or 0

    members = count(select(func.count(Member.id)))
    former = count(select(func.count(Member.id)).where(Member.is_former.is_(True)))
    return NetworkCounts(
        members=members,
        active_members=members - former,
        organisations=count(select(func.count(Organisation.id))),
        sessions_held=count(
            select(func.count(Meeting.id)).where(Meeting.state == MeetingState.HELD)
        ),
        small_wins=count(select(func.count(SmallWin.id))),
        collaborations=count(select(func.count(Collaboration.id))),
        examples_waiting=count(
            select(func.count(PracticeExample.id)).where(
                PracticeExample.status == ExampleStatus.SUBMITTED
            )
        ),
    )


def upcoming_meetings(session: Session, limit: int = 3) -> list[Meeting]:
    return list(
        session.scalars(
            select(Meeting)
            .options(selectinload(Meeting.series))
            .where(Meeting.starts_dt >= utcnow(), Meeting.state != MeetingState.CANCELLED)
            .order_by(Meeting.starts_dt)
            .limit(limit)
        )
    )


def recent_small_wins(session: Session, limit: int = 5, author_id: int | None = None):
    stmt = (
        select(SmallWin)
        .options(selectinload(SmallWin.author), selectinload(SmallWin.organisation))
        .order_by(SmallWin.happened_on.desc(), SmallWin.id.desc())
        .limit(limit)
    )
    if author_id is not None:
        stmt = stmt.where(SmallWin.author_id == author_id)
    return list(session.scalars(stmt))


@dataclass(frozen=True)
class MemberOverview:
    sessions_attended: int
    small_wins: int
    invitations_open: list[Attendance]


def member_overview(session: Session, member_id: int) -> MemberOverview:
    attended = session.scalar(
        select(func.count(Attendance.id)).where(
            Attendance.member_id == member_id, Attendance.is_attended.is_(True)
        )
    )
    wins = session.scalar(select(func.count(SmallWin.id)).where(SmallWin.author_id == member_id))
    open_invitations = session.scalars(
        select(Attendance)
        .join(Meeting, Attendance.meeting_id == Meeting.id)
        .options(selectinload(Attendance.meeting).selectinload(Meeting.series))
        .where(
            Attendance.member_id == member_id,
            Attendance.invited_dt.is_not(None),
            Meeting.starts_dt >= utcnow(),
            Meeting.state != MeetingState.CANCELLED,
        )
        .order_by(Meeting.starts_dt)
    ).all()
    return MemberOverview(attended or 0, wins or 0, list(open_invitations))
