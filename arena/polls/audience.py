"""Who a poll goes to: the audiences of invitations, narrowed by the one mailing rule.

An audience is a small dict stored on the poll: ``{"kind": "network"}``,
``{"kind": "segment", "segment_id": 3}``, ``{"kind": "followers"}`` (of the poll's series) or
``{"kind": "attendees", "meeting_id": 7}`` (who attended that session). A member who may not
be mailed (no consent, unsubscribed, erased, no address) is never polled.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from arena.arenas.models import Attendance, SeriesFollower
from arena.db import valid_id
from arena.members.models import Member
from arena.members.segments import members_in_segment
from arena.polls.services import PollError

KINDS = {
    "network": _l("The whole network"),
    "segment": _l("A segment of the network"),
    "followers": _l("Followers of the poll's series"),
    "attendees": _l("Everyone who attended a session"),
}


def _int(value, message: str) -> int:
    """A posted id, refused with ``message`` when no row can have it (a tampered form)."""
    found = valid_id(value)
    if found is None:
        raise PollError("audience", message)
    return found


def audience_ids(session: Session, audience: dict, series_id: int | None) -> Select:
    """The ids of the audience's members, before the mailing rule narrows them."""
    kind = (audience or {}).get("kind")
    if kind == "network":
        return select(Member.id)
    if kind == "segment":
        segment_id = _int(audience.get("segment_id"), _("Choose a segment."))
        sub = members_in_segment(session, segment_id).subquery()
        return select(sub.c.id)
    if kind == "followers":
        if series_id is None:
            raise PollError("audience", _("Choose the series whose followers to ask."))
        return select(SeriesFollower.member_id).where(SeriesFollower.series_id == series_id)
    if kind == "attendees":
        meeting_id = _int(audience.get("meeting_id"), _("Choose a session."))
        return select(Attendance.member_id).where(
            Attendance.meeting_id == meeting_id, Attendance.is_attended.is_(True)
        )
    raise PollError("audience", _("Choose who to ask."))


@dataclass(frozen=True)
class AudienceCount:
    recipients: int
    #: in the audience, but not to be mailed
    left_out: int


def recipients_query(session: Session, audience: dict, series_id: int | None) -> Select:
    """(id, name, email, language) of the members to poll, in id order."""
    ids = audience_ids(session, audience, series_id)
    return (
        select(Member.id, Member.name, Member.email, Member.language)
        .where(Member.id.in_(ids), Member.may_be_mailed)
        .order_by(Member.id)
    )


def count_audience(session: Session, audience: dict, series_id: int | None) -> AudienceCount:
    ids = audience_ids(session, audience, series_id).subquery()
    total, reachable = session.execute(
        select(func.count(), func.count().filter(Member.may_be_mailed))
        .select_from(Member)
        .where(Member.id.in_(select(ids.c[0])))
    ).one()
    return AudienceCount(reachable, total - reachable)
