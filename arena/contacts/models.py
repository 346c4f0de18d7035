"""A request to put two members in touch, and how far it got."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from arena.db import Base, TimestampMixin, UTCDateTime, str_enum


class ContactPurpose(enum.StrEnum):
    PRACTICE_VISIT = "practice-visit"
    FUNDING = "funding"
    OTHER = "other"


class ContactStatus(enum.StrEnum):
    #: waiting for the other (or, for an organiser's introduction, for both) to agree
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"


class ContactRequest(TimestampMixin, Base):
    """One member asks to be put in touch with another, or an organiser introduces two.

    Nobody sees an address until both sides agreed: a member's own request counts as their
    agreement; an organiser's introduction waits for both. Then both are mailed the other's
    address and a collaboration between the two is recorded, so the graph draws the tie.
    """

    __tablename__ = "contact_requests"
    __table_args__ = (
        CheckConstraint("requester_id <> recipient_id", name="two_members"),
        Index("ix_contact_requests_pair", "requester_id", "recipient_id", "created_dt"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    requester_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    recipient_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), index=True
    )
    purpose: Mapped[ContactPurpose] = mapped_column(str_enum(ContactPurpose, "contact_purpose"))
    #: a short message to the other; blanked when either member is erased
    message: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[ContactStatus] = mapped_column(
        str_enum(ContactStatus, "contact_status"), default=ContactStatus.PENDING
    )
    #: the organiser who made the introduction; None when a member asked themselves
    introduced_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_accounts.id", ondelete="SET NULL")
    )
    #: when each side agreed to be put in touch
    requester_agreed_dt: Mapped[datetime | None] = mapped_column(UTCDateTime())
    recipient_agreed_dt: Mapped[datetime | None] = mapped_column(UTCDateTime())
    #: when the request was accepted by both or declined by one
    answered_dt: Mapped[datetime | None] = mapped_column(UTCDateTime())
    #: the tie recorded for the graph when both agreed
    collaboration_id: Mapped[int | None] = mapped_column(
        ForeignKey("collaborations.id", ondelete="SET NULL")
    )

    requester = relationship("Member", foreign_keys=[requester_id])
    recipient = relationship("Member", foreign_keys=[recipient_id])
    introduced_by = relationship("UserAccount")
