"""Writing a poll, answering it (once, changeable until closing), and counting the results."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest

from arena.polls.answering import PollClosed, field_name, parse_values, record_response
from arena.polls.models import Poll, PollRecipient, PollResponse, PollState
from arena.polls.results import results_csv, results_of
from arena.polls.services import (
    PollError,
    PollInput,
    QuestionInput,
    close_due_polls,
    create_poll,
    update_poll,
)

NOW = datetime(2025, 3, 1, 10, 0, tzinfo=UTC)
QUESTIONS = [
    QuestionInput("one-choice", "Which theme next?", ["Work", "Care", "Housing"]),
    QuestionInput("several-choices", "Which days suit you?", ["Monday", "Tuesday", "Friday"]),
    QuestionInput("scale", "How useful was the last session?"),
    QuestionInput("free-text", "What should we ask the network?"),
]


@pytest.fixture
def open_poll(db, make_member):
    poll = create_poll(
        db,
        PollInput("Needs for next year", questions=QUESTIONS, closes_dt=NOW + timedelta(days=7)),
        None,
    )
    poll.state, poll.sent_dt = PollState.OPEN, NOW
    members = [make_member() for _ in range(3)]
    for member in members:
        db.add(PollRecipient(poll_id=poll.id, member_id=member.id, asked_dt=NOW))
    db.commit()
    return poll, members


def _form(poll: Poll, one=None, several=(), scale=None, text=None) -> dict[str, list[str]]:
    q1, q2, q3, q4 = poll.questions
    form = {field_name(q2.id): [str(i) for i in several]}
    if one is not None:
        form[field_name(q1.id)] = [str(one)]
    if scale is not None:
        form[field_name(q3.id)] = [str(scale)]
    if text is not None:
        form[field_name(q4.id)] = [text]
    return form


def test_results_count_each_member_once_as_their_answer_stands_now(db, open_poll):
    poll, (ann, bob, cem) = open_poll
    answers = [
        (ann, _form(poll, one=0, several=[0, 2], scale=4, text="Visit an employer")),
        (bob, _form(poll, one=1, several=[2], scale=2)),
        (cem, _form(poll, one=0, scale=5, text="Funding")),
    ]
    for member, form in answers:
        record_response(db, poll, member.id, parse_values(poll, form), NOW)
    # Bob changes his mind before closing
    record_response(db, poll, bob.id, parse_values(poll, _form(poll, one=0, scale=3)), NOW)
    db.commit()

    results = results_of(db, poll)

    assert (results.asked, results.responded) == (3, 3)
    one, several, scale, free = results.questions
    assert one.counts == [("Work", 3), ("Care", 0), ("Housing", 0)]
    assert several.counts == [("Monday", 1), ("Tuesday", 0), ("Friday", 1)]  # Bob's went away
    assert scale.counts[2:] == [("3", 1), ("4", 1), ("5", 1)] and scale.mean == 4.0
    assert [t for _id, t in free.texts] == ["Visit an employer", "Funding"]
    assert db.query(PollResponse).filter_by(member_id=bob.id).one().changes == 1
    assert one.chart.bars[0].length > 0 and one.chart.bars[1].length == 0


def test_the_csv_has_one_row_per_response_and_no_names(db, open_poll):
    poll, (ann, _bob, _cem) = open_poll
    record_response(db, poll, ann.id, parse_values(poll, _form(poll, one=2, several=[0, 1])), NOW)
    db.commit()
    text = results_csv(db, poll, ["Number", "Answered"])
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:3] == ["Number", "Answered", "1. Which theme next?"]
    assert rows[1][2:4] == ["Housing", "Monday; Tuesday"]
    assert ann.name not in text and len(rows) == 2


@pytest.mark.parametrize(
    "form",
    [
        {"scale": 6},
        {"scale": 0},
        {"scale": "four"},
        {"one": 7},
        {"several": ["x"]},
        {},
    ],
    ids=["above-scale", "below-scale", "not-a-number", "no-such-option", "bad-choice", "empty"],
)
def test_an_answer_outside_the_question_is_refused_and_nothing_written(db, open_poll, form):
    poll, (ann, _bob, _cem) = open_poll
    with pytest.raises(PollError):
        values = parse_values(poll, _form(poll, **form))
        record_response(db, poll, ann.id, values, NOW)
    db.rollback()
    assert db.query(PollResponse).count() == 0


def test_a_closed_poll_and_a_member_not_asked_are_refused(db, open_poll, make_member):
    poll, (ann, _bob, _cem) = open_poll
    values = parse_values(poll, _form(poll, one=0))
    with pytest.raises(PollError):
        record_response(db, poll, make_member().id, values, NOW)
    assert close_due_polls(db, NOW + timedelta(days=7)) == 1
    db.commit()
    db.refresh(poll)
    with pytest.raises(PollClosed):
        record_response(db, poll, ann.id, values, NOW + timedelta(days=7))
    assert db.query(PollResponse).count() == 0


@pytest.mark.parametrize(
    "questions",
    [
        [],
        [QuestionInput("one-choice", "Which theme?", ["Only one"])],
        [QuestionInput("several-choices", "Which?", ["Same", "Same"])],
        [QuestionInput("scale", "   ")],
        [QuestionInput("colour", "Which?")],
    ],
    ids=["no-questions", "one-option", "duplicate-options", "no-text", "unknown-kind"],
)
def test_a_poll_that_cannot_be_answered_is_refused_and_nothing_written(db, questions):
    with pytest.raises(PollError):
        create_poll(db, PollInput("Needs", questions=questions), None)
    db.rollback()
    assert db.query(Poll).count() == 0


def test_a_sent_poll_keeps_its_questions(db, open_poll):
    poll, _members = open_poll
    with pytest.raises(PollError):
        update_poll(db, poll, PollInput("Other", questions=QUESTIONS[:1]))
