"""`arena scheduler --once` runs every job, outbox delivery last, and exits."""

from __future__ import annotations

import logging

from arena.invitations.models import MessageKind
from arena.invitations.outbox import queue_message
from arena.jobs import JOBS
from arena.scheduler import build_scheduler, configure_logging, ordered_jobs


def test_scheduler_once_delivers_what_is_due(app, db, smtp_config, smtp_server):
    queue_message(
        db, key="once:1", kind=MessageKind.TEST, recipient="someone@example.nl",
        subject="Hello", body_text="Hello\n",
    )  # fmt: skip
    db.commit()
    result = app.test_cli_runner().invoke(args=["scheduler", "--once"])
    assert result.exit_code == 0, result.output
    assert [m["Subject"] for m in smtp_server.wait_for(1)] == ["Hello"]


def test_delivery_runs_after_the_jobs_that_queue_mail():
    assert ordered_jobs(JOBS)[-1].id == "deliver-outbox"


def test_scheduled_jobs_coalesce_and_tolerate_lateness(app):
    scheduler = build_scheduler(app)
    jobs = scheduler.get_jobs()
    assert {job.id for job in jobs} == {spec.id for spec in JOBS}
    defaults = scheduler._job_defaults  # applied to each job when the scheduler starts
    assert defaults["coalesce"] and defaults["misfire_grace_time"] >= 300


def test_the_scheduler_log_keeps_apschedulers_warnings_but_not_its_chatter(app, caplog):
    """Each run would log two lines of APScheduler's at INFO; missed runs still show."""
    apscheduler_log = logging.getLogger("apscheduler")
    try:
        configure_logging()
        caplog.set_level(logging.INFO)  # the root's level, as `arena scheduler` sets it
        build_scheduler(app)  # adding jobs before the start logs "Adding job tentatively"
        logging.getLogger("apscheduler.scheduler").warning("Run time of job was missed")
        logging.getLogger("arena.scheduler").info("job deliver-outbox sent 3")
    finally:
        apscheduler_log.setLevel(logging.NOTSET)
    messages = [record.getMessage() for record in caplog.records]
    assert messages == ["Run time of job was missed", "job deliver-outbox sent 3"]
