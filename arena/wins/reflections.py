"""The three monitoring questions, asked of every attendee after a session is marked held.

The source recommends monitoring with the same short questions after every meeting. The job
queues one email per attendee (the outbox key makes a rerun a no-op); the link in it is a
signed token naming the meeting and member, answerable once and without logging in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import Select, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, load_only, selectinload

from arena.arenas.models import ArenaSeries, Attendance, Meeting, MeetingState
from arena.db import get_row
from arena.invitations.models import MessageKind, OutboxMessage
from arena.invitations.outbox import queue_many
from arena.mail import external_url, in_language, one_line, render_email
from arena.members.models import Member
from arena.tokens import TokenError, make_token, read_token
from arena.wins.links import REFLECTION
from arena.wins.models import Reflection

#: sessions marked held longer ago than this are not asked about any more
LOOK_BACK = timedelta(days=21)


class AlreadyAnswered(ValueError):
    """This member already answered for this session; the first answers stand."""


def reflection_token(meeting_id: int, member_id: int) -> str:
    return make_token(REFLECTION, {"m": meeting_id, "p": member_id})


def load_reflection_link(session: Session, token: str) -> tuple[Meeting, Member]:
    """The session and the member a reflection link is for; TokenError when it is broken,
    expired, made for something else, or either is gone."""
    data = read_token(REFLECTION, token, "m", "p")
    meeting, member = get_row(session, Meeting, data["m"]), get_row(session, Member, data["p"])
    if meeting is None or member is None:
        raise TokenError("invalid", REFLECTION)
    return meeting, member


def send_reflection_requests(session: Session, now: datetime, meeting_id: int | None = None) -> int:
    """Queue the questions for each attendee of recently held sessions (or of the one session
    given, e.g. by the sessions code right after marking it held); returns how many new."""
    return _send_reflection_requests(session, now, meeting_id)


def _send_reflection_requests(session: Session, now: datetime, meeting_id: int | None) -> int:
    stmt = (
        select(Attendance)
        .join(Meeting, Attendance.meeting_id == Meeting.id)
        .options(selectinload(Attendance.member), selectinload(Attendance.meeting))
        .where(
            Meeting.state == MeetingState.HELD,
            Meeting.ends_dt <= now,
            Meeting.ends_dt >= now - LOOK_BACK,
            Attendance.is_attended.is_(True),
        )
    )
    if meeting_id is not None:
        stmt = stmt.where(Meeting.id == meeting_id)
    attendances = session.scalars(stmt).all()
    keys = {_key(a.meeting_id, a.member_id): a for a in attendances if a.member.may_be_mailed}
    wanted, asked = list(keys), set()
    for start in range(0, len(wanted), 500):  # the job runs every few minutes: skip the asked
        chunk = wanted[start : start + 500]
        asked.update(session.scalars(select(OutboxMessage.key).where(OutboxMessage.key.in_(chunk))))
    messages = []
    for key, attendance in keys.items():
        if key in asked:
            continue
        member, meeting = attendance.member, attendance.meeting
        with in_language(member.language):
            text, html = render_email(
                "reflections_request",
                member=member,
                meeting=meeting,
                form_url=external_url(
                    "wins.answer_reflection", token=reflection_token(meeting.id, member.id)
                ),
                win_url=external_url("wins.quick", meeting=meeting.id),
            )
            subject = _("Three questions about “%(title)s”", title=one_line(meeting.title))
        messages.append(
            {
                "key": key,
                "kind": MessageKind.REFLECTION,
                "recipient": member.email,
                "subject": subject,
                "body_text": text,
                "body_html": html,
                "member_id": member.id,
                "meeting_id": meeting.id,
                "due_dt": now,
            }
        )
    queued = queue_many(session, messages) if messages else 0
    session.flush()
    return queued


def _key(meeting_id: int, member_id: int) -> str:
    return f"reflection:meeting={meeting_id}:member={member_id}"


def has_answered(session: Session, meeting_id: int, member_id: int) -> bool:
    return bool(
        session.scalar(
            select(func.count(Reflection.id)).where(
                Reflection.meeting_id == meeting_id, Reflection.member_id == member_id
            )
        )
    )


def record_reflection(
    session: Session,
    meeting_id: int,
    member_id: int,
    *,
    of_value: str,
    want_more_of: str,
    do_differently: str,
) -> Reflection:
    """Store the answers once; a second attempt with the same link is refused."""
    if has_answered(session, meeting_id, member_id):
        raise AlreadyAnswered(_("You already answered these questions. Thank you!"))
    reflection = Reflection(
        meeting_id=meeting_id,
        member_id=member_id,
        of_value=of_value.strip(),
        want_more_of=want_more_of.strip(),
        do_differently=do_differently.strip(),
    )
    try:
        with session.begin_nested():
            session.add(reflection)
            session.flush()
    except IntegrityError as exc:  # two submissions at the same moment
        raise AlreadyAnswered(_("You already answered these questions. Thank you!")) from exc
    return reflection


def answers_for_meeting(
    session: Session, meeting_id: int
) -> tuple[list[Reflection], dict[int, Member]]:
    """The answers given for one session in the order they came, and who gave them by id."""
    answers = list(
        session.scalars(
            select(Reflection)
            .where(Reflection.meeting_id == meeting_id)
            .order_by(Reflection.created_dt, Reflection.id)
        )
    )
    ids = {a.member_id for a in answers if a.member_id}
    members = session.scalars(select(Member).where(Member.id.in_(ids))) if ids else []
    return answers, {m.id: m for m in members}


def recent_sessions(session: Session, limit: int = 20) -> list[tuple[Meeting, int]]:
    """The latest held sessions, each with how many reflections came in."""
    return [(meeting, n) for meeting, n in session.execute(recent_sessions_query(limit))]


def recent_sessions_query(limit: int) -> Select:
    """The sessions are chosen first and only theirs are counted, from the index of
    reflections by session: grouping every reflection by session before choosing read all
    214,000 of them at 200,000 members."""
    newest = (Meeting.starts_dt.desc(), Meeting.id.desc())
    latest = (
        select(Meeting.id).where(Meeting.state == MeetingState.HELD).order_by(*newest).limit(limit)
    )
    answered = (
        select(func.count(Reflection.id))
        .where(Reflection.meeting_id == Meeting.id)
        .correlate(Meeting)
        .scalar_subquery()
    )
    return (
        select(Meeting, answered)
        .options(selectinload(Meeting.series).load_only(ArenaSeries.name, raiseload=True))
        .where(Meeting.id.in_(latest))
        .order_by(*newest)
    )


def series_by_name(session: Session) -> list[ArenaSeries]:
    """Every series by name, for links: their names only, not their invitation texts (250
    series of a few KB each at 200,000 members)."""
    return list(
        session.scalars(
            select(ArenaSeries)
            .options(load_only(ArenaSeries.id, ArenaSeries.name, raiseload=True))
            .order_by(ArenaSeries.name)
        )
    )


#: the series page shows the answers of its latest sessions; each session's page has them all
ANSWERS_SHOWN = 12


@dataclass
class MeetingAnswers:
    meeting: Meeting
    attendees: int
    #: how many answered
    answered: int
    #: the answers themselves, for the latest ``ANSWERS_SHOWN`` sessions only
    answers: list[Reflection]

    @property
    def response_rate(self) -> float:
        return self.answered / self.attendees if self.attendees else 0.0


def _per_meeting(session: Session, column, ids: list[int], *conditions) -> dict[int, int]:
    if not ids:
        return {}
    meeting_id = column.table.c.meeting_id
    return dict(
        session.execute(
            select(meeting_id, func.count(column))
            .where(meeting_id.in_(ids), *conditions)
            .group_by(meeting_id)
        ).all()
    )


def series_over_time(session: Session, series_id: int) -> list[MeetingAnswers]:
    """The held sessions of a series, oldest first, each with its attendees and how many
    answered; the answers themselves of the latest sessions only, so the page does not grow
    with the years (279 KB for the longest series of the 200,000-member demo)."""
    meetings = session.scalars(
        select(Meeting)
        .where(Meeting.series_id == series_id, Meeting.state == MeetingState.HELD)
        .order_by(Meeting.starts_dt)
    ).all()
    ids = [m.id for m in meetings]
    attended = _per_meeting(session, Attendance.id, ids, Attendance.is_attended.is_(True))
    answered = _per_meeting(session, Reflection.id, ids)
    latest = ids[-ANSWERS_SHOWN:]
    answers: dict[int, list[Reflection]] = {i: [] for i in ids}
    if latest:
        for reflection in session.scalars(
            select(Reflection).where(Reflection.meeting_id.in_(latest)).order_by(Reflection.id)
        ):
            answers[reflection.meeting_id].append(reflection)
    return [
        MeetingAnswers(m, attended.get(m.id, 0), answered.get(m.id, 0), answers[m.id])
        for m in meetings
    ]
