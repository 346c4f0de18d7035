"""The scheduled job: recount stored reports whose data changed, so readers rarely wait."""

from __future__ import annotations

from arena.db import get_session, utcnow
from arena.reports.period import last_calendar_year
from arena.reports.store import refresh_stale_reports


def refresh_reports() -> list[str]:
    """Recount the last calendar year's report and other stale stored ones; commit."""
    session = get_session()
    now = utcnow()
    done = refresh_stale_reports(session, now, last_calendar_year(now.date()))
    session.commit()
    return done
