"""Calendar feeds: a public feed per series and a private feed per member.

Both write the invitation mails' own event (``invitations/calendar.py: event_properties``,
in one pass by ``ics.py``): the same UID and SEQUENCE, so a calendar holds one event per
session whichever way it arrived; a cancelled session is STATUS:CANCELLED. The public feed
leaves out online meeting links (they are for the invited). The member's feed holds the
sessions they were invited to, with their answer as PARTSTAT; its address is a signed token
the member can replace (``members/calendar_feed.py``), and an erased member's address works
no more.
"""

from __future__ import annotations

from flask import Response, abort, current_app, request
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from arena.api.ics import EventWriter, calendar_file
from arena.arenas.models import ArenaSeries, Attendance, Meeting
from arena.auth.access import public
from arena.db import get_session, utcnow
from arena.invitations.calendar import new_calendar
from arena.members.calendar_feed import member_for_feed

#: series feeds kept per process, by what they were built from
CACHED_FEEDS = 64
#: what a session's event is made of (``invitations/calendar.py: event_properties``)
EVENT_COLUMNS = (
    Meeting.id,
    Meeting.title,
    Meeting.starts_dt,
    Meeting.ends_dt,
    Meeting.location,
    Meeting.online_url,
    Meeting.programme,
    Meeting.state,
    Meeting.ical_sequence,
)
PARTSTAT = {"yes": "ACCEPTED", "no": "DECLINED", "maybe": "TENTATIVE", None: "NEEDS-ACTION"}


def _ics(body: bytes) -> Response:
    response = Response(body, mimetype="text/calendar")
    response.headers["Cache-Control"] = "private, max-age=300"
    return response


def _series_calendar(session, series: ArenaSeries, changed) -> bytes:
    # plain rows of what the event reads (``event_properties`` takes any object with these)
    meetings = session.execute(
        select(*EVENT_COLUMNS).where(Meeting.series_id == series.id).order_by(Meeting.starts_dt)
    )
    writer = EventWriter(mail_from=current_app.config["MAIL_FROM"], stamp=changed)
    return calendar_file(
        new_calendar(name=series.name),
        (
            writer.event(meeting, series_name=series.name, with_online_url=False)
            for meeting in meetings
        ),
    )


@public
def series_feed(series_id: int):
    """Every session of a series, for anyone to subscribe to (webcal://).

    Calendar apps fetch feeds often and series change seldom: the feed is built once per
    state of the series (its sessions' count and latest change) and kept per process; that
    moment is also the events' DTSTAMP and the ETag, so an unchanged feed answers 304.
    """
    session = get_session()
    series = session.get(ArenaSeries, series_id)
    if series is None:
        abort(404)
    count, latest = session.execute(
        select(func.count(Meeting.id), func.max(Meeting.updated_dt)).where(
            Meeting.series_id == series.id
        )
    ).one()
    changed = max(filter(None, (latest, series.updated_dt)))
    key = (series.id, count, changed.isoformat(), current_app.config["MAIL_FROM"])
    cache = current_app.extensions.setdefault("arena_series_feeds", {})
    if key not in cache:
        while len(cache) >= CACHED_FEEDS:
            cache.pop(next(iter(cache)))
        cache[key] = _series_calendar(session, series, changed)
    response = _ics(cache[key])
    response.set_etag(f"{series.id}-{count}-{changed.timestamp()}")
    return response.make_conditional(request)


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
    writer = EventWriter(mail_from=current_app.config["MAIL_FROM"], stamp=utcnow())
    attendee = f"mailto:{member.email}" if member.email else f"urn:arena:member:{member.id}"

    def event(row: Attendance) -> bytes:
        answer = {
            "CN": member.name,
            "PARTSTAT": PARTSTAT[row.response.value if row.response else None],
            "ROLE": "REQ-PARTICIPANT",
        }
        return writer.event(
            row.meeting,
            series_name=row.meeting.series.name,
            extra=[("attendee", attendee, answer)],
        )

    return _ics(calendar_file(new_calendar(name=member.name), (event(row) for row in rows)))
