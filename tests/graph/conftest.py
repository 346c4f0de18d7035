"""Factories that plant a network in the database: organisations, people, sessions, ties."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, time, timedelta

import pytest

from arena.arenas.models import ArenaSeries, Attendance, Meeting, MeetingState
from arena.collaborations.models import (
    Collaboration,
    CollaborationParticipant,
    CollaborationStatus,
)
from arena.examples.models import Maturity, PracticeExample
from arena.members.models import Member, Membership, Organisation
from arena.wins.models import SmallWin, SmallWinMechanism

_n = itertools.count(1)
EARLY = date(2014, 1, 1)


def _at(day: date) -> datetime:
    return datetime.combine(day, time(12), tzinfo=UTC)


class Planter:
    def __init__(self, db) -> None:
        self.db = db
        self.series = None

    def org(self, name: str, sector: str = "care", domain: str = "Wmo", created=EARLY):
        org = Organisation(name=name, sector=sector, policy_domain=domain, created_dt=_at(created))
        self.db.add(org)
        self.db.flush()
        return org

    def member(self, org=None, name: str | None = None, created=EARLY, themes=()):
        n = next(_n)
        member = Member(
            name=name or f"Person {n}",
            email=f"person{n}@example.nl",
            themes=list(themes),
            created_dt=_at(created),
        )
        self.db.add(member)
        self.db.flush()
        if org is not None:
            self.db.add(Membership(member_id=member.id, organisation_id=org.id))
            self.db.flush()
        return member

    def meeting(self, day: date, title: str | None = None):
        if self.series is None:
            self.series = ArenaSeries(name=f"Series {next(_n)}", theme="Valuable work")
            self.db.add(self.series)
            self.db.flush()
        meeting = Meeting(
            series_id=self.series.id,
            title=title or f"Session {day.isoformat()}",
            starts_dt=_at(day),
            ends_dt=_at(day) + timedelta(hours=3),
            state=MeetingState.HELD,
        )
        self.db.add(meeting)
        self.db.flush()
        return meeting

    def attend(self, meeting, *members) -> None:
        for member in members:
            self.db.add(Attendance(meeting_id=meeting.id, member_id=member.id, is_attended=True))
        self.db.flush()

    def collaborate(self, day: date, *sides, meeting=None, status=CollaborationStatus.ACTIVE):
        collaboration = Collaboration(
            title=f"Together {next(_n)}",
            started_on=day,
            status=status,
            meeting_id=meeting.id if meeting else None,
        )
        self.db.add(collaboration)
        self.db.flush()
        for side in sides:
            is_org = isinstance(side, Organisation)
            self.db.add(
                CollaborationParticipant(
                    collaboration_id=collaboration.id,
                    organisation_id=side.id if is_org else None,
                    member_id=None if is_org else side.id,
                )
            )
        self.db.flush()
        return collaboration

    def present(self, meeting, *members, slot: int = 1):
        example = PracticeExample(
            title=f"Example {next(_n)}",
            maturity=Maturity.FRONTRUNNER,
            meeting_id=meeting.id,
            slot=slot,
        )
        example.presenters = list(members)
        self.db.add(example)
        self.db.flush()
        return example

    def win(self, title: str, day: date, org=None, author=None, mechanisms=(), inspired_by=()):
        win = SmallWin(
            title=title,
            happened_on=day,
            organisation_id=org.id if org else None,
            author_id=author.id if author else None,
        )
        win.mechanism_rows = [SmallWinMechanism(mechanism=m) for m in mechanisms]
        win.inspired_by = list(inspired_by)
        self.db.add(win)
        self.db.flush()
        return win

    def commit(self) -> None:
        self.db.commit()


@pytest.fixture
def plant(db) -> Planter:
    return Planter(db)


@pytest.fixture
def broker_network(plant):
    """Two dense communities of six organisations, joined only through one broker."""
    care = [plant.org(f"Care {i}", sector="care", domain="Wmo") for i in range(6)]
    work = [plant.org(f"Work {i}", sector="business", domain="work and income") for i in range(6)]
    broker = plant.org("Broker Foundation", sector="government", domain="Wmo")
    day = date(2020, 3, 1)
    for group in (care, work):
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                plant.collaborate(day, a, b)
    for org in (care[0], care[1], work[0], work[1]):
        plant.collaborate(day, broker, org)
    plant.commit()
    return {"care": care, "work": work, "broker": broker}
