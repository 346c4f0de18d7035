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

#: long lists stop here; the member list filtered by organisation shows everyone
SHOWN = 100


@dataclass(frozen=True)
class OrganisationHistory:
    current: list[Membership]
    current_total: int
    former: list[Membership]
    #: the packages' sections, in the order of the layers
    sections: list[Section]


def organisation_history(session: Session, organisation_id: int) -> OrganisationHistory:
    """Three queries for its people, one per section, whatever the size of its history."""
    # the page shows each person's name: their other columns are not read
    people = (
        select(Membership)
        .join(Member, Member.id == Membership.member_id)
        .options(contains_eager(Membership.member).load_only(Member.name))
        .where(Member.erased_at.is_(None))
    )
    # its current memberships found first: PostgreSQL otherwise walked every member in name
    # order to find the 2,830 of the biggest organisation at 200,000 members (42 -> 14 ms)
    current_ids = select(Membership.id).where(
        Membership.organisation_id == organisation_id, Membership.until.is_(None)
    )
    current = session.scalars(
        people.where(Membership.id.in_(found_first(current_ids)))
        .order_by(Member.name, Membership.id)
        .limit(SHOWN)
    ).all()
    # counted without reading the members: less the erased, from their partial index (55 -> 2 ms)
    erased = select(Member.id).where(Member.erased_at.is_not(None))
    current_total = session.scalar(
        select(func.count()).select_from(
            current_ids.where(Membership.member_id.not_in(erased)).subquery()
        )
    )
    former = session.scalars(
        people.where(Membership.organisation_id == organisation_id, Membership.until.is_not(None))
        .order_by(Membership.until.desc())
        .limit(SHOWN)
    ).all()
    staff = select(Membership.member_id).where(Membership.organisation_id == organisation_id)
    sections = hooks.organisation_history.send(session, organisation_id, staff)
    return OrganisationHistory(list(current), current_total or 0, list(former), sections)
