"""The template globals that turn the domain's enums into human words, from each package's
``labels.py``: one registration for pages and emails alike."""

from __future__ import annotations

from arena.arenas.labels import MEETING_STATES, RESPONSES
from arena.invitations.labels import MESSAGE_KINDS
from arena.members.labels import STAKEHOLDER_ROLES
from arena.wins.labels import MECHANISMS


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
