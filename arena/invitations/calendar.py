"""The calendar file of a session: one UID per session, SEQUENCE from the session, UTC times.

Built once per session and method and reused as bytes for every recipient: the event is the
same for everyone, which is what keeps 10,000 invitations cheap. Each copy adds one line, its
recipient's ATTENDEE (``mime.CalendarPart``), with RSVP=FALSE: the links in the message carry
the answer.
"""

from __future__ import annotations

from datetime import datetime
from email.utils import parseaddr

from icalendar import Calendar, Event, vCalAddress, vText

from arena.arenas.models import Meeting, MeetingState

REQUEST = "REQUEST"
CANCEL = "CANCEL"
METHODS = (REQUEST, CANCEL)


def meeting_uid(meeting_id: int, domain: str) -> str:
    """Stable for the life of the session, so updates and cancellations replace the event."""
    return f"arena-session-{meeting_id}@{domain}"


def mail_domain(mail_from: str) -> str:
    address = parseaddr(mail_from)[1]
    return address.rpartition("@")[2] or "arena.local"


def meeting_event(
    meeting: Meeting,
    *,
    mail_from: str,
    stamp: datetime,
    series_name: str = "",
    cancelled: bool = False,
    with_online_url: bool = True,
) -> Event:
    """The VEVENT of ``meeting``: the same UID, SEQUENCE and fields in invitation mails and
    calendar feeds, so a calendar holds one event per session whichever way it arrived."""
    name, address = parseaddr(mail_from)
    event = Event()
    event.add("uid", meeting_uid(meeting.id, mail_domain(mail_from)))
    event.add("sequence", meeting.ical_sequence)
    event.add("dtstamp", stamp)
    event.add("dtstart", meeting.starts_dt)
    event.add("dtend", meeting.ends_dt)
    event.add("summary", f"{series_name}: {meeting.title}" if series_name else meeting.title)
    online_url = meeting.online_url if with_online_url else None
    place = meeting.location or online_url
    if place:
        event.add("location", place)
    if online_url:
        event.add("url", online_url)
    if meeting.programme:
        event.add("description", meeting.programme)
    cancelled = cancelled or meeting.state == MeetingState.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    organizer = vCalAddress(f"mailto:{address}")
    if name:
        organizer.params["cn"] = vText(name)
    event.add("organizer", organizer)
    return event


def new_calendar(method: str | None = None, name: str = "") -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Arena//Transition arenas//EN")
    calendar.add("version", "2.0")
    if method:
        calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
    return calendar


def meeting_calendar(
    meeting: Meeting, method: str, *, mail_from: str, stamp: datetime, series_name: str = ""
) -> bytes:
    """The VCALENDAR for ``meeting`` with METHOD ``method`` (REQUEST or CANCEL)."""
    if method not in METHODS:
        raise ValueError(f"unknown iCalendar method {method!r}")
    calendar = new_calendar(method)
    calendar.add_component(
        meeting_event(
            meeting,
            mail_from=mail_from,
            stamp=stamp,
            series_name=series_name,
            cancelled=method == CANCEL,
        )
    )
    return calendar.to_ical()
