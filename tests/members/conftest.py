"""Factories for the network tests: series, sessions, attendance, small wins, collaborations."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta

import pytest

from arena.arenas.models import ArenaSeries, Attendance, Meeting, MeetingState, Response
from arena.collaborations.models import Collaboration, CollaborationParticipant
from arena.examples.models import Maturity, PracticeExample
from arena.members.models import Membership, Organisation
from arena.wins.models import SmallWin
from tests.queries import QueryCounter

_n = itertools.count(1)
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def make_series(db):
    def make(**overrides) -> ArenaSeries:
        series = ArenaSeries(**{"name": f"Series {next(_n)}", "theme": "work", **overrides})
        db.add(series)
        db.commit()
        return series

    return make


@pytest.fixture
def make_meeting(db, make_series):
    def make(series=None, starts=NOW - timedelta(days=30), **overrides) -> Meeting:
        series = series or make_series()
        meeting = Meeting(
            series_id=series.id,
            title=overrides.pop("title", f"Session {next(_n)}"),
            starts_dt=starts,
            ends_dt=starts + timedelta(hours=3),
            state=MeetingState.HELD,
            **overrides,
        )
        db.add(meeting)
        db.commit()
        return meeting

    return make


@pytest.fixture
def attend(db):
    def make(member, meeting, attended=True, response=Response.YES) -> Attendance:
        row = Attendance(
            member_id=member.id,
            meeting_id=meeting.id,
            invited_dt=meeting.starts_dt - timedelta(days=20),
            response=response,
            is_attended=attended,
        )
        db.add(row)
        db.commit()
        return row

    return make


@pytest.fixture
def make_organisation(db):
    def make(name=None, **overrides) -> Organisation:
        organisation = Organisation(name=name or f"Organisation {next(_n)}", **overrides)
        db.add(organisation)
        db.commit()
        return organisation

    return make


@pytest.fixture
def employ(db):
    def make(member, organisation, **overrides) -> Membership:
        membership = Membership(member_id=member.id, organisation_id=organisation.id, **overrides)
        db.add(membership)
        db.commit()
        return membership

    return make


@pytest.fixture
def make_win(db):
    def make(author, title=None, **overrides) -> SmallWin:
        win = SmallWin(
            title=title or f"Small win {next(_n)}",
            happened_on=overrides.pop("happened_on", date(2025, 6, 1)),
            author_id=author.id if author else None,
            **overrides,
        )
        db.add(win)
        db.commit()
        return win

    return make


@pytest.fixture
def make_example(db):
    def make(proposer, title=None, **overrides) -> PracticeExample:
        example = PracticeExample(
            title=title or f"Example {next(_n)}",
            maturity=Maturity.STARTING,
            proposed_by_id=proposer.id,
            **overrides,
        )
        db.add(example)
        db.commit()
        return example

    return make


@pytest.fixture
def make_collaboration(db):
    def make(*members, title=None, organisations=()) -> Collaboration:
        collaboration = Collaboration(
            title=title or f"Collaboration {next(_n)}", started_on=date(2025, 1, 1)
        )
        collaboration.participants = [CollaborationParticipant(member_id=m.id) for m in members]
        collaboration.participants += [
            CollaborationParticipant(organisation_id=o.id) for o in organisations
        ]
        db.add(collaboration)
        db.commit()
        return collaboration

    return make


@pytest.fixture
def count_queries(app):
    def make() -> QueryCounter:
        return QueryCounter(app.extensions["arena_db"].engine)

    return make
