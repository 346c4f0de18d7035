"""Who works where: each member at one organisation of a kind that fits their role.

Some members have a second organisation, either at the same time (an experience expert who
also works at a social enterprise) or after a change of job.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from itertools import accumulate

from arena.demo.bulk import BulkWriter
from arena.demo.kinds import ROLE_KINDS
from arena.demo.organisations import Org
from arena.demo.people import Person
from arena.demo.sampling import choice_weighted, day_between, moment
from arena.demo.texts import DemoTexts
from arena.members.models import Member, Membership, StakeholderRole

#: where a second job is, for roles where it is not simply another kind of their role
SECOND_KIND = {
    StakeholderRole.CLIENT: {"social-enterprise": 0.6, "welfare": 0.4},
    StakeholderRole.RESEARCHER: {"education": 1.0},
    StakeholderRole.POLICY_MAKER: {"gemeente": 0.6, "national": 0.4},
}


def _kind_for(person: Person, by_kind: dict[str, list[Org]], rng: random.Random) -> str:
    weights = {k: w for k, w in ROLE_KINDS[person.role].items() if by_kind.get(k)}
    if not weights:  # a tiny network may lack the kinds of this role
        weights = {k: float(len(orgs)) for k, orgs in by_kind.items() if orgs}
    return choice_weighted(rng, weights)


def assign_jobs(
    people: list[Person], by_kind: dict[str, list[Org]], rng: random.Random, today: date
) -> None:
    """Fill each person's jobs; every organisation gets a member while there are enough."""
    wanted: dict[str, list[Person]] = {key: [] for key in by_kind}
    for person in people:
        wanted[_kind_for(person, by_kind, rng)].append(person)
    for key, members in wanted.items():
        orgs = by_kind[key]
        # A few organisations have many members, most have one or two.
        cumulative = list(accumulate(1.0 / (rank + 1) ** 0.7 for rank in range(len(orgs))))
        for index, person in enumerate(members):
            org = orgs[index] if index < len(orgs) else rng.choices(orgs, cum_weights=cumulative)[0]
            since = None if rng.random() < 0.1 else person.joined - timedelta(rng.randint(0, 3650))
            person.jobs.append((org.id, since, None))
    positions = {org.id: index for orgs in by_kind.values() for index, org in enumerate(orgs)}
    for person in people:
        if rng.random() < 0.12:
            _add_second_job(person, by_kind, positions, rng, today)


def _add_second_job(
    person: Person,
    by_kind: dict[str, list[Org]],
    positions: dict[int, int],
    rng: random.Random,
    today: date,
) -> None:
    weights = {k: w for k, w in SECOND_KIND.get(person.role, ROLE_KINDS[person.role]).items()}
    weights = {k: w for k, w in weights.items() if by_kind.get(k)}
    if not weights:
        return
    first_id, since, _ = person.jobs[0]
    # any organisation of the kind but the first one: drawn by position, as rng.choice would
    # from the list without it, rather than copying a list of up to 40,000 per member
    orgs = by_kind[choice_weighted(rng, weights)]
    skip = positions[first_id]
    if skip >= len(orgs) or orgs[skip].id != first_id:
        skip = len(orgs)  # the first organisation is of another kind
    count = len(orgs) - (skip < len(orgs))
    if not count:
        return
    index = rng.choice(range(count))
    org = orgs[index + 1 if index >= skip else index]
    end = person.left or today
    if rng.random() < 0.5 and (end - person.joined).days > 365:
        switch = day_between(rng, person.joined + timedelta(days=180), end - timedelta(days=30))
        person.jobs[0] = (first_id, since, switch)
        person.jobs.append((org.id, switch, None))
    else:
        person.jobs.append((org.id, min(end, person.joined + timedelta(rng.randint(0, 400))), None))


def first_seen(people: list[Person]) -> dict[int, datetime]:
    """When each organisation entered the network: the day its first member joined."""
    seen: dict[int, date] = {}
    for person in people:
        for org_id, _since, _until in person.jobs:
            if org_id not in seen or person.joined < seen[org_id]:
                seen[org_id] = person.joined
    return {org_id: moment(day, 8) for org_id, day in seen.items()}


def write_members(
    writer: BulkWriter, people: list[Person], rng: random.Random, texts: DemoTexts
) -> None:
    table = Member.__table__
    for person in people:
        joined = moment(person.joined, 9, rng.randint(0, 59))
        unsubscribed = moment(person.unsubscribed, 20) if person.unsubscribed else None
        writer.add(
            table,
            {
                "id": person.id,
                "name": person.name,
                "email": person.email,
                "role": person.role,
                "themes": rng.sample(texts.member_themes, rng.randint(1, 3)),
                "time_zone": "Europe/Amsterdam",
                "consent_given_at": joined if person.consent else None,
                "consent_source": rng.choice(texts.consent_sources) if person.consent else None,
                "unsubscribed_at": unsubscribed,
                "is_former": person.left is not None,
                "erased_at": None,
                "notes": None,
                "created_dt": joined,
                "updated_dt": unsubscribed or joined,
            },
        )


def write_memberships(
    writer: BulkWriter, people: list[Person], rng: random.Random, texts: DemoTexts
) -> None:
    table = Membership.__table__
    for person in people:
        for org_id, since, until in person.jobs:
            writer.add(
                table,
                {
                    "id": writer.next_id(table),
                    "member_id": person.id,
                    "organisation_id": org_id,
                    "since": since,
                    "until": until,
                    "position": rng.choice(texts.positions[person.role]),
                },
            )
