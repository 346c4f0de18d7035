"""`arena scheduler`: the one process that runs the scheduled jobs (never a web worker).

APScheduler 3.x with a memory job store, on purpose: every job in ``arena.jobs.JOBS`` reads
what is due from the database and is safe to run again (the outbox claims rows, reminders have
unique outbox keys), so the state that matters lives in the database, not in the job store.
A restarted scheduler simply runs each job again; nothing is lost and nothing runs twice in a
way users notice. ``coalesce`` folds runs missed while the process was busy or down into one,
and a generous ``misfire_grace_time`` stops late runs from being skipped silently (the default
is one second). Web workers never import this module, so the jobs run in exactly one place.

``arena scheduler --once`` runs every job once, the outbox delivery last so it sends what the
other jobs queued, and exits: for cron, tests and operators.
"""

from __future__ import annotations

import contextlib
import logging
from importlib import import_module

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from arena.i18n import TranslatedOption
from arena.jobs import JOBS, JobSpec

log = logging.getLogger("arena.scheduler")

#: the job that sends mail runs after the jobs that queue it
LAST_JOB_IDS = ("deliver-outbox",)
MISFIRE_GRACE_SECONDS = 600


def load_job(spec: JobSpec):
    module, _, name = spec.func.partition(":")
    return getattr(import_module(module), name)


def run_job(app: Flask, spec: JobSpec) -> bool:
    """Run one job inside an app context; log (never raise) a failure so others still run."""
    with app.app_context(), force_locale(app.config.get("BABEL_DEFAULT_LOCALE", "en")):
        try:
            load_job(spec)()
        except Exception:  # noqa: BLE001 - a failing job must not stop the scheduler
            log.exception("job %s failed", spec.id)
            return False
    return True


def ordered_jobs(jobs: list[JobSpec]) -> list[JobSpec]:
    return sorted(jobs, key=lambda spec: spec.id in LAST_JOB_IDS)


def run_once(app: Flask, jobs: list[JobSpec] | None = None) -> list[str]:
    """Run every job (or these) once; return the ids of those that failed."""
    return [spec.id for spec in ordered_jobs(jobs or JOBS) if not run_job(app, spec)]


def chosen_jobs(ids: tuple[str, ...]) -> list[JobSpec]:
    """The jobs named (all when none are); an unknown name stops with the known ones."""
    if not ids:
        return list(JOBS)
    known = {spec.id: spec for spec in JOBS}
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise click.BadParameter(
            _(
                "unknown job %(unknown)s; the jobs are: %(known)s",
                unknown=", ".join(unknown),
                known=", ".join(known),
            ),
            param_hint="--job",
        )
    return [known[i] for i in ids]


def configure_logging() -> None:
    """Our jobs' messages at INFO; APScheduler's own only from WARNING (missed runs, errors).

    At INFO it writes two lines per job run ("Running job", "executed successfully"), every
    30 seconds for the outbox alone, and one per job at start ("Adding job tentatively"): an
    operator's log would hold nothing else.
    """
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    logging.getLogger("apscheduler").setLevel(logging.WARNING)


def build_scheduler(app: Flask, jobs: list[JobSpec] | None = None):
    from apscheduler.schedulers.blocking import BlockingScheduler

    scheduler = BlockingScheduler(
        timezone="UTC",
        job_defaults={
            "coalesce": True,
            "max_instances": 1,
            "misfire_grace_time": MISFIRE_GRACE_SECONDS,
        },
    )
    for spec in ordered_jobs(jobs or JOBS):
        scheduler.add_job(
            run_job,
            "interval",
            seconds=spec.seconds,
            args=(app, spec),
            id=spec.id,
            name=spec.description,
        )
    return scheduler


@click.command("scheduler")
@click.option(
    "--once",
    is_flag=True,
    cls=TranslatedOption,
    help=_l("Run every job once and exit (for cron and tests)."),
)
@click.option(
    "--job",
    "job_ids",
    multiple=True,
    cls=TranslatedOption,
    help=_l(
        "Run only this job (repeatable), e.g. a process that only delivers: --job deliver-outbox."
    ),
)
@with_appcontext
def scheduler_command(once: bool, job_ids: tuple[str, ...]) -> None:
    """Run the scheduled jobs: deliver the outbox, queue reminders, and the other features'."""
    app = current_app._get_current_object()
    jobs = chosen_jobs(job_ids)
    if once:
        failed = run_once(app, jobs)
        if failed:
            raise click.ClickException(_("jobs failed: %(jobs)s", jobs=", ".join(failed)))
        click.echo(_("Ran %(num)d jobs once.", num=len(jobs)))
        return
    configure_logging()
    scheduler = build_scheduler(app, jobs)
    run_once(app, jobs)  # right away, then on each job's interval
    click.echo(_("Scheduler running %(num)d jobs; stop with Ctrl+C.", num=len(jobs)))
    with contextlib.suppress(KeyboardInterrupt, SystemExit):
        scheduler.start()
