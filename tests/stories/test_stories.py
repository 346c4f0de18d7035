"""Change stories: told by members, selected per period with the reason written down."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from arena.arenas.models import MeetingState
from arena.stories.models import ChangeStory, StorySelection
from arena.stories.services import (
    StoryError,
    StoryInput,
    select_story,
    selected_stories,
    tell_story,
)

TODAY = date(2024, 6, 1)
NOW = datetime(2024, 12, 15, tzinfo=UTC)


def _story(**overrides) -> StoryInput:
    values = {
        "title": "The baker hired Sam",
        "what_changed": "The bakery now hires without a subsidy.",
        "why_it_matters": "Other employers in the street asked how.",
        "mechanism": "oil-spot",
    }
    values.update(overrides)
    return StoryInput(**values)


def test_a_member_tells_a_story_from_their_own_wins_and_sessions(
    db, make_member, make_meeting, make_win, attend
):
    teller = make_member()
    session = make_meeting(state=MeetingState.HELD)
    attend(teller, session)
    own = make_win(author_id=teller.id)
    from_session = make_win(meeting_id=session.id)
    story = tell_story(
        db,
        teller.id,
        _story(small_win_ids=[own.id, from_session.id], meeting_ids=[session.id]),
        TODAY,
    )
    db.commit()
    assert {w.id for w in story.small_wins} == {own.id, from_session.id}
    assert [m.id for m in story.meetings] == [session.id] and story.told_on == TODAY


@pytest.mark.parametrize(
    "overrides",
    [
        {"title": " "},
        {"what_changed": ""},
        {"why_it_matters": ""},
        {"mechanism": None, "theme": " "},
        {"mechanism": "luck"},
        {"meeting_ids": [999_999]},
    ],
    ids=["no-title", "no-change", "no-why", "no-domain", "unknown-mechanism", "unknown-session"],
)
def test_a_story_missing_what_makes_it_a_story_is_refused(db, make_member, overrides):
    with pytest.raises(StoryError):
        tell_story(db, make_member().id, _story(**overrides), TODAY)
    db.rollback()
    assert db.query(ChangeStory).count() == 0


def test_a_story_naming_a_small_win_the_member_may_not_see_is_refused(db, make_member, make_win):
    teller, other = make_member(), make_member()
    someone_elses = make_win(author_id=other.id)
    with pytest.raises(StoryError) as refused:
        tell_story(db, teller.id, _story(small_win_ids=[someone_elses.id]), TODAY)
    assert refused.value.field == "small_wins"
    db.rollback()
    assert db.query(ChangeStory).count() == 0


def test_organisers_select_a_story_for_a_period_and_say_why(db, make_member):
    story = tell_story(db, make_member().id, _story(theme="Employers"), TODAY)
    select_story(
        db,
        story,
        start=date(2024, 1, 1),
        end=date(2024, 12, 31),
        reason="It shows the oil spot at work in one street.",
        panel="Organisers and two members",
        account_id=None,
        now=NOW,
    )
    db.commit()
    chosen = selected_stories(db, date(2024, 1, 1), date(2024, 12, 31))
    assert [(s.id, sel.reason) for s, sel in chosen] == [
        (story.id, "It shows the oil spot at work in one street.")
    ]
    assert selected_stories(db, date(2023, 1, 1), date(2023, 12, 31)) == []


@pytest.mark.parametrize(
    ("start", "end", "reason"),
    [
        (date(2024, 12, 31), date(2024, 1, 1), "Good"),
        (date(2023, 1, 1), date(2023, 12, 31), "Good"),
        (date(2024, 1, 1), date(2024, 12, 31), "  "),
    ],
    ids=["ends-before-start", "told-outside-period", "no-reason"],
)
def test_a_selection_without_reason_or_outside_the_period_is_refused(
    db, make_member, start, end, reason
):
    story = tell_story(db, make_member().id, _story(), TODAY)
    db.commit()
    with pytest.raises(StoryError):
        select_story(db, story, start=start, end=end, reason=reason, account_id=None, now=NOW)
    db.rollback()
    assert db.query(StorySelection).count() == 0
