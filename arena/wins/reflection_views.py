"""Organisers (and programme leads) read the reflections: per session, and per series over time."""

from __future__ import annotations

from flask import Blueprint, abort, render_template
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from arena.arenas.models import ArenaSeries, Meeting, MeetingState
from arena.auth.access import STAFF, allowed
from arena.db import get_session
from arena.members.models import Member
from arena.wins import reflections
from arena.wins.models import Reflection

bp = Blueprint("reflections", __name__, url_prefix="/reflections")


@bp.route("/")
@allowed(*STAFF)
def index():
    """Each series, and the recently held sessions with how many answered."""
    session = get_session()
    answered = (
        select(Reflection.meeting_id, func.count(Reflection.id).label("n"))
        .group_by(Reflection.meeting_id)
        .subquery()
    )
    recent = session.execute(
        select(Meeting, func.coalesce(answered.c.n, 0))
        .outerjoin(answered, answered.c.meeting_id == Meeting.id)
        .options(selectinload(Meeting.series))
        .where(Meeting.state == MeetingState.HELD)
        .order_by(Meeting.starts_dt.desc())
        .limit(20)
    ).all()
    series = session.scalars(select(ArenaSeries).order_by(ArenaSeries.name)).all()
    return render_template("wins/reflections_index.html", recent=recent, series=series)


@bp.route("/sessions/<int:meeting_id>")
@allowed(*STAFF)
def meeting(meeting_id: int):
    session = get_session()
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        abort(404)
    answers = reflections.answers_for_meeting(session, meeting_id)
    ids = {a.member_id for a in answers if a.member_id}
    members = (
        {m.id: m for m in session.scalars(select(Member).where(Member.id.in_(ids)))} if ids else {}
    )
    return render_template(
        "wins/reflections_meeting.html", meeting=meeting, answers=answers, members=members
    )


@bp.route("/series/<int:series_id>")
@allowed(*STAFF)
def series(series_id: int):
    """The same three questions over time: each held session of the series in order."""
    session = get_session()
    found = session.get(ArenaSeries, series_id)
    if found is None:
        abort(404)
    return render_template(
        "wins/reflections_series.html",
        series=found,
        rows=reflections.series_over_time(session, series_id),
    )
