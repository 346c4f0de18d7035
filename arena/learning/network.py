"""What the learning agenda holds of a member (subscribed in ``hooks.py``)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from arena.learning.models import LearningQuestion
from arena.members.models import Member


def personal_data(session: Session, member: Member, _history) -> dict:
    """The learning questions the member raised or proposed, for their copy of their data."""
    questions = session.scalars(
        select(LearningQuestion)
        .where(LearningQuestion.raised_by_member_id == member.id)
        .order_by(LearningQuestion.raised_dt)
    ).all()
    return {
        "learning_questions": [
            {
                "question": q.text,
                "context": q.context,
                "raised": q.raised_dt.isoformat(),
                "state": str(q.state),
            }
            for q in questions
        ]
    }
