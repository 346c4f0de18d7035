"""An uploaded CSV's life: preview (nothing written), confirm, import with progress.

The batch keeps the decoded file between preview and confirmation, so what is imported is
exactly what was previewed; the plan is made again at confirmation, against the database as
it is then. The web import commits after each chunk of rows so its progress can be watched
from another request; every row was checked before the first write, so a chunk can only fail
on something that changed meanwhile, and importing the same file again finishes the job
(rows are matched by email). The content is dropped once the batch is done or refused.
"""

from __future__ import annotations

import threading
from datetime import datetime

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from arena.db import utcnow
from arena.members.csvfile import CsvRefused, read_table
from arena.members.import_apply import apply_plan
from arena.members.importing import ImportPlan, plan_import
from arena.members.models import ImportBatch, ImportStatus

#: files up to this many rows import during the request; bigger ones in a thread
SYNC_ROWS = 2000


def consent_source(filename: str, now: datetime) -> str:
    return f"CSV import {filename} ({now.date().isoformat()})"


def plan_file(session: Session, data: bytes, filename: str, now: datetime) -> ImportPlan:
    """Read and plan a file; raises CsvRefused when the file as a whole is unusable."""
    return plan_import(session, read_table(data), consent_source(filename, now), now)


def preview_upload(
    session: Session, filename: str, data: bytes, actor_id: int | None, now: datetime | None = None
) -> ImportBatch:
    """Plan an upload and keep it as a batch; a file-level refusal raises CsvRefused."""
    now = now or utcnow()
    plan = plan_file(session, data, filename, now)
    refused = bool(plan.refused)
    batch = ImportBatch(
        filename=filename[:300],
        content="" if refused else data.decode("utf-8-sig"),
        status=ImportStatus.REFUSED if refused else ImportStatus.PREVIEWED,
        total_rows=len(plan.outcomes),
        processed_rows=0,
        report=plan.report(),
        created_by_id=actor_id,
    )
    session.add(batch)
    session.flush()
    return batch


def confirm_batch(batch: ImportBatch) -> None:
    if batch.status != ImportStatus.PREVIEWED:
        raise CsvRefused(_("This import was confirmed already or cannot be imported."))
    batch.status = ImportStatus.IMPORTING
    batch.processed_rows = 0


def run_batch(session: Session, batch: ImportBatch, now: datetime | None = None) -> None:
    """Import a confirmed batch, committing after each chunk so progress is visible."""
    now = now or utcnow()
    try:
        plan = plan_file(session, batch.content.encode("utf-8"), batch.filename, now)
    except CsvRefused as exc:
        plan = None
        batch.report = {**batch.report, "error": str(exc)}
    if plan is None or plan.refused:
        batch.status = ImportStatus.REFUSED
        batch.content = ""
        if plan is not None:
            batch.report = plan.report()
        session.commit()
        return

    def progress(done: int, total: int) -> None:
        batch.processed_rows = done
        batch.total_rows = total

    try:
        counts = apply_plan(session, plan, now, on_progress=progress, after_chunk=session.commit)
    except Exception as exc:  # the database refused a write; say so on the batch
        session.rollback()
        batch = session.get(ImportBatch, batch.id)
        batch.status = ImportStatus.REFUSED
        batch.report = {
            **batch.report,
            "error": _(
                "The import stopped after %(done)s rows (%(reason)s). Import the same file "
                "again to finish it: rows already imported are matched by email.",
                done=batch.processed_rows,
                reason=type(exc).__name__,
            ),
        }
        session.commit()
        raise
    batch = session.get(ImportBatch, batch.id)
    batch.status = ImportStatus.DONE
    batch.processed_rows = batch.total_rows
    batch.content = ""
    batch.report = {**plan.report(), "counts": counts}
    session.commit()


def run_in_background(app, batch_id: int, locale: str = "en") -> threading.Thread:
    """Import a big batch in a thread with its own session and app context."""

    def work() -> None:
        with app.app_context(), force_locale(locale):
            session = app.extensions["arena_db"].sessionmaker()
            try:
                run_batch(session, session.get(ImportBatch, batch_id))
            except Exception:  # noqa: BLE001 - recorded on the batch; log for operators
                current_app.logger.exception("member import %s failed", batch_id)
            finally:
                session.close()

    thread = threading.Thread(target=work, name=f"member-import-{batch_id}", daemon=True)
    thread.start()
    return thread
