"""Browsing small wins: one set of filters for the timeline, the chart and the stick answers."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, and_, extract, func, select
from sqlalchemy.orm import Session, selectinload

from arena.arenas.models import Meeting
from arena.members.models import Organisation
from arena.wins.models import (
    Mechanism,
    SmallWin,
    SmallWinFollowUp,
    SmallWinMechanism,
    SmallWinTally,
    StickAnswer,
)

PER_PAGE = 25


@dataclass
class WinFilters:
    mechanism: Mechanism | None = None
    series_id: int | None = None
    meeting_id: int | None = None
    organisation_id: int | None = None
    sector: str | None = None
    date_from: date | None = None
    date_to: date | None = None


def apply_filters(stmt: Select, f: WinFilters) -> Select:
    """Narrow a statement over SmallWin by the filters that are set."""
    if f.mechanism:
        stmt = stmt.where(
            SmallWin.id.in_(
                select(SmallWinMechanism.small_win_id).where(
                    SmallWinMechanism.mechanism == f.mechanism
                )
            )
        )
    if f.series_id:
        stmt = stmt.where(
            SmallWin.meeting_id.in_(select(Meeting.id).where(Meeting.series_id == f.series_id))
        )
    if f.meeting_id:
        stmt = stmt.where(SmallWin.meeting_id == f.meeting_id)
    if f.organisation_id:
        stmt = stmt.where(SmallWin.organisation_id == f.organisation_id)
    if f.sector:
        stmt = stmt.where(
            SmallWin.organisation_id.in_(
                select(Organisation.id).where(Organisation.sector == f.sector)
            )
        )
    if f.date_from:
        stmt = stmt.where(SmallWin.happened_on >= f.date_from)
    if f.date_to:
        stmt = stmt.where(SmallWin.happened_on <= f.date_to)
    return stmt


def timeline(session: Session, f: WinFilters, page: int = 1) -> tuple[list[SmallWin], int]:
    """One page of wins, newest first, and how many match in all."""
    total = session.scalar(apply_filters(select(func.count(SmallWin.id)), f)) or 0
    stmt = (
        apply_filters(select(SmallWin), f)
        .options(
            selectinload(SmallWin.author),
            selectinload(SmallWin.organisation),
            selectinload(SmallWin.meeting),
        )
        .order_by(SmallWin.happened_on.desc(), SmallWin.id.desc())
        .limit(PER_PAGE)
        .offset((max(page, 1) - 1) * PER_PAGE)
    )
    return list(session.scalars(stmt)), total


def quarter_of(year: int, month: int) -> str:
    return f"{year} Q{(month - 1) // 3 + 1}"


def _tallies(session: Session, key, answered: bool):
    """(mechanism, key, wins) from the counts the triggers keep: the unfiltered views."""
    stmt = (
        select(SmallWinTally.mechanism, key, func.sum(SmallWinTally.n))
        .group_by(SmallWinTally.mechanism, key)
        .having(func.sum(SmallWinTally.n) > 0)
    )
    if answered:
        stmt = stmt.where(SmallWinTally.answer != "")
    return session.execute(stmt)


def counts_per_quarter(session: Session, f: WinFilters) -> dict[Mechanism, Counter]:
    """Wins per mechanism per quarter, aggregated in the database by year and month; without
    filters, from the maintained tallies (a few hundred rows instead of every win)."""
    counts: dict[Mechanism, Counter] = {m: Counter() for m in Mechanism}
    if f == WinFilters():
        for mechanism, month, n in _tallies(session, SmallWinTally.month, answered=False):
            year, number = month.split("-")
            counts[Mechanism(mechanism)][quarter_of(int(year), int(number))] += n
        return counts
    year = extract("year", SmallWin.happened_on)
    month = extract("month", SmallWin.happened_on)
    stmt = (
        select(SmallWinMechanism.mechanism, year, month, func.count())
        .join(SmallWin, SmallWin.id == SmallWinMechanism.small_win_id)
        .group_by(SmallWinMechanism.mechanism, year, month)
    )
    stmt = apply_filters(stmt, f)
    for mechanism, y, m, n in session.execute(stmt):
        counts[Mechanism(mechanism)][quarter_of(int(y), int(m))] += n
    return counts


def stick_by_mechanism(session: Session, f: WinFilters) -> dict[Mechanism, Counter]:
    """Each win's latest 'did it stick?' answer, counted per mechanism of the win.

    Only the latest: a win that held at 3 months and spread at 6 counts once, as spread.
    Without filters, from the maintained tallies.
    """
    result: dict[Mechanism, Counter] = {m: Counter() for m in Mechanism}
    if f == WinFilters():
        for mechanism, answer, n in _tallies(session, SmallWinTally.answer, answered=True):
            result[Mechanism(mechanism)][StickAnswer(answer)] += n
        return result
    latest = (
        select(
            SmallWinFollowUp.small_win_id,
            func.max(SmallWinFollowUp.months_after).label("months"),
        )
        .where(SmallWinFollowUp.answer.is_not(None))
        .group_by(SmallWinFollowUp.small_win_id)
        .subquery()
    )
    stmt = (
        select(SmallWinMechanism.mechanism, SmallWinFollowUp.answer, func.count())
        .join(SmallWin, SmallWin.id == SmallWinMechanism.small_win_id)
        .join(latest, latest.c.small_win_id == SmallWin.id)
        .join(
            SmallWinFollowUp,
            and_(
                SmallWinFollowUp.small_win_id == latest.c.small_win_id,
                SmallWinFollowUp.months_after == latest.c.months,
            ),
        )
        .group_by(SmallWinMechanism.mechanism, SmallWinFollowUp.answer)
    )
    stmt = apply_filters(stmt, f)
    for mechanism, answer, n in session.execute(stmt):
        result[Mechanism(mechanism)][answer] += n
    return result


def sectors(session: Session) -> list[str]:
    return list(
        session.scalars(
            select(Organisation.sector)
            .where(Organisation.sector.is_not(None))
            .distinct()
            .order_by(Organisation.sector)
        )
    )
