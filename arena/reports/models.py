"""Reports stored per period and series, and the data version that says when they went stale.

Counting a national programme's year takes most of a second (the year's 47,000 attendees looked
up one by one for their role, sector and first visit), so the page reads figures stored by an
earlier request or the scheduler instead. A stored report is shown only while the data version
it was counted at is still the current one. Database triggers on every table a figure reads
raise that version in the same transaction as the change (migration report_0001), so every
write path is seen, the ORM's, bulk Core statements' and an operator's psql alike, and a reader
never sees figures older than the records behind them.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, BigInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from arena.db import Base, UTCDateTime, utcnow


class StoredReport(Base):
    __tablename__ = "stored_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the period and series counted, e.g. "2025-01-01:2025-12-31:series=4"
    key: Mapped[str] = mapped_column(String(100), unique=True)
    #: when the figures were counted (the page says so)
    computed_dt: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    #: the data version read before counting; the report is fresh while it is still current
    data_version: Mapped[int] = mapped_column(BigInteger)
    #: FIGURES_VERSION when counted: a changed figure definition makes old results stale
    figures_version: Mapped[str] = mapped_column(String(20))
    #: the counts by figure and the listed records (see arena.reports.store)
    data: Mapped[dict] = mapped_column(JSON, default=dict)
