"""The check-in list on the day: who was invited or answered, who came, and walk-ins."""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select, update
from sqlalchemy.orm import Session, joinedload

from arena.arenas.models import Attendance, Meeting, MeetingState, Response
from arena.members.models import Member, normalise_email


class CheckInError(ValueError):
    """The check-in cannot be recorded; the message says why."""


def checkin_list(session: Session, meeting: Meeting, query: str = "") -> list[Attendance]:
    """Everyone on the list for the day, by name (at a door the alphabet is what helps); those
    who said no are left out unless they came. ``query`` keeps the names containing it."""
    rows = session.scalars(
        select(Attendance)
        .join(Member, Member.id == Attendance.member_id)
        .options(joinedload(Attendance.member))
        .where(Attendance.meeting_id == meeting.id)
        .order_by(Member.name, Member.id)
    ).all()
    query = " ".join(query.split()).lower()
    return [
        a
        for a in rows
        if (a.response != Response.NO or a.is_attended) and query in a.member.name.lower()
    ]


def _mark_held(meeting: Meeting, now: datetime) -> None:
    """Someone came to a session that has started: it was held (reflections follow from that)."""
    open_states = (MeetingState.PLANNED, MeetingState.INVITATIONS_SENT)
    if meeting.state in open_states and meeting.starts_dt <= now:
        meeting.state = MeetingState.HELD


def set_attended(
    session: Session, meeting: Meeting, listed_ids: set[int], attended_ids: set[int],
    *, now: datetime,
) -> int:  # fmt: skip
    """Of the people the form listed, tick these as present and the others as absent.

    People the form did not show (a search was on) keep what they had.
    """
    if meeting.state == MeetingState.CANCELLED:
        raise CheckInError(_("This session is cancelled."))
    attended_ids = attended_ids & listed_ids
    session.execute(
        update(Attendance)
        .where(Attendance.meeting_id == meeting.id, Attendance.id.in_(attended_ids))
        .where(Attendance.is_attended.is_(False))
        .values(is_attended=True, checked_in_dt=now)
    )
    session.execute(
        update(Attendance)
        .where(Attendance.meeting_id == meeting.id, Attendance.id.in_(listed_ids - attended_ids))
        .values(is_attended=False, checked_in_dt=None)
    )
    if attended_ids:
        _mark_held(meeting, now)
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
    _mark_held(meeting, now)
    session.flush()
    return attendance
