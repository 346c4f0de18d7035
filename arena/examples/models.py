"""Practice examples: the search stories members present, two per session."""

from __future__ import annotations

import enum

from sqlalchemy import (
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from arena.db import Base, TimestampMixin, str_enum

example_presenters = Table(
    "example_presenters",
    Base.metadata,
    Column("example_id", ForeignKey("practice_examples.id", ondelete="CASCADE"), primary_key=True),
    Column("member_id", ForeignKey("members.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_example_presenters_member_id", "member_id"),
)

example_organisations = Table(
    "example_organisations",
    Base.metadata,
    Column("example_id", ForeignKey("practice_examples.id", ondelete="CASCADE"), primary_key=True),
    Column("organisation_id", ForeignKey("organisations.id", ondelete="CASCADE"), primary_key=True),
)

example_preferred_meetings = Table(
    "example_preferred_meetings",
    Base.metadata,
    Column("example_id", ForeignKey("practice_examples.id", ondelete="CASCADE"), primary_key=True),
    Column("meeting_id", ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True),
)


class Maturity(enum.StrEnum):
    """Organisers balance early adopters with initiatives that are less far."""

    FRONTRUNNER = "frontrunner"
    STARTING = "starting"


class ExampleStatus(enum.StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    SCHEDULED = "scheduled"
    PRESENTED = "presented"
    DECLINED = "declined"


class PracticeExample(TimestampMixin, Base):
    __tablename__ = "practice_examples"
    __table_args__ = (
        UniqueConstraint("meeting_id", "slot"),
        CheckConstraint("slot IS NULL OR slot IN (1, 2)", name="slot_one_or_two"),
        CheckConstraint("slot IS NULL OR meeting_id IS NOT NULL", name="slot_needs_meeting"),
        # the board's columns and a status's pages: the latest of one status, from the index
        Index("ix_practice_examples_status_updated", "status", "updated_dt", "id"),
        # a session's examples, and the year's balance by maturity from the index alone
        Index(
            "ix_practice_examples_meeting_status_maturity", "meeting_id", "status", "maturity", "id"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    #: the initiative the story is about
    initiative: Mapped[str] = mapped_column(String(200), default="")
    # The search story (Markdown, rendered through nh3).
    goals: Mapped[str] = mapped_column(Text, default="")
    underlying_values: Mapped[str] = mapped_column(Text, default="")
    goes_well: Mapped[str] = mapped_column(Text, default="")
    goes_less_well: Mapped[str] = mapped_column(Text, default="")
    #: where it chafes against other interests, routines, rules or ideas
    chafes: Mapped[str] = mapped_column(Text, default="")
    maturity: Mapped[Maturity] = mapped_column(str_enum(Maturity, "maturity"))
    status: Mapped[ExampleStatus] = mapped_column(
        str_enum(ExampleStatus, "example_status"), default=ExampleStatus.SUBMITTED
    )
    decline_reason: Mapped[str | None] = mapped_column(Text)
    #: the session it is planned for and its slot there (1 or 2)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id", ondelete="SET NULL"))
    slot: Mapped[int | None] = mapped_column()
    proposed_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL"), index=True
    )

    meeting = relationship("Meeting")
    presenters = relationship("Member", secondary=example_presenters)
    organisations = relationship("Organisation", secondary=example_organisations)
    preferred_meetings = relationship("Meeting", secondary=example_preferred_meetings)
