"""An uploaded CSV's life: preview (nothing written), confirm, import, and an import that stops.

The batch keeps the decoded file between preview and confirmation, so what is imported is
exactly what was previewed; the plan is made again when the import runs, against the database
as it is then. A long import commits after each chunk of rows so its progress can be watched
from another request, and each chunk refreshes ``updated_dt``: a batch still "importing" whose
``updated_dt`` has not moved for ``STALE_AFTER`` lost its worker (the process was restarted).

Resuming is safe because rows are matched by email: running the same file again finds the rows
already imported and leaves them unchanged (or updates them, if someone edited them since), and
imports the rest. Discarding stops for good; rows written before the stop stay in the network.

Each run of a batch carries a token in ``report["run"]``; a run that finds another token on the
batch was taken over (resumed or discarded) and stops without touching it. These functions
flush and never commit; the import worker owns the transactions.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from arena.db import utcnow
from arena.members.csvfile import CsvRefused, read_table
from arena.members.import_apply import apply_plan
from arena.members.import_models import ImportBatch, ImportStatus
from arena.members.importing import ImportPlan, plan_import

#: files up to this many rows import during the request; bigger ones in a thread
SYNC_ROWS = 2000
#: an import whose progress has not moved for this long has lost its worker
STALE_AFTER = timedelta(minutes=10)


class BatchError(ValueError):
    """What was asked cannot be done to this batch now; the message is for the user."""


class Superseded(Exception):  # noqa: N818 - a signal to stop, not an error
    """Another run took the batch over; this run stops and leaves the batch alone."""


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


def batch_state(
    batch: ImportBatch, now: datetime | None = None, stale_after: timedelta = STALE_AFTER
) -> str:
    """previewed, importing, stalled (worker lost), stopped (a write failed), done, refused."""
    report = batch.report or {}
    if batch.status == ImportStatus.IMPORTING:
        stale = batch.updated_dt < (now or utcnow()) - stale_after
        return "stalled" if stale and batch.content else "importing"
    if batch.status == ImportStatus.REFUSED and report.get("stopped") and batch.content:
        return "stopped"
    return str(batch.status)


def _claim(session: Session, batch: ImportBatch, now: datetime, values: dict) -> None:
    """Change the batch only if nobody changed it since we read it.

    Two organisers pressing "resume" (or "confirm") at once: one wins, the other is told.
    """
    result = session.execute(
        update(ImportBatch)
        .where(
            ImportBatch.id == batch.id,
            ImportBatch.status == batch.status,
            ImportBatch.updated_dt == batch.updated_dt,
        )
        .values(updated_dt=now, **values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise BatchError(_("Someone else changed this import just now; look again."))
    session.refresh(batch)


def _start_run(session: Session, batch: ImportBatch, now: datetime, report: dict) -> str:
    run = secrets.token_hex(8)
    values = {
        "status": ImportStatus.IMPORTING,
        "processed_rows": 0,
        "report": {**report, "run": run},
    }
    _claim(session, batch, now, values)
    return run


def confirm_batch(session: Session, batch: ImportBatch, now: datetime | None = None) -> str:
    """Mark a previewed batch as importing; returns the run token the worker needs."""
    if batch.status != ImportStatus.PREVIEWED:
        raise BatchError(_("This import was confirmed already or cannot be imported."))
    return _start_run(session, batch, now or utcnow(), batch.report or {})


def resume_batch(
    session: Session,
    batch: ImportBatch,
    now: datetime | None = None,
    stale_after: timedelta = STALE_AFTER,
) -> str:
    """Run a stalled or stopped batch again from the start; returns the new run token."""
    now = now or utcnow()
    if batch_state(batch, now, stale_after) not in ("stalled", "stopped"):
        raise BatchError(_("Only an import that stopped half-way can be resumed."))
    report = {k: v for k, v in (batch.report or {}).items() if k not in ("stopped", "error")}
    return _start_run(session, batch, now, report)


def discard_batch(
    session: Session,
    batch: ImportBatch,
    now: datetime | None = None,
    stale_after: timedelta = STALE_AFTER,
) -> int:
    """Give up on a stalled or stopped batch; returns how many rows it had written."""
    now = now or utcnow()
    if batch_state(batch, now, stale_after) not in ("stalled", "stopped"):
        raise BatchError(_("Only an import that stopped half-way can be discarded."))
    written = batch.processed_rows
    message = _(
        "Discarded after %(done)s of %(total)s rows. The rows imported before it stopped stay "
        "in the network; upload the file again to import the rest.",
        done=written,
        total=batch.total_rows,
    )
    report = {**(batch.report or {}), "run": None, "stopped": False, "error": message}
    _claim(session, batch, now, {"status": ImportStatus.REFUSED, "content": "", "report": report})
    return written


def _check_run(session: Session, batch_id: int, run: str) -> None:
    report = session.scalar(select(ImportBatch.report).where(ImportBatch.id == batch_id))
    if (report or {}).get("run") != run:
        raise Superseded(batch_id)


def import_batch(
    session: Session,
    batch: ImportBatch,
    run: str,
    now: datetime | None = None,
    after_chunk: Callable[[], None] | None = None,
) -> str:
    """Import a confirmed batch; ``after_chunk`` (the worker's commit) runs after each chunk.

    Returns the batch's state at the end; raises Superseded when another run took over.
    """
    now = now or utcnow()
    batch_id = batch.id
    try:
        plan = plan_file(session, batch.content.encode("utf-8"), batch.filename, now)
    except CsvRefused as exc:  # the file was fine at preview; only a changed rule gets here
        plan, error = None, _("Refused: nothing was written.") + " " + str(exc)
    _check_run(session, batch_id, run)
    if plan is None or plan.refused:
        batch.status, batch.content = ImportStatus.REFUSED, ""
        batch.report = plan.report() if plan is not None else {**batch.report, "error": error}
        session.flush()
        return batch_state(batch)

    def progress(done: int, total: int) -> None:
        _check_run(session, batch_id, run)
        batch.processed_rows, batch.total_rows = done, total
        batch.updated_dt = utcnow()  # the heartbeat that tells a live import from a lost one

    counts = apply_plan(session, plan, now, on_progress=progress, after_chunk=after_chunk)
    batch = session.get(ImportBatch, batch_id)
    batch.status = ImportStatus.DONE
    batch.processed_rows = batch.total_rows
    batch.content = ""
    batch.report = {**plan.report(), "counts": counts}
    session.flush()
    return batch_state(batch)


def record_failure(session: Session, batch_id: int, run: str, exc: BaseException) -> None:
    """After a failed write (and a rollback): say where it stopped, and keep the file to resume."""
    batch = session.get(ImportBatch, batch_id)
    if batch is None or (batch.report or {}).get("run") != run:
        return
    batch.status = ImportStatus.REFUSED
    batch.report = {
        **batch.report,
        "stopped": True,
        "error": _(
            "The import stopped after %(done)s of %(total)s rows (%(reason)s).",
            done=batch.processed_rows,
            total=batch.total_rows,
            reason=type(exc).__name__,
        ),
    }
    session.flush()
