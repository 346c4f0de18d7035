"""One delivery run's sending: the SMTP connection, building each message, and what an
answer of the server does to the row (``delivery.py`` claims the rows and keeps their lease).
"""

from __future__ import annotations

import re
import smtplib
import ssl
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.utils import format_datetime, parseaddr

from sqlalchemy import Connection, bindparam, case, update
from sqlalchemy.orm import Session

from arena.arenas.models import Meeting
from arena.invitations.calendar import meeting_calendar
from arena.invitations.mime import CalendarPart, compose
from arena.invitations.models import MessageStatus, OutboxMessage
from arena.members.models import Member

MAX_TEMPORARY_ATTEMPTS = 12
DEFAULT_BOUNCE_LIMIT = 3

#: what a sender reads of each claimed row (the member's name is their calendar ATTENDEE name)
ROW_COLUMNS = (
    OutboxMessage.id,
    OutboxMessage.recipient,
    OutboxMessage.subject,
    OutboxMessage.body_text,
    OutboxMessage.body_html,
    OutboxMessage.headers,
    OutboxMessage.message_id,
    OutboxMessage.ical_method,
    OutboxMessage.meeting_id,
    OutboxMessage.member_id,
    OutboxMessage.attempts,
    Member.name.label("member_name"),
)


_OUTBOX = OutboxMessage.__table__
#: a plain (not ORM-enabled) statement, compiled once: every message pays for marking its row
#: SENT in a commit of its own (what keeps a kill from doubling more than the one in flight)
_MARK_SENT = (
    update(_OUTBOX)
    .where(_OUTBOX.c.id == bindparam("row_id"))
    .values(status=MessageStatus.SENT, sent_dt=bindparam("at"), last_error=None)
)


@dataclass
class DeliveryReport:
    claimed: int = 0
    sent: int = 0
    #: temporary failures, due again later
    postponed: int = 0
    failed: int = 0
    #: rows whose lease ran out and another sender took over; this run left them alone
    taken_over: int = 0
    #: the daily sending limit holds everything back until then
    held_until: datetime | None = None
    errors: list[str] = field(default_factory=list)


#: RFC 3463 enhanced status code at the start of a reply text: class.subject.detail
_ENHANCED = re.compile(r"\s*([245])\.(\d{1,3})\.(\d{1,3})(?!\S)")
#: refusals of the mailbox without an enhanced code: 550 unavailable, 551 not local,
#: 553 name not allowed
_ADDRESS_CODES = (550, 551, 553)


def refuses_address(code: int, text: str) -> bool:
    """Whether a permanent refusal is about the address itself (it does not exist, is not
    local, is no valid name): enhanced status 5.1.x, or 550/551/553 without an enhanced code.
    A refusal about policy, content or size (5.7.1, 5.3.4, ...) says nothing about the
    address: that message fails, the address does not bounce."""
    if not 500 <= code < 600:
        return False
    enhanced = _ENHANCED.match(text)
    if enhanced:
        return enhanced.group(1) == "5" and enhanced.group(2) == "1"
    return code in _ADDRESS_CODES


class TemporaryError(Exception):
    """The connection or the server is not available now; try again later."""


def back_off(attempts: int) -> timedelta:
    """1, 2, 4 ... minutes after each failed attempt, never more than an hour."""
    return timedelta(seconds=min(60 * 2 ** max(attempts - 1, 0), 3600))


def connect(config: dict) -> smtplib.SMTP:
    """One connection for the whole run, with the TLS mode and login from the settings."""
    host, port = config.get("SMTP_HOST", "127.0.0.1"), int(config.get("SMTP_PORT", 25))
    timeout = float(config.get("SMTP_TIMEOUT") or 30)
    tls = config.get("SMTP_TLS", "none")
    try:
        if tls == "ssl":
            smtp = smtplib.SMTP_SSL(
                host, port, timeout=timeout, context=ssl.create_default_context()
            )
        else:
            smtp = smtplib.SMTP(host, port, timeout=timeout)
            if tls == "starttls":
                smtp.starttls(context=ssl.create_default_context())
        if config.get("SMTP_USER"):
            smtp.login(config["SMTP_USER"], config.get("SMTP_PASSWORD") or "")
    except (OSError, smtplib.SMTPException) as exc:
        raise TemporaryError(f"cannot reach the mail server {host}:{port}: {exc}") from exc
    return smtp


