"""An organisation's profile: its people, then the history the packages above add to it.

Collaborations, sessions its people attended and small wins come from the packages that keep
them, through the ``organisation_history`` hook (``arena/hooks.py``), one query each.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload

from arena import hooks
from arena.hooks import Section
from arena.members.models import Member, Membership

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
    people = (
        select(Membership)
        .join(Member, Member.id == Membership.member_id)
        .options(joinedload(Membership.member))
        .where(Membership.organisation_id == organisation_id, Member.erased_at.is_(None))
    )
    current = session.scalars(
        people.where(Membership.until.is_(None)).order_by(Member.name).limit(SHOWN)
    ).all()
    current_total = session.scalar(
        select(func.count(Membership.id))
        .join(Member, Member.id == Membership.member_id)
        .where(
            Membership.organisation_id == organisation_id,
            Membership.until.is_(None),
            Member.erased_at.is_(None),
        )
    )
    former = session.scalars(
        people.where(Membership.until.is_not(None)).order_by(Membership.until.desc()).limit(SHOWN)
    ).all()
    staff = select(Membership.member_id).where(Membership.organisation_id == organisation_id)
    sections = hooks.organisation_history.send(session, organisation_id, staff)
    return OrganisationHistory(list(current), current_total or 0, list(former), sections)
