"""Putting two members in touch: asking, introducing, agreeing, declining.

Every refusal is a ``ContactError`` naming the form field it belongs to, raised before anything
is written. Addresses travel only by mail, and only once both sides agreed; the outbox rows are
written in the caller's transaction with the request's new state.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from arena.auth.models import UserAccount
from arena.collaborations.models import (
    Collaboration,
    CollaborationParticipant,
    CollaborationStatus,
)
from arena.contacts import mails
from arena.contacts.models import ContactPurpose, ContactRequest, ContactStatus
from arena.members.models import Member

#: how long after a request the same two members cannot be asked to meet again
COOLDOWN = timedelta(days=30)
MESSAGE_MAX = 1000
#: the tie recorded for the graph, by purpose (stored words, in the programme's language)
TIE_TITLES = {ContactPurpose.PRACTICE_VISIT: "Practice visit"}
TIE_TITLE = "Contact"


class ContactError(ValueError):
    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message)
        self.field = field_name


def _reachable(member: Member | None, field: str, *, own: bool = False) -> Member:
    """The member, when Arena may mail them; a clear refusal otherwise."""
    if member is None or member.erased_at is not None:
        raise ContactError(field, _("This member is no longer in the network."))
    if not member.may_be_mailed:
        if own:
            raise ContactError(
                field,
                _(
                    "We can only put you in touch while we may mail you. Give your consent on "
                    "your profile page first."
                ),
            )
        raise ContactError(
            field,
            _(
                "%(name)s does not receive mail from Arena, so we cannot ask them.",
                name=member.name,
            ),
        )
    return member


def last_request_between(session: Session, a: int, b: int, since: datetime):
    """The newest request between the two members (either way) made since ``since``."""
    pair = or_(
        and_(ContactRequest.requester_id == a, ContactRequest.recipient_id == b),
        and_(ContactRequest.requester_id == b, ContactRequest.recipient_id == a),
    )
    return session.scalar(
        select(ContactRequest)
        .where(pair, ContactRequest.created_dt >= since)
        .order_by(ContactRequest.created_dt.desc())
        .limit(1)
    )


def _check_pair(session: Session, requester: Member, recipient: Member, now: datetime) -> None:
    if requester.id == recipient.id:
        raise ContactError("recipient", _("You cannot ask to be put in touch with yourself."))
    _reachable(recipient, "recipient")
    earlier = last_request_between(session, requester.id, recipient.id, now - COOLDOWN)
    if earlier is not None:
        raise ContactError(
            "recipient",
            _(
                "A request to put %(a)s and %(b)s in touch was made on %(day)s. "
                "A new one can be made from %(again)s.",
                a=requester.name,
                b=recipient.name,
                day=format_date(earlier.created_dt.date()),
                again=format_date((earlier.created_dt + COOLDOWN).date()),
            ),
        )


def _message(text: str | None) -> str:
    text = (text or "").strip()
    if len(text) > MESSAGE_MAX:
        raise ContactError(
            "message", _("Keep the message under %(num)d characters.", num=MESSAGE_MAX)
        )
    return text


def request_contact(
    session: Session,
    requester: Member,
    recipient: Member | None,
    purpose: ContactPurpose,
    message: str,
    now: datetime,
) -> ContactRequest:
    """A member asks to be put in touch; the other is mailed with accept and decline links."""
    _reachable(requester, "recipient", own=True)
    if recipient is None:
        raise ContactError("recipient", _("This member is no longer in the network."))
    _check_pair(session, requester, recipient, now)
    request = ContactRequest(
        requester_id=requester.id,
        recipient_id=recipient.id,
        purpose=purpose,
        message=_message(message),
        requester_agreed_dt=now,
    )
    request.requester, request.recipient = requester, recipient
    session.add(request)
    session.flush()
    mails.queue_question(session, request, recipient)
    return request


def introduce(
    session: Session,
    organiser: UserAccount,
    a: Member | None,
    b: Member | None,
    purpose: ContactPurpose,
    message: str,
    now: datetime,
) -> ContactRequest:
    """An organiser introduces two members; both are asked, and both must agree."""
    if a is None or b is None:
        raise ContactError("recipient", _("This member is no longer in the network."))
    _reachable(a, "recipient")
    _check_pair(session, a, b, now)
    request = ContactRequest(
        requester_id=a.id,
        recipient_id=b.id,
        purpose=purpose,
        message=_message(message),
        introduced_by_id=organiser.id,
    )
    request.requester, request.recipient = a, b
    session.add(request)
    session.flush()
    mails.queue_question(session, request, a)
    mails.queue_question(session, request, b)
    return request


def answer(session: Session, request: ContactRequest, member: Member, agree: bool, now: datetime):
    """One side agrees or declines. When both agreed, both are mailed the other's address and
    the tie is recorded; a refusal writes nothing."""
    if request.status != ContactStatus.PENDING:
        raise ContactError("answer", _("This request was answered already. Thank you."))
    if not agree:
        request.status, request.answered_dt = ContactStatus.DECLINED, now
        return request
    _reachable(request.requester, "answer")
    _reachable(request.recipient, "answer")
    if member.id == request.requester_id:
        request.requester_agreed_dt = request.requester_agreed_dt or now
    else:
        request.recipient_agreed_dt = request.recipient_agreed_dt or now
    if request.requester_agreed_dt and request.recipient_agreed_dt:
        request.status, request.answered_dt = ContactStatus.ACCEPTED, now
        request.collaboration_id = _record_tie(session, request, now).id
        mails.queue_addresses(session, request)
    return request


def _record_tie(session: Session, request: ContactRequest, now: datetime) -> Collaboration:
    """The two members' tie, as a collaboration the graph draws like any other."""
    tie = Collaboration(
        title=TIE_TITLES.get(request.purpose, TIE_TITLE),
        started_on=now.date(),
        status=CollaborationStatus.ACTIVE,
        participants=[
            CollaborationParticipant(member_id=request.requester_id),
            CollaborationParticipant(member_id=request.recipient_id),
        ],
    )
    session.add(tie)
    session.flush()
    return tie


def requests_of(session: Session, member_id: int) -> list[ContactRequest]:
    """The member's requests, made and received, newest first."""
    return list(
        session.scalars(
            select(ContactRequest)
            .where(
                or_(
                    ContactRequest.requester_id == member_id,
                    ContactRequest.recipient_id == member_id,
                )
            )
            .order_by(ContactRequest.created_dt.desc(), ContactRequest.id.desc())
            .limit(100)
        )
    )
