"""Links in emails: signed tokens naming the invitation (RSVP) or the member (unsubscribe).

Links are built from ``BASE_URL`` rather than ``url_for`` because messages are made outside
requests too (the scheduler's reminder job); tests follow the links through the app, which
keeps these paths and the routes in step.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from arena.tokens import LinkPurpose, make_token

#: an invitation's answer links work until well after any session they could be for
RSVP_MAX_AGE = 180 * 24 * 3600
#: unsubscribe links must keep working for a long time (RFC 8058 asks for it)
UNSUBSCRIBE_MAX_AGE = 2 * 365 * 24 * 3600
EXPIRED = _l("This link has expired. Ask the organisers for a new invitation.")
INVALID = _l("This link is not valid. Please use the link in your email as it is.")
#: the token names the invitation (an Attendance) under "a"
RSVP = LinkPurpose("rsvp", RSVP_MAX_AGE, EXPIRED, INVALID)
#: the token names the member under "m"
UNSUBSCRIBE = LinkPurpose("unsubscribe", UNSUBSCRIBE_MAX_AGE, EXPIRED, INVALID)


def rsvp_token(attendance_id: int) -> str:
    return make_token(RSVP, {"a": attendance_id})


def unsubscribe_token(member_id: int) -> str:
    return make_token(UNSUBSCRIBE, {"m": member_id})


def rsvp_url(base_url: str, token: str, answer: str) -> str:
    return f"{base_url.rstrip('/')}/rsvp/{token}?answer={answer}"


def unsubscribe_url(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}/unsubscribe/{token}"


def unsubscribe_headers(url: str) -> dict[str, str]:
    """RFC 8058 one-click unsubscribe: the POST goes to the same signed https link."""
    return {
        "List-Unsubscribe": f"<{url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
