"""The member and organisation list pages: one page of rows in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.sql import operators
from sqlalchemy.sql.elements import UnaryExpression

from arena import hooks
from arena.members.filters import (
    added_filters,
    clean_filters,
    like_pattern,
    member_filter_query,
    on_own_columns,
    sort_keys,
    sort_members,
)
from arena.members.models import Member, Membership, Organisation
from arena.members.segments import count_members
from arena.query import page_count, page_number, page_size

PAGE_SIZES = (25, 50, 100, 200)


@dataclass(frozen=True)
class Page:
    items: list
    total: int
    page: int
    per_page: int
    #: a figure per item id: sessions attended, current members
    figures: dict

    @property
    def pages(self) -> int:
        return page_count(self.total, self.per_page)

    @property
    def first(self) -> int:
        return (self.page - 1) * self.per_page + 1 if self.total else 0

    @property
    def last(self) -> int:
        return min(self.total, self.page * self.per_page)


def page_args(args) -> tuple[int, int]:
    """Page number and size from a query string, clamped to sensible values."""
    per_page = page_size(args, PAGE_SIZES)
    return page_number(args, per_page), per_page


def with_organisations(stmt: Select) -> Select:
    return stmt.options(selectinload(Member.memberships).selectinload(Membership.organisation))


def listed_members(session: Session) -> int:
    """Members not erased: all of them (SQLite counts a whole table from its smallest index)
    less the erased, from their partial index. Counting "erased_at IS NULL" read every row."""
    erased = select(func.count()).select_from(Member).where(Member.erased_at.is_not(None))
    everyone = select(func.count()).select_from(Member)
    return session.scalar(select(everyone.scalar_subquery() - erased.scalar_subquery())) or 0


def _matches_with_total(stmt: Select, sort: str | None) -> Select:
    """The matches' ids and their number, sorted outside the subquery that counts them.

    Sorted in the same query as the window count, PostgreSQL planned a walk of the name index
    meant to stop after one page, yet the count reads every match: at 200,000 members a random
    read of every member (260-650 ms for "role + mailable"). Behind the fence it reads the
    matches once and sorts only them, on both databases."""
    keys = [
        (key.element.key, key.modifier is operators.desc_op)
        if isinstance(key, UnaryExpression)
        else (key.key, False)
        for key in sort_keys(sort)
    ]
    names = dict.fromkeys(name for name, _ in keys if name != "id")
    matches = stmt.with_only_columns(
        Member.id, *(getattr(Member, name) for name in names), func.count().over().label("total")
    ).subquery()
    order = [matches.c[name].desc() if desc else matches.c[name] for name, desc in keys]
    return select(matches.c.id, matches.c.total).order_by(*order)


def member_page(
    session: Session,
    filters: dict,
    sort: str | None,
    page: int,
    per_page: int,
    now: datetime | None = None,
) -> Page:
    """Ids, total, members, organisations, sessions attended: five or six queries whatever
    the size (sessions attended come from the ``sessions_attended`` hook).

    Filtered on members' own columns (role, consent, status, attended), the page is sorted in
    the query that finds it, so a filter most members pass walks the name index and stops
    after one page, and the total is counted on its own from a partial index that fits
    (``ix_members_mailable_by_role``, ``ix_members_last_attended``). A window count in the
    page's query gathered and sorted every match instead: at 200,000 members SQLite spent
    50 ms of CPU on the 30,574 mailable municipalities that the count alone reads in 2 ms.
    A filter through other tables (search, organisations, series) costs the most in finding
    its matches, so it runs once, in a narrow query of ids that carries the total as a window
    count (``_matches_with_total``). Unfiltered, the page comes from the index of listed
    members by name and the total is ``listed_members``. Only a page past the end costs
    another query.
    """
    stmt = member_filter_query(filters, now=now)
    filtered = bool(clean_filters(filters))
    windowed = filtered and not on_own_columns(filters)
    narrow = (
        _matches_with_total(stmt, sort)
        if windowed
        else sort_members(stmt.with_only_columns(Member.id), sort)
    )

    def fetch(number: int) -> list:
        return session.execute(narrow.limit(per_page).offset((number - 1) * per_page)).all()

    rows = fetch(page)
    if windowed:
        total = rows[0].total if rows else count_members(session, stmt)
    elif filtered:
        total = count_members(session, stmt.with_only_columns(Member.id))
    else:
        total = listed_members(session)
    if not rows and total and page > 1:
        page = page_count(total, per_page)
        rows = fetch(page)
    order = [row.id for row in rows]
    loaded = (
        {
            m.id: m
            for m in session.scalars(with_organisations(select(Member).where(Member.id.in_(order))))
        }
        if order
        else {}
    )
    members = [loaded[i] for i in order]
    attended: dict[int, int] = {}
    for found in hooks.sessions_attended.send(session, [m.id for m in members]):
        attended.update(found)
    return Page(members, total, page, per_page, attended)


ORGANISATION_FILTERS = ("q", "sector", "policy_domain", "place")
ORGANISATION_SORTS = {
    "name": (Organisation.name_key, Organisation.id),
    "-name": (Organisation.name_key.desc(), Organisation.id.desc()),
    "newest": (Organisation.created_dt.desc(), Organisation.id.desc()),
}


def organisation_filter_query(filters: dict) -> Select:
    stmt = select(Organisation)
    if q := (filters.get("q") or "").strip():
        stmt = stmt.where(Organisation.name_key.like(like_pattern(q), escape="\\"))
    for key in ("sector", "policy_domain", "place"):
        if value := (filters.get(key) or "").strip():
            stmt = stmt.where(getattr(Organisation, key) == value)
    return stmt


def organisation_page(
    session: Session, filters: dict, sort: str | None, page: int, per_page: int
) -> Page:
    """Count, page and current member counts: three queries whatever the size."""
    stmt = organisation_filter_query(filters)
    total = count_members(session, stmt)
    page = min(page, page_count(total, per_page))
    order = ORGANISATION_SORTS.get(sort or "name", ORGANISATION_SORTS["name"])
    organisations = list(
        session.scalars(stmt.order_by(*order).limit(per_page).offset((page - 1) * per_page))
    )
    ids = [o.id for o in organisations]
    counts = (
        dict(
            session.execute(
                select(Membership.organisation_id, func.count(Membership.id))
                .join(Member, Member.id == Membership.member_id)
                .where(
                    Membership.organisation_id.in_(ids),
                    Membership.until.is_(None),
                    Member.erased_at.is_(None),
                )
                .group_by(Membership.organisation_id)
            ).all()
        )
        if ids
        else {}
    )
    return Page(organisations, total, page, per_page, counts)


def distinct_values(session: Session, column) -> list[str]:
    """The values in use, for filter drop-downs, hopping through the column's index.

    A recursive query asks the index for the smallest value, then for the smallest above it,
    and so on: one seek per value in use. ``SELECT DISTINCT`` read every entry of the index
    instead, on every view of the member list (three columns of 40,000 organisations at
    200,000 members: ~16 ms on PostgreSQL, which has no skip scan for it)."""
    return [v for v in session.scalars(values_in_use(column)) if v]


def values_in_use(column) -> Select:
    """Each value of an indexed column once, in order, one index seek per value."""
    later = column.table.alias("later").c[column.key]
    values = (
        select(func.min(column).label("value"))
        .where(column.is_not(None))
        .cte("values_in_use", recursive=True)
    )
    following = select(func.min(later)).where(later > values.c.value).scalar_subquery()
    values = values.union_all(select(following).where(values.c.value.is_not(None)))
    return select(values.c.value).where(values.c.value.is_not(None))


def filter_options(session: Session) -> dict:
    """Choices for the filter drop-downs: one small query each."""
    options = {
        key: added.options(session) for key, added in added_filters().items() if added.options
    }
    for column in (Organisation.sector, Organisation.policy_domain, Organisation.place):
        options[column.key] = sorted(distinct_values(session, column))
    return options
