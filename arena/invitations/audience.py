"""Who an invitation goes to, and who is left out and why.

An audience is a small dict stored on the session (``Meeting.audience``):
``{"kind": "network"}``, ``{"kind": "segment", "segment_id": 3}``, ``{"kind": "previous"}``
(the series' earlier attendees), ``{"kind": "followers"}`` or
``{"kind": "members", "member_ids": [...]}``. Segments are the network's saved filters; we
ask its ``members_in_segment`` rather than filtering members ourselves.

A member who follows a series asked to be invited to each of its sessions, so the series'
followers are part of every audience except a hand-picked one (which is exactly who was picked).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, select, union
from sqlalchemy.orm import Session

from arena.arenas.models import Attendance, Meeting, SeriesFollower
from arena.db import valid_id
from arena.invitations.compose import Recipient
from arena.members.models import Member, not_mailed_reason
from arena.members.segments import members_in_segment

KINDS = {
    "network": _l("The whole network (former participants and interested people included)"),
    "segment": _l("A segment of the network, and the series' followers"),
    "previous": _l("Everyone who attended an earlier session of this series, and its followers"),
    "followers": _l("Followers of this series"),
    "members": _l("Hand-picked members"),
}

#: why a member of the audience is not mailed (``members.models.NOT_MAILED_BECAUSE``)
REASONS = {
    "erased": _l("Personal data erased"),
    "unsubscribed": _l("Unsubscribed"),
    "no-email": _l("No email address"),
    "bouncing": _l("Email address bounces: the mail server refused it; fix the address"),
    "no-consent": _l("No consent to be kept informed"),
}


class AudienceError(ValueError):
    """The audience cannot be resolved (e.g. an unknown segment)."""


@dataclass
class AudienceResult:
    recipients: list[Recipient] = field(default_factory=list)
    #: reason -> [(member id, name)]
    left_out: dict[str, list[tuple[int, str]]] = field(default_factory=dict)

    @property
    def left_out_count(self) -> int:
        return sum(len(v) for v in self.left_out.values())


def _segment_ids(session: Session, segment_id) -> Select:
    if segment_id in (None, ""):
        raise AudienceError(str(_l("Choose a segment.")))
    if valid_id(segment_id) is None:
        raise AudienceError(str(_l("Choose a segment from the list.")))
    sub = members_in_segment(session, valid_id(segment_id)).subquery()
    return select(sub.c.id)


def member_ids_query(session: Session, meeting: Meeting, audience: dict):
    """A SELECT of the member ids in the audience, before leaving anyone out."""
    kind = (audience or {}).get("kind")
    followers = select(SeriesFollower.member_id).where(
        SeriesFollower.series_id == meeting.series_id
    )
    if kind == "network":
        return select(Member.id)
    if kind == "segment":
        return union(_segment_ids(session, audience.get("segment_id")), followers)
    if kind == "previous":
        earlier = select(Meeting.id).where(
            Meeting.series_id == meeting.series_id, Meeting.starts_dt < meeting.starts_dt
        )
        attended = select(Attendance.member_id).where(
            Attendance.meeting_id.in_(earlier), Attendance.is_attended.is_(True)
        )
        return union(attended, followers)
    if kind == "followers":
        return followers
    if kind == "members":
        ids = [int(i) for i in audience.get("member_ids") or []]
        if not ids:
            raise AudienceError(str(_l("Choose at least one member.")))
        return select(Member.id).where(Member.id.in_(ids))
    raise AudienceError(str(_l("Choose who to invite.")))


def resolve_audience(session: Session, meeting: Meeting, audience: dict) -> AudienceResult:
    """The members to mail, and those left out with the reason, in name order."""
    ids = member_ids_query(session, meeting, audience)
    rows = session.execute(
        select(Member.id, Member.name, Member.time_zone, Member.language, *Member.mailing_columns())
        .where(Member.id.in_(ids))
        .order_by(Member.name, Member.id)
    )
    result = AudienceResult()
    for row in rows:
        reason = not_mailed_reason(row)
        if reason is None:
            result.recipients.append(
                Recipient(row.id, row.name, row.email, row.time_zone, row.language)
            )
        else:
            result.left_out.setdefault(reason, []).append((row.id, row.name))
    return result


def invited_recipients(session: Session, meeting: Meeting, *conditions) -> list:
    """(attendance id, Recipient) of everyone invited to the session who may still be mailed,
    and meets ``conditions``: who updates, cancellations and reminders go to."""
    rows = session.execute(
        select(
            Attendance.id, Member.id, Member.name, Member.email, Member.time_zone, Member.language
        )
        .join(Member, Member.id == Attendance.member_id)
        .where(
            Attendance.meeting_id == meeting.id,
            Attendance.invited_dt.is_not(None),
            Member.may_be_mailed,
            *conditions,
        )
        .order_by(Member.id)
    )
    return [(row[0], Recipient(*row[1:])) for row in rows]
