"""A collaboration between organisations and/or members that grew from an arena."""

from __future__ import annotations

import enum
from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from arena.db import Base, TimestampMixin, str_enum


class CollaborationStatus(enum.StrEnum):
    EXPLORING = "exploring"
    ACTIVE = "active"
    ENDED = "ended"


class Collaboration(TimestampMixin, Base):
    __tablename__ = "collaborations"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    started_on: Mapped[date] = mapped_column(Date, index=True)
    status: Mapped[CollaborationStatus] = mapped_column(
        str_enum(CollaborationStatus, "collaboration_status"),
        default=CollaborationStatus.EXPLORING,
    )
    #: where it grew from, when known
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="SET NULL"), index=True
    )
    practice_example_id: Mapped[int | None] = mapped_column(
        ForeignKey("practice_examples.id", ondelete="SET NULL")
    )
    recorded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL")
    )

    participants: Mapped[list[CollaborationParticipant]] = relationship(
        back_populates="collaboration", cascade="all, delete-orphan"
    )


class CollaborationParticipant(Base):
    """One side of a collaboration: an organisation or a member, never both, never neither."""

    __tablename__ = "collaboration_participants"
    __table_args__ = (
        CheckConstraint(
            "(member_id IS NULL) <> (organisation_id IS NULL)", name="member_or_organisation"
        ),
        CheckConstraint("value_rating IS NULL OR value_rating BETWEEN 1 AND 5", name="rating_1_5"),
        # One row per side; NULLs never collide in a plain unique constraint, hence two
        # partial indexes.
        Index(
            "uq_collaboration_participants_member",
            "collaboration_id",
            "member_id",
            unique=True,
            sqlite_where=text("member_id IS NOT NULL"),
            postgresql_where=text("member_id IS NOT NULL"),
        ),
        Index(
            "uq_collaboration_participants_organisation",
            "collaboration_id",
            "organisation_id",
            unique=True,
            sqlite_where=text("organisation_id IS NOT NULL"),
            postgresql_where=text("organisation_id IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    collaboration_id: Mapped[int] = mapped_column(
        ForeignKey("collaborations.id", ondelete="CASCADE"), index=True
    )
    member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), index=True
    )
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    #: how valuable this side finds the collaboration, 1-5
    value_rating: Mapped[int | None] = mapped_column()

    collaboration: Mapped[Collaboration] = relationship(back_populates="participants")
    member = relationship("Member")
    organisation = relationship("Organisation")
