"""Organisers (and programme leads) read the reflections: per session, and per series over time."""

from __future__ import annotations

from flask import abort, render_template

from arena.arenas.models import ArenaSeries, Meeting
from arena.auth.access import STAFF, allowed
from arena.db import get_row, get_session
from arena.wins import reflections


@allowed(*STAFF)
def index():
    """Each series, and the recently held sessions with how many answered."""
    session = get_session()
    return render_template(
        "wins/reflections_index.html",
        recent=reflections.recent_sessions(session),
        series=reflections.series_by_name(session),
    )


@allowed(*STAFF)
def meeting(meeting_id: int):
    session = get_session()
    meeting = get_row(session, Meeting, meeting_id)
    if meeting is None:
        abort(404)
    answers, members = reflections.answers_for_meeting(session, meeting_id)
    return render_template(
        "wins/reflections_meeting.html", meeting=meeting, answers=answers, members=members
    )


@allowed(*STAFF)
def series(series_id: int):
    """The same three questions over time: each held session of the series in order."""
    session = get_session()
    found = get_row(session, ArenaSeries, series_id)
    if found is None:
        abort(404)
    return render_template(
        "wins/reflections_series.html",
        series=found,
        rows=reflections.series_over_time(session, series_id),
        shown=reflections.ANSWERS_SHOWN,
    )
