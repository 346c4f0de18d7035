"""The invitation jobs the scheduler runs: deliver the outbox, queue reminders and notes."""

from __future__ import annotations

import logging

from flask import current_app

from arena.db import get_db, get_session, utcnow
from arena.invitations.delivery import deliver_due_messages

log = logging.getLogger("arena.invitations")


def deliver_outbox() -> None:
    """Send what is due; each row is committed on its own, so this job commits nothing else."""
    report = deliver_due_messages(get_db().sessionmaker, current_app.config)
    if report.claimed:
        log.info(
            "outbox: %d sent, %d postponed, %d failed",
            report.sent, report.postponed, report.failed,
        )  # fmt: skip


def queue_reminders() -> None:
    """Queue the reminders and practical notes that are due now; unique keys make it idempotent."""
    from arena.invitations.reminders import queue_due_reminders

    session = get_session()
    queue_due_reminders(session, utcnow())
    session.commit()
