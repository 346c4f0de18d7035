"""Change stories told by members, and the organisers' selection of the most significant."""

from __future__ import annotations

from datetime import date

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from arena.db import Base, TimestampMixin, str_enum
from arena.wins.models import Mechanism

story_small_wins = Table(
    "story_small_wins",
    Base.metadata,
    Column("story_id", ForeignKey("change_stories.id", ondelete="CASCADE"), primary_key=True),
    Column("small_win_id", ForeignKey("small_wins.id", ondelete="CASCADE"), primary_key=True),
)

story_meetings = Table(
    "story_meetings",
    Base.metadata,
    Column("story_id", ForeignKey("change_stories.id", ondelete="CASCADE"), primary_key=True),
    Column("meeting_id", ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True),
)


class ChangeStory(TimestampMixin, Base):
    """What changed, for whom, and why it matters, in the teller's words."""

    __tablename__ = "change_stories"
    __table_args__ = (
        # MSC sorts stories into domains of change: here a mechanism or a theme.
        CheckConstraint("mechanism IS NOT NULL OR theme IS NOT NULL", name="has_domain"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: kept when the member is erased: it then points at the anonymous node
    teller_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    what_changed: Mapped[str] = mapped_column(Text)
    for_whom: Mapped[str] = mapped_column(Text, default="")
    why_it_matters: Mapped[str] = mapped_column(Text)
    #: the domain of change the teller chose: a mechanism, a theme, or both
    mechanism: Mapped[Mechanism | None] = mapped_column(str_enum(Mechanism, "mechanism"))
    theme: Mapped[str | None] = mapped_column(String(200))
    series_id: Mapped[int | None] = mapped_column(
        ForeignKey("arena_series.id", ondelete="SET NULL"), index=True
    )
    #: the day the story was told; periods select on it
    told_on: Mapped[date] = mapped_column(Date, index=True)

    teller = relationship("Member")
    series = relationship("ArenaSeries")
    small_wins = relationship("SmallWin", secondary=story_small_wins, order_by="SmallWin.id")
    meetings = relationship("Meeting", secondary=story_meetings, order_by="Meeting.starts_dt")
    selections: Mapped[list[StorySelection]] = relationship(
        back_populates="story", cascade="all, delete-orphan", order_by="StorySelection.period_start"
    )


class StorySelection(TimestampMixin, Base):
    """A story chosen as most significant for a period, and the reason written down."""

    __tablename__ = "story_selections"
    __table_args__ = (
        UniqueConstraint("story_id", "period_start", "period_end"),
        CheckConstraint("period_end >= period_start", name="period_in_order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    story_id: Mapped[int] = mapped_column(
        ForeignKey("change_stories.id", ondelete="CASCADE"), index=True
    )
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    #: why this story was chosen: what the programme values, made explicit
    reason: Mapped[str] = mapped_column(Text)
    #: who chose, e.g. "the organisers" or "panel of 3 March: Anna, Bram, Cem"
    panel: Mapped[str] = mapped_column(String(300), default="")
    selected_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_accounts.id", ondelete="SET NULL")
    )

    story: Mapped[ChangeStory] = relationship(back_populates="selections")
