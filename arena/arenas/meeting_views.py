"""Session pages: create the next one from the standard form, change, cancel, follow answers."""

from __future__ import annotations

from flask import Response, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _

from arena import hooks
from arena.arenas import answers, meetings
from arena.arenas.forms import CancelForm, MeetingForm, session_reminder_choices
from arena.arenas.models import ArenaSeries, Meeting
from arena.arenas.render import PLACEHOLDERS
from arena.arenas.services import SeriesError
from arena.auth.access import STAFF, allowed
from arena.auth.models import Role
from arena.db import get_or_404, get_session, utcnow

#: form fields stored on the session as they are (the times are combined with the day)
MEETING_FIELDS = (
    "title", "location", "online_url", "introduction_topic", "programme", "invitation_subject",
    "invitation_body", "reminder_days_before", "reminder_to", "reminder_subject", "reminder_body",
)  # fmt: skip


def _meeting(meeting_id: int) -> Meeting:
    return get_or_404(Meeting, meeting_id)


def _values(form: MeetingForm) -> dict:
    values = {name: getattr(form, name).data for name in MEETING_FIELDS}
    for name in ("title", "location", "online_url", "reminder_subject"):
        values[name] = (values[name] or "").strip()
    values["location"] = values["location"] or None
    values["online_url"] = values["online_url"] or None
    values["starts_dt"] = meetings.local_to_utc(form.day.data, form.starts_at.data)
    values["ends_dt"] = meetings.local_to_utc(form.day.data, form.ends_at.data)
    return values


def _form_page(form: MeetingForm, series: ArenaSeries, meeting: Meeting | None, problems):
    form.reminder_to.choices = session_reminder_choices(series.reminder_to)
    return render_template(
        "arenas/meeting_form.html", form=form, series=series, meeting=meeting,
        problems=problems, placeholders=PLACEHOLDERS,
    )  # fmt: skip


def _commit(change):
    """Run a change of a session and commit it; or roll back, say why, and give the texts'
    problems. Returns (what the change returned or None, problems)."""
    session = get_session()
    try:
        done = change()
    except SeriesError as exc:
        session.rollback()
        flash(str(exc), "error")
        return None, exc.problems
    session.commit()
    return done, []


@allowed(*STAFF)
def index():
    """Upcoming sessions of every series, then the latest past ones."""
    listing = meetings.list_meetings(get_session(), now=utcnow())
    return render_template("arenas/meetings.html", upcoming=listing.upcoming, past=listing.past)


@allowed(Role.ORGANISER)
def create(series_id: int):
    """The next session of a series, filled in from its standard form."""
    session = get_session()
    series = get_or_404(ArenaSeries, series_id)
    now = utcnow()
    form = MeetingForm(data=meetings.next_meeting_defaults(session, series, today=now.date()))
    problems = []
    if form.validate_on_submit():
        meeting, problems = _commit(
            lambda: meetings.create_meeting(session, series, _values(form), now=now)
        )
        if meeting is not None:
            flash(_("The session is planned. Next: invite the network."), "success")
            return redirect(url_for("invitations.invite", meeting_id=meeting.id))
    return _form_page(form, series, None, problems)


@allowed(*STAFF)
def show(meeting_id: int):
    """A session: details, answers as they come in, and what the outbox did."""
    session = get_session()
    meeting = _meeting(meeting_id)
    rows = answers.answer_rows(session, meeting.id)
    return render_template(
        "arenas/meeting.html", meeting=meeting, rows=rows, counts=answers.answer_counts(rows),
        sections=hooks.meeting_page.send(session, meeting, now=utcnow()),
    )  # fmt: skip


@allowed(Role.ORGANISER)
def edit(meeting_id: int):
    """Change a session; a new time or place is sent to everyone invited."""
    session = get_session()
    meeting = _meeting(meeting_id)
    form = MeetingForm(data=meetings.meeting_form_data(meeting))
    problems = []
    if form.validate_on_submit():
        change, problems = _commit(
            lambda: meetings.update_meeting(session, meeting, _values(form), now=utcnow())
        )
        if change is not None:
            if change.updates_queued:
                flash(_("Saved. %(n)d invited members get the new time or place.",
                        n=change.updates_queued), "success")  # fmt: skip
            else:
                flash(_("The session is saved."), "success")
            return redirect(url_for("arenas.meeting", meeting_id=meeting.id))
    return _form_page(form, meeting.series, meeting, problems)


@allowed(Role.ORGANISER)
def cancel(meeting_id: int):
    """Cancel a session; everyone invited gets a calendar cancellation."""
    meeting = _meeting(meeting_id)
    form = CancelForm()
    if form.validate_on_submit():
        reason = form.reason.data or ""
        queued, _problems = _commit(
            lambda: meetings.cancel_meeting(get_session(), meeting, reason, now=utcnow())
        )
        if queued is not None:
            flash(_("The session is cancelled; %(n)d members are told.", n=queued), "success")
        return redirect(url_for("arenas.meeting", meeting_id=meeting.id))
    return render_template("arenas/cancel.html", form=form, meeting=meeting)


@allowed(*STAFF)
def answers_json(meeting_id: int):
    """The answers so far, for the live counts on the session page."""
    meeting = _meeting(meeting_id)
    rows = answers.answer_rows(get_session(), meeting.id)
    return jsonify(counts=answers.answer_counts(rows), rows=answers.answers_for_script(rows))


@allowed(*STAFF)
def answers_csv(meeting_id: int):
    """The list of invited members and their answers, for a spreadsheet."""
    meeting = _meeting(meeting_id)
    return Response(
        answers.answers_csv(answers.answer_rows(get_session(), meeting.id)),
        mimetype="text/csv",
        headers={"Content-Disposition": f"attachment; filename=session-{meeting.id}-answers.csv"},
    )


@allowed(Role.ORGANISER)
def invite_moved(meeting_id: int):
    """The invitation page is /invitations/<id> now; a 308 keeps the method and the form."""
    return redirect(url_for("invitations.invite", meeting_id=meeting_id, **request.args), 308)


@allowed(Role.ORGANISER)
def retry_moved(meeting_id: int):
    """Retrying failed messages is /invitations/<id>/retry now; a 308 keeps the POST."""
    return redirect(url_for("invitations.retry", meeting_id=meeting_id), 308)
