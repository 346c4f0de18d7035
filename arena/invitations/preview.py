"""The invitation page before sending: who is in the audience, who is left out, the preview.

Read-only: nothing here queues or changes anything, so the page can be recomputed on every
press of "Show who will be mailed" or a change of the member to preview as.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from arena.arenas.models import Meeting
from arena.arenas.placeholders import check_texts, invitation_texts
from arena.arenas.render import TemplateProblem
from arena.invitations.audience import AudienceError, AudienceResult, resolve_audience
from arena.invitations.compose import Recipient, invitation_builder
from arena.members.models import Member


@dataclass
class InvitationPreview:
    audience: dict
    result: AudienceResult | None = None
    #: why the audience could not be resolved (e.g. no segment chosen)
    error: str | None = None
    #: hand-picked addresses that belong to no member
    unknown: list[str] = field(default_factory=list)
    member: Member | None = None
    message: dict | None = None
    problems: list[TemplateProblem] = field(default_factory=list)

    @property
    def recipients(self) -> list[Recipient]:
        return self.result.recipients if self.result else []


def audience_from_choice(
    session: Session, kind: str | None, segment_id=None, emails: str | None = None
) -> tuple[dict, list[str]]:
    """The audience as stored on the session, and the hand-picked addresses nobody has."""
    if kind == "segment":
        return {"kind": kind, "segment_id": segment_id}, []
    if kind == "members":
        wanted = {e.strip().lower() for e in (emails or "").split() if e.strip()}
        found = dict(
            session.execute(select(Member.email, Member.id).where(Member.email.in_(wanted))).all()
        )
        return {"kind": kind, "member_ids": sorted(found.values())}, sorted(wanted - set(found))
    return {"kind": kind}, []


def audience_choice(session: Session, audience: dict | None) -> dict:
    """The form fields for an audience stored on the session (to show it again)."""
    audience = audience or {}
    ids = audience.get("member_ids") or []
    emails = session.scalars(select(Member.email).where(Member.id.in_(ids))) if ids else []
    return {
        "kind": audience.get("kind", "followers"),
        "segment_id": audience.get("segment_id"),
        "member_emails": "\n".join(sorted(e for e in emails if e)),
    }


def preview_invitation(meeting: Meeting, member: Member) -> dict:
    """The message as this member will see it (the links are examples that do nothing)."""
    builder = invitation_builder(meeting, with_links=False)
    recipient = Recipient(
        member.id, member.name, member.email or "", member.time_zone, member.language
    )
    return builder.build(recipient, None)


def prepare_invitation(
    session: Session, meeting: Meeting, audience: dict, preview_member_id: int | None = None
) -> InvitationPreview:
    """Everything the invitation page shows: audience, left out, problems, the preview."""
    page = InvitationPreview(audience)
    try:
        page.result = resolve_audience(session, meeting, audience)
    except AudienceError as exc:
        page.error = str(exc)
    in_audience = {r.member_id for r in page.recipients}
    chosen = preview_member_id if preview_member_id in in_audience else None
    chosen = chosen or (page.recipients[0].member_id if page.recipients else None)
    page.member = session.get(Member, chosen) if chosen else None
    subject, body = invitation_texts(meeting)
    page.problems = check_texts(meeting, {_("Subject"): subject, _("Text"): body})
    if page.member is not None and not page.problems:
        message = preview_invitation(meeting, page.member)
        if message.get("render_error"):  # the template fails for this member only
            page.problems = [TemplateProblem(_("Text"), None, message["render_error"])]
        else:
            page.message = message
    return page
