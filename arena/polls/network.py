"""What polls hold of a member, for the network's pages (subscribed in ``hooks.py``)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from arena.members.models import Member
from arena.polls.models import Poll, PollAnswer, PollResponse
from arena.polls.results import cell


def personal_data(session: Session, member: Member, _history) -> dict:
    """The member's answers to polls, as they stand, for their copy of their data."""
    responses = session.execute(
        select(PollResponse, Poll)
        .join(Poll, Poll.id == PollResponse.poll_id)
        .options(selectinload(PollResponse.answers).selectinload(PollAnswer.question))
        .where(PollResponse.member_id == member.id)
        .order_by(PollResponse.answered_dt)
    ).all()
    return {
        "poll_answers": [
            {
                "poll": poll.title,
                "answered": response.answered_dt.isoformat(),
                "answers": {
                    a.question.text: cell(a.question, a)
                    for a in sorted(response.answers, key=lambda a: a.question.position)
                },
            }
            for response, poll in responses
        ]
    }
