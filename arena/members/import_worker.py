"""Running a confirmed import: during the request for small files, in a thread for big ones.

Either way the import runs in an app context and a database session of its own, opened and
closed here: a thread must never touch the request's session (a session is not thread-safe,
and the request's is closed when the response is sent), and closing in ``finally`` returns the
connection to the pool whatever happens. This is the one place that commits an import: after
each chunk, so another request can watch the progress, and once at the end.

A thread dies with its process (a restart, a deploy): the batch then stays "importing" without
progress until an organiser resumes or discards it (see ``import_batches``).
"""

from __future__ import annotations

import threading

from flask import Flask
from flask_babel import force_locale

from arena.members import import_batches
from arena.members.import_models import ImportBatch


def run_import(app: Flask, batch_id: int, run: str, locale: str = "en") -> str | None:
    """Import the batch; returns its state at the end, None when another run took it over."""
    with app.app_context(), force_locale(locale):
        session = app.extensions["arena_db"].sessionmaker()
        try:
            batch = session.get(ImportBatch, batch_id)
            state = import_batches.import_batch(session, batch, run, after_chunk=session.commit)
            session.commit()
            return state
        except import_batches.Superseded:
            session.rollback()
            return None
        except Exception as exc:  # a write failed: say so on the batch, keep the file
            session.rollback()
            app.logger.exception("member import %s stopped", batch_id)
            import_batches.record_failure(session, batch_id, run, exc)
            session.commit()
            return "stopped"
        finally:
            session.close()


def _run_logged(app: Flask, batch_id: int, run: str, locale: str) -> None:
    try:
        run_import(app, batch_id, run, locale)
    except Exception:  # noqa: BLE001 - even recording the failure failed; tell the operators
        app.logger.exception("member import %s could not record its outcome", batch_id)


def start_import(app: Flask, batch_id: int, run: str, locale: str, rows: int) -> str | None:
    """Small files now (returns the state); big ones in a thread (returns "importing")."""
    if rows <= app.config.get("MEMBER_IMPORT_SYNC_ROWS", import_batches.SYNC_ROWS):
        return run_import(app, batch_id, run, locale)
    thread = threading.Thread(
        target=_run_logged,
        args=(app, batch_id, run, locale),
        name=f"member-import-{batch_id}",
        daemon=True,
    )
    thread.start()
    return "importing"
