"""The learning agenda: questions, proposals, the trail in time order, the 'open too long' flag."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from arena.arenas.models import MeetingState
from arena.learning.agenda import agenda_of
from arena.learning.models import LearningQuestion, QuestionState
from arena.learning.services import (
    LearningError,
    accept_proposal,
    add_question,
    drop_question,
    merge_proposal,
    move_question,
    propose_question,
    set_flag_after_sessions,
)
from arena.learning.trail import link_record, trail_of
from arena.wins.models import Reflection

T0 = datetime(2024, 1, 10, 9, 0, tzinfo=UTC)
QUESTION = "How do we get employers to offer a first job without a subsidy?"


def test_a_question_linked_to_a_reflection_an_example_and_a_win_shows_all_three_in_order(
    db, make_series, make_meeting, make_member, make_example, make_win
):
    series = make_series()
    question = add_question(db, series.id, QUESTION, now=T0)
    march = make_meeting(series=series, starts=T0 + timedelta(days=50), state=MeetingState.HELD)
    example = make_example(title="The job coach at the bakery", meeting_id=march.id)
    member = make_member()
    reflection = Reflection(
        meeting_id=march.id, member_id=member.id, of_value="Hearing the employer speak openly"
    )
    db.add(reflection)
    db.flush()
    reflection.created_dt = T0 + timedelta(days=51)
    win = make_win(title="First job offered without a subsidy", happened_on=date(2024, 5, 2))
    # linked in another order than they happened
    for kind, record in (
        ("small-win", win),
        ("reflection", reflection),
        ("practice-example", example),
    ):
        link_record(db, question, kind, record.id, account_id=None, now=T0)
    db.commit()

    trail = trail_of(db, question)

    assert [(item.kind, item.record_id) for item in trail] == [
        ("practice-example", example.id),
        ("reflection", reflection.id),
        ("small-win", win.id),
    ]
    assert "Hearing the employer" in trail[1].title and trail[2].is_day


def test_a_record_is_linked_once_and_an_unknown_record_not_at_all(db, make_series, make_win):
    question = add_question(db, make_series().id, QUESTION, now=T0)
    win = make_win()
    link_record(db, question, "small-win", win.id, account_id=None, now=T0)
    with pytest.raises(LearningError):
        link_record(db, question, "small-win", win.id, account_id=None, now=T0)
    with pytest.raises(LearningError):
        link_record(db, question, "small-win", 999_999, account_id=None, now=T0)
    with pytest.raises(LearningError):
        link_record(db, question, "rumour", win.id, account_id=None, now=T0)
    db.commit()
    assert len(trail_of(db, question)) == 1


def test_the_flag_appears_after_the_set_number_of_sessions(db, make_series, make_meeting):
    series = make_series()
    set_flag_after_sessions(db, series.id, 2)
    question = add_question(db, series.id, QUESTION, now=T0)
    answered = add_question(db, series.id, "Who pays for the job coach?", now=T0)
    move_question(
        db,
        answered,
        QuestionState.ANSWERED,
        "The municipality, from the Wmo budget.",
        now=T0,
        account_id=None,
    )
    db.commit()
    make_meeting(series=series, starts=T0 + timedelta(days=30), state=MeetingState.HELD)
    make_meeting(series=series, starts=T0 + timedelta(days=40), state=MeetingState.CANCELLED)
    now = T0 + timedelta(days=61)

    first = {i.question.id: i for i in agenda_of(db, series.id, now)}
    assert first[question.id].sessions_open == 1 and not first[question.id].flagged

    make_meeting(series=series, starts=T0 + timedelta(days=60), state=MeetingState.HELD)
    second = {i.question.id: i for i in agenda_of(db, series.id, now)}
    assert second[question.id].sessions_open == 2 and second[question.id].flagged
    assert not second[answered.id].flagged  # answered questions are never flagged


def test_organisers_accept_merge_and_drop_member_proposals(db, make_series, make_member):
    series = make_series()
    member = make_member()
    existing = add_question(db, series.id, QUESTION, now=T0)
    accepted = propose_question(db, series.id, member.id, "What do clients gain?", now=T0)
    merged = propose_question(db, series.id, member.id, "Jobs without subsidy?", now=T0)
    dropped = propose_question(db, series.id, member.id, "Lunch at noon?", now=T0)
    assert accepted.number is None and accepted.state == QuestionState.PROPOSED

    later = T0 + timedelta(days=3)
    accept_proposal(db, accepted, now=later, account_id=None)
    merge_proposal(db, merged, existing, now=later, account_id=None)
    drop_question(db, dropped, "Not a learning question.", now=later, account_id=None)
    db.commit()

    assert (accepted.state, accepted.number, accepted.opened_dt) == (QuestionState.OPEN, 2, later)
    assert merged.state == QuestionState.MERGED and merged.merged_into_id == existing.id
    assert dropped.state == QuestionState.DROPPED and dropped.answer == "Not a learning question."
    assert [c.state for c in accepted.changes] == [QuestionState.PROPOSED, QuestionState.OPEN]
    with pytest.raises(LearningError):
        accept_proposal(db, dropped, now=later, account_id=None)


@pytest.mark.parametrize("text", ["", "   ", "x" * 501])
def test_a_question_without_words_or_too_long_is_refused_and_nothing_written(db, make_series, text):
    series = make_series()
    with pytest.raises(LearningError):
        add_question(db, series.id, text, now=T0)
    db.rollback()
    assert db.query(LearningQuestion).count() == 0


def test_answering_needs_the_answer_in_words(db, make_series):
    question = add_question(db, make_series().id, QUESTION, now=T0)
    with pytest.raises(LearningError):
        move_question(db, question, QuestionState.ANSWERED, " ", now=T0, account_id=None)
    move_question(db, question, QuestionState.EXPLORING, "", now=T0, account_id=None)
    assert question.state == QuestionState.EXPLORING
