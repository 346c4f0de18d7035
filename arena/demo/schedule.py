"""When each demo series meets: a fixed quarterly rhythm, as the source advises for continuity.

Pure date arithmetic, no randomness: Waardevol Werk meets on the third Wednesday of January,
April, June and November since 2014, so its next session falls on 20 January 2027.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from arena.demo.plan import FIRST_SESSION_YEAR

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
_MONTH_SETS = ((1, 4, 6, 11), (2, 5, 9, 11), (3, 6, 9, 12), (1, 3, 6, 10))
_TIMES = ((time(13, 30), time(17, 0)), (time(9, 30), time(12, 30)), (time(15, 0), time(18, 30)))
#: the first session of 2020 after this date could not go ahead (the first lockdown)
LOCKDOWN = (date(2020, 3, 12), date(2020, 5, 31))
#: sessions in this period met online
ONLINE = (date(2020, 6, 1), date(2021, 9, 1))


@dataclass(frozen=True)
class Rhythm:
    months: tuple[int, ...]
    #: 0 is Monday
    weekday: int
    #: which occurrence in the month, 1-4
    nth: int
    start_year: int
    starts: time
    ends: time

    def dates(self, until: date) -> list[date]:
        """Every session day from the first year up to and including `until`."""
        days = []
        for year in range(self.start_year, until.year + 1):
            for month in self.months:
                day = nth_weekday(year, month, self.weekday, self.nth)
                if day <= until:
                    days.append(day)
        return days

    @property
    def first(self) -> date:
        """The series' first session day."""
        return self.next_after(date(self.start_year - 1, 12, 31))

    def next_after(self, after: date) -> date:
        """The first session day strictly after `after`."""
        year = after.year
        while True:
            for month in self.months:
                day = nth_weekday(year, month, self.weekday, self.nth)
                if day > after:
                    return day
            year += 1

    def window(self, day: date) -> tuple[datetime, datetime]:
        """Start and end in UTC of the session on `day`, held in Amsterdam time."""
        return _utc(day, self.starts), _utc(day, self.ends)


def _utc(day: date, moment: time) -> datetime:
    return datetime.combine(day, moment, tzinfo=AMSTERDAM).astimezone(UTC)


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))


def rhythm_for(index: int) -> Rhythm:
    """The flagship (index 0) keeps the source's rhythm; the others vary day, month and year."""
    if index == 0:
        return Rhythm((1, 4, 6, 11), 2, 3, FIRST_SESSION_YEAR, time(13, 30), time(17, 0))
    starts, ends = _TIMES[index % len(_TIMES)]
    return Rhythm(
        months=_MONTH_SETS[index % len(_MONTH_SETS)],
        weekday=1 + index % 3,
        nth=1 + index % 4,
        start_year=FIRST_SESSION_YEAR + (index * 5) % 6,
        starts=starts,
        ends=ends,
    )


def is_cancelled(day: date) -> bool:
    return LOCKDOWN[0] <= day <= LOCKDOWN[1]


def is_online(day: date) -> bool:
    return ONLINE[0] <= day <= ONLINE[1]
