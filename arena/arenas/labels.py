"""Human words for the states of a session and the answers to its invitation, translatable."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from arena.arenas.models import MeetingState, Response

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
