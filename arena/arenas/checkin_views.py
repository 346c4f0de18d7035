"""The door: a phone-friendly check-in list, walk-ins, and a printable list."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from arena.arenas import attendance
from arena.arenas.forms import WalkInForm
from arena.arenas.models import Meeting
from arena.auth.access import STAFF, allowed
from arena.auth.models import Role
from arena.db import get_or_404, get_session, utcnow, valid_id


def _meeting(meeting_id: int) -> Meeting:
    return get_or_404(Meeting, meeting_id)


@allowed(Role.ORGANISER)
def check_in(meeting_id: int):
    """Tick who came; the search box filters the list (in the browser, or here with ?q=)."""
    session = get_session()
    meeting = _meeting(meeting_id)
    if request.method == "POST":
        listed, present = (
            {valid_id(i) for i in request.form.getlist(name)} - {None}
            for name in ("listed", "present")
        )
        try:
            count = attendance.set_attended(session, meeting, listed, present, now=utcnow())
        except attendance.CheckInError as exc:
            session.rollback()
            flash(str(exc), "error")
        else:
            session.commit()
            flash(_("Saved: %(n)d present.", n=count), "success")
        return redirect(url_for("arenas.check_in", meeting_id=meeting.id))
    query = request.args.get("q") or ""
    return render_template(
        "arenas/checkin.html", meeting=meeting, query=query, walk_in=WalkInForm(),
        people=attendance.checkin_list(session, meeting, query),
    )  # fmt: skip


@allowed(Role.ORGANISER)
def walk_in(meeting_id: int):
    """Add someone who came without an invitation, new to the network or not."""
    session = get_session()
    meeting = _meeting(meeting_id)
    form = WalkInForm()
    if not form.validate_on_submit():
        for errors in form.errors.values():
            for error in errors:
                flash(error, "error")
        return redirect(url_for("arenas.check_in", meeting_id=meeting.id))
    try:
        added = attendance.add_walk_in(
            session, meeting, form.name.data, form.email.data, now=utcnow()
        )
    except attendance.CheckInError as exc:
        session.rollback()
        flash(str(exc), "error")
    else:
        session.commit()
        flash(_("%(name)s is checked in.", name=added.member.name), "success")
    return redirect(url_for("arenas.check_in", meeting_id=meeting.id))


@allowed(*STAFF)
def printable(meeting_id: int):
    """The list on paper, for a door without a phone."""
    meeting = _meeting(meeting_id)
    people = attendance.checkin_list(get_session(), meeting)
    return render_template("arenas/print.html", meeting=meeting, people=people)
