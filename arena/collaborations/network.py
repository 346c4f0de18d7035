"""What collaborations add to the network's pages: history, a copy of one's data, merges.

Answers hooks of the network (``arena/hooks.py``), connected in
``arena/collaborations/hooks.py``.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, exists, func, or_, select, union
from sqlalchemy.orm import Session

from arena.collaborations.models import Collaboration, CollaborationParticipant
from arena.hooks import Section
from arena.members.models import Member
from arena.members.organisation_history import SHOWN
from arena.members.search import found_first


def member_collaborations(session: Session, member_id: int) -> Section:
    """Collaborations the member took part in or recorded, newest first (one query)."""
    took_part = exists(
        select(CollaborationParticipant.id).where(
            CollaborationParticipant.collaboration_id == Collaboration.id,
            CollaborationParticipant.member_id == member_id,
        )
    )
    collaborations = session.scalars(
        select(Collaboration)
        .where(or_(took_part, Collaboration.recorded_by_id == member_id))
        .order_by(Collaboration.started_on.desc(), Collaboration.id.desc())
    ).all()
    return Section(
        "collaborations", "collaborations/_member_collaborations.html", _l("Collaborations"),
        list(collaborations),
    )  # fmt: skip


def organisation_collaborations(session: Session, organisation_id: int, staff: Select) -> Section:
    """Collaborations the organisation or any of its people took part in (one query).

    Their ids are found first, each side from its own index: ``organisation OR member`` made
    PostgreSQL walk every collaboration in date order to find a small organisation's few
    (52 -> 0.1 ms at 200,000 members; the biggest organisation's 4 -> 7-10 ms)."""
    participant = CollaborationParticipant
    involved = union(
        select(participant.collaboration_id).where(participant.organisation_id == organisation_id),
        select(participant.collaboration_id).where(participant.member_id.in_(staff)),
    )
    collaborations = session.scalars(
        select(Collaboration)
        .where(Collaboration.id.in_(found_first(select(involved.subquery()))))
        .order_by(Collaboration.started_on.desc(), Collaboration.id.desc())
        .limit(SHOWN)
    ).all()
    return Section(
        "collaborations", "collaborations/_organisation_collaborations.html",
        _l("Collaborations"), list(collaborations),
    )  # fmt: skip


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def personal_data(_session: Session, _member: Member, history) -> dict:
    return {
        "collaborations": [
            {
                "title": c.title,
                "description": c.description,
                "started_on": _iso(c.started_on),
                "status": str(c.status),
            }
            for c in history.items("collaborations")
        ]
    }


def last_collaboration(member_ids: Select) -> Select:
    return (
        select(CollaborationParticipant.member_id, func.max(Collaboration.started_on))
        .join(Collaboration, Collaboration.id == CollaborationParticipant.collaboration_id)
        .where(CollaborationParticipant.member_id.in_(member_ids))
        .group_by(CollaborationParticipant.member_id)
    )


def _combine_participant(kept: dict, dropped: dict) -> dict:
    ratings = [r for r in (kept["value_rating"], dropped["value_rating"]) if r is not None]
    return {"value_rating": max(ratings) if ratings else None}


def merge_combiners() -> dict:
    return {"collaboration_participants": _combine_participant}
