"""Session pages: create the next one from the standard form, change, cancel, follow answers."""

from __future__ import annotations

import csv
import io
from zoneinfo import ZoneInfo

from flask import Blueprint, Response, abort, flash, jsonify, redirect, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from arena.arenas import services
from arena.arenas.forms import CancelForm, MeetingForm
from arena.arenas.models import ArenaSeries, Meeting
from arena.auth.access import STAFF, allowed
from arena.auth.models import Role
from arena.db import get_session, utcnow
from arena.invitations import answers
from arena.invitations.render import PLACEHOLDERS

bp = Blueprint("meetings", __name__, url_prefix="/sessions")
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def _meeting(meeting_id: int) -> Meeting:
    return get_session().get(Meeting, meeting_id) or abort(404)


def _values(form: MeetingForm) -> dict:
    return {
        "title": form.title.data.strip(),
        "starts_dt": services.local_to_utc(form.day.data, form.starts_at.data, "Europe/Amsterdam"),
        "ends_dt": services.local_to_utc(form.day.data, form.ends_at.data, "Europe/Amsterdam"),
        "location": (form.location.data or "").strip() or None,
        "online_url": (form.online_url.data or "").strip() or None,
        "introduction_topic": form.introduction_topic.data or "",
        "programme": form.programme.data or "",
        "invitation_subject": form.invitation_subject.data,
        "invitation_body": form.invitation_body.data,
        "reminder_days_before": form.reminder_days_before.data,
    }


def _problems(meeting: Meeting, form: MeetingForm, series: ArenaSeries) -> list:
    from arena.invitations.services import check_texts

    return check_texts(
        meeting,
        {_("Invitation subject"): form.invitation_subject.data,
         _("Invitation text"): form.invitation_body.data},
        series=series,
    )  # fmt: skip


@bp.route("/")
@allowed(*STAFF)
def index():
    """Upcoming sessions of every series, then the latest past ones."""
    now = utcnow()
    rows = get_session().scalars(
        select(Meeting).options(selectinload(Meeting.series)).order_by(Meeting.starts_dt.desc())
    )
    meetings = list(rows)
    upcoming = sorted((m for m in meetings if m.ends_dt >= now), key=lambda m: m.starts_dt)
    past = [m for m in meetings if m.ends_dt < now][:30]
    return render_template("arenas/meetings.html", upcoming=upcoming, past=past)


@bp.route("/new/<int:series_id>", methods=["GET", "POST"])
@allowed(Role.ORGANISER)
def create(series_id: int):
    """The next session of a series, filled in from its standard form."""
    session = get_session()
    series = session.get(ArenaSeries, series_id) or abort(404)
    form = MeetingForm(data=services.next_meeting_defaults(session, series))
    problems = []
    if form.validate_on_submit():
        values = _values(form)
        problems = _problems(Meeting(**values), form, series)
        if not problems:
            try:
                meeting = services.create_meeting(session, series, values, now=utcnow())
                meeting.audience = {"kind": "followers", "reminder_to": form.reminder_to.data}
            except services.SeriesError as exc:
                session.rollback()
                flash(str(exc), "error")
            else:
                session.commit()
                flash(_("The session is planned. Next: invite the network."), "success")
                return redirect(url_for("invitations.invite", meeting_id=meeting.id))
    return render_template(
        "arenas/meeting_form.html", form=form, series=series, meeting=None,
        problems=problems, placeholders=PLACEHOLDERS,
    )  # fmt: skip


@bp.route("/<int:meeting_id>")
@allowed(*STAFF)
def show(meeting_id: int):
    """A session: details, answers as they come in, and what the outbox did."""
    session = get_session()
    meeting = _meeting(meeting_id)
    rows = answers.answer_rows(session, meeting.id)
    outbox, failed = answers.outbox_summary(session, meeting.id)
    return render_template(
        "arenas/meeting.html", meeting=meeting, rows=rows, counts=answers.answer_counts(rows),
        outbox=outbox, failed=failed,
    )  # fmt: skip


