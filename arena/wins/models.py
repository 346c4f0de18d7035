"""Small wins, the six accelerating mechanisms, and the reflections after each session."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Index,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from arena.db import Base, TimestampMixin, UTCDateTime, str_enum


class Mechanism(enum.StrEnum):
    """Termeer's accelerating mechanisms that spread, widen and deepen small wins."""

    ENERGIZING = "energizing"
    EXPERIMENTING = "experimenting"
    ATTRACTION = "attraction"
    OIL_SPOT = "oil-spot"
    CONNECTION = "connection"
    ROBUSTNESS = "robustness"


class SmallWinMechanism(Base):
    __tablename__ = "small_win_mechanisms"

    small_win_id: Mapped[int] = mapped_column(
        ForeignKey("small_wins.id", ondelete="CASCADE"), primary_key=True
    )
    mechanism: Mapped[Mechanism] = mapped_column(str_enum(Mechanism, "mechanism"), primary_key=True)


small_win_inspirations = Table(
    "small_win_inspirations",
    Base.metadata,
    Column("inspired_id", ForeignKey("small_wins.id", ondelete="CASCADE"), primary_key=True),
    Column("inspiring_id", ForeignKey("small_wins.id", ondelete="CASCADE"), primary_key=True),
    CheckConstraint("inspired_id <> inspiring_id", name="not_self"),
)

small_win_members = Table(
    "small_win_members",
    Base.metadata,
    Column("small_win_id", ForeignKey("small_wins.id", ondelete="CASCADE"), primary_key=True),
    Column("member_id", ForeignKey("members.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_small_win_members_member_id", "member_id"),
)


class SmallWin(TimestampMixin, Base):
    """A small but deep change in someone's practice, brought back from an arena."""

    __tablename__ = "small_wins"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    #: what changed: new practice, insight or value
    what_changed: Mapped[str] = mapped_column(Text, default="")
    happened_on: Mapped[date] = mapped_column(Date, index=True)
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL"), index=True
    )
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="SET NULL"), index=True
    )
    #: the friction met with interests, routines, rules or business models
    friction: Mapped[str] = mapped_column(Text, default="")
    #: the level or policy domain it reached, e.g. "municipal policy", "work and income"
    reach: Mapped[str | None] = mapped_column(String(200))
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="SET NULL"), index=True
    )
    practice_example_id: Mapped[int | None] = mapped_column(
        ForeignKey("practice_examples.id", ondelete="SET NULL"), index=True
    )

    mechanism_rows: Mapped[list[SmallWinMechanism]] = relationship(
        cascade="all, delete-orphan", lazy="selectin"
    )
    author = relationship("Member", foreign_keys=[author_id])
    organisation = relationship("Organisation")
    meeting = relationship("Meeting")
    members = relationship("Member", secondary=small_win_members)
    inspired_by: Mapped[list[SmallWin]] = relationship(
        secondary=small_win_inspirations,
        primaryjoin=lambda: SmallWin.id == small_win_inspirations.c.inspired_id,
        secondaryjoin=lambda: SmallWin.id == small_win_inspirations.c.inspiring_id,
    )

    @property
    def mechanisms(self) -> list[Mechanism]:
        return sorted((row.mechanism for row in self.mechanism_rows), key=list(Mechanism).index)


class StickAnswer(enum.StrEnum):
    HOLDS = "holds"
    GREW = "grew"
    SPREAD = "spread"
    REVERSED = "reversed"


class SmallWinFollowUp(Base):
    """'Did it stick?' asked of the author 3, 6 and 12 months after a win was logged."""

    __tablename__ = "small_win_follow_ups"
    __table_args__ = (
        UniqueConstraint("small_win_id", "months_after"),
        CheckConstraint("months_after IN (3, 6, 12)", name="months_after_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    small_win_id: Mapped[int] = mapped_column(ForeignKey("small_wins.id", ondelete="CASCADE"))
    months_after: Mapped[int] = mapped_column()
    asked_dt: Mapped[datetime | None] = mapped_column(UTCDateTime())
    answer: Mapped[StickAnswer | None] = mapped_column(str_enum(StickAnswer, "stick_answer"))
    answered_dt: Mapped[datetime | None] = mapped_column(UTCDateTime())
    note: Mapped[str | None] = mapped_column(Text)


class Reflection(TimestampMixin, Base):
    """A member's answers to the three monitoring questions, asked after every session."""

    __tablename__ = "reflections"
    __table_args__ = (UniqueConstraint("meeting_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    #: What was of value to you today?
    of_value: Mapped[str] = mapped_column(Text, default="")
    #: What did you see in the collaboration that you want more of?
    want_more_of: Mapped[str] = mapped_column(Text, default="")
    #: What will you do differently tomorrow?
    do_differently: Mapped[str] = mapped_column(Text, default="")


class SmallWinTally(Base):
    """How many wins of a mechanism happened in a month with a latest 'did it stick?' answer
    ('' for none): the unfiltered chart and stick table read these few rows instead of
    counting every win. Kept by database triggers (migration pages_0001), never by the app."""

    __tablename__ = "small_win_tallies"

    mechanism: Mapped[str] = mapped_column(String(16), primary_key=True)
    #: "YYYY-MM" of happened_on
    month: Mapped[str] = mapped_column(String(7), primary_key=True)
    answer: Mapped[str] = mapped_column(String(8), primary_key=True)
    n: Mapped[int] = mapped_column()


class SmallWinTallyEntry(Base):
    """What one win adds to the tallies now, per mechanism; the triggers take it away again
    before they count the win anew."""

    __tablename__ = "small_win_tally_entries"

    small_win_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    mechanism: Mapped[str] = mapped_column(String(16), primary_key=True)
    month: Mapped[str] = mapped_column(String(7))
    answer: Mapped[str] = mapped_column(String(8))
