"""Ids in posted forms that name no row (a tampered form, an id beyond the database's range)
are a clear form error or are ignored, never a server error, and nothing is written."""

from __future__ import annotations

import pytest

from arena.arenas.models import Attendance
from arena.auth.models import Role
from arena.polls.models import Poll
from arena.stories.models import ChangeStory

HUGE = "99999999999999999999"
#: in range, but no series has it
MISSING = "2147483000"

STORY = {
    "title": "The baker hired Sam",
    "what_changed": "The bakery hires without a subsidy now.",
    "why_it_matters": "The whole street asked how.",
    "mechanism": "oil-spot",
}
POLL = {
    "title": "Needs for next year",
    "audience": "network",
    "questions-0-kind": "free-text",
    "questions-0-text": "What should we ask the network?",
}


def test_a_check_in_with_an_impossible_attendance_changes_nothing(
    make_account, login, make_meeting, make_member, attend, db
):
    client = login(make_account(Role.ORGANISER))
    meeting = make_meeting()
    attendance = attend(make_member(), meeting)
    response = client.post(
        f"/sessions/{meeting.id}/check-in",
        data={"listed": [HUGE, str(attendance.id)], "present": [HUGE]},
    )
    assert response.status_code in (200, 302)
    db.expire_all()
    assert db.get(Attendance, attendance.id).is_attended is False


@pytest.mark.parametrize("series", [HUGE, MISSING])
def test_a_story_for_a_series_that_does_not_exist_is_refused(series, make_account, login, db):
    client = login(make_account(Role.MEMBER))
    response = client.post("/stories/new", data={**STORY, "series": series})
    assert response.status_code == 400
    assert "Not a valid choice." in response.get_data(as_text=True)
    assert db.query(ChangeStory).count() == 0


@pytest.mark.parametrize("series", [HUGE, MISSING])
def test_a_poll_for_a_series_that_does_not_exist_is_refused(series, make_account, login, db):
    client = login(make_account(Role.ORGANISER))
    response = client.post("/polls/new", data={**POLL, "series": series})
    assert response.status_code == 400
    assert "Not a valid choice." in response.get_data(as_text=True)
    assert db.query(Poll).count() == 0
