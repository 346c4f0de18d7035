"""The period and series a graph shows, apart from the query layer that reads them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta


@dataclass(frozen=True)
class Scope:
    """Which part of the history a graph shows: up to `as_of`, from `since`, one series."""

    as_of: date | None = None
    since: date | None = None
    series_id: int | None = None

    def key(self) -> str:
        parts = [
            f"as_of={self.as_of.isoformat()}" if self.as_of else "",
            f"since={self.since.isoformat()}" if self.since else "",
            f"series={self.series_id}" if self.series_id else "",
        ]
        return ",".join(p for p in parts if p) or "all"


def end_of(day: date) -> datetime:
    return datetime.combine(day + timedelta(days=1), time.min, tzinfo=UTC)


def start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def in_period(column, scope: Scope):
    """Conditions keeping a date column inside the scope's period."""
    conditions = []
    if scope.as_of:
        conditions.append(column <= scope.as_of)
    if scope.since:
        conditions.append(column >= scope.since)
    return conditions
