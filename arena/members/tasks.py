"""The scheduler's entry point for this area: forget uploaded files nobody finished with.

An uploaded CSV is personal data (names, addresses). Once imported or refused its content is
dropped at once, but a preview nobody confirmed, or a stopped import nobody resumed or
discarded, would keep the whole file for ever, and every batch keeps a row-by-row report with
emails and names. After ``KEEP_UPLOADS`` both go; the counts stay, as a record of the import.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from arena.db import get_db, utcnow
from arena.members.import_models import ImportBatch, ImportStatus

KEEP_UPLOADS = timedelta(days=30)


def forget_old_uploads(session: Session, now: datetime, keep: timedelta = KEEP_UPLOADS) -> int:
    """Drop the file and row details of batches untouched for ``keep``; returns how many."""
    forgotten = 0
    old = session.scalars(select(ImportBatch).where(ImportBatch.updated_dt < now - keep))
    for batch in old:
        report = batch.report or {}
        if report.get("forgotten") and not batch.content:
            continue
        if batch.status in (ImportStatus.PREVIEWED, ImportStatus.IMPORTING) or batch.content:
            batch.status = ImportStatus.REFUSED
            report = {
                **report,
                "error": _(
                    "Expired: not finished within %(days)s days, so the file was deleted. "
                    "Rows imported before that stay; upload the file again to import the rest.",
                    days=keep.days,
                ),
            }
        batch.content = ""
        batch.report = {
            "counts": report.get("counts", {}),
            "ignored_columns": report.get("ignored_columns", []),
            "error": report.get("error"),
            "forgotten": True,
        }
        forgotten += 1
    session.flush()
    return forgotten


def forget_uploads() -> int:
    """Scheduled daily: forget old uploaded files and their row-by-row reports."""
    session = get_db().sessionmaker()
    try:
        count = forget_old_uploads(session, utcnow())
        session.commit()
        return count
    finally:
        session.close()
