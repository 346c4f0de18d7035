"""Figures about learning and the network: the agenda's movement, change stories, polls, and
who joined the network.
"""

from __future__ import annotations

from sqlalchemy import Select, func, select
from sqlalchemy.orm import aliased

from arena.learning.models import ON_AGENDA, LearningQuestion, LearningQuestionChange
from arena.members.models import Member, Organisation
from arena.polls.models import Poll, PollResponse
from arena.reports.figures import figure
from arena.reports.period import Period
from arena.stories.models import ChangeStory, StorySelection


def _in_series(column, period: Period) -> list:
    return [] if period.series_id is None else [column == period.series_id]


@figure("questions-raised", "learning-question")
def questions_raised(period: Period) -> Select:
    return select(LearningQuestion.id.label("id")).where(
        LearningQuestion.raised_dt >= period.start_dt,
        LearningQuestion.raised_dt < period.end_dt,
        *_in_series(LearningQuestion.series_id, period),
    )


@figure("questions-moved", "learning-question", grouped=True)
def questions_moved(period: Period) -> Select:
    """Each question once per state it reached in the period."""
    return (
        select(LearningQuestion.id.label("id"), LearningQuestionChange.state.label("grp"))
        .join(LearningQuestionChange, LearningQuestionChange.question_id == LearningQuestion.id)
        .where(
            LearningQuestionChange.changed_dt >= period.start_dt,
            LearningQuestionChange.changed_dt < period.end_dt,
            *_in_series(LearningQuestion.series_id, period),
        )
        .distinct()
    )


@figure("questions-open-at-end", "learning-question")
def questions_open_at_end(period: Period) -> Select:
    """Questions whose last move up to the period's end left them on the agenda."""
    change = aliased(LearningQuestionChange)
    latest = (
        select(func.max(change.changed_dt))
        .where(change.question_id == LearningQuestion.id, change.changed_dt < period.end_dt)
        .scalar_subquery()
    )
    return (
        select(LearningQuestion.id.label("id"))
        .join(LearningQuestionChange, LearningQuestionChange.question_id == LearningQuestion.id)
        .where(
            LearningQuestionChange.changed_dt == latest,
            LearningQuestionChange.state.in_(ON_AGENDA),
            *_in_series(LearningQuestion.series_id, period),
        )
        .distinct()
    )


@figure("stories-told", "story")
def stories_told(period: Period) -> Select:
    return select(ChangeStory.id.label("id")).where(
        ChangeStory.told_on >= period.start,
        ChangeStory.told_on <= period.end,
        *_in_series(ChangeStory.series_id, period),
    )


@figure("stories-selected", "story")
def stories_selected(period: Period) -> Select:
    """Stories selected as most significant for a period that lies inside this one."""
    return (
        select(ChangeStory.id.label("id"))
        .join(StorySelection, StorySelection.story_id == ChangeStory.id)
        .where(
            StorySelection.period_start >= period.start,
            StorySelection.period_end <= period.end,
            *_in_series(ChangeStory.series_id, period),
        )
        .distinct()
    )


@figure("polls-sent", "poll")
def polls_sent(period: Period) -> Select:
    return select(Poll.id.label("id")).where(
        Poll.sent_dt >= period.start_dt,
        Poll.sent_dt < period.end_dt,
        *_in_series(Poll.series_id, period),
    )


@figure("poll-responses", "poll-response")
def poll_responses(period: Period) -> Select:
    return select(PollResponse.id.label("id")).where(PollResponse.poll_id.in_(polls_sent(period)))


@figure("new-members", "member", follows_series=False)
def new_members(period: Period) -> Select:
    """Members added to the network in the period (the whole programme's network)."""
    return select(Member.id.label("id")).where(
        Member.created_dt >= period.start_dt, Member.created_dt < period.end_dt
    )


@figure("new-organisations", "organisation", follows_series=False)
def new_organisations(period: Period) -> Select:
    return select(Organisation.id.label("id")).where(
        Organisation.created_dt >= period.start_dt, Organisation.created_dt < period.end_dt
    )
