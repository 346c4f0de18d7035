"""Each copy of a calendar invitation names its recipient (RFC 5546), whatever the name holds."""

from __future__ import annotations

import base64
from datetime import UTC, datetime

from icalendar import Calendar

from arena.invitations.mime import CalendarPart, attendee_line

ICS = (
    b"BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nPRODID:-//Arena//EN\r\nVERSION:2.0\r\n"
    b"BEGIN:VEVENT\r\nUID:arena-session-1@arena.test\r\nSEQUENCE:2\r\n"
    b"DTSTART:20270101T130000Z\r\nDTSTAMP:20261201T000000Z\r\nSUMMARY:Job carving\r\n"
    b"END:VEVENT\r\nEND:VCALENDAR\r\n"
)


def _event(part: CalendarPart, address: str, name: str | None):
    calendar = Calendar.from_ical(base64.b64decode(part.encoded(address, name)))
    return next(iter(calendar.walk("VEVENT")))


def test_names_with_commas_quotes_and_accents_come_back_as_written():
    part = CalendarPart.from_ics("REQUEST", ICS)
    name = 'Zoë "Zo" van den Berg-Öztürk, gemeente Utrecht; afdeling Werk & Inkomen ' * 2
    event = _event(part, "zoe@example.nl", name)
    attendee = event["ATTENDEE"]
    assert str(attendee) == "mailto:zoe@example.nl"
    assert attendee.params["CN"] == name.replace('"', "")
    assert attendee.params["RSVP"] == "FALSE"
    # the shared part is untouched: same UID and SEQUENCE for everyone
    assert str(event["UID"]) == "arena-session-1@arena.test" and event["SEQUENCE"] == 2
    assert event.decoded("DTSTART") == datetime(2027, 1, 1, 13, tzinfo=UTC)


def test_every_line_stays_within_75_octets_and_a_nameless_recipient_still_attends():
    line = attendee_line("a@example.nl", "Ã" * 200)
    assert all(len(chunk) <= 75 for chunk in line.split(b"\r\n"))
    line.decode("utf-8")  # folding never splits a character
    event = _event(CalendarPart.from_ics("CANCEL", ICS), "b@example.nl", None)
    assert str(event["ATTENDEE"]) == "mailto:b@example.nl" and "CN" not in event["ATTENDEE"].params
