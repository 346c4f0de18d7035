"""A poll, its questions, who was asked, and each member's one (changeable) response."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from arena.db import Base, TimestampMixin, UTCDateTime, str_enum


class PollState(enum.StrEnum):
    DRAFT = "draft"
    #: sent and open for answers until closes_dt
    OPEN = "open"
    CLOSED = "closed"


class QuestionKind(enum.StrEnum):
    ONE_CHOICE = "one-choice"
    SEVERAL_CHOICES = "several-choices"
    SCALE = "scale"
    FREE_TEXT = "free-text"


#: the scale of a scale question, inclusive
SCALE_MIN, SCALE_MAX = 1, 5


class Poll(TimestampMixin, Base):
    __tablename__ = "polls"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    #: a few words above the questions: why we ask, what happens with the answers
    introduction: Mapped[str] = mapped_column(Text, default="")
    #: the series it serves, when it serves one (followers are then an audience)
    series_id: Mapped[int | None] = mapped_column(
        ForeignKey("arena_series.id", ondelete="SET NULL"), index=True
    )
    #: who is asked, as for invitations, e.g. {"kind": "attendees", "meeting_id": 4}
    audience: Mapped[dict] = mapped_column(JSON, default=dict)
    state: Mapped[PollState] = mapped_column(
        str_enum(PollState, "poll_state"), default=PollState.DRAFT, index=True
    )
    #: answers are taken until this moment
    closes_dt: Mapped[datetime | None] = mapped_column(UTCDateTime())
    sent_dt: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_dt: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_accounts.id", ondelete="SET NULL")
    )

    questions: Mapped[list[PollQuestion]] = relationship(
        back_populates="poll", order_by="PollQuestion.position", cascade="all, delete-orphan"
    )
    series = relationship("ArenaSeries")


class PollQuestion(Base):
    __tablename__ = "poll_questions"
    __table_args__ = (UniqueConstraint("poll_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    poll_id: Mapped[int] = mapped_column(ForeignKey("polls.id", ondelete="CASCADE"), index=True)
    #: 1, 2, ... in the order members see them
    position: Mapped[int] = mapped_column()
    kind: Mapped[QuestionKind] = mapped_column(str_enum(QuestionKind, "poll_question_kind"))
    text: Mapped[str] = mapped_column(String(500))
    #: the options of a choice question, in order; empty for scale and free text
    options: Mapped[list[str]] = mapped_column(JSON, default=list)

    poll: Mapped[Poll] = relationship(back_populates="questions")


class PollRecipient(Base):
    """A member the poll was sent to: only they may answer, each through their own link."""

    __tablename__ = "poll_recipients"

    poll_id: Mapped[int] = mapped_column(
        ForeignKey("polls.id", ondelete="CASCADE"), primary_key=True
    )
    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    asked_dt: Mapped[datetime] = mapped_column(UTCDateTime())


class PollResponse(TimestampMixin, Base):
    """A member's one response to a poll; changing it updates these rows in place."""

    __tablename__ = "poll_responses"
    __table_args__ = (UniqueConstraint("poll_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    poll_id: Mapped[int] = mapped_column(ForeignKey("polls.id", ondelete="CASCADE"), index=True)
    #: kept when the member is erased: the row then points at the anonymous node
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    answered_dt: Mapped[datetime] = mapped_column(UTCDateTime())
    #: how often the member changed the response after the first time
    changes: Mapped[int] = mapped_column(default=0)

    answers: Mapped[list[PollAnswer]] = relationship(
        back_populates="response", cascade="all, delete-orphan"
    )
    member = relationship("Member")


class PollAnswer(Base):
    """The answer to one question: option numbers, a scale value, or text (one of them)."""

    __tablename__ = "poll_answers"
    __table_args__ = (
        UniqueConstraint("response_id", "question_id"),
        CheckConstraint(
            f"scale IS NULL OR scale BETWEEN {SCALE_MIN} AND {SCALE_MAX}", name="scale_1_5"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(
        ForeignKey("poll_responses.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[int] = mapped_column(
        ForeignKey("poll_questions.id", ondelete="CASCADE"), index=True
    )
    #: the chosen options' indexes (0-based) for choice questions
    choices: Mapped[list[int] | None] = mapped_column(JSON)
    scale: Mapped[int | None] = mapped_column()
    text: Mapped[str | None] = mapped_column(Text)

    response: Mapped[PollResponse] = relationship(back_populates="answers")
    question: Mapped[PollQuestion] = relationship()
