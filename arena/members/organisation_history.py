"""An organisation's profile: its people, then the history the packages above add to it.

Collaborations, sessions its people attended and small wins come from the packages that keep
them, through the ``organisation_history`` hook (``arena/hooks.py``), one query each.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, contains_eager

from arena import hooks
from arena.hooks import Section
from arena.members.models import Member, Membership
from arena.members.search import found_first
from arena.query import page_count

#: the page is an overview: its other lists (former people, sessions, small wins,
#: collaborations) show the latest this many, and say so when there are more. At 100 each the
#: biggest organisation's page (200,000 members) spent 60 of its 110 ms CPU making 400 rows.
SHOWN = 25
#: its current people, a page at a time: a programme lead reads 25 names, not 2,800 (the biggest
#: organisation at 200,000 members), and the page's work stays that of 25 rows
PEOPLE_PER_PAGE = 25


@dataclass(frozen=True)
class OrganisationHistory:
    #: one page of its current people, by name
    current: list[Membership]
    current_total: int
    former: list[Membership]
    #: the packages' sections, in the order of the layers
    sections: list[Section]
    page: int = 1

    @property
    def pages(self) -> int:
        return page_count(self.current_total, PEOPLE_PER_PAGE)


def organisation_history(
    session: Session, organisation_id: int, page: int = 1
) -> OrganisationHistory:
    """Three queries for its people, one per section, whatever the size of its history."""
    # the page shows each person's name: their other columns are not read
    people = (
        select(Membership)
        .join(Member, Member.id == Membership.member_id)
        .options(contains_eager(Membership.member).load_only(Member.name))
        .where(Member.erased_at.is_(None))
    )
    # who works there now, from the index (organisation, until, member) alone (orgpage_0001)
    current_ids = select(Membership.member_id).where(
        Membership.organisation_id == organisation_id, Membership.until.is_(None)
    )
    # the page's people chosen by name first, found among its current people one by one
    # (PostgreSQL otherwise walked every member in name order), and only they read whole
    on_page = (
        select(Member.id)
        .where(Member.id.in_(found_first(current_ids)), Member.erased_at.is_(None))
        .order_by(Member.name, Member.id)
        .limit(PEOPLE_PER_PAGE)
        .offset((page - 1) * PEOPLE_PER_PAGE)
    )
    current = session.scalars(
        people.where(
            Membership.organisation_id == organisation_id,
            Membership.until.is_(None),
            Membership.member_id.in_(on_page),
        ).order_by(Member.name, Member.id, Membership.id)
    ).all()
    # counted without reading the members: less the erased, from their partial index (55 -> 2 ms)
    erased = select(Member.id).where(Member.erased_at.is_not(None))
    current_total = session.scalar(
        select(func.count()).select_from(
            current_ids.where(Membership.member_id.not_in(erased)).subquery()
        )
    )
    # newest first, straight from the same index: the same few rows however long its past
    former = session.scalars(
        people.where(Membership.organisation_id == organisation_id, Membership.until.is_not(None))
        .order_by(Membership.until.desc())
        .limit(SHOWN)
    ).all()
    staff = select(Membership.member_id).where(Membership.organisation_id == organisation_id)
    sections = hooks.organisation_history.send(session, organisation_id, staff)
    return OrganisationHistory(list(current), current_total or 0, list(former), sections, page)
