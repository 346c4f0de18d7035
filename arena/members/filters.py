"""The member list's filters as one select, shared by the list page, exports and segments.

A filter dict holds plain strings, exactly as the list page's query string does, so a saved
segment is just the list's filters with a name. Keys (all optional; unknown keys are ignored,
empty values mean "no filter"):

- ``q``: text in the name, email or the name of a current organisation (case-insensitive)
- ``role``: a StakeholderRole value, e.g. "municipality"
- ``sector`` / ``policy_domain`` / ``place``: of one of the member's current organisations
- ``organisation``: the id of one of the member's current organisations
- ``series``: an arena series id: invited to or attended one of its sessions, or follows it
- ``status``: "active" (not former), "former", "erased"; without it, every member not erased
- ``consent``: "given" (and not unsubscribed), "missing", "unsubscribed", or "mailable"
  (has an email, consent, not unsubscribed: whom an invitation may go to)
- ``attended``: "last-year": attended a session in the 365 days before now
- ``attended_since``: "YYYY-MM-DD": attended a session on or after that day
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Select, and_, or_, select

from arena.arenas.models import Attendance, Meeting, SeriesFollower
from arena.db import utcnow
from arena.members.models import Member, Membership, Organisation, StakeholderRole

FILTER_KEYS = (
    "q",
    "role",
    "sector",
    "policy_domain",
    "place",
    "organisation",
    "series",
    "status",
    "consent",
    "attended",
    "attended_since",
)
STATUSES = ("active", "former", "erased")
CONSENT_STATES = ("given", "missing", "unsubscribed", "mailable")
SORTS = {
    "name": (Member.name, Member.id),
    "-name": (Member.name.desc(), Member.id.desc()),
    "newest": (Member.created_dt.desc(), Member.id.desc()),
    "oldest": (Member.created_dt, Member.id),
    "role": (Member.role, Member.name, Member.id),
}


def clean_filters(raw) -> dict[str, str]:
    """Only the known keys with a non-empty value; works on dicts and request.args alike."""
    cleaned = {}
    for key in FILTER_KEYS:
        value = raw.get(key)
        if value is not None and str(value).strip():
            cleaned[key] = str(value).strip()
    return cleaned


def like_pattern(text: str) -> str:
    """A LIKE pattern that matches the text literally (with ``\\`` as escape character)."""
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


# Uncorrelated ``IN (subquery)`` rather than ``EXISTS``: the database works the subquery out
# once instead of once per member, which is what keeps 40,000 members fast.


def _current_membership(*conditions):
    return Member.id.in_(
        select(Membership.member_id)
        .join(Organisation, Organisation.id == Membership.organisation_id)
        .where(Membership.until.is_(None), *conditions)
    )


def _attended_since(moment: datetime):
    return Member.id.in_(
        select(Attendance.member_id)
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .where(Attendance.is_attended.is_(True), Meeting.starts_dt >= moment)
    )


def _as_int(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        return -1  # matches nothing, like an unknown id would


def member_filter_query(filters: dict, now: datetime | None = None) -> Select:
    """A select of Member with the filters applied (no order, no limit): add those yourself."""
    filters = clean_filters(filters)
    stmt = select(Member)
    status = filters.get("status")
    if status == "erased":
        stmt = stmt.where(Member.erased_at.is_not(None))
    else:
        stmt = stmt.where(Member.erased_at.is_(None))
        if status == "active":
            stmt = stmt.where(Member.is_former.is_(False))
        elif status == "former":
            stmt = stmt.where(Member.is_former.is_(True))
    if q := filters.get("q"):
        pattern = like_pattern(q)
        stmt = stmt.where(
            or_(
                Member.name.ilike(pattern, escape="\\"),
                Member.email.like(pattern, escape="\\"),
                _current_membership(Organisation.name_key.like(pattern, escape="\\")),
            )
        )
    if role := filters.get("role"):
        stmt = stmt.where(Member.role == _role(role))
    for key in ("sector", "policy_domain", "place"):
        if value := filters.get(key):
            stmt = stmt.where(_current_membership(getattr(Organisation, key) == value))
    if organisation := filters.get("organisation"):
        stmt = stmt.where(_current_membership(Organisation.id == _as_int(organisation)))
    if series := filters.get("series"):
        series_id = _as_int(series)
        stmt = stmt.where(
            or_(
                Member.id.in_(
                    select(Attendance.member_id)
                    .join(Meeting, Meeting.id == Attendance.meeting_id)
                    .where(Meeting.series_id == series_id)
                ),
                Member.id.in_(
                    select(SeriesFollower.member_id).where(SeriesFollower.series_id == series_id)
                ),
            )
        )
    stmt = _consent(stmt, filters.get("consent"))
    if filters.get("attended") == "last-year":
        stmt = stmt.where(_attended_since((now or utcnow()) - timedelta(days=365)))
    if since := filters.get("attended_since"):
        stmt = stmt.where(_attended_since(_start_of(since)))
    return stmt


def _role(value: str) -> StakeholderRole | None:
    try:
        return StakeholderRole(value)
    except ValueError:
        return None


def _start_of(value: str) -> datetime:
    try:
        day = date.fromisoformat(value)
    except ValueError:
        day = date.max  # an unreadable date matches nobody rather than everybody
    return datetime.combine(day, time.min, tzinfo=UTC)


def _consent(stmt: Select, state: str | None) -> Select:
    if state == "given":
        return stmt.where(Member.consent_given_at.is_not(None), Member.unsubscribed_at.is_(None))
    if state == "missing":
        return stmt.where(Member.consent_given_at.is_(None), Member.unsubscribed_at.is_(None))
    if state == "unsubscribed":
        return stmt.where(Member.unsubscribed_at.is_not(None))
    if state == "mailable":
        return stmt.where(
            and_(
                Member.email.is_not(None),
                Member.consent_given_at.is_not(None),
                Member.unsubscribed_at.is_(None),
            )
        )
    return stmt


def sort_members(stmt: Select, sort: str | None) -> Select:
    return stmt.order_by(*SORTS.get(sort or "name", SORTS["name"]))
