"""The report of a period from its stored figures while nothing they count has changed.

Triggers raise the data version in the same transaction as any change to a table a figure
reads (migration report_0001). A stored report remembers the version it read *before* it
counted, so a change committed while it counted leaves it stale, never wrongly fresh. A stale
or missing report is counted on the spot (a fresh install, or the first reader after a change)
and stored; the scheduler's job recounts stale ones so readers rarely wait.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta

from sqlalchemy import delete, or_, select, text
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from arena.reports.models import StoredReport
from arena.reports.period import Period
from arena.reports.report import Report, build_report
from arena.reports.tally import Tally
from arena.triggers import DATA_VERSION_TABLE

log = logging.getLogger("arena.reports")

#: raise when a figure's definition or the stored shape changes, so stored reports go stale
FIGURES_VERSION = "1"
#: stale stored reports besides the default one that one run of the job recounts
OTHERS_PER_RUN = 10
#: a stale stored report counted longer ago than this is removed rather than recounted: its
#: period was looked at once and not since (a reader would count it anew anyway)
KEEP_STALE = timedelta(days=30)


def data_version(session: Session) -> int | None:
    """The current data version; None if its row is gone (then nothing is stored or trusted)."""
    query = text(f"SELECT version FROM {DATA_VERSION_TABLE} WHERE id = 1")  # noqa: S608
    return session.execute(query).scalar()


def report_key(period: Period) -> str:
    series = "all" if period.series_id is None else f"series={period.series_id}"
    return f"{period.start.isoformat()}:{period.end.isoformat()}:{series}"


def is_fresh(stored: StoredReport | None, version: int | None) -> bool:
    return (
        stored is not None
        and version is not None
        and stored.data_version == version
        and stored.figures_version == FIGURES_VERSION
    )


def _stored(session: Session, period: Period) -> StoredReport | None:
    return session.scalar(select(StoredReport).where(StoredReport.key == report_key(period)))


def count_and_store(session: Session, period: Period, now: datetime) -> Report:
    """Count the report now and store it (flushes, never commits)."""
    version = data_version(session)  # before counting: a change meanwhile leaves it stale
    tally = Tally(session, counted_dt=now)
    report = build_report(session, period, now, tally)
    if version is None:
        return report
    values = {
        "computed_dt": now,
        "data_version": version,
        "figures_version": FIGURES_VERSION,
        "data": tally.values,
    }
    dialect = session.get_bind().dialect.name
    insert_ = postgresql_insert if dialect == "postgresql" else sqlite_insert
    # two readers counting the same stale report at once: the later one's figures stay
    statement = insert_(StoredReport).values(key=report_key(period), **values)
    try:
        session.execute(statement.on_conflict_do_update(index_elements=["key"], set_=values))
    except OperationalError:
        # SQLite busy with a long write past its timeout: show the figures counted now and
        # leave storing them to the next reader or the job; nothing else was written
        log.warning("report %s counted but not stored: the database is busy", report_key(period))
        session.rollback()
    return report


def current_report(session: Session, period: Period, now: datetime) -> Report:
    """The period's report: stored figures when still fresh, else counted now and stored."""
    version = data_version(session)
    stored = _stored(session, period)
    if is_fresh(stored, version):
        tally = Tally(session, stored.data, stored.computed_dt)
        return build_report(session, period, now, tally)
    return count_and_store(session, period, now)


def refresh_stale_reports(session: Session, now: datetime, first: Period) -> list[str]:
    """Recount ``first`` (the default report) if stale or missing, then the other stale stored
    reports, most recently counted first, at most OTHERS_PER_RUN of them: every change makes
    every stored report stale, and a national year takes about a second to count. Stale ones
    counted over KEEP_STALE ago are removed instead, so the table does not keep every period
    anyone ever looked at. Commits after each, so no writer waits for the whole run."""
    version = data_version(session)
    stale = [first] if not is_fresh(_stored(session, first), version) else []
    forgotten = session.execute(
        delete(StoredReport).where(
            StoredReport.key != report_key(first),
            StoredReport.computed_dt < now - KEEP_STALE,
            or_(
                StoredReport.data_version != version,
                StoredReport.figures_version != FIGURES_VERSION,
            ),
        )
    ).rowcount
    session.commit()
    if forgotten:
        log.info("%d stale stored reports not looked at for %s removed", forgotten, KEEP_STALE)
    stored = session.scalars(
        select(StoredReport)
        .where(StoredReport.key != report_key(first))
        .order_by(StoredReport.computed_dt.desc(), StoredReport.id.desc())
    )
    stale += [_period_of(s.key) for s in stored if not is_fresh(s, version)][:OTHERS_PER_RUN]
    for period in stale:
        count_and_store(session, period, now)
        session.commit()  # one at a time: on SQLite a writer waits for one upsert, not all
    return [report_key(p) for p in stale]


def _period_of(key: str) -> Period:
    start, end, series = key.split(":")
    series_id = None if series == "all" else int(series.removeprefix("series="))
    return Period(date.fromisoformat(start), date.fromisoformat(end), series_id)
