"""Organisers' planning actions on one practice example, and the year's balance."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from arena.arenas.models import Meeting
from arena.auth.access import STAFF, allowed
from arena.auth.models import Role
from arena.db import get_row, get_session, utcnow
from arena.examples import balance, planning
from arena.examples.forms import DeclineForm, ScheduleForm
from arena.examples.models import PracticeExample
from arena.forms import as_choices


def _example(example_id: int) -> PracticeExample:
    example = get_row(get_session(), PracticeExample, example_id)
    if example is None:
        abort(404)
    return example


def _done(example: PracticeExample, message: str, warnings: list[str] = ()):
    get_session().commit()
    flash(message, "success")
    for warning in warnings:
        flash(warning, "warning")
    return redirect(url_for("examples.detail", example_id=example.id))


def _refused(example: PracticeExample, error: planning.PlanningError):
    get_session().rollback()
    flash(str(error), "error")
    return redirect(url_for("examples.detail", example_id=example.id))


def _step(example_id: int, step, message: str):
    """One planning step on an example: done with ``message``, or refused with the reason."""
    example = _example(example_id)
    try:
        step(get_session(), example)
    except planning.PlanningError as exc:
        return _refused(example, exc)
    return _done(example, message)


@allowed(Role.ORGANISER)
def accept(example_id: int):
    return _step(
        example_id,
        planning.accept_example,
        _("The example is accepted. Schedule it into a session slot."),
    )


@allowed(Role.ORGANISER)
def decline(example_id: int):
    """Decline with a reason; the proposer receives it by email."""
    example = _example(example_id)
    form = DeclineForm()
    if form.validate_on_submit():
        try:
            planning.decline_example(get_session(), example, form.reason.data)
        except planning.PlanningError as exc:
            form.reason.errors.append(str(exc))
            get_session().rollback()
        else:
            return _done(example, _("The example is declined; the proposer gets your reason."))
    return render_template("examples/decline.html", form=form, example=example)


@allowed(Role.ORGANISER)
def schedule(example_id: int):
    """Assign to slot 1 or 2 of a session, or move to another session."""
    example = _example(example_id)
    session = get_session()
    form = ScheduleForm()
    form.meeting.choices = as_choices(
        [(m.id, m.title) for m in planning.schedulable_meetings(session, utcnow())]
    )
    if not form.validate_on_submit():
        flash(_("Choose an upcoming session and slot 1 or 2."), "error")
        return redirect(url_for("examples.detail", example_id=example.id))
    meeting = session.get(Meeting, form.meeting.data)
    slot = form.slot.data
    try:
        warnings = planning.schedule_example(session, example, meeting, slot)
    except planning.PlanningError as exc:
        return _refused(example, exc)
    return _done(
        example,
        _("Scheduled in slot %(slot)d of “%(title)s”.", slot=slot, title=meeting.title),
        warnings,
    )


@allowed(Role.ORGANISER)
def unschedule(example_id: int):
    return _step(
        example_id, planning.unschedule_example, _("The example is taken out of its session.")
    )


@allowed(Role.ORGANISER)
def presented(example_id: int):
    return _step(example_id, planning.mark_presented, _("Marked as presented."))


@allowed(*STAFF)
def year():
    """Frontrunners and starters, and sectors, over one year's sessions."""
    this_year = utcnow().year
    chosen = request.args.get("year", type=int) or this_year
    if not 2000 <= chosen <= this_year + 5:
        chosen = this_year
    return render_template(
        "examples/balance.html",
        result=balance.year_balance(get_session(), chosen),
        years=range(this_year - 5, this_year + 2),
        sessions=balance.upcoming_balance(get_session(), utcnow()),
    )
