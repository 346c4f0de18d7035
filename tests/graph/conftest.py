"""Planting a network in the database: organisations, people, sessions, ties.

``plant`` speaks the network's words over the shared factories (tests/factories.py); here
sessions were held, people have the model's default role, and attendance carries no invitation.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from arena.arenas.models import MeetingState
from arena.collaborations.models import CollaborationStatus
from arena.examples.models import Maturity
from tests.factories import Factories

EARLY = date(2014, 1, 1)


def _at(day: date) -> datetime:
    return datetime.combine(day, time(12), tzinfo=UTC)


@pytest.fixture
def factory_defaults(factory_defaults):
    factory_defaults.update(
        member={},
        series={"theme": "Valuable work"},
        attendance={"invited_before": None},
        example={"maturity": Maturity.FRONTRUNNER},
        win={"mechanisms": ()},
    )
    factory_defaults["meeting"]["state"] = MeetingState.HELD
    return factory_defaults


class Planter:
    """The shared factories in a network's words; rows are flushed, ``commit`` ends a plan."""

    def __init__(self, db, defaults: dict[str, dict]) -> None:
        self.make = Factories(db, defaults, commit=False)
        self.db = db
        self.series = None

    def org(self, name: str, sector: str = "care", domain: str = "Wmo", created=EARLY):
        return self.make.organisation(
            name, sector=sector, policy_domain=domain, created_dt=_at(created)
        )

    def member(self, org=None, name: str | None = None, created=EARLY, themes=()):
        named = {"name": name} if name else {}
        member = self.make.member(themes=list(themes), created_dt=_at(created), **named)
        if org is not None:
            self.make.employ(member, org)
        return member

    def meeting(self, day: date, title: str | None = None):
        self.series = self.series or self.make.series()
        return self.make.meeting(self.series, _at(day), title=title or f"Session {day.isoformat()}")

    def attend(self, meeting, *members) -> None:
        for member in members:
            self.make.attend(member, meeting)

    def collaborate(self, day: date, *sides, meeting=None, status=CollaborationStatus.ACTIVE):
        return self.make.collaboration(
            *sides, started_on=day, status=status, meeting_id=meeting.id if meeting else None
        )

    def present(self, meeting, *members, slot: int = 1):
        return self.make.example(
            presenters=members, proposed_by_id=None, meeting_id=meeting.id, slot=slot
        )

    def win(self, title: str, day: date, org=None, author=None, mechanisms=(), inspired_by=()):
        organisation_id = org.id if org else None
        return self.make.win(
            author, title, happened_on=day, organisation_id=organisation_id,
            mechanisms=mechanisms, inspired_by=inspired_by,
        )  # fmt: skip

    def commit(self) -> None:
        self.db.commit()


@pytest.fixture
def plant(db, factory_defaults) -> Planter:
    return Planter(db, factory_defaults)


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
