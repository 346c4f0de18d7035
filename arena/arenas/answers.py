"""Answers to a session's invitation: when one may be given (the RSVP link records it,
arena/invitations/answering.py), and the list, counts and spreadsheet of everyone's answers
for the organisers."""

from __future__ import annotations

import csv
import io

from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, and_, select
from sqlalchemy.orm import Session

from arena.arenas.models import Attendance, Meeting, MeetingState, Response
from arena.members.models import Member

#: what a member who sent no answer, or one we do not know, is asked
CHOOSE = _l("Choose yes, no or maybe.")
CANCELLED = _l("This session is cancelled, so there is nothing to answer.")
STARTED = _l("This session has already started; answers are closed.")


def answers_open(now) -> ColumnElement[bool]:
    """The rule, in SQL on ``Meeting``: a session's invitation may be answered, and the answer
    changed, until the session starts, unless it is cancelled. ``now``: a time or a bound
    parameter. In SQL so the UPDATE that records an answer checks it in the same statement
    (arena/invitations/answering.py), and the page that shows why not reads it with the rest."""
    return and_(Meeting.state != MeetingState.CANCELLED, Meeting.starts_dt > now)


def closed_reason(state: MeetingState, is_open: bool) -> str | None:
    """Why the invitation to a session in ``state`` can no longer be answered, for the member
    (lazy: in the language of the page); None while it can (``is_open``: ``answers_open``)."""
    if is_open:
        return None
    return CANCELLED if state == MeetingState.CANCELLED else STARTED


def chosen_response(value: object) -> Response | None:
    """An answer as a member sent it ("yes", "no", "maybe"), or None for anything else."""
    try:
        return Response(value)
    except ValueError:
        return None


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
