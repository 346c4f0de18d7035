"""The member list's filters as one select, shared by the list page, exports and segments.

A filter dict holds plain strings, exactly as the list page's query string does, so a saved
segment is just the list's filters with a name. Keys (all optional; unknown keys are ignored,
empty values mean "no filter"):

- ``q``: text in the name, email or the name of a current organisation (case and accents
  ignored; through the search index, see arena.members.search)
- ``role``: a StakeholderRole value, e.g. "municipality"
- ``sector`` / ``policy_domain`` / ``place``: of one of the member's current organisations
- ``organisation``: the id of one of the member's current organisations
- ``status``: "active" (not former), "former", "erased"; without it, every member not erased
- ``consent``: "given" (and not unsubscribed), "missing", "unsubscribed", or "mailable"
  (``Member.may_be_mailed``: whom an invitation may go to)

Packages above the network add filters of their own through the ``member_filters`` hook
(``arena/hooks.py``): sessions add ``series``, ``attended`` ("last-year") and
``attended_since`` ("YYYY-MM-DD"), in ``arena/arenas/network.py`` (answered from
``Member.last_attended_dt``, which the database keeps).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.orm import Session

from arena import hooks
from arena.db import utcnow
from arena.members.models import Member, Membership, Organisation, StakeholderRole
from arena.members.search import matching_member_ids
from arena.query import query_filters

#: the network's own filters; more come from the ``member_filters`` hook
OWN_FILTER_KEYS = (
    "q",
    "role",
    "sector",
    "policy_domain",
    "place",
    "organisation",
    "status",
    "consent",
)
#: the network's filters on members' own columns, which indexes of members can count (the
#: others look in other tables: search, organisations)
OWN_COLUMN_FILTER_KEYS = ("role", "status", "consent")
STATUSES = ("active", "former", "erased")
CONSENT_STATES = ("given", "missing", "unsubscribed", "mailable")
SORTS = {
    "name": (Member.name, Member.id),
    "-name": (Member.name.desc(), Member.id.desc()),
    "newest": (Member.created_dt.desc(), Member.id.desc()),
    "oldest": (Member.created_dt, Member.id),
    "role": (Member.role, Member.name, Member.id),
}


@dataclass(frozen=True)
class MemberFilter:
    """A filter another package adds to the member list (and so to segments and exports)."""

    key: str
    #: (the value as typed, now) -> a condition on Member, or None to filter nothing
    condition: Callable[[str, datetime], ColumnElement[bool] | None]
    #: (session) -> the (value, label) choices of its drop-down, when it has one
    options: Callable[[Session], list] | None = None
    #: the condition reads only members' own columns (an index of members can count it)
    on_own_columns: bool = False


def added_filters() -> dict[str, MemberFilter]:
    """The filters of the packages above, by key (``member_filters`` hook)."""
    return {f.key: f for found in hooks.member_filters.send() for f in found}


def filter_keys() -> tuple[str, ...]:
    return OWN_FILTER_KEYS + tuple(added_filters())


def clean_filters(raw) -> dict[str, str]:
    """Only the known keys with a non-empty value; works on dicts and request.args alike."""
    return query_filters(raw, filter_keys())


def on_own_columns(filters: dict) -> bool:
    """Whether every filter given reads only members' own columns (see ``member_page``)."""
    added = added_filters()
    return all(
        key in OWN_COLUMN_FILTER_KEYS or (key in added and added[key].on_own_columns)
        for key in clean_filters(filters)
    )


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


def as_int(value: str) -> int:
    """A typed id; -1 for anything else, which matches nothing, like an unknown id would."""
    try:
        return int(value)
    except ValueError:
        return -1


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
        stmt = stmt.where(Member.id.in_(matching_member_ids(q)))
    if role := filters.get("role"):
        stmt = stmt.where(Member.role == _role(role))
    for key in ("sector", "policy_domain", "place"):
        if value := filters.get(key):
            stmt = stmt.where(_current_membership(getattr(Organisation, key) == value))
    if organisation := filters.get("organisation"):
        stmt = stmt.where(_current_membership(Organisation.id == as_int(organisation)))
    stmt = _consent(stmt, filters.get("consent"))
    now = now or utcnow()
    for key, added in added_filters().items():
        condition = added.condition(value, now) if (value := filters.get(key)) else None
        if condition is not None:
            stmt = stmt.where(condition)
    return stmt


def _role(value: str) -> StakeholderRole | None:
    try:
        return StakeholderRole(value)
    except ValueError:
        return None


def start_of_day(value: str) -> datetime:
    """Midnight UTC of a typed "YYYY-MM-DD"; an unreadable date matches nobody rather than
    everybody (it becomes the last day there is)."""
    try:
        day = date.fromisoformat(value)
    except ValueError:
        day = date.max
    return datetime.combine(day, time.min, tzinfo=UTC)


def _consent(stmt: Select, state: str | None) -> Select:
    if state == "given":
        return stmt.where(Member.consent_given_at.is_not(None), Member.unsubscribed_at.is_(None))
    if state == "missing":
        return stmt.where(Member.consent_given_at.is_(None), Member.unsubscribed_at.is_(None))
    if state == "unsubscribed":
        return stmt.where(Member.unsubscribed_at.is_not(None))
    if state == "mailable":
        return stmt.where(Member.may_be_mailed)
    return stmt


def sort_keys(sort: str | None) -> tuple:
    """The ORDER BY of a sort the list offers; an unknown one sorts by name."""
    return SORTS.get(sort or "name", SORTS["name"])


def sort_members(stmt: Select, sort: str | None) -> Select:
    return stmt.order_by(*sort_keys(sort))
