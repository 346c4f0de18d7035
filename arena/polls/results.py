"""Results of a poll: counts per option or scale point, free text listed, and a CSV export.

Read in one query of the poll's answers; a response changed three times counts once, as it
stands now.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from arena.charts import BarChart, bar_chart
from arena.members.csvfile import write_rows
from arena.polls.models import (
    SCALE_MAX,
    SCALE_MIN,
    Poll,
    PollAnswer,
    PollQuestion,
    PollRecipient,
    PollResponse,
    QuestionKind,
)


@dataclass
class QuestionResult:
    question: PollQuestion
    #: how many responses answered this question
    answered: int = 0
    #: (label, count) per option or per scale point, in the question's order
    counts: list[tuple[str, int]] = field(default_factory=list)
    #: (answer id, text) for free-text questions, oldest response first
    texts: list[tuple[int, str]] = field(default_factory=list)
    mean: float | None = None

    @property
    def chart(self) -> BarChart | None:
        return bar_chart(self.counts) if self.counts else None


@dataclass
class PollResults:
    poll: Poll
    asked: int
    responded: int
    questions: list[QuestionResult]


def _labels(question: PollQuestion) -> list[str]:
    if question.kind == QuestionKind.SCALE:
        return [str(n) for n in range(SCALE_MIN, SCALE_MAX + 1)]
    return list(question.options)


def results_of(session: Session, poll: Poll) -> PollResults:
    asked = session.scalar(
        select(func.count()).select_from(PollRecipient).where(PollRecipient.poll_id == poll.id)
    )
    responded = session.scalar(
        select(func.count()).select_from(PollResponse).where(PollResponse.poll_id == poll.id)
    )
    rows = session.execute(
        select(PollAnswer.id, PollAnswer.question_id, PollAnswer.choices)
        .add_columns(PollAnswer.scale, PollAnswer.text)
        .join(PollResponse, PollResponse.id == PollAnswer.response_id)
        .where(PollResponse.poll_id == poll.id)
        .order_by(PollResponse.answered_dt, PollAnswer.id)
    )
    tallies = {q.id: [0] * len(_labels(q)) for q in poll.questions}
    results = {q.id: QuestionResult(q) for q in poll.questions}
    for answer_id, question_id, choices, scale, text in rows:
        result = results.get(question_id)
        if result is None:
            continue
        result.answered += 1
        if text is not None:
            result.texts.append((answer_id, text))
        elif scale is not None:
            tallies[question_id][scale - SCALE_MIN] += 1
        else:
            for index in choices or []:
                if index < len(tallies[question_id]):
                    tallies[question_id][index] += 1
    for question in poll.questions:
        result = results[question.id]
        if question.kind != QuestionKind.FREE_TEXT:
            result.counts = list(zip(_labels(question), tallies[question.id], strict=True))
        if question.kind == QuestionKind.SCALE and result.answered:
            total = sum(
                n * v
                for n, v in zip(range(SCALE_MIN, SCALE_MAX + 1), tallies[question.id], strict=True)
            )
            result.mean = total / result.answered
    return PollResults(poll, asked or 0, responded or 0, [results[q.id] for q in poll.questions])


def cell(question: PollQuestion, answer: PollAnswer | None) -> str:
    if answer is None:
        return ""
    if answer.text is not None:
        return answer.text
    if answer.scale is not None:
        return str(answer.scale)
    return "; ".join(question.options[i] for i in answer.choices or [] if i < len(question.options))


def results_csv(session: Session, poll: Poll, headers: list[str], delimiter: str = ";") -> str:
    """One row per response, numbered, without names; one column per question.

    ``headers`` are the first two column names in the reader's language (number, time).
    """
    responses = session.scalars(
        select(PollResponse)
        .where(PollResponse.poll_id == poll.id)
        .order_by(PollResponse.answered_dt, PollResponse.id)
    ).all()
    answers: dict[tuple[int, int], PollAnswer] = {}
    for answer in session.scalars(
        select(PollAnswer)
        .join(PollResponse, PollResponse.id == PollAnswer.response_id)
        .where(PollResponse.poll_id == poll.id)
    ):
        answers[(answer.response_id, answer.question_id)] = answer
    columns = [*headers, *(f"{q.position}. {q.text}" for q in poll.questions)]
    rows = [
        [number, response.answered_dt.strftime("%Y-%m-%d %H:%M")]
        + [cell(q, answers.get((response.id, q.id))) for q in poll.questions]
        for number, response in enumerate(responses, start=1)
    ]
    return write_rows(rows, columns, delimiter)
