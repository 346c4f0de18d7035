"""A member's response: checked whole before anything is written, changeable until closing.

Form values arrive as lists of strings per question (``q-<id>``); every question may be left
empty, but not all of them. Changing the response updates its rows in place, so an answer
linked to the learning agenda keeps its link.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from arena.members.models import Member
from arena.polls.models import (
    SCALE_MAX,
    SCALE_MIN,
    Poll,
    PollAnswer,
    PollRecipient,
    PollResponse,
    QuestionKind,
)
from arena.polls.services import PollError, is_open

MAX_ANSWER_TEXT = 4000


class PollClosed(PollError):
    """The poll no longer takes answers."""


@dataclass(frozen=True)
class Value:
    choices: list[int] | None = None
    scale: int | None = None
    text: str | None = None


def field_name(question_id: int) -> str:
    return f"q-{question_id}"


def _value(question, raw: list[str]) -> Value | None:
    raw = [r.strip() for r in raw if r and r.strip()]
    if not raw:
        return None
    name = field_name(question.id)
    if question.kind == QuestionKind.FREE_TEXT:
        text = raw[0]
        if len(text) > MAX_ANSWER_TEXT:
            raise PollError(name, _("Keep your answer under %(n)d characters.", n=MAX_ANSWER_TEXT))
        return Value(text=text)
    if question.kind == QuestionKind.SCALE:
        if len(raw) != 1 or not raw[0].isdigit() or not SCALE_MIN <= int(raw[0]) <= SCALE_MAX:
            raise PollError(
                name, _("Choose a number from %(low)d to %(high)d.", low=SCALE_MIN, high=SCALE_MAX)
            )
        return Value(scale=int(raw[0]))
    indexes = sorted({int(r) for r in raw if r.isdigit()})
    if len(indexes) != len(raw) or any(i >= len(question.options) for i in indexes):
        raise PollError(name, _("Choose from the options given."))
    if question.kind == QuestionKind.ONE_CHOICE and len(indexes) != 1:
        raise PollError(name, _("Choose one option."))
    return Value(choices=indexes)


def parse_values(poll: Poll, form: Mapping[str, list[str]]) -> dict[int, Value]:
    """Question id -> value; raises on the first bad answer, or when nothing was answered."""
    values = {}
    for question in poll.questions:
        value = _value(question, list(form.get(field_name(question.id), [])))
        if value is not None:
            values[question.id] = value
    if not values:
        raise PollError("answers", _("Answer at least one question."))
    return values


def given_values(response: PollResponse | None) -> dict[str, list[str]]:
    """A stored response as form values, so the form shows what the member answered before."""
    values: dict[str, list[str]] = {}
    for answer in response.answers if response else []:
        if answer.text is not None:
            raw = [answer.text]
        elif answer.scale is not None:
            raw = [str(answer.scale)]
        else:
            raw = [str(i) for i in answer.choices or []]
        values[field_name(answer.question_id)] = raw
    return values


def was_asked(session: Session, poll_id: int, member_id: int) -> bool:
    """The poll was sent to the member, and the member was not erased since."""
    return (
        session.scalar(
            select(PollRecipient.member_id)
            .join(Member, Member.id == PollRecipient.member_id)
            .where(
                PollRecipient.poll_id == poll_id,
                PollRecipient.member_id == member_id,
                Member.erased_at.is_(None),
            )
        )
        is not None
    )


def response_of(session: Session, poll_id: int, member_id: int) -> PollResponse | None:
    return session.scalar(
        select(PollResponse)
        .options(selectinload(PollResponse.answers))
        .where(PollResponse.poll_id == poll_id, PollResponse.member_id == member_id)
    )


def record_response(
    session: Session, poll: Poll, member_id: int, values: dict[int, Value], now: datetime
) -> PollResponse:
    """Store the member's response, or change it; refused once closed or for someone not asked."""
    if not is_open(poll, now):
        raise PollClosed("poll", _("This poll is closed. Thank you for your interest."))
    if not was_asked(session, poll.id, member_id):
        raise PollError("poll", _("This poll was not sent to you."))
    response = response_of(session, poll.id, member_id)
    if response is None:
        response = PollResponse(poll_id=poll.id, member_id=member_id, answered_dt=now)
        try:
            with session.begin_nested():
                session.add(response)
                session.flush()
        except IntegrityError:  # the same link submitted twice at once: change the other one
            response = response_of(session, poll.id, member_id)
    else:
        response.changes += 1
        response.updated_dt = now
    by_question = {a.question_id: a for a in response.answers}
    for question_id, value in values.items():
        answer = by_question.pop(question_id, None)
        if answer is None:
            answer = PollAnswer(question_id=question_id)
            response.answers.append(answer)
        answer.choices, answer.scale, answer.text = value.choices, value.scale, value.text
    for left_empty in by_question.values():
        response.answers.remove(left_empty)
    session.flush()
    return response