class Sender:
    """One delivery run: the connection, the calendar parts already built, the report."""

    def __init__(self, config: dict, clock: Callable[[], datetime]) -> None:
        self.config = config
        self.clock = clock
        self.now = clock()
        self.mail_from = config.get("MAIL_FROM", "Arena <arena@localhost>")
        self.envelope_from = parseaddr(self.mail_from)[1]
        self.date = format_datetime(self.now)
        self.bounce_limit = int(config.get("BOUNCE_LIMIT") or DEFAULT_BOUNCE_LIMIT)
        self.calendars: dict[tuple[int, str], CalendarPart | None] = {}
        self.smtp: smtplib.SMTP | None = None
        #: the run's own connection in autocommit mode for the SENT marks: one statement, one
        #: round trip and one commit a message, without a pool checkout, ping and BEGIN each
        self.marks: Connection | None = None
        self.report = DeliveryReport()
        #: under a rate limit, the earliest moment this run may send its next message
        self.next_free = self.now
        rate = float(config.get("SMTP_RATE") or 0)
        self.interval = timedelta(seconds=60 / rate) if rate > 0 else timedelta(0)

    def calendar(self, session: Session, meeting_id: int | None, method: str | None):
        """The session's shared calendar part, built once per run, session and method."""
        if not method or meeting_id is None:
            return None
        key = (meeting_id, method)
        if key not in self.calendars:
            meeting = session.get(Meeting, meeting_id)
            self.calendars[key] = (
                CalendarPart.from_ics(
                    method,
                    meeting_calendar(
                        meeting,
                        method,
                        mail_from=self.mail_from,
                        stamp=self.now,
                        series_name=meeting.series.name,
                    ),
                )
                if meeting is not None
                else None
            )
        return self.calendars[key]

    def mark(self, session: Session, row_id: int, **values) -> None:
        session.execute(update(_OUTBOX).where(_OUTBOX.c.id == row_id).values(**values))
        session.commit()

    def mark_sent(self, session: Session, row_id: int) -> None:
        """The server accepted the row: SENT in a commit of its own, before the next send."""
        if self.marks is None:
            self.marks = (
                session.get_bind().connect().execution_options(isolation_level="AUTOCOMMIT")
            )
        self.marks.execute(_MARK_SENT, {"row_id": row_id, "at": self.clock()})

    def postpone(self, session: Session, row, error: str, *, counts: bool) -> None:
        attempts = row.attempts + 1
        if counts and attempts >= MAX_TEMPORARY_ATTEMPTS:
            self.fail(session, row, f"gave up after {attempts} attempts: {error}")
            return
        self.mark(
            session,
            row.id,
            status=MessageStatus.PENDING,
            attempts=attempts,
            due_dt=self.clock() + back_off(attempts),
            last_error=error,
            claimed_dt=None,
            sent_dt=None,
        )
        self.report.postponed += 1

    def fail(self, session: Session, row, error: str) -> None:
        self.mark(
            session, row.id, status=MessageStatus.FAILED, attempts=row.attempts + 1,
            last_error=error, claimed_dt=None, sent_dt=None,
        )  # fmt: skip
        self.report.failed += 1
        self.report.errors.append(f"{row.recipient}: {error}")

    def bounce(self, session: Session, row) -> None:
        """A permanent refusal of the member's current address (``refuses_address``) counts;
        enough of them mark it bouncing, which keeps it out of every audience until the
        address changes."""
        if row.member_id is None:
            return
        session.execute(
            update(Member)
            .where(Member.id == row.member_id, Member.email == row.recipient.lower())
            .values(
                bounce_count=Member.bounce_count + 1,
                email_bouncing_at=case(
                    (
                        (Member.bounce_count + 1 >= self.bounce_limit)
                        & Member.email_bouncing_at.is_(None),
                        self.clock(),
                    ),
                    else_=Member.email_bouncing_at,
                ),
            )
        )
        session.commit()

    def send(self, session: Session, row) -> None:
        try:
            data = compose(
                mail_from=self.mail_from,
                recipient=row.recipient,
                subject=row.subject,
                message_id=row.message_id,
                date=self.date,
                body_text=row.body_text,
                body_html=row.body_html,
                headers=row.headers,
                calendar=self.calendar(session, row.meeting_id, row.ical_method),
                attendee_name=row.member_name,
            )
        except Exception as exc:  # noqa: BLE001 - one unbuildable row must not block the queue
            self.fail(session, row, f"the message could not be built: {exc!r}")
            return
        if self.smtp is None:
            self.smtp = connect(self.config)
        # under a rate limit the booked times set the pace; after a stall this run catches up
        # on them at most a tenth faster than the limit, never in a burst
        self.next_free = self.clock() + self.interval * 0.9
        try:
            self.smtp.sendmail(self.envelope_from, [row.recipient], data)
        except smtplib.SMTPRecipientsRefused as exc:
            code, text = next(iter(exc.recipients.values()))
            self._answered(session, row, code, text)
            return
        except smtplib.SMTPResponseException as exc:
            self._answered(session, row, exc.smtp_code, exc.smtp_error)
            return
        except (OSError, smtplib.SMTPException) as exc:
            self._drop_connection()
            self.postpone(session, row, f"connection lost: {exc}", counts=False)
            return
        self.mark_sent(session, row.id)
        self.report.sent += 1

    def _answered(self, session: Session, row, code: int, text) -> None:
        if isinstance(text, bytes):
            text = text.decode("utf-8", "replace")
        error = f"{code} {text}"
        if 400 <= code < 500:
            self.postpone(session, row, error, counts=True)
        else:
            self.fail(session, row, error)
            if refuses_address(code, text):
                self.bounce(session, row)

    def _drop_connection(self) -> None:
        if self.smtp is not None:
            try:
                self.smtp.close()
            finally:
                self.smtp = None

    def close(self) -> None:
        if self.marks is not None:
            self.marks.close()
            self.marks = None
        if self.smtp is not None:
            try:
                self.smtp.quit()
            except (OSError, smtplib.SMTPException):
                self.smtp.close()
            self.smtp = None
