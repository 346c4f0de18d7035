"""Human words for the kinds of message in the outbox, translatable."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from arena.invitations.models import MessageKind

MESSAGE_KINDS = {
    MessageKind.INVITATION: _l("Invitation"),
    MessageKind.UPDATE: _l("Change of time or place"),
    MessageKind.CANCELLATION: _l("Cancellation"),
    MessageKind.REMINDER: _l("Reminder"),
    MessageKind.PRACTICAL_NOTE: _l("Practical note"),
    MessageKind.REFLECTION: _l("Reflection question"),
    MessageKind.EXAMPLE_DECLINED: _l("Practice example declined"),
    MessageKind.STICK_CHECK: _l("Did it stick?"),
    MessageKind.POLL: _l("Poll of the network"),
    MessageKind.CONTACT: _l("Request to be put in touch"),
    MessageKind.ACCOUNT_INVITE: _l("Account invitation"),
    MessageKind.TEST: _l("Test"),
}
