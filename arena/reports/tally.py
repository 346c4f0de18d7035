"""The counts and listed records a report reads: counted now, or read back from a stored report.

A tally counts each figure by its one query (arena.reports.figures) the first time the report
asks, and remembers the result as plain JSON-ready values. Storing that memory and building the
report again from it gives the same report without a query, so a stored report's figures are
exactly what the figures' queries counted at ``counted_dt``.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from arena.db import utcnow
from arena.reports.figures import count, counts_by_group
from arena.reports.period import Period
from arena.reports.records import Record, records_behind


def _name(period: Period, key: str) -> str:
    return f"{period.start.isoformat()}:{period.end.isoformat()}:{key}"


def _when(value: date | datetime | None) -> list | None:
    if value is None:
        return None
    return [value.isoformat(), isinstance(value, datetime)]


def _from_when(value: list | None) -> date | datetime | None:
    if value is None:
        return None
    text, is_datetime = value
    return datetime.fromisoformat(text) if is_datetime else date.fromisoformat(text)


def record_to_json(record: Record) -> dict:
    other = record_to_json(record.other) if record.other else None
    return {
        "kind": record.kind,
        "id": record.id,
        "title": record.title,
        "when": _when(record.when),
        "other": other,
    }


def record_from_json(data: dict) -> Record:
    other = record_from_json(data["other"]) if data["other"] else None
    return Record(data["kind"], data["id"], data["title"], _from_when(data["when"]), other)


class Tally:
    def __init__(
        self, session: Session, stored: dict | None = None, counted_dt: datetime | None = None
    ) -> None:
        self.session = session
        #: figure name -> count, groups or listed records, as stored
        self.values: dict = dict(stored or {})
        self.counted_dt = counted_dt or utcnow()

    def count(self, period: Period, key: str) -> int:
        name = _name(period, key)
        if name not in self.values:
            self.values[name] = count(self.session, period, key)
        return self.values[name]

    def groups(self, period: Period, key: str) -> dict[str, int]:
        name = _name(period, key) + ":groups"
        if name not in self.values:
            self.values[name] = counts_by_group(self.session, period, key)
        return self.values[name]

    def records(self, period: Period, key: str, limit: int) -> list[Record]:
        """The first ``limit`` records behind the figure (of its first page)."""
        name = _name(period, key) + f":records:{limit}"
        if name not in self.values:
            listed = records_behind(self.session, period, key)[:limit]
            self.values[name] = [record_to_json(r) for r in listed]
        return [record_from_json(r) for r in self.values[name]]
