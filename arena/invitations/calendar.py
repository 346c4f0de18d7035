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


def meeting_calendar(
    meeting: Meeting, method: str, *, mail_from: str, stamp: datetime, series_name: str = ""
) -> bytes:
    """The VCALENDAR for ``meeting`` with METHOD ``method`` (REQUEST or CANCEL)."""
    if method not in METHODS:
        raise ValueError(f"unknown iCalendar method {method!r}")
    name, address = parseaddr(mail_from)
    calendar = Calendar()
    calendar.add("prodid", "-//Arena//Transition arenas//EN")
    calendar.add("version", "2.0")
    calendar.add("method", method)
    event = Event()
    event.add("uid", meeting_uid(meeting.id, mail_domain(mail_from)))
    event.add("sequence", meeting.ical_sequence)
    event.add("dtstamp", stamp)
    event.add("dtstart", meeting.starts_dt)
    event.add("dtend", meeting.ends_dt)
    event.add("summary", f"{series_name}: {meeting.title}" if series_name else meeting.title)
    place = meeting.location or meeting.online_url
    if place:
        event.add("location", place)
    if meeting.online_url:
        event.add("url", meeting.online_url)
    if meeting.programme:
        event.add("description", meeting.programme)
    cancelled = method == CANCEL or meeting.state == MeetingState.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    organizer = vCalAddress(f"mailto:{address}")
    if name:
        organizer.params["cn"] = vText(name)
    event.add("organizer", organizer)
    calendar.add_component(event)
    return calendar.to_ical()
