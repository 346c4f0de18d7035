"""Factories for practice examples, small wins and the sessions and organisations they need."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta

import pytest

from arena.arenas.models import ArenaSeries, Attendance, Meeting, MeetingState
from arena.examples.models import ExampleStatus, Maturity, PracticeExample
from arena.members.models import Organisation
from arena.wins.models import Mechanism, SmallWin, SmallWinMechanism

_n = itertools.count(1)
NOW = datetime(2025, 3, 10, 9, 0, tzinfo=UTC)


@pytest.fixture
def make_series(db):
    def make(**overrides) -> ArenaSeries:
        values = {"name": f"Series {next(_n)}", "theme": "An inclusive labour market"}
        values.update(overrides)
        series = ArenaSeries(**values)
        db.add(series)
        db.commit()
        return series

    return make


@pytest.fixture
def make_meeting(db, make_series):
    def make(series=None, starts=None, **overrides) -> Meeting:
        series = series or make_series()
        starts = starts or datetime.now(UTC) + timedelta(days=30)
        values = {
            "series_id": series.id,
            "title": f"Session {next(_n)}",
            "starts_dt": starts,
            "ends_dt": starts + timedelta(hours=3),
            "state": MeetingState.PLANNED,
        }
        values.update(overrides)
        meeting = Meeting(**values)
        db.add(meeting)
        db.commit()
        return meeting

    return make


@pytest.fixture
def make_organisation(db):
    def make(**overrides) -> Organisation:
        values = {"name": f"Organisation {next(_n)}", "sector": "care"}
        values.update(overrides)
        organisation = Organisation(**values)
        db.add(organisation)
        db.commit()
        return organisation

    return make


@pytest.fixture
def make_example(db, make_member):
    def make(presenters=None, organisations=(), **overrides) -> PracticeExample:
        values = {
            "title": f"Example {next(_n)}",
            "maturity": Maturity.STARTING,
            "status": ExampleStatus.SUBMITTED,
            "goals": "Jobs for everyone",
        }
        values.update(overrides)
        example = PracticeExample(**values)
        example.presenters = list(presenters) if presenters is not None else [make_member()]
        example.organisations = list(organisations)
        if example.proposed_by_id is None:
            example.proposed_by_id = example.presenters[0].id if example.presenters else None
        db.add(example)
        db.commit()
        return example

    return make


@pytest.fixture
def make_win(db):
    def make(mechanisms=(Mechanism.ENERGIZING,), inspired_by=(), **overrides) -> SmallWin:
        values = {"title": f"Win {next(_n)}", "happened_on": date(2025, 1, 15)}
        values.update(overrides)
        win = SmallWin(**values)
        win.mechanism_rows = [SmallWinMechanism(mechanism=m) for m in mechanisms]
        win.inspired_by = list(inspired_by)
        db.add(win)
        db.commit()
        return win

    return make


@pytest.fixture
def attend(db):
    def mark(meeting, member) -> Attendance:
        attendance = Attendance(meeting_id=meeting.id, member_id=member.id, is_attended=True)
        db.add(attendance)
        db.commit()
        return attendance

    return mark
