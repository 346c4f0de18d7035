"""What change stories hold of a member, for the network's pages (subscribed in ``hooks.py``)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from arena.members.models import Member
from arena.stories.models import ChangeStory


def personal_data(session: Session, member: Member, _history) -> dict:
    """The stories the member told, for their copy of their data."""
    stories = session.scalars(
        select(ChangeStory).where(ChangeStory.teller_id == member.id).order_by(ChangeStory.id)
    ).all()
    return {
        "change_stories": [
            {
                "title": s.title,
                "what_changed": s.what_changed,
                "for_whom": s.for_whom,
                "why_it_matters": s.why_it_matters,
                "mechanism": str(s.mechanism) if s.mechanism else None,
                "theme": s.theme,
                "told_on": s.told_on.isoformat(),
            }
            for s in stories
        ]
    }
