"""The organiser's invitation page: choose the audience, see who is left out, preview, send."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from arena.arenas.models import Meeting
from arena.auth.access import allowed
from arena.auth.models import Role
from arena.db import get_session, utcnow
from arena.invitations import services
from arena.invitations.audience import REASONS, AudienceError, resolve_audience
from arena.invitations.forms import InviteForm
from arena.members.models import Member

bp = Blueprint("invitations", __name__, url_prefix="/sessions")
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def _segments() -> list:
    try:
        from arena.members.segments import list_segments
    except ImportError:
        return []
    return list_segments(get_session())


def _audience(form: InviteForm) -> tuple[dict, list[str]]:
    """The audience as stored on the session; unknown hand-picked emails are reported."""
    kind = form.kind.data
    if kind == "segment":
        return {"kind": kind, "segment_id": form.segment_id.data}, []
    if kind == "members":
        emails = {e.strip().lower() for e in (form.member_emails.data or "").split() if e.strip()}
        found = dict(
            get_session()
            .execute(select(Member.email, Member.id).where(Member.email.in_(emails)))
            .all()
        )
        return {"kind": kind, "member_ids": sorted(found.values())}, sorted(emails - set(found))
    return {"kind": kind}, []


@bp.route("/<int:meeting_id>/invite", methods=["GET", "POST"])
@allowed(Role.ORGANISER)
def invite(meeting_id: int):
    """One page from audience to sending; nothing is queued until "Send" is pressed."""
    session = get_session()
    meeting = session.get(Meeting, meeting_id) or abort(404)
    form = InviteForm()
    if not form.is_submitted() and meeting.audience:
        form.kind.data = meeting.audience.get("kind", "followers")
        form.segment_id.data = meeting.audience.get("segment_id")
    form.segment_id.choices = [SelectChoice(s.id, s.name) for s in _segments()]
    result, unknown, preview, problems = None, [], None, []
    audience, unknown = _audience(form)
    try:
        result = resolve_audience(session, meeting, audience)
    except AudienceError as exc:
        if form.is_submitted():
            flash(str(exc), "error")
    recipients = result.recipients if result else []
    form.preview_member.choices = [
        SelectChoice(r.member_id, f"{r.name} <{r.email}>") for r in recipients[:200]
    ]
    in_audience = {r.member_id for r in recipients}
    chosen = form.preview_member.data if form.preview_member.data in in_audience else None
    chosen = chosen or (recipients[0].member_id if recipients else None)
    form.preview_member.data = chosen
    member = session.get(Member, chosen) if chosen else None
    subject, body = services.invitation_texts(meeting)
    problems = services.check_texts(meeting, {_("Subject"): subject, _("Text"): body})
    if member is not None and not problems:
        preview = services.preview_invitation(session, meeting, member)
    if form.validate_on_submit() and result is not None and (form.test.data or form.send.data):
        send_at = form.send_at.data.replace(tzinfo=AMSTERDAM) if form.send_at.data else None
        try:
            if form.test.data:
                services.send_test(session, meeting, current_user.email, member, now=utcnow())
                message = _("A test is on its way to %(email)s.", email=current_user.email)
            else:
                sent = services.send_invitations(
                    session, meeting, audience, now=utcnow(), send_at=send_at
                )
                message = _("%(n)d invitations are queued; %(m)d were invited already.",
                            n=sent.queued, m=sent.already_invited)  # fmt: skip
        except services.InvitationError as exc:
            session.rollback()
            flash(str(exc), "error")
            problems = exc.problems
        else:
            session.commit()
            flash(message, "success")
            return redirect(url_for("meetings.show", meeting_id=meeting.id))
    return render_template(
        "invitations/invite.html", meeting=meeting, form=form, result=result, unknown=unknown,
        preview=preview, preview_member=member, problems=problems, reasons=REASONS,
    )  # fmt: skip
