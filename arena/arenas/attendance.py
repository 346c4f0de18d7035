"""The check-in list on the day: who was invited or answered, who came, and walk-ins."""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select, update
from sqlalchemy.orm import Session, joinedload

from arena.arenas.models import Meeting, MeetingState
from arena.invitations.models import Attendance, Response
from arena.members.models import Member, normalise_email


class CheckInError(ValueError):
    """The check-in cannot be recorded; the message says why."""


def checkin_list(session: Session, meeting: Meeting) -> list[Attendance]:
    """Everyone on the list for the day, by name: said yes or maybe first doesn't matter at a
    door, so the order is alphabetical; those who said no are left out unless they came."""
    rows = session.scalars(
        select(Attendance)
        .join(Member, Member.id == Attendance.member_id)
        .options(joinedload(Attendance.member))
        .where(Attendance.meeting_id == meeting.id)
        .order_by(Member.name, Member.id)
    ).all()
    return [a for a in rows if a.response != Response.NO or a.is_attended]


def set_attended(
    session: Session, meeting: Meeting, attended_ids: set[int], *, now: datetime
) -> int:
    """Tick exactly these attendances as present (the rest of the list as absent)."""
    if meeting.state == MeetingState.CANCELLED:
        raise CheckInError(_("This session is cancelled."))
    session.execute(
        update(Attendance)
        .where(Attendance.meeting_id == meeting.id, Attendance.id.in_(attended_ids))
        .where(Attendance.is_attended.is_(False))
        .values(is_attended=True, checked_in_dt=now)
    )
    session.execute(
        update(Attendance)
        .where(Attendance.meeting_id == meeting.id, Attendance.id.not_in(attended_ids))
        .values(is_attended=False, checked_in_dt=None)
    )
    if attended_ids and meeting.state == MeetingState.INVITATIONS_SENT and meeting.starts_dt <= now:
        meeting.state = MeetingState.HELD
    session.flush()
    return len(attended_ids)


def add_walk_in(
    session: Session, meeting: Meeting, name: str, email: str | None, *, now: datetime
) -> Attendance:
    """Someone at the door: an existing member by email, or a new member of the network."""
    if meeting.state == MeetingState.CANCELLED:
        raise CheckInError(_("This session is cancelled."))
    name = " ".join((name or "").split())
    if not name:
        raise CheckInError(_("Write the person's name."))
    email = normalise_email(email)
    member = session.scalar(select(Member).where(Member.email == email)) if email else None
    if member is None:
        member = Member(
            name=name, email=email, notes=_("Walked in at %(title)s", title=meeting.title)
        )
        session.add(member)
        session.flush()
    attendance = session.scalar(
        select(Attendance).where(
            Attendance.meeting_id == meeting.id, Attendance.member_id == member.id
        )
    )
    if attendance is None:
        attendance = Attendance(meeting_id=meeting.id, member_id=member.id, is_walk_in=True)
        session.add(attendance)
    attendance.is_attended = True
    attendance.checked_in_dt = now
    session.flush()
    return attendance
