"""The template globals that turn the domain's enums into human words, for pages and emails
alike: one registration, the words themselves in each package's ``labels.py``."""

from __future__ import annotations

from arena.arenas.labels import MEETING_STATES, RESPONSES
from arena.collaborations.labels import STATUS_LABELS
from arena.examples.labels import EXAMPLE_STATUSES, MATURITIES
from arena.i18n import labeller
from arena.invitations.labels import MESSAGE_KINDS
from arena.members.labels import STAKEHOLDER_ROLES
from arena.wins.labels import MECHANISM_EXPLANATIONS, MECHANISMS, STICK_LABELS


def init_app(app) -> None:
    app.jinja_env.globals.update(
        stakeholder_role_label=labeller(STAKEHOLDER_ROLES),
        state_label=labeller(MEETING_STATES),
        response_label=labeller(RESPONSES),
        message_kind_label=labeller(MESSAGE_KINDS),
        example_status_label=labeller(EXAMPLE_STATUSES),
        maturity_label=labeller(MATURITIES),
        mechanism_label=labeller(MECHANISMS),
        stick_label=labeller(STICK_LABELS),
        collaboration_status_label=labeller(STATUS_LABELS),
        # lazy strings, so each page shows them in its own language
        mechanism_hints={m.value: text for m, text in MECHANISM_EXPLANATIONS.items()},
    )
