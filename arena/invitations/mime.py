"""Compose the bytes of one outgoing message, fast.

``email.message.EmailMessage`` parses and folds every header through its policy machinery,
which costs milliseconds per message; with 10,000 invitations that is most of the run. The
structure of our messages is fixed (text, optional HTML, optional calendar), so we write the
MIME by hand here: headers encoded with ``email.header`` only when they are not plain ASCII,
bodies sent as 7bit when they can be and base64 otherwise, and the calendar part encoded once
per session (``CalendarPart``) and pasted into every message. The tests read every message
back with the ``email`` parser, which is the check that this stays valid MIME.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from email.header import Header
from email.utils import formataddr, parseaddr
from functools import lru_cache

CRLF = "\r\n"


@dataclass(frozen=True)
class CalendarPart:
    """A session's calendar file, built once and reused for every recipient.

    RFC 5546 wants an ATTENDEE in a REQUEST (and a CANCEL), so each copy names its recipient:
    the shared file is kept as the bytes before and after that one line, and a copy costs one
    short line and one base64 pass, not a calendar built per recipient."""

    method: str
    head: bytes
    tail: bytes

    @classmethod
    def from_ics(cls, method: str, ics: bytes) -> CalendarPart:
        at = ics.rindex(b"END:VEVENT")
        return cls(method, ics[:at], ics[at:])

    def encoded(self, recipient: str | None = None, name: str | None = None) -> str:
        """The file for one recipient, as base64 with CRLF line ends."""
        if not recipient:
            return _b64(self.head + self.tail)
        return _b64(self.head + attendee_line(recipient, name) + self.tail)


def _parameter(value: str) -> str:
    """An iCalendar parameter value: no quotes or line breaks inside, quoted when it holds
    ``;``, ``:`` or ``,`` (RFC 5545 3.1)."""
    value = "".join(ch for ch in value if ch >= " " and ch not in '"\x7f')
    return f'"{value}"' if any(ch in value for ch in ";:,") else value


def _fold(line: bytes) -> bytes:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545 3.1),
    never inside a UTF-8 character."""
    out, rest, limit = [], line, 75
    while len(rest) > limit:
        cut = limit
        while cut > 1 and (rest[cut] & 0xC0) == 0x80:
            cut -= 1
        out.append(rest[:cut])
        rest, limit = rest[cut:], 74
    out.append(rest)
    return b"\r\n ".join(out) + b"\r\n"


def attendee_line(recipient: str, name: str | None) -> bytes:
    """``ATTENDEE`` for one recipient: their name, and RSVP=FALSE because Arena's own links
    carry the answer."""
    params = f";CN={_parameter(name)}" if name and _parameter(name).strip('"') else ""
    line = (
        f"ATTENDEE{params};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE"
        f":mailto:{_one_line(recipient)}"
    )
    return _fold(line.encode("utf-8"))


def _b64(data: bytes) -> str:
    return base64.encodebytes(data).decode("ascii").replace("\n", CRLF)


def _one_line(value: str) -> str:
    """A line break in a header value would start a header (or the body) of its own."""
    return " ".join(value.splitlines()) if "\r" in value or "\n" in value else value


def _header(name: str, value: str) -> str:
    value = _one_line(value)
    if value.isascii() and len(value) + len(name) < 900:
        return f"{name}: {value}"
    return _encoded_header(name, value)


@lru_cache(maxsize=256)
def _encoded_header(name: str, value: str) -> str:
    """RFC 2047 encoding costs about 2 ms a header; a send repeats its few subjects (one a
    language when they do not name the member), so each is encoded once."""
    return f"{name}: " + Header(value, "utf-8", header_name=name).encode(linesep=CRLF)


def _address(name: str, value: str) -> str:
    value = _one_line(value)
    if value.isascii():
        return f"{name}: {value}"
    return f"{name}: " + formataddr(parseaddr(value), charset="utf-8")


def _text_part(subtype: str, text: str) -> str:
    text = text.replace("\r\n", "\n")
    lines = text.split("\n")
    if text.isascii() and all(len(line) < 990 for line in lines) and not text.startswith("From "):
        return (
            f"Content-Type: text/{subtype}; charset=utf-8{CRLF}"
            f"Content-Transfer-Encoding: 7bit{CRLF}{CRLF}" + CRLF.join(lines) + CRLF
        )
    return (
        f"Content-Type: text/{subtype}; charset=utf-8{CRLF}"
        f"Content-Transfer-Encoding: base64{CRLF}{CRLF}" + _b64(text.encode("utf-8"))
    )


def _calendar_parts(calendar: CalendarPart, encoded: str) -> tuple[str, str]:
    inline = (
        f"Content-Type: text/calendar; charset=utf-8; method={calendar.method}{CRLF}"
        f"Content-Transfer-Encoding: base64{CRLF}{CRLF}{encoded}"
    )
    attachment = (
        f'Content-Type: application/ics; method={calendar.method}; name="invite.ics"{CRLF}'
        f'Content-Disposition: attachment; filename="invite.ics"{CRLF}'
        f"Content-Transfer-Encoding: base64{CRLF}{CRLF}{encoded}"
    )
    return inline, attachment


def _multipart(subtype: str, boundary: str, parts: list[str]) -> str:
    body = "".join(f"--{boundary}{CRLF}{part}" for part in parts)
    return (
        f'Content-Type: multipart/{subtype}; boundary="{boundary}"{CRLF}{CRLF}'
        f"{body}--{boundary}--{CRLF}"
    )


def compose(
    *,
    mail_from: str,
    recipient: str,
    subject: str,
    message_id: str,
    date: str,
    body_text: str,
    body_html: str | None = None,
    headers: dict | None = None,
    calendar: CalendarPart | None = None,
    attendee_name: str | None = None,
) -> bytes:
    """The whole message as bytes with CRLF line ends, ready for ``SMTP.sendmail``; the
    calendar names the recipient (``attendee_name``, their address) as its ATTENDEE."""
    lines = [
        _address("From", mail_from),
        _address("To", recipient),
        _header("Subject", subject),
        f"Date: {date}",
        f"Message-ID: {message_id}",
        "MIME-Version: 1.0",
    ]
    lines += [_header(name, str(value)) for name, value in (headers or {}).items()]
    seed = hashlib.blake2s(message_id.encode(), digest_size=12).hexdigest()
    text = _text_part("plain", body_text)
    if body_html is None and calendar is None:
        content = text
    else:
        alternatives = [text]
        if body_html is not None:
            alternatives.append(_text_part("html", body_html))
        if calendar is None:
            content = _multipart("alternative", f"=_alt_{seed}", alternatives)
        else:
            encoded = calendar.encoded(parseaddr(recipient)[1], attendee_name)
            inline, attachment = _calendar_parts(calendar, encoded)
            alternatives.append(inline)
            alternative = _multipart("alternative", f"=_alt_{seed}", alternatives)
            content = _multipart("mixed", f"=_mix_{seed}", [alternative, attachment])
    return (CRLF.join(lines) + CRLF + content).encode("utf-8")
