"""Finding a member to ask: by name only, so an address can never be tried out."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from arena.members.directory import current_organisations
from arena.members.models import Member

LIMIT = 20


def find_members(session: Session, query: str, exclude: int) -> list[dict]:
    """Members who may be mailed whose name contains the words, with where they work."""
    words = query.lower().split()
    if not words or len(query) < 2:
        return []
    statement = select(Member).where(Member.may_be_mailed, Member.id != exclude)
    for word in words[:5]:
        statement = statement.where(func.lower(Member.name).contains(word, autoescape=True))
    found = session.scalars(statement.order_by(Member.name, Member.id).limit(LIMIT)).all()
    return [
        {"member": m, "organisations": [o.name for o in current_organisations(session, m.id)]}
        for m in found
    ]
