"""Answers to a session's invitation: recording one (from the RSVP link), and the list,
counts and spreadsheet of everyone's answers for the organisers."""

from __future__ import annotations

import csv
import io
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from arena.arenas.models import Attendance, MeetingState, Response
from arena.members.models import Member

#: what a member who sent no answer, or one we do not know, is asked
CHOOSE = _l("Choose yes, no or maybe.")
CANCELLED = _l("This session is cancelled, so there is nothing to answer.")
STARTED = _l("This session has already started; answers are closed.")

#: one UPDATE of one row, prepared once (the answer comes in bursts after a mass invitation);
#: ``updated_dt`` is set by its column's onupdate, as through the ORM
RECORD = (
    update(Attendance)
    .where(Attendance.id == bindparam("attendance_id"))
    .values(response=bindparam("answer"), responded_dt=bindparam("answered_dt"))
)


def closed_reason(state: MeetingState, starts_dt: datetime, *, now: datetime) -> str | None:
    """Why an invitation to a session in ``state`` starting at ``starts_dt`` can no longer be
    answered, for the member (lazy: shown in the language of the page); None while it can."""
    if state == MeetingState.CANCELLED:
        return CANCELLED
    if starts_dt <= now:
        return STARTED
    return None


def chosen_response(value: object) -> Response | None:
    """An answer as a member sent it ("yes", "no", "maybe"), or None for anything else."""
    try:
        return Response(value)
    except ValueError:
        return None


def record_response(
    connection: Connection, attendance_id: int, response: Response, *, now: datetime
) -> bool:
    """Yes, no or maybe; may be changed until the session starts, which the caller checked
    (``closed_reason``) on the row it has just read. Whether the invitation was there.

    One statement on one row, so two answers sent at once (a double click, a second device)
    both land on the invitation's one row and the later one stays: each answer is recorded
    once, with no read-modify-write in between that could lose or double it."""
    result = connection.execute(
        RECORD, {"attendance_id": attendance_id, "answer": response, "answered_dt": now}
    )
    return result.rowcount == 1


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
