"""What the outbox did for a session, and putting failed messages back in the queue.

A failed message may be retried when sending it now still makes sense: its member may still be
mailed (``Member.may_be_mailed``: not unsubscribed or erased since, with an address and
consent), and messages about the session itself (invitation, update, reminder, practical note)
only while the session is ahead and not cancelled. A retried row keeps its Message-ID, so if
the first attempt did reach someone after all, their mail client drops the copy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from arena.arenas.models import Meeting, MeetingState
from arena.hooks import Section
from arena.invitations import pacing
from arena.invitations.audience import REASONS
from arena.invitations.delivery import DEFAULT_CLAIM_TIMEOUT, renew_interval
from arena.invitations.models import MessageKind, MessageStatus, OutboxMessage
from arena.invitations.rerender import remake_failed_renders
from arena.members.models import Member, not_mailed_reason

#: messages that only make sense before the session (and not once it is cancelled)
BEFORE_SESSION = frozenset(
    {MessageKind.INVITATION, MessageKind.UPDATE, MessageKind.REMINDER, MessageKind.PRACTICAL_NOTE}
)
#: the failed messages listed on the session page
FAILED_SHOWN = 200


@dataclass(frozen=True)
class FailedMessage:
    id: int
    recipient: str
    kind: MessageKind
    last_error: str | None
    #: why it cannot be sent now; None when it can be retried
    blocked: str | None

    @property
    def retryable(self) -> bool:
        return self.blocked is None


@dataclass
class OutboxSummary:
    #: status value -> number of messages, every status present
    counts: dict[str, int] = field(default_factory=dict)
    failed: list[FailedMessage] = field(default_factory=list)
    #: messages claimed by a sender that stopped renewing its claim, and when they go again
    held: int = 0
    held_until: datetime | None = None
    #: when the last waiting message will go out under the sending limits (None: no limits)
    last_goes_out: datetime | None = None

    @property
    def waiting(self) -> int:
        return self.counts.get("pending", 0) + self.counts.get("sending", 0)

    @property
    def retryable(self) -> int:
        return sum(1 for message in self.failed if message.retryable)


def _session_over(meeting: Meeting, now: datetime) -> bool:
    return meeting.state == MeetingState.CANCELLED or meeting.starts_dt <= now


def _failed_rows(session: Session, meeting: Meeting, limit: int | None = None):
    stmt = (
        select(
            OutboxMessage.id,
            OutboxMessage.recipient,
            OutboxMessage.kind,
            OutboxMessage.last_error,
            OutboxMessage.member_id,
            *Member.mailing_columns(),
        )
        .outerjoin(Member, Member.id == OutboxMessage.member_id)
        .where(OutboxMessage.meeting_id == meeting.id, OutboxMessage.status == MessageStatus.FAILED)
        .order_by(OutboxMessage.id)
    )
    return session.execute(stmt.limit(limit) if limit else stmt).all()


def _blocked(row, over: bool) -> str | None:
    """Why this failed message must not be sent now, or None."""
    reason = not_mailed_reason(row) if row.member_id is not None else None
    if reason == "erased":
        return str(_l("The member's personal data was erased."))
    if reason == "unsubscribed":
        return str(_l("The member has unsubscribed."))
    if reason is not None:
        return str(REASONS[reason])
    if over and row.kind in BEFORE_SESSION:
        return str(_l("The session is cancelled or has started."))
    return None


def _held(session: Session, meeting: Meeting, now: datetime, timeout: float):
    """Messages of the session whose sender stopped renewing its lease: how many, and when
    the lease runs out so another sender takes them."""
    stale = now - timedelta(seconds=3 * renew_interval(timeout))
    count, latest = session.execute(
        select(func.count(), func.max(OutboxMessage.claimed_dt)).where(
            OutboxMessage.meeting_id == meeting.id,
            OutboxMessage.status == MessageStatus.SENDING,
            OutboxMessage.claimed_dt < stale,
        )
    ).one()
    return count, (latest + timedelta(seconds=timeout) if count else None)


def _queue_up_to(session: Session, meeting: Meeting) -> int:
    """Waiting messages of every session that go before or with this session's last one."""
    waiting = OutboxMessage.status.in_((MessageStatus.PENDING, MessageStatus.SENDING))
    last_due = (
        select(func.max(OutboxMessage.due_dt))
        .where(OutboxMessage.meeting_id == meeting.id, waiting)
        .scalar_subquery()
    )
    return (
        session.scalar(select(func.count()).where(waiting, OutboxMessage.due_dt <= last_due)) or 0
    )


def outbox_summary(
    session: Session, meeting: Meeting, *, now: datetime, config: dict | None = None
) -> OutboxSummary:
    """Messages of a session by status, the failed ones with the server's words, those held
    for a stopped sender, and when the last goes out under the sending limits."""
    config = config or {}
    counts = dict.fromkeys((s.value for s in MessageStatus), 0)
    for status, n in session.execute(
        select(OutboxMessage.status, func.count())
        .where(OutboxMessage.meeting_id == meeting.id)
        .group_by(OutboxMessage.status)
    ):
        counts[status.value] = n
    over = _session_over(meeting, now)
    failed = [
        FailedMessage(r.id, r.recipient, r.kind, r.last_error, _blocked(r, over))
        for r in _failed_rows(session, meeting, FAILED_SHOWN)
    ]
    summary = OutboxSummary(counts, failed)
    if counts["sending"]:
        timeout = float(config.get("OUTBOX_CLAIM_TIMEOUT") or DEFAULT_CLAIM_TIMEOUT)
        summary.held, summary.held_until = _held(session, meeting, now, timeout)
    limits = pacing.Limits.from_config(config)
    if limits.active and summary.waiting:
        ahead = _queue_up_to(session, meeting)
        summary.last_goes_out = pacing.last_goes_out(session, limits, now, ahead)
    return summary


def retry_failed(
    session: Session, meeting: Meeting, message_ids: set[int] | None, *, now: datetime
) -> int:
    """Queue failed messages of the session again (these ids, or all); returns how many."""
    over = _session_over(meeting, now)
    ids = [
        r.id
        for r in _failed_rows(session, meeting)
        if _blocked(r, over) is None and (message_ids is None or r.id in message_ids)
    ]
    ids = remake_failed_renders(session, meeting, ids)  # a template that failed for the member
    for start in range(0, len(ids), 500):
        session.execute(
            update(OutboxMessage)
            .where(
                OutboxMessage.id.in_(ids[start : start + 500]),
                OutboxMessage.status == MessageStatus.FAILED,
            )
            .values(
                status=MessageStatus.PENDING,
                due_dt=now,
                attempts=0,
                last_error=None,
                claimed_dt=None,
            )  # fmt: skip
        )
    session.flush()
    return len(ids)


def outbox_section(session: Session, meeting: Meeting, now: datetime) -> Section:
    """The messages part of the organisers' page of a session (``meeting_page`` hook)."""
    summary = outbox_summary(session, meeting, now=now, config=current_app.config)
    return Section(
        "outbox",
        "invitations/_outbox.html",
        items=summary.failed,
        figures={
            **summary.counts,
            "held": summary.held,
            "held_until": summary.held_until,
            "last_goes_out": summary.last_goes_out,
        },
    )
