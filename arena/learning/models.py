"""Learning questions of a series, their history of states, and the records linked to them."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from arena.db import Base, TimestampMixin, UTCDateTime, str_enum, utcnow


class QuestionState(enum.StrEnum):
    #: raised by a member, waiting for an organiser
    PROPOSED = "proposed"
    OPEN = "open"
    EXPLORING = "exploring"
    ANSWERED = "answered"
    DROPPED = "dropped"
    #: folded into another question (``merged_into_id``)
    MERGED = "merged"


#: states in which a question is still on the agenda
ON_AGENDA = (QuestionState.OPEN, QuestionState.EXPLORING)


class LearningAgenda(Base):
    """A series' agenda settings; a series without a row uses the defaults."""

    __tablename__ = "learning_agendas"
    __table_args__ = (CheckConstraint("flag_after_sessions >= 1", name="flag_after_positive"),)

    series_id: Mapped[int] = mapped_column(
        ForeignKey("arena_series.id", ondelete="CASCADE"), primary_key=True
    )
    #: a question still open after this many sessions is flagged for a session of its own
    flag_after_sessions: Mapped[int] = mapped_column(default=3)


class LearningQuestion(TimestampMixin, Base):
    __tablename__ = "learning_questions"
    __table_args__ = (UniqueConstraint("series_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    series_id: Mapped[int] = mapped_column(
        ForeignKey("arena_series.id", ondelete="CASCADE"), index=True
    )
    #: 1, 2, ... within the series, given when the question goes on the agenda
    number: Mapped[int | None] = mapped_column()
    text: Mapped[str] = mapped_column(String(500))
    #: why it matters, in the words of who raised it
    context: Mapped[str] = mapped_column(Text, default="")
    #: who raised it: a member of the network, or an organiser's account (or both)
    raised_by_member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL"), index=True
    )
    raised_by_account_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_accounts.id", ondelete="SET NULL")
    )
    raised_dt: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    #: when it went on the agenda (proposals: when accepted)
    opened_dt: Mapped[datetime | None] = mapped_column(UTCDateTime())
    state: Mapped[QuestionState] = mapped_column(
        str_enum(QuestionState, "learning_question_state"), default=QuestionState.OPEN, index=True
    )
    #: the answer in words (answered), or why it was dropped or merged
    answer: Mapped[str] = mapped_column(Text, default="")
    merged_into_id: Mapped[int | None] = mapped_column(
        ForeignKey("learning_questions.id", ondelete="SET NULL")
    )

    raised_by_member = relationship("Member")
    series = relationship("ArenaSeries")
    merged_into: Mapped[LearningQuestion | None] = relationship(remote_side=[id])
    changes: Mapped[list[LearningQuestionChange]] = relationship(
        back_populates="question",
        cascade="all, delete-orphan",
        order_by="LearningQuestionChange.changed_dt",
    )


class LearningQuestionChange(Base):
    """One move of a question between states: the agenda's movement over a period."""

    __tablename__ = "learning_question_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("learning_questions.id", ondelete="CASCADE"), index=True
    )
    state: Mapped[QuestionState] = mapped_column(str_enum(QuestionState, "learning_question_state"))
    changed_dt: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    changed_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_accounts.id", ondelete="SET NULL")
    )

    question: Mapped[LearningQuestion] = relationship(back_populates="changes")


#: what a link may point at: its column on LearningLink, and the table it refers to
LINK_TARGETS = {
    "reflection": ("reflection_id", "reflections"),
    "practice-example": ("practice_example_id", "practice_examples"),
    "small-win": ("small_win_id", "small_wins"),
    "session": ("meeting_id", "meetings"),
    "poll-question": ("poll_question_id", "poll_questions"),
    "poll-answer": ("poll_answer_id", "poll_answers"),
    "story": ("story_id", "change_stories"),
}


def _exactly_one_target() -> str:
    columns = [column for column, _table in LINK_TARGETS.values()]
    return " + ".join(f"(CASE WHEN {c} IS NULL THEN 0 ELSE 1 END)" for c in columns) + " = 1"


def _target(table: str) -> Mapped[int | None]:
    return mapped_column(ForeignKey(f"{table}.id", ondelete="CASCADE"), index=True)


class LearningLink(Base):
    """A record that sheds light on a question: exactly one target column is set."""

    __tablename__ = "learning_links"
    __table_args__ = (
        UniqueConstraint("question_id", "target_key"),
        CheckConstraint(_exactly_one_target(), name="one_target"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("learning_questions.id", ondelete="CASCADE"), index=True
    )
    #: e.g. "small-win:12"; unique per question, so a record is linked once
    target_key: Mapped[str] = mapped_column(String(40))
    #: what the record says about the question, in the linker's words
    note: Mapped[str] = mapped_column(Text, default="")
    linked_dt: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    linked_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_accounts.id", ondelete="SET NULL")
    )
    reflection_id: Mapped[int | None] = _target("reflections")
    practice_example_id: Mapped[int | None] = _target("practice_examples")
    small_win_id: Mapped[int | None] = _target("small_wins")
    meeting_id: Mapped[int | None] = _target("meetings")
    poll_question_id: Mapped[int | None] = _target("poll_questions")
    poll_answer_id: Mapped[int | None] = _target("poll_answers")
    story_id: Mapped[int | None] = _target("change_stories")
