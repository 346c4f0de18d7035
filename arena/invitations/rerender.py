"""Messages whose organiser's template failed for their member, made again on retry.

When a template fails for one member only (``MessageBuilder.build`` gives ``render_error``),
that member's message is queued as failed with the reason and an empty text, and the rest of
the send goes on. Retrying it on the session page makes it again from the templates as they are
now (fixed, say); if it still fails, it stays failed with the new reason.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from arena.arenas.models import Attendance, Meeting
from arena.invitations.audience import invited_recipients
from arena.invitations.compose import MessageBuilder, invitation_builder
from arena.invitations.models import MessageKind, OutboxMessage
from arena.invitations.reminders import practical_note_builder, reminder_builder

#: how ``MessageBuilder.build`` begins ``render_error``
RENDER_ERROR_PREFIX = "Template error"

#: the same builders as the first send: the member's language picks the texts (the series'
#: English ones for a member who chose English), its words and its dates
BUILDERS = {
    MessageKind.INVITATION: invitation_builder,
    MessageKind.REMINDER: reminder_builder,
    MessageKind.PRACTICAL_NOTE: practical_note_builder,
}


def remake_failed_renders(session: Session, meeting: Meeting, ids: list[int]) -> list[int]:
    """Make again the template-failed messages among ``ids``; the ids that may now go out."""
    rows = session.scalars(
        select(OutboxMessage).where(
            OutboxMessage.id.in_(ids),
            OutboxMessage.last_error.startswith(RENDER_ERROR_PREFIX),
            OutboxMessage.kind.in_(list(BUILDERS)),
        )
    ).all()
    if not rows:
        return ids
    invited = dict(
        (recipient.member_id, (attendance_id, recipient))
        for attendance_id, recipient in invited_recipients(
            session, meeting, Attendance.member_id.in_([r.member_id for r in rows])
        )
    )
    builders: dict[MessageKind, MessageBuilder] = {}
    still_failing = set()
    for row in rows:
        if row.member_id not in invited:
            still_failing.add(row.id)
            continue
        if row.kind not in builders:
            builders[row.kind] = BUILDERS[row.kind](meeting)
        attendance_id, recipient = invited[row.member_id]
        message = builders[row.kind].build(recipient, attendance_id)
        if message.get("render_error"):
            row.last_error = message["render_error"]
            still_failing.add(row.id)
            continue
        row.subject = message["subject"]
        row.body_text = message["body_text"]
        row.body_html = message["body_html"]
        row.headers = dict(message["headers"])
    session.flush()
    return [i for i in ids if i not in still_failing]
