"""Human words for the domain's enums, translatable, in one place for pages and emails."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from arena.arenas.models import MeetingState
from arena.invitations.models import MessageKind, Response
from arena.members.models import StakeholderRole
from arena.wins.models import Mechanism

STAKEHOLDER_ROLES = {
    StakeholderRole.PROVIDER: _l("Provider"),
    StakeholderRole.MUNICIPALITY: _l("Municipality"),
    StakeholderRole.CLIENT: _l("Client or experience expert"),
    StakeholderRole.EMPLOYER: _l("Employer"),
    StakeholderRole.SOCIAL_ENTREPRENEUR: _l("Social entrepreneur"),
    StakeholderRole.POLICY_MAKER: _l("Policy maker"),
    StakeholderRole.RESEARCHER: _l("Researcher"),
    StakeholderRole.OTHER: _l("Other"),
}

MEETING_STATES = {
    MeetingState.PLANNED: _l("Planned"),
    MeetingState.INVITATIONS_SENT: _l("Invitations sent"),
    MeetingState.HELD: _l("Held"),
    MeetingState.CANCELLED: _l("Cancelled"),
}

RESPONSES = {
    Response.YES: _l("You said yes"),
    Response.NO: _l("You said no"),
    Response.MAYBE: _l("You said maybe"),
    None: _l("Not answered yet"),
}

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
    MessageKind.ACCOUNT_INVITE: _l("Account invitation"),
    MessageKind.TEST: _l("Test"),
}

MECHANISMS = {
    Mechanism.ENERGIZING: _l("Energizing"),
    Mechanism.EXPERIMENTING: _l("Experimenting"),
    Mechanism.ATTRACTION: _l("Attraction"),
    Mechanism.OIL_SPOT: _l("Oil spot"),
    Mechanism.CONNECTION: _l("Connection"),
    Mechanism.ROBUSTNESS: _l("Robustness"),
}

#: one line each, shown beside the mechanism on forms
MECHANISM_EXPLANATIONS = {
    Mechanism.ENERGIZING: _l(
        "A success inspires going on: commitment, optimism, trust in each other and the results."
    ),
    Mechanism.EXPERIMENTING: _l(
        "Every small win is an experiment that gives insight and ideas for new ones."
    ),
    Mechanism.ATTRACTION: _l("Visible results show what is possible and attract people and means."),
    Mechanism.OIL_SPOT: _l("People follow others and adapt to each other."),
    Mechanism.CONNECTION: _l(
        "A small change in one place causes change elsewhere: other levels or policy domains."
    ),
    Mechanism.ROBUSTNESS: _l(
        "It stayed unnoticed long enough to embed; once noticed it is hard to reverse."
    ),
}


def _label(mapping: dict):
    def label(value) -> str:
        return str(mapping.get(value, value))

    return label


def init_app(app) -> None:
    app.jinja_env.globals.update(
        stakeholder_role_label=_label(STAKEHOLDER_ROLES),
        state_label=_label(MEETING_STATES),
        response_label=_label(RESPONSES),
        message_kind_label=_label(MESSAGE_KINDS),
        mechanism_label=_label(MECHANISMS),
    )
