"""How big each part of the demo is for a given number of members, and the fixed dates.

The source's network: about 400 people and 150 organisations around one series since 2014.
A big network (40,000 members) keeps about 800 members per series and about 8,000
organisations, so every series looks like the source's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

#: the day the demo's history runs up to; fixed, so the same seed gives the same network
DEMO_TODAY = date(2026, 11, 25)
#: the first session of the first series
FIRST_SESSION_YEAR = 2014
#: members per series in a big network
MEMBERS_PER_SERIES = 800
#: the source's series size, which the attendance of 40-80 per session belongs to
SOURCE_NETWORK = 400


@dataclass(frozen=True)
class DemoPlan:
    members: int
    organisations: int
    series: int
    #: attendees per held session, lowest and highest
    attendance: tuple[int, int]
    #: the last day of history: sessions on or before it are held
    today: date

    @property
    def members_per_series(self) -> float:
        return self.members / self.series

    @property
    def scale(self) -> float:
        """Per-series activity compared with the source (1.0 for 400 or more per series)."""
        return min(1.0, self.members_per_series / SOURCE_NETWORK)


def organisation_count(members: int) -> int:
    """150 for 400 members, about 8,000 for 40,000: small networks share fewer organisations."""
    return max(1, min(round(members * 0.375), max(150, round(members * 0.2))))


def series_count(members: int) -> int:
    return max(1, members // MEMBERS_PER_SERIES)


def make_plan(members: int, today: date = DEMO_TODAY) -> DemoPlan:
    """The sizes for `members`; raises ValueError for a network too small to be meaningful."""
    if members < 10:
        raise ValueError("The demo network needs at least 10 members.")
    series = series_count(members)
    scale = min(1.0, members / series / SOURCE_NETWORK)
    low = max(3, round(40 * scale))
    high = max(low + 2, round(80 * scale))
    return DemoPlan(
        members=members,
        organisations=organisation_count(members),
        series=series,
        attendance=(low, high),
        today=today,
    )
