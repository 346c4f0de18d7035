"""The main navigation, by role; a feature adds its line here when it adds its pages."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from arena.auth.access import EVERYONE
from arena.auth.forms import ROLE_LABELS
from arena.auth.models import Role

NAVIGATION = [
    ("dashboard.index", _l("Dashboard"), EVERYONE),
    ("arenas.index", _l("Series"), EVERYONE),
    ("arenas.meetings", _l("Sessions"), (Role.ORGANISER, Role.PROGRAMME_LEAD)),
    ("auth.accounts", _l("Accounts"), (Role.ORGANISER,)),
    ("auth.tokens", _l("API tokens"), EVERYONE),
    ("members.index", _l("Members"), (Role.ORGANISER, Role.PROGRAMME_LEAD)),
    ("members.organisations", _l("Organisations"), (Role.ORGANISER, Role.PROGRAMME_LEAD)),
    ("members.segments", _l("Segments"), (Role.ORGANISER, Role.PROGRAMME_LEAD)),
    ("members.own_profile", _l("My profile"), (Role.MEMBER,)),
    ("examples.index", _l("Practice examples"), EVERYONE),
    ("wins.index", _l("Small wins"), EVERYONE),
    ("wins.reflections", _l("Reflections"), (Role.ORGANISER, Role.PROGRAMME_LEAD)),
    ("collaborations.index", _l("Collaborations"), EVERYONE),
    ("graph.index", _l("Graph"), (Role.ORGANISER, Role.PROGRAMME_LEAD)),
    ("learning.index", _l("Learning agenda"), EVERYONE),
    ("polls.index", _l("Polls"), (Role.ORGANISER, Role.PROGRAMME_LEAD)),
    ("stories.index", _l("Change stories"), EVERYONE),
    ("reports.index", _l("Report"), (Role.ORGANISER, Role.PROGRAMME_LEAD)),
]


@dataclass(frozen=True)
class NavItem:
    url: str
    label: str
    active: bool


def nav_items() -> list[NavItem]:
    if not current_user.is_authenticated:
        return []
    return [
        NavItem(url_for(endpoint), str(label), request.endpoint == endpoint)
        for endpoint, label, roles in NAVIGATION
        if current_user.role in roles and endpoint in current_app.view_functions
    ]


def role_label(role: Role | str) -> str:
    return str(ROLE_LABELS.get(Role(role), role))


def init_app(app) -> None:
    app.jinja_env.globals.update(nav_items=nav_items, role_label=role_label)
