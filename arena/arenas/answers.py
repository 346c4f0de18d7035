"""Answers to a session's invitation: recording one (from the RSVP link), and the list,
counts and spreadsheet of everyone's answers for the organisers."""

from __future__ import annotations

import csv
import io
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from arena.arenas.models import Attendance, MeetingState, Response
from arena.members.models import Member


class AnswerError(ValueError):
    """The answer cannot be recorded; the message says why, for the member."""


def answers_closed(attendance: Attendance, *, now: datetime) -> str | None:
    """Why this invitation can no longer be answered, for the member; None while it can."""
    meeting = attendance.meeting
    if meeting.state == MeetingState.CANCELLED:
        return _("This session is cancelled, so there is nothing to answer.")
    if meeting.starts_dt <= now:
        return _("This session has already started; answers are closed.")
    return None


def record_response(
    session: Session, attendance: Attendance, answer: str, *, now: datetime
) -> Attendance:
    """Yes, no or maybe; may be changed until the session starts."""
    closed = answers_closed(attendance, now=now)
    if closed:
        raise AnswerError(closed)
    try:
        response = Response(answer)
    except ValueError as exc:
        raise AnswerError(_("Choose yes, no or maybe.")) from exc
    attendance.response = response
    attendance.responded_dt = now
    session.flush()
    return attendance


def answer_rows(session: Session, meeting_id: int) -> list:
    """Everyone invited or present, with their answer, in name order (one query)."""
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


def answers_for_script(rows) -> list[dict]:
    """The rows as the session page's script reads them."""
    return [
        {"id": r.id, "response": r.response.value if r.response else None,
         "attended": r.is_attended}
        for r in rows
    ]  # fmt: skip


def _cell(text: str) -> str:
    """A spreadsheet would run a cell starting with = + - @ as a formula: make it text."""
    return "'" + text if text.startswith(("=", "+", "-", "@", "\t", "\r")) else text


def answers_csv(rows) -> str:
    """The answer list as CSV, one line per invited or present member."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["name", "email", "answer", "answered_at_utc", "attended", "walk_in"])
    for r in rows:
        writer.writerow([
            _cell(r.name), _cell(r.email or ""), r.response.value if r.response else "",
            r.responded_dt.isoformat() if r.responded_dt else "",
            "yes" if r.is_attended else "no", "yes" if r.is_walk_in else "no",
        ])  # fmt: skip
    return out.getvalue()
