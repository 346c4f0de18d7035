"""Segments: saved member filters with a name, the audiences of invitations."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from arena.auth.access import STAFF, allowed
from arena.auth.models import Role
from arena.db import get_or_404, get_session
from arena.members import segments
from arena.members.filters import clean_filters
from arena.members.forms import SegmentForm
from arena.members.models import Segment


@allowed(*STAFF)
def index():
    """Every segment with how many members it holds today."""
    rows = segments.segments_with_counts(get_session())
    return render_template("members/segments.html", rows=rows)


@allowed(Role.ORGANISER)
def create():
    """Save the member list's current filters (sent along as hidden fields) under a name."""
    form = SegmentForm()
    filters = clean_filters(request.form)
    if form.validate_on_submit():
        session = get_session()
        try:
            segment = segments.save_segment(
                session, form.name.data, filters, actor_id=current_user.id
            )
        except segments.SegmentError as exc:
            flash(str(exc), "error")
        else:
            session.commit()
            flash(_("Segment “%(name)s” saved.", name=segment.name), "success")
            return redirect(url_for("members.segments"))
    else:
        flash(_("Give the segment a name."), "error")
    return redirect(url_for("members.index", **filters))


@allowed(Role.ORGANISER)
def delete(segment_id: int):
    session = get_session()
    segment = get_or_404(Segment, segment_id)
    segments.delete_segment(session, segment, actor_id=current_user.id)
    session.commit()
    flash(_("Segment deleted."), "success")
    return redirect(url_for("members.segments"))
