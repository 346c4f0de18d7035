"""What contact requests add to the network's pages: erasure blanks a member's requests'
messages and ends what still waited; their copy of their data holds their requests."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from arena.contacts.models import ContactRequest, ContactStatus
from arena.members.models import Member


def _involving(member_id: int):
    return or_(ContactRequest.requester_id == member_id, ContactRequest.recipient_id == member_id)


def forget_requests(session: Session, member: Member, now: datetime) -> None:
    session.execute(update(ContactRequest).where(_involving(member.id)).values(message=""))
    session.execute(
        update(ContactRequest)
        .where(_involving(member.id), ContactRequest.status == ContactStatus.PENDING)
        .values(status=ContactStatus.DECLINED, answered_dt=now)
    )


def personal_data(session: Session, member: Member, history) -> dict:
    rows = session.scalars(
        select(ContactRequest).where(_involving(member.id)).order_by(ContactRequest.id)
    )
    return {
        "contact_requests": [
            {
                "asked_by_you": r.requester_id == member.id,
                "purpose": r.purpose.value,
                "message": r.message,
                "status": r.status.value,
                "created": r.created_dt.isoformat(),
            }
            for r in rows
        ]
    }
