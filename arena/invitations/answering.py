"""The RSVP link's two statements: read the page, record the answer. Lean, for the burst.

After a mass invitation hundreds of members answer within a minute (issue 15: 300 answers a
second on 2 cores), each with a GET of the signed link and a POST of the confirmation. So
each request runs one prepared Core statement on an autocommit connection
(``run_statements``): no ORM session, no identity map, no BEGIN, COMMIT or ROLLBACK, no ping,
no query of the throttle's own. The GET's SELECT reads everything the page shows, the
member's language and the throttle's verdict on the client's address; the POST's UPDATE
records the answer only while the session is open (``answers_open``) and the address is not
held back, and returns what the thank-you page shows. When it records nothing, the caller
reads the page to say why (closed, held back, or no such invitation): a rare path.

Two answers sent at once (a double click, a second device) are two UPDATEs of the
invitation's one row: the later one stays, and each answer is recorded once, with no
read-modify-write in between that could lose or double it. Running a statement again after
a lost connection changes nothing either. The statements are built once with bound
parameters, so SQLAlchemy compiles each once per process and PostgreSQL prepares it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, select, update

from arena import throttle
from arena.arenas.answers import answers_open
from arena.arenas.models import ArenaSeries, Attendance, Meeting, MeetingState, Response
from arena.db import run_statements
from arena.members.models import Member


@dataclass(frozen=True)
class AnswerPage:
    """An invitation as its confirm page, or the page that says answers are closed, shows."""

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
    #: ``answers_open`` now
    is_open: bool


@dataclass(frozen=True)
class Answered:
    """A recorded answer, as the thank-you page shows it."""

    response: Response
    title: str
    starts_dt: datetime
    language: str | None


#: the client's address is held back while this is not NULL (arena/throttle.py)
HELD_SINCE = throttle.address_failure(bindparam("address"), bindparam("since")).scalar_subquery()

PAGE = (
    select(
        Attendance.response,
        Meeting.title,
        ArenaSeries.name.label("series_name"),
        Meeting.starts_dt,
        Meeting.location,
        Meeting.online_url,
        Meeting.state,
        Meeting.cancellation_reason,
        Member.language,
        answers_open(bindparam("now")).label("is_open"),
        HELD_SINCE.label("held_since"),
    )
    .join(Meeting, Meeting.id == Attendance.meeting_id)
    .join(ArenaSeries, ArenaSeries.id == Meeting.series_id)
    .join(Member, Member.id == Attendance.member_id)
    .where(Attendance.id == bindparam("attendance_id"))
)

#: ``updated_dt`` is set by its column's onupdate, as through the ORM
RECORD = (
    update(Attendance)
    .where(
        Attendance.id == bindparam("attendance_id"),
        Meeting.id == Attendance.meeting_id,
        Member.id == Attendance.member_id,
        answers_open(bindparam("now")),
        HELD_SINCE.is_(None),
    )
    .values(response=bindparam("answer"), responded_dt=bindparam("now"))
)
#: PostgreSQL returns columns of the joined tables from an UPDATE, so the thank-you page
#: comes with it; SQLite returns only the updated table's, so there a SELECT follows (no
#: round trip: SQLite is in the process)
RECORD_RETURNING = RECORD.returning(Meeting.title, Meeting.starts_dt, Member.language)
ANSWERED = (
    select(Meeting.title, Meeting.starts_dt, Member.language)
    .select_from(Attendance)
    .join(Meeting, Meeting.id == Attendance.meeting_id)
    .join(Member, Member.id == Attendance.member_id)
    .where(Attendance.id == bindparam("attendance_id"))
)


def _parameters(attendance_id: int, address: str, now: datetime) -> dict:
    return {"attendance_id": attendance_id, "address": address, "now": now,
            "since": now - throttle.WINDOW}  # fmt: skip


def read_invitation(attendance_id: int, *, address: str, now: datetime) -> AnswerPage | None:
    """The invitation's page, or None when no invitation has this id. Raises ``Throttled``
    when this address has had too many unusable links lately, as ``read_token`` would."""
    row = run_statements(
        lambda connection: connection.execute(
            PAGE, _parameters(attendance_id, address, now)
        ).one_or_none()
    )  # fmt: skip
    if row is None:
        return None
    until = throttle.held_until(row.held_since)
    if until is not None:
        raise throttle.Throttled(until)
    fields = row._asdict()
    del fields["held_since"]
    return AnswerPage(**fields)


def answer_invitation(
    attendance_id: int, answer: Response, *, address: str, now: datetime
) -> Answered | None:
    """Record ``answer``; what the thank-you page shows, or None when nothing was recorded:
    the session is closed, the address held back, or no invitation has this id."""
    parameters = {**_parameters(attendance_id, address, now), "answer": answer}

    def record(connection) -> Answered | None:
        if connection.dialect.name == "postgresql":
            row = connection.execute(RECORD_RETURNING, parameters).one_or_none()
        elif connection.execute(RECORD, parameters).rowcount == 1:
            row = connection.execute(ANSWERED, parameters).one_or_none()
        else:
            row = None
        return None if row is None else Answered(answer, *row)

    return run_statements(record)
