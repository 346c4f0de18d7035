"""Linking records to a learning question, and reading them back as a trail in time order.

Each kind of record has its own date: a small win the day it happened, a session its start, a
reflection when it was written, a practice example its session (or when it was proposed), a
poll question when the poll was sent, a poll answer when it was given, a story the day it was
told. One query per kind of record, however long the trail.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from arena.arenas.models import Meeting
from arena.examples.models import PracticeExample
from arena.learning.models import LINK_TARGETS, LearningLink, LearningQuestion
from arena.learning.services import LearningError
from arena.polls.models import Poll, PollAnswer, PollQuestion
from arena.stories.models import ChangeStory
from arena.wins.models import Reflection, SmallWin

MODELS = {
    "reflection": Reflection,
    "practice-example": PracticeExample,
    "small-win": SmallWin,
    "session": Meeting,
    "poll-question": PollQuestion,
    "poll-answer": PollAnswer,
    "story": ChangeStory,
}
#: the order of kinds on one day: what happened before what was said about it
KIND_ORDER = list(MODELS)


@dataclass(frozen=True)
class TrailItem:
    kind: str
    record_id: int
    when: datetime
    #: the record has a day, not a time (small wins, stories)
    is_day: bool
    title: str
    link: LearningLink
    #: the page that shows it: a record kind of arena.record_links and an id
    page: tuple[str, int]


def link_record(
    session: Session,
    question: LearningQuestion,
    kind: str,
    record_id: int | None,
    *,
    note: str = "",
    account_id: int | None,
    now: datetime,
) -> LearningLink:
    """Link one record to the question; an unknown record or a second link is refused."""
    if kind not in MODELS:
        raise LearningError("kind", _("Choose what kind of record to link."))
    if record_id is None or session.get(MODELS[kind], record_id) is None:
        raise LearningError("record", _("There is no such record."))
    key = f"{kind}:{record_id}"
    exists = session.scalar(
        select(LearningLink.id).where(
            LearningLink.question_id == question.id, LearningLink.target_key == key
        )
    )
    if exists is not None:
        raise LearningError("record", _("This record is linked to the question already."))
    link = LearningLink(
        question_id=question.id,
        target_key=key,
        note=(note or "").strip(),
        linked_dt=now,
        linked_by_id=account_id,
        **{LINK_TARGETS[kind][0]: record_id},
    )
    try:
        with session.begin_nested():
            session.add(link)
            session.flush()
    except IntegrityError:  # linked at the same moment by someone else
        raise LearningError("record", _("This record is linked to the question already.")) from None
    return link


def _day(day: date) -> datetime:
    return datetime.combine(day, time(12), tzinfo=UTC)


def _describe(session: Session, kind: str, ids: list[int]) -> dict[int, tuple]:
    """id -> (when, is_day, title[, page]) for records of one kind."""
    if kind == "reflection":
        rows = session.execute(
            select(Reflection.id, Reflection.created_dt, Meeting.title, Reflection.of_value)
            .add_columns(Meeting.id)
            .join(Meeting, Meeting.id == Reflection.meeting_id)
            .where(Reflection.id.in_(ids))
        )
        return {
            i: (dt, False, _reflection_title(t, text), ("session-reflections", meeting_id))
            for i, dt, t, text, meeting_id in rows
        }
    if kind == "practice-example":
        rows = session.execute(
            select(PracticeExample.id, Meeting.starts_dt, PracticeExample.created_dt)
            .add_columns(PracticeExample.title)
            .outerjoin(Meeting, Meeting.id == PracticeExample.meeting_id)
            .where(PracticeExample.id.in_(ids))
        )
        return {i: (starts or made, False, title) for i, starts, made, title in rows}
    if kind == "small-win":
        rows = session.execute(
            select(SmallWin.id, SmallWin.happened_on, SmallWin.title).where(SmallWin.id.in_(ids))
        )
        return {i: (_day(day), True, title) for i, day, title in rows}
    if kind == "session":
        rows = session.execute(
            select(Meeting.id, Meeting.starts_dt, Meeting.title).where(Meeting.id.in_(ids))
        )
        return {i: (dt, False, title) for i, dt, title in rows}
    if kind == "poll-question":
        rows = session.execute(
            select(PollQuestion.id, Poll.sent_dt, Poll.created_dt, PollQuestion.text)
            .add_columns(Poll.id)
            .join(Poll, Poll.id == PollQuestion.poll_id)
            .where(PollQuestion.id.in_(ids))
        )
        return {
            i: (sent or made, False, text, ("poll", poll_id))
            for i, sent, made, text, poll_id in rows
        }
    if kind == "poll-answer":
        answers = session.scalars(
            select(PollAnswer)
            .options(selectinload(PollAnswer.question), selectinload(PollAnswer.response))
            .where(PollAnswer.id.in_(ids))
        )
        return {
            a.id: (a.response.answered_dt, False, _answer_title(a), ("poll", a.response.poll_id))
            for a in answers
        }
    rows = session.execute(
        select(ChangeStory.id, ChangeStory.told_on, ChangeStory.title).where(
            ChangeStory.id.in_(ids)
        )
    )
    return {i: (_day(day), True, title) for i, day, title in rows}


def _reflection_title(meeting_title: str, of_value: str) -> str:
    words = " ".join((of_value or "").split())
    quote = words if len(words) <= 120 else words[:119] + "…"
    return f"{meeting_title}: “{quote}”" if quote else meeting_title


def _answer_title(answer: PollAnswer) -> str:
    question = answer.question
    if answer.text:
        value = answer.text
    elif answer.scale is not None:
        value = str(answer.scale)
    else:
        value = ", ".join(
            question.options[i] for i in answer.choices or [] if i < len(question.options)
        )
    return f"{question.text}: {value}"


def trail_of(session: Session, question: LearningQuestion) -> list[TrailItem]:
    links = list(
        session.scalars(select(LearningLink).where(LearningLink.question_id == question.id))
    )
    by_kind: dict[str, list[LearningLink]] = {}
    for link in links:
        by_kind.setdefault(link.target_key.split(":", 1)[0], []).append(link)
    items = []
    for kind, kind_links in by_kind.items():
        column = LINK_TARGETS[kind][0]
        described = _describe(session, kind, [getattr(link, column) for link in kind_links])
        for link in kind_links:
            record_id = getattr(link, column)
            when, is_day, title, *page = described[record_id]
            page = page[0] if page else (kind, record_id)
            items.append(TrailItem(kind, record_id, when, is_day, title, link, page))
    items.sort(key=lambda item: (item.when, KIND_ORDER.index(item.kind), item.record_id))
    return items
