"""The outbox: every email, one row per recipient, written in the transaction that caused it.

Who was invited to which session and what they answered (``Attendance``) is the sessions'
record, in ``arena/arenas/models.py``.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from arena.db import Base, TimestampMixin, UTCDateTime, str_enum


class MessageKind(enum.StrEnum):
    INVITATION = "invitation"
    UPDATE = "update"
    CANCELLATION = "cancellation"
    REMINDER = "reminder"
    PRACTICAL_NOTE = "practical-note"
    REFLECTION = "reflection"
    EXAMPLE_DECLINED = "example-declined"
    STICK_CHECK = "stick-check"
    POLL = "poll"
    CONTACT = "contact"
    ACCOUNT_INVITE = "account-invite"
    TEST = "test"


class MessageStatus(enum.StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"


class OutboxMessage(TimestampMixin, Base):
    """One email to one recipient, written in the same transaction as what caused it."""

    __tablename__ = "outbox_messages"
    __table_args__ = (
        Index("ix_outbox_messages_due", "status", "due_dt"),
        # sending limits count what went out (or is booked to go out) in the last day
        Index("ix_outbox_messages_sent_dt", "sent_dt"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: e.g. "invitation:meeting=3:member=9:seq=0"; unique, so nothing is queued twice
    key: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[MessageKind] = mapped_column(str_enum(MessageKind, "message_kind"))
    member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL"), index=True
    )
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="SET NULL"), index=True
    )
    recipient: Mapped[str] = mapped_column(String(254))
    #: the iCalendar SEQUENCE this message carries, for updates of a session
    sequence: Mapped[int] = mapped_column(default=0)
    subject: Mapped[str] = mapped_column(String(300))
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str | None] = mapped_column(Text)
    #: REQUEST or CANCEL when the message carries the session's calendar file
    ical_method: Mapped[str | None] = mapped_column(String(10))
    #: extra headers, e.g. List-Unsubscribe
    headers: Mapped[dict] = mapped_column(JSON, default=dict)
    #: stable across retries, so mail clients drop a copy that went out twice
    message_id: Mapped[str] = mapped_column(String(300), unique=True)
    status: Mapped[MessageStatus] = mapped_column(
        str_enum(MessageStatus, "message_status"), default=MessageStatus.PENDING
    )
    #: not sent before this time
    due_dt: Mapped[datetime] = mapped_column(UTCDateTime())
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    #: when the sender holding the row last claimed or renewed it (its lease)
    claimed_dt: Mapped[datetime | None] = mapped_column(UTCDateTime())
    #: which delivery run holds the claim; a run only renews and sends its own rows
    claim_token: Mapped[str | None] = mapped_column(String(32))
    #: when the server accepted it; while SENDING under a sending limit, its booked time
    sent_dt: Mapped[datetime | None] = mapped_column(UTCDateTime())


class OutboxPacing(Base):
    """The one row every sender locks before claiming under a sending limit, so that several
    scheduler processes book send times one after the other (``invitations/pacing.py``)."""

    __tablename__ = "outbox_pacing"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the latest send time booked so far; the next message goes out one interval later
    last_slot_dt: Mapped[datetime | None] = mapped_column(UTCDateTime())
