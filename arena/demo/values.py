"""How the demo's Python values become the values the database driver takes.

What the columns' SQLAlchemy types would make of them, with the common types done directly:
SQLAlchemy's per-row work was most of the demo's time at 200,000 members. A table's layout
turns a batch of rows into its driver values column by column.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from datetime import UTC, date, datetime
from functools import lru_cache

from sqlalchemy import Boolean, Date, Enum, Integer, String, Table, Text

from arena.db import UTCDateTime


def _utc_naive(value):
    if value.tzinfo is None:
        raise ValueError("Arena stores only time-zone aware datetimes.")
    return value.astimezone(UTC).replace(tzinfo=None)


# The converters below take None too and are cached: rows come session by session, so the
# same moments, days and states repeat, and mapping a cached function over a column is the
# cheapest way through millions of values.


@lru_cache(maxsize=1 << 16)
def _sqlite_datetime(value: datetime | None) -> str | None:
    """The text SQLAlchemy's SQLite DATETIME stores: always with microseconds."""
    if value is None:
        return None
    if value.tzinfo is UTC:
        return value.isoformat(" ", "microseconds")[:26]
    return _utc_naive(value).isoformat(" ", "microseconds")


@lru_cache(maxsize=1 << 16)
def _postgres_datetime(value: datetime | None) -> datetime | None:
    return None if value is None else _utc_naive(value)


@lru_cache(maxsize=1 << 12)
def _sqlite_date(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


@lru_cache(maxsize=1 << 8)
def _enum_value(value):
    return value.value if isinstance(value, enum.Enum) else value


def _converter(column, dialect) -> tuple[Callable | None, bool]:
    """What turns a Python value into the driver's value for `column` (None: as it is), and
    whether it is given None too (it makes something of None itself)."""
    kind = column.type
    sqlite = dialect.name == "sqlite"
    if isinstance(kind, UTCDateTime):
        return (_sqlite_datetime if sqlite else _postgres_datetime), True
    if isinstance(kind, Enum) and not kind.native_enum:
        return _enum_value, True
    if isinstance(kind, Date):
        return (_sqlite_date if sqlite else None), True
    if isinstance(kind, Integer | String | Text | Boolean):
        return None, False  # both drivers take ints, strs and bools as they are
    return kind._cached_bind_processor(dialect), True  # anything else: SQLAlchemy's own


class Layout:
    """A table's columns as written, and how each row becomes a tuple of driver values.

    Rows come as dicts (absent keys take the column's default) or, for the big tables, as
    tuples in the order of `names`.
    """

    def __init__(self, table: Table, first_row: dict | tuple, dialect, names=None) -> None:
        if names is None:
            columns = [c for c in table.c if c.key in first_row or c.default is not None]
        else:
            columns = [table.c[name] for name in names]
        self.names = [c.name for c in columns]
        self.from_tuples = names is not None
        self.steps = []
        for column in columns:
            default = column.default
            if default is None:
                fallback = None
            elif default.is_callable:
                fallback = default.arg  # SQLAlchemy's wrapper takes a context: None
            else:
                fallback = default.arg
            self.steps.append((column.key, *_converter(column, dialect), default, fallback))

    def columns(self, rows: list) -> list[list]:
        """The driver's values of `rows`, column by column."""
        if self.from_tuples:
            return [
                _convert(raw, convert, with_none)
                for raw, (_key, convert, with_none, _default, _fallback) in zip(
                    zip(*rows, strict=True), self.steps, strict=True
                )
            ]
        columns = []
        for key, convert, with_none, default, fallback in self.steps:
            if default is None:
                raw = [row.get(key) for row in rows]
            elif default.is_callable:
                raw = [row[key] if key in row else fallback(None) for row in rows]
            else:
                raw = [row.get(key, fallback) for row in rows]
            columns.append(_convert(raw, convert, with_none))
        return columns


def _convert(raw, convert, with_none):
    if convert is None:
        return raw
    if with_none:
        return list(map(convert, raw))
    return [None if value is None else convert(value) for value in raw]
