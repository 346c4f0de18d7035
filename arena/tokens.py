"""Signed, expiring links in emails, handled once: make a token, load what it names, or fail.

Each kind of link is a ``LinkPurpose``: a salt of its own (a token made for answering an
invitation fails as an unsubscribe link), how long it works, and what a person is told when
it does not. ``load_record`` reads a token and fetches the row it names; anything wrong (broken,
expired, made for something else, naming no row) raises ``TokenError``, which the one error
handler (``arena/errors.py``) shows on the one page, ``templates/errors/link_problem.html``.
Tokens hold ids, never email addresses.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, g, has_request_context
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy.orm import Session

from arena import throttle
from arena.db import get_row, get_session


@dataclass(frozen=True)
class LinkPurpose:
    """One kind of signed link."""

    #: the salt, e.g. "rsvp"; changing it breaks every link already sent
    name: str
    #: seconds a link works, or the name of the setting that says so
    max_age: int | str
    #: what a person reads when the link is too old, or otherwise not usable (translatable)
    expired: str
    invalid: str

    def seconds(self) -> int:
        if isinstance(self.max_age, str):
            return int(current_app.config[self.max_age])
        return self.max_age


class TokenError(ValueError):
    """The link is broken, expired, made for something else, or names nothing any more."""

    def __init__(self, reason: str, purpose: LinkPurpose | None = None) -> None:
        super().__init__(reason)
        self.reason = reason  # "expired" or "invalid"
        self.purpose = purpose

    @property
    def message(self) -> str:
        """What the person who followed the link is told."""
        if self.purpose is None:
            return ""
        return str(self.purpose.expired if self.reason == "expired" else self.purpose.invalid)


def _serializer(purpose: LinkPurpose) -> URLSafeTimedSerializer:
    """One serializer per app, key and purpose: making one tries its JSON serializer out
    (itsdangerous), a cost each RSVP answer of a burst would otherwise pay twice."""
    key = current_app.config["SECRET_KEY"]
    made = current_app.extensions.setdefault("arena_link_serializers", {})
    serializer = made.get((key, purpose.name))
    if serializer is None:
        serializer = made[key, purpose.name] = URLSafeTimedSerializer(
            key, salt=f"arena.{purpose.name}"
        )
    return serializer


def make_token(purpose: LinkPurpose, payload: dict) -> str:
    return _serializer(purpose).dumps(payload)


def token_maker(purpose: LinkPurpose):
    """``make_token`` for many payloads of one purpose, with one serializer (a whole send)."""
    return _serializer(purpose).dumps


def read_token(purpose: LinkPurpose, token: str, *keys: str) -> dict:
    """The payload of a valid token for this purpose, holding at least ``keys``.

    In a request, an address with too many unusable links lately is refused first
    (``Throttled``, arena/throttle.py), so links cannot be guessed."""
    if has_request_context():
        g.signed_link = True  # its page is personal: arena/security.py sends no-store
        throttle.check(session=get_session())
    return verify_token(purpose, token, *keys)


def verify_token(purpose: LinkPurpose, token: str, *keys: str) -> dict:
    """``read_token`` without the throttle: only the signature, the age and the keys.

    For a page that asks the throttle in its own query (the RSVP answer, whose burst after a
    mass invitation must not pay a query of its own for it); such a page must call
    ``throttle.check()`` before it lets a ``TokenError`` from here go up."""
    try:
        payload = _serializer(purpose).loads(token, max_age=purpose.seconds())
    except SignatureExpired as exc:
        raise TokenError("expired", purpose) from exc
    except BadSignature as exc:
        raise TokenError("invalid", purpose) from exc
    if not isinstance(payload, dict) or not set(keys) <= payload.keys():
        raise TokenError("invalid", purpose)
    return payload


def load_record(session: Session, purpose: LinkPurpose, token: str, model, key: str, options=()):
    """The row of ``model`` whose id the token holds under ``key``; TokenError otherwise.
    ``options`` are loader options, e.g. to fetch what the page shows in the same query."""
    row = get_row(session, model, read_token(purpose, token, key)[key], options)
    if row is None:
        raise TokenError("invalid", purpose)
    return row
