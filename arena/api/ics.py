"""Feeds of many events, written in one pass with icalendar's own encoding.

A feed holds every session of a series; building an icalendar ``Event`` per session and
serialising it costs about half a millisecond each (the value types are inferred property by
property, and every line is folded character by character). The events of a feed are the
mails' events (``invitations/calendar.py: event_properties``), so this writes the same bytes
``meeting_event(...).to_ical()`` would: the lines every event of the file shares (DTSTAMP,
ORGANIZER) are encoded once, each session's own values by icalendar's type for that
property, and a line is folded (icalendar's ``Contentline``) only when it is long enough to
need it. Properties come in icalendar's order: its canonical order first, then by name.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from icalendar import Calendar, Event
from icalendar.parser import Contentline

from arena.arenas.models import Meeting
from arena.invitations.calendar import event_properties, mail_domain, organizer

#: shorter lines than this (in octets) are never folded (RFC 5545: at most 75 per line)
FOLD_AT = 75
CANONICAL = {name: n for n, name in enumerate(Event.canonical_order)}


def _order(name: str) -> tuple:
    return (0, CANONICAL[name], "") if name in CANONICAL else (1, 0, name)


#: icalendar's value type of each property, looked up once
_TYPES: dict[str, type] = {}


def _value_type(name: str) -> type:
    found = _TYPES.get(name)
    if found is None:
        found = _TYPES[name] = Event.types_factory.for_property(name)
    return found


def content_line(name: str, value, params=None) -> bytes:
    """One property as icalendar writes it, folded only when long."""
    name = name.upper()
    if type(value) is datetime and value.tzinfo is UTC and not params:
        # what icalendar writes for a UTC time (no TZID), as the sessions' times all are
        return f"{name}:{value:%Y%m%dT%H%M%S}Z".encode()
    encoded = _value_type(name)(value)
    extra = dict(getattr(encoded, "params", None) or {}) | (params or {})
    if extra:
        for key, item in extra.items():
            encoded.params[key] = item
        return Contentline.from_parts(name, encoded.params, encoded).to_ical()
    text = f"{name}:{encoded.to_ical().decode()}"
    if len(text) < FOLD_AT and text.isascii():
        return text.encode()
    return Contentline(text).to_ical()


class EventWriter:
    """The VEVENTs of one file: the same events as ``meeting_event``, written in one pass."""

    def __init__(self, *, mail_from: str, stamp: datetime) -> None:
        shared = Event()
        shared.add("dtstamp", stamp)
        shared.add("organizer", organizer(mail_from))
        self.domain = mail_domain(mail_from)
        self.shared = {name: shared.content_line(name, shared[name]).to_ical() for name in shared}
        #: text lines already written in this file (a series' place and status repeat)
        self._written: dict[tuple[str, str], bytes] = {}

    def _line(self, name: str, value) -> bytes:
        if type(value) is not str:  # equal times in two zones are equal keys: never kept
            return content_line(name, value)
        key = (name, value)
        found = self._written.get(key)
        if found is None:
            found = self._written[key] = content_line(name, value)
        return found

    def event(
        self,
        meeting: Meeting,
        *,
        series_name: str = "",
        with_online_url: bool = True,
        extra: Iterable[tuple[str, object, dict]] = (),
    ) -> bytes:
        """The session's VEVENT; ``extra`` adds properties with parameters (an ATTENDEE)."""
        lines = dict(self.shared)
        for name, value in event_properties(
            meeting,
            domain=self.domain,
            series_name=series_name,
            with_online_url=with_online_url,
        ):
            lines[name.upper()] = self._line(name, value)
        for name, value, params in extra:
            lines[name.upper()] = content_line(name, value, params)
        ordered = [lines[name] for name in sorted(lines, key=_order)]
        return b"BEGIN:VEVENT\r\n" + b"\r\n".join(ordered) + b"\r\nEND:VEVENT\r\n"


def calendar_file(calendar: Calendar, events: Iterable[bytes]) -> bytes:
    """``calendar`` (with no events of its own) holding ``events``, as one file."""
    head, end = calendar.to_ical().rsplit(b"END:VCALENDAR", 1)
    return head + b"".join(events) + b"END:VCALENDAR" + end
