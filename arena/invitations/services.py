"""Inviting members to a session: check, preview, send (queue), test, update and cancel.

Sending writes one Attendance and one outbox row per recipient in the caller's transaction;
the scheduler delivers them. Everything is keyed so that sending again only reaches members
not yet invited, and an update reaches each invited member once per calendar SEQUENCE.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from arena.arenas.models import Attendance, Meeting, MeetingState
from arena.arenas.placeholders import check_texts, invitation_texts
from arena.arenas.render import TemplateProblem
from arena.invitations.audience import AudienceResult, invited_recipients, resolve_audience
from arena.invitations.calendar import CANCEL, REQUEST, mail_domain
from arena.invitations.compose import SAMPLE, MessageBuilder, Recipient, invitation_builder
from arena.invitations.models import MessageKind, MessageStatus, OutboxMessage
from arena.invitations.outbox import queue_many
from arena.mail import in_language
from arena.members.models import Member


class InvitationError(ValueError):
    """The invitation cannot be sent as asked; nothing was queued."""

    def __init__(self, message: str, problems: list[TemplateProblem] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


@dataclass
class SendResult:
    queued: int = 0
    already_invited: int = 0
    left_out: dict[str, list[tuple[int, str]]] = field(default_factory=dict)


def _domain() -> str:
    return mail_domain(current_app.config["MAIL_FROM"])


def _require_sendable(meeting: Meeting, now: datetime) -> None:
    if meeting.state == MeetingState.CANCELLED:
        raise InvitationError(_("This session is cancelled; invitations cannot be sent."))
    if meeting.starts_dt <= now:
        raise InvitationError(_("This session has already started; invitations cannot be sent."))
    subject, body = invitation_texts(meeting)
    if not body.strip():
        raise InvitationError(_("The invitation has no text yet."))
    problems = check_texts(meeting, {_("Subject"): subject, _("Text"): body})
    if problems:
        raise InvitationError(_("The invitation has errors; nothing was sent."), problems)


def _attendance_ids(session: Session, meeting_id: int) -> dict[int, tuple[int, datetime | None]]:
    rows = session.execute(
        select(Attendance.member_id, Attendance.id, Attendance.invited_dt).where(
            Attendance.meeting_id == meeting_id
        )
    )
    return {r.member_id: (r.id, r.invited_dt) for r in rows}


def send_invitations(
    session: Session,
    meeting: Meeting,
    audience: dict,
    *,
    now: datetime,
    send_at: datetime | None = None,
) -> SendResult:
    """Invite the audience: one Attendance and one queued message per new recipient."""
    _require_sendable(meeting, now)
    if send_at is not None and send_at >= meeting.starts_dt:
        raise InvitationError(_("The sending time must be before the session starts."))
    invited_at = max(send_at or now, now)
    found: AudienceResult = resolve_audience(session, meeting, audience)
    existing = _attendance_ids(session, meeting.id)
    result = SendResult(left_out=found.left_out)
    new = [r for r in found.recipients if r.member_id not in existing]
    if new:
        session.execute(
            insert(Attendance),
            [{"meeting_id": meeting.id, "member_id": r.member_id, "invited_dt": invited_at}
             for r in new],
        )  # fmt: skip
    uninvited = [r.member_id for r in found.recipients if r.member_id in existing
                 and existing[r.member_id][1] is None]  # fmt: skip
    if uninvited:
        session.execute(
            update(Attendance)
            .where(Attendance.meeting_id == meeting.id, Attendance.member_id.in_(uninvited))
            .values(invited_dt=invited_at)
        )
    ids = _attendance_ids(session, meeting.id) if new else existing
    builder = invitation_builder(meeting)
    messages = []
    for recipient in found.recipients:
        if recipient.member_id in existing and existing[recipient.member_id][1] is not None:
            result.already_invited += 1
            continue
        messages.append(
            {
                **builder.build(recipient, ids[recipient.member_id][0]),
                "key": f"invitation:meeting={meeting.id}:member={recipient.member_id}"
                f":seq={meeting.ical_sequence}",
                "kind": MessageKind.INVITATION,
                "recipient": recipient.email,
                "member_id": recipient.member_id,
                "meeting_id": meeting.id,
                "sequence": meeting.ical_sequence,
                "due_dt": invited_at,
                "ical_method": REQUEST,
            }
        )
    result.queued = queue_many(session, messages, domain=_domain())
    meeting.audience = audience
    if meeting.state == MeetingState.PLANNED:
        meeting.state = MeetingState.INVITATIONS_SENT
    session.flush()
    return result


def send_test(
    session: Session, meeting: Meeting, to_address: str, member: Member | None, *, now: datetime
) -> int:
    """Queue the invitation, as ``member`` would get it, to the organiser's own address."""
    subject, body = invitation_texts(meeting)
    problems = check_texts(meeting, {_("Subject"): subject, _("Text"): body})
    if problems:
        raise InvitationError(_("The invitation has errors; nothing was sent."), problems)
    recipient = (
        Recipient(member.id, member.name, to_address, member.time_zone, member.language)
        if member
        else SAMPLE
    )
    message = invitation_builder(meeting, with_links=False).build(recipient, None)
    with in_language(recipient.language):
        message["subject"] = _("[Test] %(subject)s", subject=message["subject"])[:300]
    return queue_many(
        session,
        [{**message, "key": f"test:meeting={meeting.id}:to={to_address}:at={now.isoformat()}",
          "kind": MessageKind.TEST, "recipient": to_address, "meeting_id": meeting.id,
          "due_dt": now, "ical_method": REQUEST, "sequence": meeting.ical_sequence}],
        domain=_domain(),
    )  # fmt: skip


