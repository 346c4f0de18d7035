"""Raising, proposing, accepting, merging, moving and dropping learning questions.

Every change of state is written to the question's history, so the report can say how the
agenda moved in a period. Services flush and never commit.
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from arena.learning.models import (
    ON_AGENDA,
    LearningAgenda,
    LearningQuestion,
    LearningQuestionChange,
    QuestionState,
)

MAX_TEXT = 500
DEFAULT_FLAG_AFTER = 3


class LearningError(ValueError):
    """Bad input for a learning question; ``field`` names the form field it belongs to."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def flag_after_sessions(session: Session, series_id: int) -> int:
    agenda = session.get(LearningAgenda, series_id)
    return agenda.flag_after_sessions if agenda else DEFAULT_FLAG_AFTER


def set_flag_after_sessions(session: Session, series_id: int, sessions: int) -> None:
    if not 1 <= sessions <= 50:
        raise LearningError("flag_after_sessions", _("Choose a number of sessions from 1 to 50."))
    agenda = session.get(LearningAgenda, series_id)
    if agenda is None:
        session.add(LearningAgenda(series_id=series_id, flag_after_sessions=sessions))
    else:
        agenda.flag_after_sessions = sessions
    session.flush()


def _clean_text(text: str | None) -> str:
    text = " ".join((text or "").split())
    if not text:
        raise LearningError("text", _("Write the question."))
    if len(text) > MAX_TEXT:
        raise LearningError("text", _("Keep the question under %(n)d characters.", n=MAX_TEXT))
    return text


def _next_number(session: Session, series_id: int) -> int:
    highest = session.scalar(
        select(func.max(LearningQuestion.number)).where(LearningQuestion.series_id == series_id)
    )
    return (highest or 0) + 1


def _move(
    question: LearningQuestion, state: QuestionState, account_id: int | None, now: datetime
) -> None:
    question.state = state
    question.changes.append(
        LearningQuestionChange(state=state, changed_dt=now, changed_by_id=account_id)
    )


def _new_question(
    session: Session, series_id: int, text: str, context: str, *, now, account_id, member_id
) -> LearningQuestion:
    question = LearningQuestion(
        series_id=series_id,
        text=_clean_text(text),
        context=(context or "").strip(),
        raised_by_account_id=account_id,
        raised_by_member_id=member_id,
        raised_dt=now,
    )
    session.add(question)
    return question


def add_question(
    session: Session,
    series_id: int,
    text: str,
    *,
    now: datetime,
    context: str = "",
    account_id: int | None = None,
    member_id: int | None = None,
) -> LearningQuestion:
    """An organiser puts a question straight on the agenda (raised by them or a member)."""
    question = _new_question(
        session, series_id, text, context, now=now, account_id=account_id, member_id=member_id
    )
    _open(session, question, account_id, now)
    return question


def _open(session: Session, question: LearningQuestion, account_id, now: datetime) -> None:
    question.number = _next_number(session, question.series_id)
    question.opened_dt = now
    _move(question, QuestionState.OPEN, account_id, now)
    session.flush()


def propose_question(
    session: Session,
    series_id: int,
    member_id: int,
    text: str,
    *,
    now: datetime,
    context: str = "",
    account_id: int | None = None,
) -> LearningQuestion:
    """A member proposes; the question waits, unnumbered, until an organiser decides."""
    question = _new_question(
        session, series_id, text, context, now=now, account_id=account_id, member_id=member_id
    )
    _move(question, QuestionState.PROPOSED, account_id, now)
    session.flush()
    return question


def _must_be_proposal(question: LearningQuestion) -> None:
    if question.state != QuestionState.PROPOSED:
        raise LearningError("state", _("This question is no longer a proposal."))


def accept_proposal(
    session: Session, question: LearningQuestion, *, now: datetime, account_id: int | None
) -> None:
    _must_be_proposal(question)
    _open(session, question, account_id, now)


def merge_proposal(
    session: Session,
    question: LearningQuestion,
    into: LearningQuestion | None,
    *,
    now: datetime,
    account_id: int | None,
) -> None:
    """Fold a proposal into a question already on the agenda of the same series."""
    _must_be_proposal(question)
    if into is None or into.series_id != question.series_id or into.state not in ON_AGENDA:
        raise LearningError("into", _("Choose an open question of this series to merge into."))
    question.merged_into_id = into.id
    if not question.answer:
        question.answer = _("Merged into question %(number)d.", number=into.number)
    _move(question, QuestionState.MERGED, account_id, now)
    session.flush()


def drop_question(
    session: Session,
    question: LearningQuestion,
    reason: str,
    *,
    now: datetime,
    account_id: int | None,
) -> None:
    """Drop a proposal or a question on the agenda; the reason stays with it."""
    if question.state not in (QuestionState.PROPOSED, *ON_AGENDA):
        raise LearningError("state", _("This question is closed already."))
    question.answer = (reason or "").strip()
    _move(question, QuestionState.DROPPED, account_id, now)
    session.flush()


def move_question(
    session: Session,
    question: LearningQuestion,
    state: QuestionState,
    answer: str,
    *,
    now: datetime,
    account_id: int | None,
) -> None:
    """Open, explore or answer a question on the agenda (or reopen a closed one)."""
    if question.state == QuestionState.PROPOSED:
        raise LearningError("state", _("Accept, merge or drop the proposal first."))
    if state not in (QuestionState.OPEN, QuestionState.EXPLORING, QuestionState.ANSWERED):
        raise LearningError("state", _("Choose open, being explored or answered."))
    answer = (answer or "").strip()
    if state == QuestionState.ANSWERED and not answer:
        raise LearningError("answer", _("Write the answer in a few words."))
    if answer:
        question.answer = answer
    if state != question.state:
        _move(question, state, account_id, now)
    session.flush()
