"""Writing a poll and closing it. A poll is edited only while it is a draft: once sent, the
questions members answer stay the questions whose results are counted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import update
from sqlalchemy.orm import Session

from arena.polls.models import Poll, PollQuestion, PollState, QuestionKind

MAX_QUESTIONS = 10
MAX_OPTIONS = 12
CHOICE_KINDS = (QuestionKind.ONE_CHOICE, QuestionKind.SEVERAL_CHOICES)


class PollError(ValueError):
    """Bad input for a poll; ``field`` names the form field it belongs to."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass
class QuestionInput:
    kind: str
    text: str
    #: one option per line, for choice questions
    options: list[str] = field(default_factory=list)


@dataclass
class PollInput:
    title: str
    introduction: str = ""
    series_id: int | None = None
    audience: dict = field(default_factory=dict)
    closes_dt: datetime | None = None
    questions: list[QuestionInput] = field(default_factory=list)


def _clean_questions(questions: list[QuestionInput]) -> list[PollQuestion]:
    filled = [q for q in questions if (q.text or "").strip() or any(o.strip() for o in q.options)]
    if not filled:
        raise PollError("questions", _("Add at least one question."))
    if len(filled) > MAX_QUESTIONS:
        raise PollError("questions", _("A poll has at most %(n)d questions.", n=MAX_QUESTIONS))
    cleaned = []
    for position, question in enumerate(filled, start=1):
        field_name = f"questions-{position - 1}"
        text = " ".join((question.text or "").split())
        if not text:
            raise PollError(field_name, _("Question %(n)d has no text.", n=position))
        try:
            kind = QuestionKind(question.kind)
        except ValueError:
            raise PollError(
                field_name, _("Choose a kind for question %(n)d.", n=position)
            ) from None
        options = [" ".join(o.split()) for o in question.options if o.strip()]
        if kind in CHOICE_KINDS:
            if len(options) < 2:
                raise PollError(
                    field_name, _("Question %(n)d needs at least two options.", n=position)
                )
            if len(options) > MAX_OPTIONS or len(set(options)) != len(options):
                raise PollError(
                    field_name,
                    _(
                        "Question %(n)d: up to %(max)d different options.",
                        n=position,
                        max=MAX_OPTIONS,
                    ),
                )
        else:
            options = []
        cleaned.append(PollQuestion(position=position, kind=kind, text=text, options=options))
    return cleaned


def _apply(poll: Poll, data: PollInput) -> None:
    title = " ".join((data.title or "").split())
    if not title:
        raise PollError("title", _("Give the poll a title."))
    questions = _clean_questions(data.questions)
    poll.title = title[:200]
    poll.introduction = (data.introduction or "").strip()
    poll.series_id = data.series_id
    poll.audience = dict(data.audience or {})
    poll.closes_dt = data.closes_dt
    poll.questions = questions


def create_poll(session: Session, data: PollInput, account_id: int | None) -> Poll:
    poll = Poll(created_by_id=account_id, state=PollState.DRAFT)
    _apply(poll, data)  # raises before anything is added
    session.add(poll)
    session.flush()
    return poll


def update_poll(session: Session, poll: Poll, data: PollInput) -> Poll:
    if poll.state != PollState.DRAFT:
        raise PollError("state", _("This poll was sent; its questions cannot change any more."))
    _apply(poll, data)
    session.flush()
    return poll


def is_open(poll: Poll, now: datetime) -> bool:
    """Answers are taken while the poll is sent and its closing time has not passed."""
    return poll.state == PollState.OPEN and (poll.closes_dt is None or now < poll.closes_dt)


def close_poll(session: Session, poll: Poll, now: datetime) -> None:
    if poll.state != PollState.OPEN:
        raise PollError("state", _("Only a poll that was sent can be closed."))
    poll.state = PollState.CLOSED
    poll.closed_dt = now
    session.flush()


def close_due_polls(session: Session, now: datetime) -> int:
    """The scheduler's job: polls past their closing time stop taking answers."""
    result = session.execute(
        update(Poll)
        .where(Poll.state == PollState.OPEN, Poll.closes_dt <= now)
        .values(state=PollState.CLOSED, closed_dt=now)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount or 0
