"""The main navigation, by role; a feature adds its line here when it adds its pages."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from arena.auth.access import EVERYONE
from arena.auth.forms import ROLE_LABELS
from arena.auth.models import Role

#: the groups of the navigation, in order; a group with one link shows as that link
GROUPS = {
    "start": None,
    "sessions": _l("Sessions and examples"),
    "network": _l("Network"),
    "results": _l("Wins and learning"),
}

NAVIGATION = [
    ("start", "dashboard.index", _l("Dashboard"), EVERYONE),
    ("sessions", "arenas.index", _l("Series"), EVERYONE),
    ("sessions", "arenas.meetings", _l("Sessions"), (Role.ORGANISER, Role.PROGRAMME_LEAD)),
    ("sessions", "examples.index", _l("Practice examples"), EVERYONE),
    ("sessions", "polls.index", _l("Polls"), (Role.ORGANISER, Role.PROGRAMME_LEAD)),
    ("network", "members.index", _l("Members"), (Role.ORGANISER, Role.PROGRAMME_LEAD)),
    (
        "network",
        "members.organisations",
        _l("Organisations"),
        (Role.ORGANISER, Role.PROGRAMME_LEAD),
    ),
    ("network", "members.segments", _l("Segments"), (Role.ORGANISER, Role.PROGRAMME_LEAD)),
    ("network", "auth.accounts", _l("Accounts"), (Role.ORGANISER,)),
    ("network", "auth.tokens", _l("API tokens"), (Role.ORGANISER, Role.PROGRAMME_LEAD)),
    ("network", "members.own_profile", _l("My profile"), (Role.MEMBER,)),
    ("network", "collaborations.index", _l("Collaborations"), EVERYONE),
    ("network", "contacts.index", _l("Get in touch"), (Role.MEMBER,)),
    ("network", "graph.index", _l("Graph"), (Role.ORGANISER, Role.PROGRAMME_LEAD)),
    ("results", "wins.index", _l("Small wins"), EVERYONE),
    ("results", "wins.reflections", _l("Reflections"), (Role.ORGANISER, Role.PROGRAMME_LEAD)),
    ("results", "learning.index", _l("Learning agenda"), EVERYONE),
    ("results", "stories.index", _l("Change stories"), EVERYONE),
    ("results", "reports.index", _l("Report"), (Role.ORGANISER, Role.PROGRAMME_LEAD)),
]

#: up to this many links in all, a role's navigation stays one flat row
FLAT_UP_TO = 9


@dataclass(frozen=True)
class NavItem:
    url: str
    label: str
    active: bool


@dataclass(frozen=True)
class NavGroup:
    """Links under one disclosure button (static/js/nav.js opens and closes it)."""

    key: str
    label: str
    items: list[NavItem]

    @property
    def active(self) -> bool:
        return any(item.active for item in self.items)


def _visible() -> list[tuple[str, NavItem]]:
    """The links the signed-in person may follow, in order, each with its group."""
    if not current_user.is_authenticated:
        return []
    return [
        (group, NavItem(url_for(endpoint), str(label), request.endpoint == endpoint))
        for group, endpoint, label, roles in NAVIGATION
        if current_user.role in roles and endpoint in current_app.view_functions
    ]


def nav_items() -> list[NavItem]:
    return [item for _group, item in _visible()]


def nav_groups() -> list[NavItem | NavGroup]:
    """The navigation as shown: flat for a short list (members), grouped for organisers and
    programme leads, so nobody faces a dozen links in a row."""
    visible = _visible()
    if len(visible) <= FLAT_UP_TO:
        return [item for _group, item in visible]
    shown: list[NavItem | NavGroup] = []
    for key, label in GROUPS.items():
        items = [item for group, item in visible if group == key]
        if label is None or len(items) == 1:
            shown += items
        elif items:
            shown.append(NavGroup(key, str(label), items))
    return shown


def role_label(role: Role | str) -> str:
    return str(ROLE_LABELS.get(Role(role), role))


def init_app(app) -> None:
    app.jinja_env.globals.update(nav_groups=nav_groups, role_label=role_label)
