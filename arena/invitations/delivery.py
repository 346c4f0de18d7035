"""Deliver due outbox rows over one SMTP connection: never lost, never sent twice.

How a row moves: PENDING -> (claimed) SENDING -> SENT, or back to PENDING with a later due
time after a temporary failure, or FAILED after a permanent one. The claim is its own committed
transaction (on PostgreSQL with ``FOR UPDATE SKIP LOCKED``, so several senders can run side by
side; on SQLite the single UPDATE holds the write lock). Each row is marked SENT in its own
commit right after the server accepted it, so a kill can only leave the one message in flight
unmarked. Such a row stays SENDING; after ``OUTBOX_CLAIM_TIMEOUT`` seconds it is claimable again
and goes out with the same Message-ID, which mail clients use to drop the copy.

Connection problems (refused, timed out, dropped) never fail a row: the rows go back to
PENDING with a back-off, however long the server is away. A 4xx answer to one message is
retried up to ``MAX_TEMPORARY_ATTEMPTS`` times; a 5xx answer fails the row at once, with the
server's words in ``last_error`` for the organiser to see.
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.utils import format_datetime, parseaddr

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from arena.arenas.models import Meeting
from arena.db import utcnow
from arena.invitations.calendar import meeting_calendar
from arena.invitations.mime import CalendarPart, compose
from arena.invitations.models import MessageStatus, OutboxMessage

MAX_TEMPORARY_ATTEMPTS = 12
DEFAULT_BATCH = 100
DEFAULT_CLAIM_TIMEOUT = 600  # seconds; far longer than one batch takes


@dataclass
class DeliveryReport:
    claimed: int = 0
    sent: int = 0
    #: temporary failures, due again later
    postponed: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)


class _TemporaryError(Exception):
    """The connection or the server is not available now; try again later."""


def back_off(attempts: int) -> timedelta:
    """1, 2, 4 ... minutes after each failed attempt, never more than an hour."""
    return timedelta(seconds=min(60 * 2 ** max(attempts - 1, 0), 3600))


def _claimable(now: datetime, timeout: int):
    return or_(
        (OutboxMessage.status == MessageStatus.PENDING) & (OutboxMessage.due_dt <= now),
        (OutboxMessage.status == MessageStatus.SENDING)
        & (OutboxMessage.claimed_dt < now - timedelta(seconds=timeout)),
    )


def claim_batch(session: Session, now: datetime, size: int, timeout: int) -> list[int]:
    """Mark up to ``size`` due rows SENDING and return their ids; the caller commits."""
    candidates = (
        select(OutboxMessage.id)
        .where(_claimable(now, timeout))
        .order_by(OutboxMessage.due_dt, OutboxMessage.id)
        .limit(size)
    )
    if session.get_bind().dialect.name == "postgresql":
        # Lock the chosen rows first (others skip them), then mark them; a LIMIT inside an
        # UPDATE's IN (...) may be evaluated more than once by the planner.
        ids = list(session.scalars(candidates.with_for_update(skip_locked=True)))
        if not ids:
            return []
        chosen = OutboxMessage.id.in_(ids)
    else:
        # One UPDATE holds SQLite's write lock while it re-checks the condition.
        chosen = OutboxMessage.id.in_(candidates.scalar_subquery()) & _claimable(now, timeout)
    claimed = session.execute(
        update(OutboxMessage)
        .where(chosen)
        .values(status=MessageStatus.SENDING, claimed_dt=now)
        .returning(OutboxMessage.id)
    )
    return sorted(claimed.scalars())


def connect(config: dict) -> smtplib.SMTP:
    """One connection for the whole run, with the TLS mode and login from the settings."""
    host, port = config.get("SMTP_HOST", "127.0.0.1"), int(config.get("SMTP_PORT", 25))
    timeout = config.get("SMTP_TIMEOUT", 30)
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
        raise _TemporaryError(f"cannot reach the mail server {host}:{port}: {exc}") from exc
    return smtp


class _Sender:
    """One delivery run: the connection, the calendar parts already built, the report."""

    def __init__(self, factory: sessionmaker, config: dict, now: datetime) -> None:
        self.factory = factory
        self.config = config
        self.now = now
        self.mail_from = config.get("MAIL_FROM", "Arena <arena@localhost>")
        self.envelope_from = parseaddr(self.mail_from)[1]
        self.date = format_datetime(now)
        self.calendars: dict[tuple[int, str], CalendarPart | None] = {}
        self.smtp: smtplib.SMTP | None = None
        self.report = DeliveryReport()

    def calendar(self, session: Session, meeting_id: int | None, method: str | None):
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
        session.execute(update(OutboxMessage).where(OutboxMessage.id == row_id).values(**values))
        session.commit()

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
            due_dt=self.now + back_off(attempts),
            last_error=error,
            claimed_dt=None,
        )
        self.report.postponed += 1

    def fail(self, session: Session, row, error: str) -> None:
        self.mark(
            session, row.id, status=MessageStatus.FAILED, attempts=row.attempts + 1,
            last_error=error, claimed_dt=None,
        )  # fmt: skip
        self.report.failed += 1
        self.report.errors.append(f"{row.recipient}: {error}")

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
            )
        except Exception as exc:  # noqa: BLE001 - one unbuildable row must not block the queue
            self.fail(session, row, f"the message could not be built: {exc!r}")
            return
        if self.smtp is None:
            self.smtp = connect(self.config)
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
        self.mark(session, row.id, status=MessageStatus.SENT, sent_dt=self.now, last_error=None)
        self.report.sent += 1

    def _answered(self, session: Session, row, code: int, text) -> None:
        if isinstance(text, bytes):
            text = text.decode("utf-8", "replace")
        error = f"{code} {text}"
        if 400 <= code < 500:
            self.postpone(session, row, error, counts=True)
        else:
            self.fail(session, row, error)

    def _drop_connection(self) -> None:
        if self.smtp is not None:
            try:
                self.smtp.close()
            finally:
                self.smtp = None

    def close(self) -> None:
        if self.smtp is not None:
            try:
                self.smtp.quit()
            except (OSError, smtplib.SMTPException):
                self.smtp.close()
            self.smtp = None


_ROW_COLUMNS = (
    OutboxMessage.id,
    OutboxMessage.recipient,
    OutboxMessage.subject,
    OutboxMessage.body_text,
    OutboxMessage.body_html,
    OutboxMessage.headers,
    OutboxMessage.message_id,
    OutboxMessage.ical_method,
    OutboxMessage.meeting_id,
    OutboxMessage.attempts,
)


def deliver_due_messages(
    session_factory: sessionmaker,
    config: dict,
    *,
    now: datetime | None = None,
    limit: int | None = None,
) -> DeliveryReport:
    """Send every due row (at most ``limit``) and say what happened; safe to run any time."""
    sender = _Sender(session_factory, config, now or utcnow())
    batch = int(config.get("OUTBOX_BATCH_SIZE", DEFAULT_BATCH))
    timeout = int(config.get("OUTBOX_CLAIM_TIMEOUT", DEFAULT_CLAIM_TIMEOUT))
    report = sender.report
    try:
        while limit is None or report.claimed < limit:
            size = batch if limit is None else min(batch, limit - report.claimed)
            with session_factory() as session:
                ids = claim_batch(session, sender.now, size, timeout)
                session.commit()
                if not ids:
                    break
                report.claimed += len(ids)
                rows = session.execute(
                    select(*_ROW_COLUMNS)
                    .where(OutboxMessage.id.in_(ids))
                    .order_by(OutboxMessage.due_dt, OutboxMessage.id)
                ).all()
                for position, row in enumerate(rows):
                    try:
                        sender.send(session, row)
                    except _TemporaryError as exc:
                        report.errors.append(str(exc))
                        for waiting in rows[position:]:
                            sender.postpone(session, waiting, str(exc), counts=False)
                        return report
    finally:
        sender.close()
    return report
