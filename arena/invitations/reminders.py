"""Reminders to those who have not answered, and the practical note the day before.

Run by the scheduler (``queue-reminders``) with the current time. Each message's outbox key
names the session and the member, so however often the job runs, a member gets each at most
once. Timing, text and who gets the reminder (``ReminderTo``: not answered, or not answered or
maybe) are the series' defaults, overridden per session where ``Meeting.reminder_*`` is set.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from arena.arenas.models import Attendance, Meeting, MeetingState, ReminderTo, Response
from arena.invitations.audience import invited_recipients
from arena.invitations.calendar import mail_domain
from arena.invitations.compose import MessageBuilder
from arena.invitations.models import MessageKind
from arena.invitations.outbox import queue_many

log = logging.getLogger("arena.invitations")
#: the longest reminder lead time we look ahead for
LOOKAHEAD = timedelta(days=60)


@dataclass
class ReminderReport:
    reminders: int = 0
    notes: int = 0


def reminder_days(meeting: Meeting) -> int:
    if meeting.reminder_days_before is not None:
        return meeting.reminder_days_before
    return meeting.series.reminder_days_before


def reminder_to(meeting: Meeting) -> ReminderTo:
    return meeting.reminder_to or meeting.series.reminder_to or ReminderTo.UNANSWERED


def reminder_texts(meeting: Meeting) -> tuple[str, str]:
    series = meeting.series
    return (
        meeting.reminder_subject or series.reminder_subject or "{{ session.title }}",
        meeting.reminder_body or series.reminder_body or "",
    )


def practical_note_texts(meeting: Meeting) -> tuple[str, str]:
    return _l("Tomorrow: {{ session.title }}"), meeting.series.practical_note_body or ""


def english_reminder(meeting: Meeting) -> tuple[str | None, str | None]:
    """The series' English reminder, for members who chose English; a session with its own
    reminder text has none (everyone gets the session's text)."""
    if meeting.reminder_subject or meeting.reminder_body:
        return None, None
    return meeting.series.reminder_subject_en, meeting.series.reminder_body_en


def _recipients(session: Session, meeting: Meeting, responses, invited_before: datetime | None):
    """Those invited (before ``invited_before``) whose answer is one of ``responses``."""
    wanted = [r for r in responses if r is not None]
    condition = Attendance.response.in_(wanted) if wanted else None
    if None in responses:
        none = Attendance.response.is_(None)
        condition = none if condition is None else (none | condition)
    conditions = [condition]
    if invited_before is not None:
        conditions.append(Attendance.invited_dt < invited_before)
    return invited_recipients(session, meeting, *conditions)


def reminder_builder(meeting: Meeting) -> MessageBuilder:
    """The builder of a session's reminders, in each member's language; the scheduler and a
    retry of a message whose template failed both take it from here."""
    subject, body = reminder_texts(meeting)
    return MessageBuilder(meeting, meeting.series, subject, body, english=english_reminder(meeting))


def practical_note_builder(meeting: Meeting) -> MessageBuilder:
    """The builder of the practical note the day before, like ``reminder_builder``."""
    subject, body = practical_note_texts(meeting)
    english = (None, meeting.series.practical_note_body_en)
    return MessageBuilder(meeting, meeting.series, subject, body, english=english)


def _queue(session, meeting, kind, builder: MessageBuilder, recipients, now) -> int:
    messages = [
        {**builder.build(recipient, attendance_id),
         "key": f"{kind.value}:meeting={meeting.id}:member={recipient.member_id}",
         "kind": kind, "recipient": recipient.email, "member_id": recipient.member_id,
         "meeting_id": meeting.id, "due_dt": now}
        for attendance_id, recipient in recipients
    ]  # fmt: skip
    return queue_many(session, messages, domain=mail_domain(current_app.config["MAIL_FROM"]))


def queue_due_reminders(session: Session, now: datetime) -> ReminderReport:
    """Queue every reminder and practical note due at ``now`` for sessions still ahead."""
    # each message is written in its recipient's language (MessageBuilder)
    return _queue_due(session, now)


def _queue_due(session: Session, now: datetime) -> ReminderReport:
    report = ReminderReport()
    meetings = session.scalars(
        select(Meeting)
        .options(selectinload(Meeting.series))
        .where(
            Meeting.state == MeetingState.INVITATIONS_SENT,
            Meeting.starts_dt > now,
            Meeting.starts_dt <= now + LOOKAHEAD,
        )
    )
    for meeting in meetings:
        days = reminder_days(meeting)
        remind_at = meeting.starts_dt - timedelta(days=days)
        if days > 0 and now >= remind_at and reminder_texts(meeting)[1].strip():
            who = reminder_to(meeting)
            responses = [None, Response.MAYBE] if who == ReminderTo.UNANSWERED_OR_MAYBE else [None]
            try:
                report.reminders += _queue(
                    session, meeting, MessageKind.REMINDER, reminder_builder(meeting),
                    _recipients(session, meeting, responses, remind_at), now,
                )  # fmt: skip
            except Exception:  # noqa: BLE001 - a broken template must not stop other sessions
                log.exception("reminder for session %s not queued", meeting.id)
        note_body = practical_note_texts(meeting)[1]
        if now >= meeting.starts_dt - timedelta(days=1) and note_body.strip():
            try:
                report.notes += _queue(
                    session, meeting, MessageKind.PRACTICAL_NOTE, practical_note_builder(meeting),
                    _recipients(session, meeting, [Response.YES], None), now,
                )  # fmt: skip
            except Exception:  # noqa: BLE001
                log.exception("practical note for session %s not queued", meeting.id)
    session.flush()
    return report
