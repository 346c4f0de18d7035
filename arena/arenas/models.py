"""Arena series, their sessions (called meetings in code, to keep clear of db sessions), and
who was invited to each session, what they answered and whether they came (``Attendance``)."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import (
    JSON,
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

from arena.db import Base, TimestampMixin, UTCDateTime, str_enum

series_organisers = Table(
    "series_organisers",
    Base.metadata,
    Column("series_id", ForeignKey("arena_series.id", ondelete="CASCADE"), primary_key=True),
    Column("account_id", ForeignKey("user_accounts.id", ondelete="CASCADE"), primary_key=True),
)


class SeriesFollower(Base):
    """A member who wants to be invited to every new session of a series."""

    __tablename__ = "series_followers"

    series_id: Mapped[int] = mapped_column(
        ForeignKey("arena_series.id", ondelete="CASCADE"), primary_key=True
    )
    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), primary_key=True
    )
    followed_dt: Mapped[datetime] = mapped_column(UTCDateTime())


class ReminderTo(enum.StrEnum):
    """Who gets the reminder before a session."""

    UNANSWERED = "unanswered"
    UNANSWERED_OR_MAYBE = "unanswered-or-maybe"


class ArenaSeries(TimestampMixin, Base):
    """A recurring series with a fixed rhythm and a standard form that organisers adapt."""

    __tablename__ = "arena_series"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    #: the transition it is about, e.g. an inclusive labour market
    theme: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    #: e.g. "quarterly"
    rhythm: Mapped[str] = mapped_column(String(100), default="quarterly")
    #: the general header shown on every invitation and page of the series
    header_text: Mapped[str] = mapped_column(Text, default="")
    header_image_path: Mapped[str | None] = mapped_column(String(300))
    #: clear instructions for presenters of practice examples
    presenter_instructions: Mapped[str] = mapped_column(Text, default="")
    #: the standard invitation (sandboxed Jinja), adapted per session
    invitation_subject: Mapped[str] = mapped_column(String(300), default="")
    invitation_body: Mapped[str] = mapped_column(Text, default="")
    #: the same invitation in English, for members who chose English (empty: the Dutch one)
    invitation_subject_en: Mapped[str | None] = mapped_column(String(300))
    invitation_body_en: Mapped[str | None] = mapped_column(Text)
    #: reminders to those who have not answered
    reminder_days_before: Mapped[int] = mapped_column(default=7)
    reminder_subject: Mapped[str] = mapped_column(String(300), default="")
    reminder_body: Mapped[str] = mapped_column(Text, default="")
    #: the reminder and the practical note in English (empty: the Dutch ones)
    reminder_subject_en: Mapped[str | None] = mapped_column(String(300))
    reminder_body_en: Mapped[str | None] = mapped_column(Text)
    practical_note_body_en: Mapped[str | None] = mapped_column(Text)
    reminder_to: Mapped[ReminderTo] = mapped_column(
        str_enum(ReminderTo, "reminder_to"),
        default=ReminderTo.UNANSWERED,
        server_default=ReminderTo.UNANSWERED.value,
    )
    #: the practical note the day before, to those who said yes
    practical_note_body: Mapped[str] = mapped_column(Text, default="")
    #: the standard programme copied into each new session
    default_programme: Mapped[str] = mapped_column(Text, default="")
    default_location: Mapped[str | None] = mapped_column(String(300))

    meetings: Mapped[list[Meeting]] = relationship(
        back_populates="series", order_by="Meeting.starts_dt"
    )


class MeetingState(enum.StrEnum):
    PLANNED = "planned"
    INVITATIONS_SENT = "invitations-sent"
    HELD = "held"
    CANCELLED = "cancelled"


class Meeting(TimestampMixin, Base):
    """One session of a series: introduction, two practice examples, reflection."""

    __tablename__ = "meetings"
    __table_args__ = (CheckConstraint("ends_dt > starts_dt", name="ends_after_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    series_id: Mapped[int] = mapped_column(
        ForeignKey("arena_series.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(300))
    #: stored in UTC; shown in the time zone below
    starts_dt: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    ends_dt: Mapped[datetime] = mapped_column(UTCDateTime())
    time_zone: Mapped[str] = mapped_column(String(64), default="Europe/Amsterdam")
    location: Mapped[str | None] = mapped_column(String(300))
    online_url: Mapped[str | None] = mapped_column(String(500))
    #: the aspect of transition science the introduction covers
    introduction_topic: Mapped[str] = mapped_column(String(300), default="")
    programme: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[MeetingState] = mapped_column(
        str_enum(MeetingState, "meeting_state"), default=MeetingState.PLANNED, index=True
    )
    #: raised on every change that attendees' calendars must follow (iCalendar SEQUENCE)
    ical_sequence: Mapped[int] = mapped_column(default=0)
    #: overrides of the series' reminder settings, when set
    reminder_days_before: Mapped[int | None] = mapped_column()
    reminder_body: Mapped[str | None] = mapped_column(Text)
    invitation_subject: Mapped[str | None] = mapped_column(String(300))
    invitation_body: Mapped[str | None] = mapped_column(Text)
    reminder_subject: Mapped[str | None] = mapped_column(String(300))
    reminder_to: Mapped[ReminderTo | None] = mapped_column(str_enum(ReminderTo, "reminder_to"))
    #: who is invited, as chosen by the organiser, e.g. {"kind": "segment", "segment_id": 3}
    audience: Mapped[dict | None] = mapped_column(JSON)
    cancellation_reason: Mapped[str | None] = mapped_column(Text)

    series: Mapped[ArenaSeries] = relationship(back_populates="meetings")


class Response(enum.StrEnum):
    YES = "yes"
    NO = "no"
    MAYBE = "maybe"


class Attendance(TimestampMixin, Base):
    """A member and a session: invited, answered, attended. A walk-in has no invitation."""

    __tablename__ = "attendances"
    __table_args__ = (
        UniqueConstraint("meeting_id", "member_id"),
        # Covers "who attended these sessions" (member filters, co-attendance) without
        # touching the table rows.
        Index("ix_attendances_meeting_attended_member", "meeting_id", "is_attended", "member_id"),
        # ... and "which sessions did these members attend" (profiles, an organisation's
        # sessions): 245 -> 19 ms for an organisation of 2,800 people at 200,000 members.
        Index("ix_attendances_member_attended_meeting", "member_id", "is_attended", "meeting_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    invited_dt: Mapped[datetime | None] = mapped_column(UTCDateTime())
    response: Mapped[Response | None] = mapped_column(str_enum(Response, "response"))
    responded_dt: Mapped[datetime | None] = mapped_column(UTCDateTime())
    is_attended: Mapped[bool] = mapped_column(default=False)
    #: came without being invited (added at the door)
    is_walk_in: Mapped[bool] = mapped_column(default=False)
    checked_in_dt: Mapped[datetime | None] = mapped_column(UTCDateTime())

    meeting = relationship("Meeting")
    member = relationship("Member")
