"""A figure is one query of the records behind it; counting and listing both read that query.

A figure's query selects one row per counted thing, with its record's id in the column ``id``
(and, for a grouped figure, the group in ``grp``). The count is ``count(*)`` over it, a group's
count is ``count(*)`` per ``grp``, and the records behind a figure are the same rows. Nothing
is counted a second way, so the page, the PDF, the export and the records cannot disagree.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from arena.reports.period import Period

#: the group of rows whose group column is NULL ("not known")
UNKNOWN = ""


@dataclass(frozen=True)
class Figure:
    key: str
    #: what the ids are: "session", "member", "small-win", "inspiration", ...
    record: str
    query: Callable[[Period], Select]
    grouped: bool = False
    #: False when the figure is about the whole programme even in a series' report
    follows_series: bool = True


FIGURES: dict[str, Figure] = {}


def figure(key: str, record: str, *, grouped: bool = False, follows_series: bool = True):
    """Register the decorated query function as the figure ``key``."""

    def register(query: Callable[[Period], Select]) -> Callable[[Period], Select]:
        if key in FIGURES:
            raise ValueError(f"figure {key!r} is defined twice")
        FIGURES[key] = Figure(key, record, query, grouped, follows_series)
        return query

    return register


def get_figure(key: str) -> Figure:
    try:
        return FIGURES[key]
    except KeyError:
        raise LookupError(key) from None


def count(session: Session, period: Period, key: str) -> int:
    rows = get_figure(key).query(period).subquery()
    return session.scalar(select(func.count()).select_from(rows)) or 0


def counts_by_group(session: Session, period: Period, key: str) -> dict[str, int]:
    """Group -> count, the unknown group under UNKNOWN; groups without rows are absent."""
    fig = get_figure(key)
    if not fig.grouped:
        raise ValueError(f"figure {key!r} has no groups")
    rows = fig.query(period).subquery()
    result = session.execute(select(rows.c.grp, func.count()).group_by(rows.c.grp))
    return {(UNKNOWN if grp is None else str(grp)): n for grp, n in result}


def record_rows(
    session: Session,
    period: Period,
    key: str,
    group: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list:
    """The rows behind a figure (or one of its groups), in id order."""
    fig = get_figure(key)
    rows = fig.query(period).subquery()
    query = select(rows)
    if group is not None:
        if not fig.grouped:
            raise ValueError(f"figure {key!r} has no groups")
        query = query.where(rows.c.grp.is_(None) if group == UNKNOWN else rows.c.grp == group)
    query = query.order_by(*rows.c)
    if limit is not None:
        query = query.limit(limit).offset(offset)
    return list(session.execute(query))
