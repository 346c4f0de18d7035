"""The members of the demo network: who they are, when they joined, whether they may be mailed.

A member's history drives everything after: they are invited only while they are in the
network with an address and consent, and how often they come depends on whether they belong
to the returning core or drop in now and then.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta

from faker import Faker

from arena.demo.kinds import ROLE_SHARES
from arena.demo.plan import DemoPlan
from arena.demo.sampling import apportion, day_between
from arena.members.models import StakeholderRole

#: how likely a member is to come to a session they are invited to
CORE, REGULAR, OCCASIONAL = 0.8, 0.35, 0.08


@dataclass(slots=True)
class Person:
    id: int
    name: str
    email: str | None
    role: StakeholderRole
    #: series indexes (0-based); the first is the member's home series
    series: list[int]
    joined: date
    #: the day the member left the network (former participants), if they did
    left: date | None
    consent: date | None
    unsubscribed: date | None
    propensity: float
    #: (organisation id, since, until)
    jobs: list[tuple[int, date | None, date | None]] = field(default_factory=list)

    def mailable_on(self, day: date) -> bool:
        """May this member be invited on `day`? Only with an address, consent, and still in."""
        return bool(
            self.email
            and self.consent is not None
            and self.consent <= day
            and (self.unsubscribed is None or self.unsubscribed > day)
            and self.present_on(day)
        )

    def present_on(self, day: date) -> bool:
        return self.joined <= day and (self.left is None or self.left > day)

    def organisation_on(self, day: date) -> int | None:
        """The organisation the member worked at on `day` (their first one when unclear)."""
        for org_id, since, until in self.jobs:
            if (since is None or since <= day) and (until is None or until > day):
                return org_id
        return self.jobs[0][0] if self.jobs else None


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in folded.lower() if ch.isalnum())


def make_email(first: str, last: str, taken: dict[str, int]) -> str:
    """firstname.lastname@example.nl, numbered from the second person with the same name."""
    base = f"{_ascii(first)}.{_ascii(last)}".strip(".") or "member"
    taken[base] = taken.get(base, 0) + 1
    suffix = "" if taken[base] == 1 else f".{taken[base]}"
    return f"{base}{suffix}@example.nl"


def plan_people(
    plan: DemoPlan, series_starts: list[date], rng: random.Random, fake: Faker
) -> list[Person]:
    """Everyone in the network, numbered from 1, with their role and their history."""
    counts = apportion(plan.members, ROLE_SHARES, minimum=1)
    roles = [role for role, count in counts.items() for _ in range(count)]
    rng.shuffle(roles)
    taken: dict[str, int] = {}
    people = []
    last_join = plan.today - timedelta(days=21)
    for index, role in enumerate(roles):
        first, last = fake.first_name(), fake.last_name()
        if rng.random() < 0.06:
            last = f"{last}-{fake.last_name()}"
        home = index % plan.series
        series = [home]
        if plan.series > 1 and rng.random() < 0.05:
            series.append((home + rng.randint(1, plan.series - 1)) % plan.series)
        start = series_starts[home]
        if rng.random() < 0.3:  # the group that was there from the first session
            joined = start - timedelta(days=rng.randint(14, 120))
        else:
            joined = day_between(rng, start, last_join)
        left = None
        if rng.random() < 0.08 and (plan.today - joined).days > 400:
            left = day_between(rng, joined + timedelta(days=180), plan.today - timedelta(days=30))
        email = None if rng.random() < 0.03 else make_email(first, last, taken)
        consent = joined if rng.random() < 0.95 else None
        unsubscribed = None
        if rng.random() < 0.03 and (plan.today - joined).days > 200:
            unsubscribed = day_between(rng, joined + timedelta(days=90), plan.today)
        draw = rng.random()
        propensity = CORE if draw < 0.12 else REGULAR if draw < 0.4 else OCCASIONAL
        people.append(
            Person(
                id=index + 1,
                name=f"{first} {last}",
                email=email,
                role=role,
                series=series,
                joined=joined,
                left=left,
                consent=consent,
                unsubscribed=unsubscribed,
                propensity=propensity,
            )
        )
    return people


def networks(people: list[Person]) -> dict[int, list[Person]]:
    """Per series index, the members in its network (home or second series), in id order."""
    found: dict[int, list[Person]] = {}
    for person in people:
        for index in person.series:
            found.setdefault(index, []).append(person)
    return found
