"""Small random helpers that keep the demo deterministic and its proportions exact."""

from __future__ import annotations

import heapq
import random
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import TypeVar

T = TypeVar("T")


def stage_rng(seed: int, stage: str) -> random.Random:
    """One generator per stage, so changing one stage never reshuffles the others.

    A string seed is hashed with SHA-512 by `random`, so it does not depend on PYTHONHASHSEED.
    """
    return random.Random(f"arena-demo:{seed}:{stage}")


def apportion(total: int, weights: Mapping[T, float], minimum: int = 0) -> dict[T, int]:
    """Split `total` over the keys in proportion to their weights (largest remainder).

    Keys below `minimum` then get it from the largest shares while the total allows, so small
    networks still show every role.
    """
    keys = list(weights)
    if total <= 0 or not keys:
        return {key: 0 for key in keys}
    weight_sum = sum(weights.values()) or 1.0
    exact = {key: total * weights[key] / weight_sum for key in keys}
    counts = {key: int(exact[key]) for key in keys}
    by_remainder = sorted(keys, key=lambda k: (-(exact[k] - counts[k]), keys.index(k)))
    for key in by_remainder[: total - sum(counts.values())]:
        counts[key] += 1
    if minimum * len(keys) <= total:
        for key in keys:
            while counts[key] < minimum:
                richest = max(keys, key=lambda k: counts[k])
                counts[richest] -= 1
                counts[key] += 1
    return counts


def weighted_sample(
    rng: random.Random, items: Sequence[T], weights: Sequence[float], k: int
) -> list[T]:
    """k distinct items, each drawn with chance proportional to its weight (Efraimidis-Spirakis).

    Returned in the order of `items`, so callers get a stable order.
    """
    if k >= len(items):
        return list(items)
    keyed = (
        (rng.random() ** (1.0 / w) if w > 0 else 0.0, index) for index, w in enumerate(weights)
    )
    chosen = sorted(index for _key, index in heapq.nlargest(k, keyed))
    return [items[index] for index in chosen]


def choice_weighted(rng: random.Random, weights: Mapping[T, float]) -> T:
    """One key of `weights`, drawn by weight."""
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def day_between(rng: random.Random, first: date, last: date) -> date:
    """A day in [first, last]; `first` when the range is empty."""
    span = (last - first).days
    return first + timedelta(days=rng.randint(0, span)) if span > 0 else first


def moment(day: date, hour: int = 9, minute: int = 0) -> datetime:
    """An aware UTC datetime on `day`, as the UTCDateTime columns require."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)
