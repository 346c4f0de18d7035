"""What the RSVP page needs, in one statement: the lean read behind the burst of answers.

After a mass invitation hundreds of members answer within a minute (issue 15: 300 answers a
second on 2 cores), each with a GET of the signed link and a POST of the confirmation. So the
page reads everything it shows, the member's language, and the throttle's verdict on the
client's address in one prepared SELECT on an autocommit connection (``statement_connection``):
no ORM session, no identity map, no BEGIN or ROLLBACK, no query of the throttle's own. The
statement is built once with bound parameters, so SQLAlchemy compiles it once per process.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import bindparam, select
from sqlalchemy.engine import Connection

from arena import throttle
from arena.arenas.answers import closed_reason, record_response
from arena.arenas.models import ArenaSeries, Attendance, Meeting, MeetingState, Response
from arena.db import run_statements
from arena.members.models import Member


@dataclass(frozen=True)
class AnswerPage:
    """An invitation as its answer pages show it."""

    attendance_id: int
    response: Response | None
    title: str
    series_name: str
    starts_dt: datetime
    location: str | None
    online_url: str | None
    state: MeetingState
    cancellation_reason: str | None
    #: the member's own language, which the page speaks (None: they chose none)
    language: str | None

    def answered(self, response: Response) -> AnswerPage:
        return replace(self, response=response)


#: the page, and the time of the failure that holds this address back (NULL: nothing does)
PAGE = (
    select(
        Attendance.id.label("attendance_id"),
        Attendance.response,
        Meeting.title,
        ArenaSeries.name.label("series_name"),
        Meeting.starts_dt,
        Meeting.location,
        Meeting.online_url,
        Meeting.state,
        Meeting.cancellation_reason,
        Member.language,
        throttle.address_failure(bindparam("address"), bindparam("since"))
        .scalar_subquery()
        .label("held_since"),
    )
    .join(Meeting, Meeting.id == Attendance.meeting_id)
    .join(ArenaSeries, ArenaSeries.id == Meeting.series_id)
    .join(Member, Member.id == Attendance.member_id)
    .where(Attendance.id == bindparam("attendance_id"))
)


def load_answer_page(
    connection: Connection, attendance_id: int, address: str, now: datetime
) -> AnswerPage | None:
    """The invitation's page, or None when no invitation has this id. Raises ``Throttled``
    when this address has had too many unusable links lately, as ``read_token`` would."""
    row = connection.execute(
        PAGE, {"attendance_id": attendance_id, "address": address, "since": now - throttle.WINDOW}
    ).one_or_none()
    if row is None:
        return None
    until = throttle.held_until(row.held_since)
    if until is not None:
        raise throttle.Throttled(until)
    fields = row._asdict()
    del fields["held_since"]
    return AnswerPage(**fields)


def read_or_answer(
    attendance_id: int, answer: Response | None, *, address: str, now: datetime
) -> tuple[AnswerPage | None, bool]:
    """The invitation's page (None: no invitation has this id) and whether ``answer`` was
    recorded: only while the session is open (``closed_reason``), else the page shows why.

    The SELECT and the UPDATE each commit on their own (``run_statements``): the UPDATE sets
    one row's answer, so two answers at once leave one answer, and running it again after a
    lost connection changes nothing. Between the two a session could be cancelled; the
    answer then lands on a cancelled session, as it could in one READ COMMITTED transaction."""

    def work(connection: Connection) -> tuple[AnswerPage | None, bool]:
        page = load_answer_page(connection, attendance_id, address, now)
        if page is None or answer is None or closed_reason(page.state, page.starts_dt, now=now):
            return page, False
        if not record_response(connection, attendance_id, answer, now=now):
            return None, False  # removed since it was read
        return page.answered(answer), True

    return run_statements(work)
