"""Calendar feeds: a public feed per series and a private feed per member.

Both use the invitation mails' own event (``invitations/calendar.py: meeting_event``): the
same UID and SEQUENCE, so a calendar holds one event per session whichever way it arrived;
a cancelled session is STATUS:CANCELLED. The public feed leaves out online meeting links
(they are for the invited). The member's feed holds the sessions they were invited to, with
their answer as PARTSTAT; its address is a signed token the member can replace
(``members/calendar_feed.py``), and an erased member's address works no more.
"""

from __future__ import annotations

from flask import Response, abort, current_app
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from arena.arenas.models import ArenaSeries, Attendance, Meeting
from arena.auth.access import public
from arena.db import get_session, utcnow
from arena.invitations.calendar import meeting_event, new_calendar
from arena.members.calendar_feed import member_for_feed

PARTSTAT = {"yes": "ACCEPTED", "no": "DECLINED", "maybe": "TENTATIVE", None: "NEEDS-ACTION"}


def _ics(calendar) -> Response:
    response = Response(calendar.to_ical(), mimetype="text/calendar")
    response.headers["Cache-Control"] = "private, max-age=300"
    return response


@public
def series_feed(series_id: int):
    """Every session of a series, for anyone to subscribe to (webcal://)."""
    session = get_session()
    series = session.get(ArenaSeries, series_id)
    if series is None:
        abort(404)
    meetings = session.scalars(
        select(Meeting).where(Meeting.series_id == series.id).order_by(Meeting.starts_dt)
    )
    mail_from, stamp = current_app.config["MAIL_FROM"], utcnow()
    calendar = new_calendar(name=series.name)
    for meeting in meetings:
        calendar.add_component(
            meeting_event(
                meeting,
                mail_from=mail_from,
                stamp=stamp,
                series_name=series.name,
                with_online_url=False,
            )
        )
    return _ics(calendar)


@public
def member_feed(token: str):
    """The sessions one member was invited to, with their answer and cancellations."""
    session = get_session()
    member = member_for_feed(session, token)
    rows = session.scalars(
        select(Attendance)
        .options(selectinload(Attendance.meeting).selectinload(Meeting.series))
        .where(Attendance.member_id == member.id, Attendance.invited_dt.is_not(None))
    )
    mail_from, stamp = current_app.config["MAIL_FROM"], utcnow()
    calendar = new_calendar(name=member.name)
    for row in rows:
        event = meeting_event(
            row.meeting, mail_from=mail_from, stamp=stamp, series_name=row.meeting.series.name
        )
        attendee = f"mailto:{member.email}" if member.email else f"urn:arena:member:{member.id}"
        event.add(
            "attendee",
            attendee,
            parameters={
                "CN": member.name,
                "PARTSTAT": PARTSTAT[row.response.value if row.response else None],
                "ROLE": "REQ-PARTICIPANT",
            },
        )
        calendar.add_component(event)
    return _ics(calendar)
