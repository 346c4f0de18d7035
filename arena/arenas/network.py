"""What sessions add to the network's pages: filters, history, a copy of one's data, merges.

The network (``arena/members/``) sits below sessions and never imports them; these functions
answer its hooks (``arena/hooks.py``) and are connected in ``arena/arenas/hooks.py``.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, contains_eager, load_only, selectinload

from arena.arenas.models import ArenaSeries, Attendance, Meeting, Response, SeriesFollower
from arena.hooks import Section
from arena.members.filters import MemberFilter, as_int, start_of_day
from arena.members.models import Member
from arena.members.organisation_history import SHOWN


def _attended_since(moment: datetime):
    """Attended a session that started at or after ``moment``: the latest session they
    attended started then or later.

    ``Member.last_attended_dt`` is kept by the database (triggers of migration members_0001)
    and indexed with the name beside it, so this is one range of that index. Asking which
    attendances of the sessions since then were attended, and joining them to the members,
    hashed a year's 75,000 attendances and joined them to every member at 200,000 members
    (122 ms of SQL on PostgreSQL for "attended last year").
    """
    return Member.last_attended_dt >= moment


def _in_series(value: str, _now: datetime):
    """Invited to or attended one of the series' sessions, or follows the series."""
    series_id = as_int(value)
    return or_(
        Member.id.in_(
            select(Attendance.member_id)
            .join(Meeting, Meeting.id == Attendance.meeting_id)
            .where(Meeting.series_id == series_id)
        ),
        Member.id.in_(
            select(SeriesFollower.member_id).where(SeriesFollower.series_id == series_id)
        ),
    )


def _attended(value: str, now: datetime):
    """ "last-year": attended a session in the 365 days before now."""
    if value != "last-year":
        return None  # any other value filters nothing
    return _attended_since(now - timedelta(days=365))


def _series_options(session: Session) -> list:
    return list(
        session.execute(select(ArenaSeries.id, ArenaSeries.name).order_by(ArenaSeries.name))
    )


def member_filters() -> list[MemberFilter]:
    return [
        MemberFilter("series", _in_series, _series_options),
        MemberFilter("attended", _attended, on_own_columns=True),
        MemberFilter(
            "attended_since",
            lambda value, _now: _attended_since(start_of_day(value)),
            on_own_columns=True,
        ),
    ]


def sessions_attended(session: Session, member_ids: list[int]) -> dict[int, int]:
    if not member_ids:
        return {}
    return dict(
        session.execute(
            select(Attendance.member_id, func.count(Attendance.id))
            .where(Attendance.member_id.in_(member_ids), Attendance.is_attended.is_(True))
            .group_by(Attendance.member_id)
        ).all()
    )


def member_sessions(session: Session, member_id: int) -> Section:
    """Every session the member was invited to or came to, newest first (one query)."""
    attendances = list(
        session.scalars(
            select(Attendance)
            .join(Meeting, Meeting.id == Attendance.meeting_id)
            .options(contains_eager(Attendance.meeting).joinedload(Meeting.series))
            .where(Attendance.member_id == member_id)
            .order_by(Meeting.starts_dt.desc())
        )
    )
    figures = {
        "invited": sum(1 for a in attendances if a.invited_dt is not None),
        "attended": sum(1 for a in attendances if a.is_attended),
    }
    return Section(
        "sessions", "arenas/_member_sessions.html", _l("Sessions"), attendances, figures,
        wide=True,
    )  # fmt: skip


def organisation_sessions(session: Session, organisation_id: int, staff: Select) -> Section:
    """The sessions its people attended, with how many of them came (one query).

    Counted per session from the attendance index first, then joined to the sessions: joining
    every attendance to its session before grouping looked each session up once per attendee
    (107 -> 50 ms for the biggest organisation, 2,800 people, at 200,000 members)."""
    came = (
        select(Attendance.meeting_id, func.count().label("people"))
        .where(Attendance.is_attended.is_(True), Attendance.member_id.in_(staff))
        .group_by(Attendance.meeting_id)
        .subquery()
    )
    rows = session.execute(
        select(Meeting, came.c.people)
        .join(came, came.c.meeting_id == Meeting.id)
        # what the page shows: not the programmes, nor the series' invitation texts
        .options(
            load_only(Meeting.title, Meeting.starts_dt, Meeting.series_id),
            selectinload(Meeting.series).load_only(ArenaSeries.name),
        )
        .order_by(Meeting.starts_dt.desc())
        .limit(SHOWN)
    ).all()
    return Section(
        "sessions", "arenas/_organisation_sessions.html", _l("Sessions"),
        [(meeting, people) for meeting, people in rows], wide=True, compared=False,
    )  # fmt: skip


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def personal_data(_session: Session, _member: Member, history) -> dict:
    return {
        "sessions": [
            {
                "series": a.meeting.series.name,
                "title": a.meeting.title,
                "starts": _iso(a.meeting.starts_dt),
                "invited": _iso(a.invited_dt),
                "response": a.response and str(a.response),
                "responded": _iso(a.responded_dt),
                "attended": a.is_attended,
                "walk_in": a.is_walk_in,
            }
            for a in history.items("sessions")
        ]
    }


def last_session(member_ids: Select) -> Select:
    return (
        select(Attendance.member_id, func.max(Meeting.starts_dt))
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .where(Attendance.member_id.in_(member_ids))
        .group_by(Attendance.member_id)
    )


#: how strong an answer is when two duplicates answered the same invitation differently
ANSWER_STRENGTH = {None: 0, Response.NO.value: 1, Response.MAYBE.value: 2, Response.YES.value: 3}


def _earliest(a, b):
    return min(x for x in (a, b) if x is not None) if (a or b) else None


def _value(response):
    return getattr(response, "value", response)


def _combine_attendance(kept: dict, dropped: dict) -> dict:
    """One person, one session: came if either came; the strongest answer counts."""
    values = {
        "is_attended": kept["is_attended"] or dropped["is_attended"],
        "is_walk_in": kept["is_walk_in"] and dropped["is_walk_in"],
        "invited_dt": _earliest(kept["invited_dt"], dropped["invited_dt"]),
        "checked_in_dt": _earliest(kept["checked_in_dt"], dropped["checked_in_dt"]),
    }
    strength = ANSWER_STRENGTH.get
    if strength(_value(dropped["response"]), 0) > strength(_value(kept["response"]), 0):
        values["response"] = dropped["response"]
        values["responded_dt"] = dropped["responded_dt"]
    return values


def merge_combiners() -> dict:
    return {"attendances": _combine_attendance}
