"""Erasing a member anonymises their stories and poll answers, like their small wins."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from arena.members.erasure import erase_member
from arena.polls.answering import PollError, field_name, parse_values, record_response
from arena.polls.models import PollAnswer, PollRecipient, PollState
from arena.polls.services import PollInput, QuestionInput, create_poll
from arena.stories.models import ChangeStory
from arena.stories.services import StoryInput, tell_story

NOW = datetime(2025, 3, 1, tzinfo=UTC)


def _answer(db, member, question: QuestionInput, value: str):
    """A poll of one question, sent to the member, who answered ``value``; the poll."""
    data = PollInput("Needs", closes_dt=NOW + timedelta(days=7), questions=[question])
    poll = create_poll(db, data, None)
    poll.state = PollState.OPEN
    db.add(PollRecipient(poll_id=poll.id, member_id=member.id, asked_dt=NOW))
    values = parse_values(poll, {field_name(poll.questions[0].id): [value]})
    record_response(db, poll, member.id, values, NOW)
    db.commit()
    return poll, values


def test_an_erased_members_story_and_answers_stay_anonymous_and_their_link_stops(
    app, db, make_member
):
    ann = make_member(name="Annemieke Vos", email="annemieke@example.nl")
    story = tell_story(
        db,
        ann.id,
        StoryInput(
            title="What Annemieke Vos changed",
            what_changed="Annemieke Vos hired two people.",
            why_it_matters="It shows the way.",
            theme="Employers",
        ),
        date(2025, 2, 1),
    )
    poll, values = _answer(
        db, ann, QuestionInput("free-text", "What do you need?"), "Annemieke Vos needs time"
    )

    with app.app_context():
        erase_member(db, ann, now=NOW)
    db.commit()
    db.expire_all()

    kept = db.get(ChangeStory, story.id)
    assert kept.teller.name == f"Erased member #{ann.id}"
    assert "Annemieke" not in kept.title + kept.what_changed
    answer = db.query(PollAnswer).one()
    assert "Annemieke" not in answer.text and answer.response.member_id == ann.id
    with pytest.raises(PollError):
        record_response(db, poll, ann.id, values, NOW)


def test_a_members_copy_of_their_data_holds_their_stories_answers_and_questions(
    app, db, make_member, make_series
):
    from arena.learning.services import propose_question
    from arena.members.privacy import member_data

    ann = make_member()
    tell_story(db, ann.id, StoryInput("My story", "It changed.", "It matters.", theme="Work"),
               date(2025, 2, 1))  # fmt: skip
    propose_question(db, make_series().id, ann.id, "What do clients gain?", now=NOW)
    _answer(db, ann, QuestionInput("scale", "How useful?"), "4")

    with app.test_request_context():
        data = member_data(db, ann, NOW)
    assert [s["title"] for s in data["change_stories"]] == ["My story"]
    assert data["poll_answers"][0]["answers"] == {"How useful?": "4"}
    assert data["learning_questions"][0]["question"] == "What do clients gain?"
