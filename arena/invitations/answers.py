"""What a member does from a link in an email: answer an invitation, unsubscribe."""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import update
from sqlalchemy.orm import Session

from arena.arenas.models import MeetingState
from arena.invitations.models import (
    Attendance,
    MessageKind,
    MessageStatus,
    OutboxMessage,
    Response,
)
from arena.members.models import Member

#: kinds an unsubscribed member no longer gets, even when queued before they left
MAILING_KINDS = (
    MessageKind.INVITATION,
    MessageKind.UPDATE,
    MessageKind.CANCELLATION,
    MessageKind.REMINDER,
    MessageKind.PRACTICAL_NOTE,
    MessageKind.REFLECTION,
    MessageKind.STICK_CHECK,
)


class AnswerError(ValueError):
    """The answer cannot be recorded; the message says why, for the member."""


def record_response(
    session: Session, attendance: Attendance, answer: str, *, now: datetime
) -> Attendance:
    """Yes, no or maybe; may be changed until the session starts."""
    try:
        response = Response(answer)
    except ValueError as exc:
        raise AnswerError(_("Choose yes, no or maybe.")) from exc
    meeting = attendance.meeting
    if meeting.state == MeetingState.CANCELLED:
        raise AnswerError(_("This session is cancelled, so there is nothing to answer."))
    if meeting.starts_dt <= now:
        raise AnswerError(_("This session has already started; answers are closed."))
    attendance.response = response
    attendance.responded_dt = now
    session.flush()
    return attendance


def unsubscribe_member(session: Session, member: Member, *, now: datetime) -> bool:
    """Stop all mailings to the member, including any already queued; False if done before."""
    if member.unsubscribed_at is not None:
        return False
    member.unsubscribed_at = now
    session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.member_id == member.id,
            OutboxMessage.status == MessageStatus.PENDING,
            OutboxMessage.kind.in_(MAILING_KINDS),
        )
        .values(status=MessageStatus.FAILED, last_error="not sent: the member unsubscribed")
    )
    session.flush()
    return True


def answer_rows(session: Session, meeting_id: int) -> list:
    """Everyone invited or present, with their answer, in name order (one query)."""
    from sqlalchemy import select

    return session.execute(
        select(
            Attendance.id,
            Member.name,
            Member.email,
            Attendance.response,
            Attendance.responded_dt,
            Attendance.is_attended,
            Attendance.is_walk_in,
        )
        .join(Member, Member.id == Attendance.member_id)
        .where(Attendance.meeting_id == meeting_id)
        .order_by(Member.name, Member.id)
    ).all()


def answer_counts(rows) -> dict[str, int]:
    counts = {"invited": len(rows), "yes": 0, "no": 0, "maybe": 0, "none": 0, "attended": 0}
    for row in rows:
        counts[row.response.value if row.response else "none"] += 1
        counts["attended"] += int(row.is_attended)
    return counts


def outbox_summary(session: Session, meeting_id: int) -> tuple[dict[str, int], list]:
    """Messages of a session by status, and the failed ones with the server's words."""
    from sqlalchemy import func, select

    counts = dict(
        session.execute(
            select(OutboxMessage.status, func.count())
            .where(OutboxMessage.meeting_id == meeting_id)
            .group_by(OutboxMessage.status)
        ).all()
    )
    failed = session.execute(
        select(OutboxMessage.recipient, OutboxMessage.kind, OutboxMessage.last_error)
        .where(OutboxMessage.meeting_id == meeting_id, OutboxMessage.status == MessageStatus.FAILED)
        .order_by(OutboxMessage.id)
        .limit(200)
    ).all()
    return {status.value: n for status, n in counts.items()}, failed
