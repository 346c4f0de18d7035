"""The guard every view passes: deny by default, allow what a view declares.

A view says who may use it with ``@allowed(...)`` or ``@public``. One ``before_request`` hook
enforces it for every endpoint, so a view that forgets to declare is refused, not left open.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import abort, current_app, g, request
from flask_login import current_user
from werkzeug.exceptions import TooManyRequests, Unauthorized

from arena.auth.api_tokens import Throttle, usable_token
from arena.auth.models import Role
from arena.db import get_session

ACCESS_ATTRIBUTE = "arena_access"
PUBLIC = "public"
SIGNED_IN = "signed-in"

#: endpoints Flask itself adds
BUILTIN_PUBLIC = {"static"}
#: the versioned JSON API: Bearer tokens only, never the session cookie
API_PREFIX = "/api/v1/"
#: what a read-only token may do
READING = frozenset({"GET", "HEAD", "OPTIONS"})


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
    if request.path.startswith(API_PREFIX):
        return enforce_api_access(rule)
    if not current_user.is_authenticated:
        return current_app.login_manager.unauthorized()
    if rule == SIGNED_IN:
        return None
    if not rule or current_user.role not in rule:
        abort(403)
    return None


def enforce_api_access(rule) -> None:
    """The API's guard: a valid Bearer token (401), its throttle (429), the owner's role and
    the token's read-only limit (403). The request then acts as the token's owner."""
    scheme, _, secret = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        raise Unauthorized("Send a personal API token: Authorization: Bearer <token>.")
    session = get_session()
    token = usable_token(session, secret.strip())
    if token is None:
        raise Unauthorized("The token is unknown, revoked or expired.")
    config = current_app.config
    throttle = current_app.extensions.get("arena_api_throttle")
    if throttle is None:
        throttle = current_app.extensions.setdefault("arena_api_throttle", Throttle())
    wait = throttle.wait(session, token, config["API_RATE_LIMIT"], config["API_RATE_WINDOW"])
    if wait:
        raise TooManyRequests("Too many requests with this token.", retry_after=wait)
    g._login_user = token.account
    g.api_token = token
    if rule != SIGNED_IN and (not rule or token.account.role not in rule):
        abort(403, description="Your role may not use this endpoint.")
    if token.is_read_only and request.method not in READING:
        abort(403, description="This token is read-only.")


STAFF = (Role.ORGANISER, Role.PROGRAMME_LEAD)
EVERYONE = (Role.ORGANISER, Role.PROGRAMME_LEAD, Role.MEMBER)
