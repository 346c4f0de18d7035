"""The private calendar feed address of a member: a signed token naming the member and the
version of their address, so that making a new address revokes the old one at once."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from arena.members.models import Member
from arena.tokens import LinkPurpose, TokenError, load_record, make_token, read_token

#: calendar apps fetch the address for years; revoking is by version, not by age
CALENDAR_FEED = LinkPurpose(
    "calendar-feed",
    10 * 365 * 24 * 3600,
    _l("This calendar address has expired. Make a new one on your profile."),
    _l("This calendar address no longer works. Make a new one on your profile."),
)


def feed_token(member: Member) -> str:
    return make_token(CALENDAR_FEED, {"m": member.id, "v": member.calendar_feed_version})


def member_for_feed(session: Session, token: str) -> Member:
    """The member whose current feed address this is; TokenError for an old address, an
    erased member or anything else."""
    member = load_record(session, CALENDAR_FEED, token, Member, "m")
    if read_token(CALENDAR_FEED, token, "v")["v"] != member.calendar_feed_version:
        raise TokenError("invalid", CALENDAR_FEED)
    if member.erased_at is not None:
        raise TokenError("invalid", CALENDAR_FEED)
    return member


def renew_feed(member: Member) -> None:
    """A new address; the old one stops working."""
    member.calendar_feed_version += 1
