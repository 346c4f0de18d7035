"""The guard every view passes: deny by default, allow what a view declares.

A view says who may use it with ``@allowed(...)`` or ``@public``. One ``before_request`` hook
enforces it for every endpoint, so a view that forgets to declare is refused, not left open.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import abort, current_app, request
from flask_login import current_user

from arena.auth.models import Role

ACCESS_ATTRIBUTE = "arena_access"
PUBLIC = "public"
SIGNED_IN = "signed-in"

#: endpoints Flask itself adds
BUILTIN_PUBLIC = {"static"}


def allowed(*roles: Role) -> Callable:
    """Only signed-in accounts with one of these roles may use the view."""

    def mark(view: Callable) -> Callable:
        setattr(view, ACCESS_ATTRIBUTE, frozenset(roles))
        return view

    return mark


def signed_in(view: Callable) -> Callable:
    """Any signed-in account may use the view (e.g. changing one's own password)."""
    setattr(view, ACCESS_ATTRIBUTE, SIGNED_IN)
    return view


def public(view: Callable) -> Callable:
    """Anyone may use the view: login, health, pages reached by a signed link."""
    setattr(view, ACCESS_ATTRIBUTE, PUBLIC)
    return view


def access_rule(endpoint: str | None):
    if endpoint is None:
        return None
    if endpoint in BUILTIN_PUBLIC or endpoint.endswith(".static"):
        return PUBLIC
    view = current_app.view_functions.get(endpoint)
    return getattr(view, ACCESS_ATTRIBUTE, None)


def enforce_access():
    """before_request hook: anonymous users go to login, wrong roles get 403."""
    rule = access_rule(request.endpoint)
    if request.endpoint is None or rule == PUBLIC:
        return None
    if not current_user.is_authenticated:
        return current_app.login_manager.unauthorized()
    if rule == SIGNED_IN:
        return None
    if not rule or current_user.role not in rule:
        abort(403)
    return None


STAFF = (Role.ORGANISER, Role.PROGRAMME_LEAD)
EVERYONE = (Role.ORGANISER, Role.PROGRAMME_LEAD, Role.MEMBER)
