"""The calendar file of a session: one UID per session, SEQUENCE from the session, UTC times.

Built once per session and method and reused as bytes for every recipient: the event is the
same for everyone, which is what keeps 10,000 invitations cheap. Each copy adds one line, its
recipient's ATTENDEE (``mime.CalendarPart``), with RSVP=FALSE: the links in the message carry
the answer.
"""

from __future__ import annotations

from datetime import datetime
from email.utils import parseaddr
from functools import lru_cache

from icalendar import Calendar, Event, vCalAddress, vText

from arena.arenas.models import Meeting, MeetingState

REQUEST = "REQUEST"
CANCEL = "CANCEL"
METHODS = (REQUEST, CANCEL)


def meeting_uid(meeting_id: int, domain: str) -> str:
    """Stable for the life of the session, so updates and cancellations replace the event."""
    return f"arena-session-{meeting_id}@{domain}"


@lru_cache(maxsize=16)
def sender(mail_from: str) -> tuple[str, str, str]:
    """The From address as (name, address, domain), parsed once per address: parseaddr is
    slow, and a feed asks for it for every session."""
    name, address = parseaddr(mail_from)
    return name, address, address.rpartition("@")[2] or "arena.local"


def mail_domain(mail_from: str) -> str:
    return sender(mail_from)[2]


def organizer(mail_from: str) -> vCalAddress:
    """The ORGANIZER of every event: the address the invitations come from."""
    name, address, _domain = sender(mail_from)
    found = vCalAddress(f"mailto:{address}")
    if name:
        found.params["cn"] = vText(name)
    return found


def event_properties(
    meeting: Meeting,
    *,
    domain: str,
    series_name: str = "",
    cancelled: bool = False,
    with_online_url: bool = True,
) -> list[tuple[str, object]]:
    """The session's own properties of its VEVENT, as (name, value): all but DTSTAMP and
    ORGANIZER, which every event of one file shares. The one definition of the event, for
    the mails (``meeting_event``) and the feeds (``arena/api/ics.py``)."""
    found: list[tuple[str, object]] = [
        ("uid", meeting_uid(meeting.id, domain)),
        ("sequence", meeting.ical_sequence),
        ("dtstart", meeting.starts_dt),
        ("dtend", meeting.ends_dt),
        ("summary", f"{series_name}: {meeting.title}" if series_name else meeting.title),
    ]
    online_url = meeting.online_url if with_online_url else None
    place = meeting.location or online_url
    if place:
        found.append(("location", place))
    if online_url:
        found.append(("url", online_url))
    if meeting.programme:
        found.append(("description", meeting.programme))
    cancelled = cancelled or meeting.state == MeetingState.CANCELLED
    found.append(("status", "CANCELLED" if cancelled else "CONFIRMED"))
    return found


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
    event = Event()
    for name, value in event_properties(
        meeting,
        domain=mail_domain(mail_from),
        series_name=series_name,
        cancelled=cancelled,
        with_online_url=with_online_url,
    ):
        event.add(name, value)
    event.add("dtstamp", stamp)
    event.add("organizer", organizer(mail_from))
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