def _queue_to_invited(
    session: Session, meeting: Meeting, kind: MessageKind, subject: str, template: str,
    method: str, now: datetime, skip: set[int] = frozenset(),
) -> int:  # fmt: skip
    body = current_app.jinja_env.get_template(template)
    extra = {"cancellation_reason": meeting.cancellation_reason or ""}
    builder = MessageBuilder(meeting, meeting.series, subject, body, extra=extra)
    seq = meeting.ical_sequence
    messages = [
        {**builder.build(recipient, attendance_id),
         "key": f"{kind.value}:meeting={meeting.id}:member={recipient.member_id}:seq={seq}",
         "kind": kind, "recipient": recipient.email, "member_id": recipient.member_id,
         "meeting_id": meeting.id, "sequence": seq, "due_dt": now, "ical_method": method}
        for attendance_id, recipient in invited_recipients(session, meeting)
        if recipient.member_id not in skip
    ]  # fmt: skip
    return queue_many(session, messages, domain=_domain())


def queue_updates(session: Session, meeting: Meeting, *, now: datetime) -> int:
    """After a change of time or place: the new calendar (higher SEQUENCE) to everyone invited."""
    subject = _l("Changed: {{ session.title }} on {{ session_date }}")
    return _queue_to_invited(
        session, meeting, MessageKind.UPDATE, subject, "email/update.txt", REQUEST, now
    )


def queue_cancellations(session: Session, meeting: Meeting, *, now: datetime) -> int:
    """METHOD:CANCEL to everyone invited; invitations not yet sent are withdrawn instead."""
    pending = session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.meeting_id == meeting.id,
            OutboxMessage.status == MessageStatus.PENDING,
            OutboxMessage.kind.in_(
                [MessageKind.INVITATION, MessageKind.UPDATE, MessageKind.REMINDER,
                 MessageKind.PRACTICAL_NOTE]
            ),
        )
        .values(status=MessageStatus.FAILED, last_error="not sent: the session was cancelled")
        .returning(OutboxMessage.member_id, OutboxMessage.kind)
    ).all()  # fmt: skip
    never_invited = {m for m, kind in pending if kind == MessageKind.INVITATION}
    subject = _l("Cancelled: {{ session.title }} on {{ session_date }}")
    return _queue_to_invited(
        session, meeting, MessageKind.CANCELLATION, subject, "email/cancellation.txt",
        CANCEL, now, skip=never_invited,
    )  # fmt: skip
