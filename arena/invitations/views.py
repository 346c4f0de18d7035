"""The organiser's invitation page (audience, left out, preview, send) and the outbox retry."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from arena.arenas.models import Meeting
from arena.auth.access import allowed
from arena.auth.models import Role
from arena.db import get_or_404, get_session, utcnow
from arena.invitations import monitor, services
from arena.invitations.audience import REASONS
from arena.invitations.forms import InviteForm
from arena.invitations.preview import audience_choice, audience_from_choice, prepare_invitation
from arena.members.segments import list_segments

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
#: members offered in the "preview as" list
PREVIEW_CHOICES = 200


def _meeting(meeting_id: int) -> Meeting:
    return get_or_404(Meeting, meeting_id)


def _segment_choices() -> list[SelectChoice]:
    return [SelectChoice(s.id, s.name) for s in list_segments(get_session())]


def _send(form: InviteForm, meeting: Meeting, audience: dict, member) -> str:
    """Queue a test or the invitations; the message for the organiser."""
    session = get_session()
    if form.test.data:
        services.send_test(session, meeting, current_user.email, member, now=utcnow())
        return _("A test is on its way to %(email)s.", email=current_user.email)
    send_at = form.send_at.data.replace(tzinfo=AMSTERDAM) if form.send_at.data else None
    sent = services.send_invitations(session, meeting, audience, now=utcnow(), send_at=send_at)
    return _("%(n)d invitations are queued; %(m)d were invited already.",
             n=sent.queued, m=sent.already_invited)  # fmt: skip


@allowed(Role.ORGANISER)
def invite(meeting_id: int):
    """One page from audience to sending; nothing is queued until "Send" is pressed."""
    session = get_session()
    meeting = _meeting(meeting_id)
    form = InviteForm(data=audience_choice(session, meeting.audience))
    form.segment_id.choices = _segment_choices()
    audience, unknown = audience_from_choice(
        session, form.kind.data, form.segment_id.data, form.member_emails.data
    )
    page = prepare_invitation(session, meeting, audience, form.preview_member.data)
    page.unknown = unknown
    form.preview_member.choices = [
        SelectChoice(r.member_id, f"{r.name} <{r.email}>")
        for r in page.recipients[:PREVIEW_CHOICES]
    ]
    form.preview_member.data = page.member.id if page.member else None
    if page.error and form.is_submitted():
        flash(page.error, "error")
    pressed = form.test.data or form.send.data
    if pressed and page.result is not None and form.validate_on_submit():
        try:
            message = _send(form, meeting, audience, page.member)
        except services.InvitationError as exc:
            session.rollback()
            flash(str(exc), "error")
            page.problems = exc.problems or page.problems
        else:
            session.commit()
            flash(message, "success")
            return redirect(url_for("arenas.meeting", meeting_id=meeting.id))
    return render_template(
        "invitations/invite.html", meeting=meeting, form=form, page=page, reasons=REASONS
    )


@allowed(Role.ORGANISER)
def retry(meeting_id: int):
    """Put failed messages back in the queue (one, or every one that may still go)."""
    session = get_session()
    meeting = _meeting(meeting_id)
    chosen = request.form.get("message_id", "")
    ids = {int(chosen)} if chosen.isdigit() else None
    count = monitor.retry_failed(session, meeting, ids, now=utcnow())
    session.commit()
    if count:
        flash(ngettext("%(num)d message is queued again.", "%(num)d messages are queued again.",
                       count), "success")  # fmt: skip
    else:
        flash(_("No message could be queued again."), "error")
    return redirect(url_for("arenas.meeting", meeting_id=meeting.id, _anchor="outbox-title"))