@bp.route("/<int:meeting_id>/edit", methods=["GET", "POST"])
@allowed(Role.ORGANISER)
def edit(meeting_id: int):
    """Change a session; a new time or place is sent to everyone invited."""
    session = get_session()
    meeting = _meeting(meeting_id)
    start, end = meeting.starts_dt.astimezone(AMSTERDAM), meeting.ends_dt.astimezone(AMSTERDAM)
    from arena.invitations.reminders import reminder_days
    from arena.invitations.services import invitation_texts

    subject, body = invitation_texts(meeting)
    form = MeetingForm(
        obj=meeting, day=start.date(), starts_at=start.time(), ends_at=end.time(),
        invitation_subject=subject, invitation_body=body,
        reminder_days_before=reminder_days(meeting),
        reminder_to=(meeting.audience or {}).get("reminder_to", "unanswered"),
    )  # fmt: skip
    problems = []
    if form.validate_on_submit():
        problems = _problems(meeting, form, meeting.series)
        if not problems:
            try:
                change = services.update_meeting(session, meeting, _values(form), now=utcnow())
                meeting.audience = {
                    **(meeting.audience or {}),
                    "reminder_to": form.reminder_to.data,
                }
            except services.SeriesError as exc:
                session.rollback()
                flash(str(exc), "error")
            else:
                session.commit()
                if change.updates_queued:
                    flash(_("Saved. %(n)d invited members get the new time or place.",
                            n=change.updates_queued), "success")  # fmt: skip
                else:
                    flash(_("The session is saved."), "success")
                return redirect(url_for("meetings.show", meeting_id=meeting.id))
    return render_template(
        "arenas/meeting_form.html", form=form, series=meeting.series, meeting=meeting,
        problems=problems, placeholders=PLACEHOLDERS,
    )  # fmt: skip


@bp.route("/<int:meeting_id>/cancel", methods=["GET", "POST"])
@allowed(Role.ORGANISER)
def cancel(meeting_id: int):
    """Cancel a session; everyone invited gets a calendar cancellation."""
    meeting = _meeting(meeting_id)
    form = CancelForm()
    if form.validate_on_submit():
        session = get_session()
        try:
            queued = services.cancel_meeting(session, meeting, form.reason.data or "", now=utcnow())
        except services.SeriesError as exc:
            session.rollback()
            flash(str(exc), "error")
        else:
            session.commit()
            flash(_("The session is cancelled; %(n)d members are told.", n=queued), "success")
        return redirect(url_for("meetings.show", meeting_id=meeting.id))
    return render_template("arenas/cancel.html", form=form, meeting=meeting)


@bp.route("/<int:meeting_id>/answers.json")
@allowed(*STAFF)
def answers_json(meeting_id: int):
    """The answers so far, for the live counts on the session page."""
    meeting = _meeting(meeting_id)
    rows = answers.answer_rows(get_session(), meeting.id)
    return jsonify(
        counts=answers.answer_counts(rows),
        rows=[{"id": r.id, "response": r.response.value if r.response else None,
               "attended": r.is_attended} for r in rows],
    )  # fmt: skip


@bp.route("/<int:meeting_id>/answers.csv")
@allowed(*STAFF)
def answers_csv(meeting_id: int):
    """The list of invited members and their answers, for a spreadsheet."""
    meeting = _meeting(meeting_id)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["name", "email", "answer", "answered_at_utc", "attended", "walk_in"])
    for r in answers.answer_rows(get_session(), meeting.id):
        name = r.name if not r.name.startswith(("=", "+", "-", "@")) else "'" + r.name
        writer.writerow([
            name, r.email or "", r.response.value if r.response else "",
            r.responded_dt.isoformat() if r.responded_dt else "",
            "yes" if r.is_attended else "no", "yes" if r.is_walk_in else "no",
        ])  # fmt: skip
    return Response(
        out.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": f"attachment; filename=session-{meeting.id}-answers.csv"},
    )
