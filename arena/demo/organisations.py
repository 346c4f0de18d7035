"""The organisations of the demo network, numbered per kind in proportion to who works there."""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass
from datetime import datetime

from faker import Faker

from arena.demo.bulk import BulkWriter
from arena.demo.kinds import (
    DOMAIN_WORDS,
    KIND_BY_KEY,
    KINDS,
    NATIONAL_BODIES,
    PROVINCES,
    ROLE_KINDS,
    ROLE_SHARES,
    WORDS,
)
from arena.demo.places import PLACES, place_weights
from arena.demo.sampling import apportion, weighted_sample
from arena.demo.texts import DemoTexts
from arena.members.models import Organisation, organisation_key

_PLACE_WEIGHTS = place_weights(len(PLACES))
_PLACE_CUMULATIVE = list(itertools.accumulate(_PLACE_WEIGHTS))
_FIXED = {"gemeente": len(PLACES), "national": len(NATIONAL_BODIES), "province": len(PROVINCES)}


@dataclass(slots=True)
class Org:
    id: int
    name: str
    kind: str
    sector: str
    policy_domain: str
    place: str


def kind_counts(total: int) -> dict[str, int]:
    """Organisations per kind: members expected there divided by members per organisation."""
    weights = {}
    for kind in KINDS:
        demand = sum(
            share * ROLE_KINDS[role].get(kind.key, 0.0) for role, share in ROLE_SHARES.items()
        )
        weights[kind.key] = demand / kind.members_per_org
    counts = apportion(total, weights, minimum=1 if total >= 4 * len(KINDS) else 0)
    # Kinds with a fixed list of names cannot grow past it; the rest take the overflow.
    overflow = 0
    for key, cap in _FIXED.items():
        if counts[key] > cap:
            overflow += counts[key] - cap
            counts[key] = cap
    if overflow:
        open_kinds = {key: w for key, w in weights.items() if key not in _FIXED}
        for key, extra in apportion(overflow, open_kinds).items():
            counts[key] += extra
    return counts


def _fill(pattern: str, rng: random.Random, fake: Faker, place: str) -> str:
    name = pattern.format(
        place=place,
        surname=fake.last_name() if "{surname}" in pattern else "",
        word=rng.choice(WORDS),
    )
    return name[0].upper() + name[1:]


def _names_for_kind(key: str, count: int, rng: random.Random, fake: Faker, taken: set[str]):
    """(name, place) pairs; fixed lists for municipalities, ministries and provinces."""
    if key == "gemeente":
        fixed = [(f"Gemeente {p}", p) for p in weighted_sample(rng, PLACES, _PLACE_WEIGHTS, count)]
    elif key == "national":
        fixed = [(name, "Den Haag") for name in NATIONAL_BODIES[:count]]
    elif key == "province":
        fixed = [(f"Provincie {p}", PROVINCES[p]) for p in list(PROVINCES)[:count]]
    else:
        fixed = None
    if fixed is not None:
        taken.update(organisation_key(name) for name, _place in fixed)
        yield from fixed
        return
    kind = KIND_BY_KEY[key]
    for _ in range(count):
        for attempt in itertools.count():
            place = rng.choices(PLACES, cum_weights=_PLACE_CUMULATIVE)[0]
            name = _fill(rng.choice(kind.patterns), rng, fake, place)
            if attempt >= 20:  # crowded: tell it apart by its place, then by a number
                name = f"{name} {place}" if place not in name else f"{name} {attempt - 19}"
            if organisation_key(name) not in taken:
                break
        taken.add(organisation_key(name))
        yield name, place


def plan_organisations(total: int, rng: random.Random, fake: Faker) -> dict[str, list[Org]]:
    """The organisations by kind, numbered from 1; written later, once we know who joined when."""
    by_kind: dict[str, list[Org]] = {kind.key: [] for kind in KINDS}
    taken: set[str] = set()
    counts = kind_counts(total)
    next_id = 1
    for kind in KINDS:
        for name, place in _names_for_kind(kind.key, counts[kind.key], rng, fake, taken):
            domain = next((d for word, d in DOMAIN_WORDS if word in name), None)
            domain = domain or rng.choice(kind.domains)
            org = Org(next_id, name, kind.key, kind.sector, domain, place)
            by_kind[kind.key].append(org)
            next_id += 1
    return by_kind


def write_organisations(
    writer: BulkWriter,
    by_kind: dict[str, list[Org]],
    first_seen: dict[int, datetime],
    texts: DemoTexts,
) -> None:
    """Insert the organisations; each appears in the network when its first member joined.

    Sectors and policy domains are planned by their English keys and written in the demo's
    language.
    """
    table = Organisation.__table__
    fallback = min(first_seen.values())
    for orgs in by_kind.values():
        for org in orgs:
            seen = first_seen.get(org.id, fallback)
            writer.add(
                table,
                {
                    "id": org.id,
                    "name": org.name,
                    "name_key": organisation_key(org.name),
                    "sector": texts.sector(org.sector),
                    "policy_domain": texts.domain(org.policy_domain),
                    "place": org.place,
                    "created_dt": seen,
                    "updated_dt": seen,
                },
            )
