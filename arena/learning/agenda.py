"""A series' agenda as people read it: questions in order, how long each has been open, flags.

A question is flagged when it has stayed open (or being explored) through the series' set
number of sessions: time to give it a session of its own. Sessions count from the day the
question went on the agenda; cancelled ones do not count.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, select
from sqlalchemy.orm import Session, selectinload

from arena.arenas.models import Meeting, MeetingState
from arena.learning.models import ON_AGENDA, LearningQuestion, QuestionState
from arena.learning.services import flag_after_sessions

#: the agenda's order: open questions first, proposals, then closed ones
STATE_ORDER = [
    QuestionState.EXPLORING,
    QuestionState.OPEN,
    QuestionState.PROPOSED,
    QuestionState.ANSWERED,
    QuestionState.MERGED,
    QuestionState.DROPPED,
]


@dataclass(frozen=True)
class AgendaItem:
    question: LearningQuestion
    #: sessions of the series since it went on the agenda (None for proposals)
    sessions_open: int | None
    flagged: bool


def session_starts(session: Session, series_id: int, now: datetime) -> list[datetime]:
    """Start times of the series' sessions that took place by now, oldest first."""
    return list(
        session.scalars(
            select(Meeting.starts_dt)
            .where(
                Meeting.series_id == series_id,
                Meeting.state != MeetingState.CANCELLED,
                Meeting.starts_dt <= now,
            )
            .order_by(Meeting.starts_dt)
        )
    )


def sessions_since(starts: list[datetime], opened: datetime | None) -> int | None:
    if opened is None:
        return None
    return len(starts) - bisect.bisect_right(starts, opened)


def agenda_item(question: LearningQuestion, starts: list[datetime], flag_after: int) -> AgendaItem:
    count = sessions_since(starts, question.opened_dt)
    flagged = question.state in ON_AGENDA and count is not None and count >= flag_after
    return AgendaItem(question, count, flagged)


def agenda_of(
    session: Session, series_id: int, now: datetime, *, with_closed: bool = True
) -> list[AgendaItem]:
    """The series' questions in reading order, each with its session count and flag."""
    order = case({s: i for i, s in enumerate(STATE_ORDER)}, value=LearningQuestion.state)
    query = (
        select(LearningQuestion)
        .options(selectinload(LearningQuestion.raised_by_member))
        .where(LearningQuestion.series_id == series_id)
        .order_by(order, LearningQuestion.number, LearningQuestion.raised_dt)
    )
    if not with_closed:
        query = query.where(LearningQuestion.state.in_([*ON_AGENDA, QuestionState.PROPOSED]))
    starts = session_starts(session, series_id, now)
    flag_after = flag_after_sessions(session, series_id)
    return [agenda_item(q, starts, flag_after) for q in session.scalars(query)]
