"""The demo's invitation lists, found for a whole network at once, follow the same rule as one
member's `present_on` and `mailable_on` (the rule is written twice: once per member, once in
day numbers for speed)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from arena.demo.attendance import _Calendar
from arena.demo.people import Person
from arena.members.models import StakeholderRole


def _maybe(rng: random.Random, start: date) -> date | None:
    return None if rng.random() < 0.3 else start + timedelta(days=rng.randint(0, 60))


def test_a_networks_invited_and_uninvited_match_each_members_own_rule():
    rng = random.Random(7)
    start = date(2024, 1, 1)
    people = [
        Person(
            id=n,
            name=f"Member {n}",
            email=None if rng.random() < 0.2 else f"m{n}@example.org",
            role=StakeholderRole.MUNICIPALITY,
            series=[0],
            joined=start + timedelta(days=rng.randint(0, 40)),
            left=_maybe(rng, start + timedelta(days=20)),
            consent=_maybe(rng, start),
            unsubscribed=_maybe(rng, start + timedelta(days=10)),
            propensity=0.5,
        )
        for n in range(400)
    ]
    calendar = _Calendar(people)
    for offset in range(0, 90, 3):
        day = start + timedelta(days=offset)
        invite_day = day - timedelta(days=rng.randint(0, 21))
        invited, others = calendar.split(day, invite_day)
        present = [p for p in people if p.present_on(day)]
        assert invited == [p for p in present if p.mailable_on(invite_day)]
        assert others == [p for p in present if not p.mailable_on(invite_day)]
    assert invited and others  # both kinds occur, so the comparison above says something
