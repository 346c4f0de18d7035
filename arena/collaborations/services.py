"""Recording collaborations that grew from the arenas: the edges the graph draws."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import func, or_, select, true
from sqlalchemy.orm import Session, selectinload

from arena.arenas.models import Meeting
from arena.auth.models import Role
from arena.collaborations.models import (
    Collaboration,
    CollaborationParticipant,
    CollaborationStatus,
)
from arena.examples.models import PracticeExample
from arena.mail import one_line
from arena.members.directory import NotInNetwork, members_by_email, organisations_by_name

PER_PAGE = 50


class CollaborationError(ValueError):
    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message)
        self.field = field_name


@dataclass
class Side:
    kind: str  # "organisation" or "member"
    who: str  # a name or an email
    rating: int | None = None


@dataclass
class CollaborationInput:
    title: str
    started_on: date
    status: CollaborationStatus = CollaborationStatus.EXPLORING
    description: str = ""
    meeting_id: int | None = None
    practice_example_id: int | None = None
    sides: list[Side] = field(default_factory=list)
    #: a non-organiser: emails of no member are left out without saying so, as known ones
    #: answer, so the form does not tell who is in the network
    quiet_lookup: bool = False


def _existing_member(current: list[CollaborationParticipant], name: str):
    """A member already on the collaboration, named (not emailed) on a non-organiser's form."""
    wanted = " ".join(name.split()).casefold()
    for side in current:
        if side.member is not None and side.member.name.casefold() == wanted:
            return side.member
    return None


def _participants(
    session: Session,
    sides: list[Side],
    current: list[CollaborationParticipant] = (),
    *,
    quiet: bool = False,
) -> list[CollaborationParticipant]:
    result, seen, named = [], set(), 0
    for side in sides:
        if not side.who.strip():
            continue
        named += 1
        if side.rating is not None and not 1 <= side.rating <= 5:
            raise CollaborationError("participants", _("A rating runs from 1 to 5."))
        try:
            kept = _existing_member(current, side.who) if side.kind == "member" else None
            if kept is not None:
                key, values = ("m", kept.id), {"member_id": kept.id}
            elif side.kind == "member":
                try:
                    (found,) = members_by_email(session, side.who)
                except NotInNetwork:
                    if quiet:
                        continue
                    raise
                key, values = ("m", found.id), {"member_id": found.id}
            else:
                (found,) = organisations_by_name(session, side.who)
                key, values = ("o", found.id), {"organisation_id": found.id}
        except NotInNetwork as exc:
            raise CollaborationError("participants", str(exc)) from exc
        except ValueError as exc:  # more than one name in one box
            raise CollaborationError("participants", _("Put one name or email per row.")) from exc
        if key in seen:
            raise CollaborationError("participants", _("Each side can be named only once."))
        seen.add(key)
        result.append(CollaborationParticipant(value_rating=side.rating, **values))
    if named < 2 or not result:
        raise CollaborationError(
            "participants", _("A collaboration has at least two sides: name two or more.")
        )
    return result


def _apply(session: Session, collaboration: Collaboration, data: CollaborationInput) -> None:
    if data.meeting_id and session.get(Meeting, data.meeting_id) is None:
        raise CollaborationError("meeting", _("Choose a session from the list."))
    if data.practice_example_id and session.get(PracticeExample, data.practice_example_id) is None:
        raise CollaborationError("practice_example", _("Choose a practice example from the list."))
    current = list(collaboration.participants) if collaboration.id is not None else []
    participants = _participants(session, data.sides, current, quiet=data.quiet_lookup)
    collaboration.title = one_line(data.title)
    collaboration.description = data.description or ""
    collaboration.started_on = data.started_on
    collaboration.status = CollaborationStatus(data.status)
    collaboration.meeting_id = data.meeting_id or None
    collaboration.practice_example_id = data.practice_example_id or None
    if collaboration.id is not None:
        # the old sides go first, so no unique constraint ever sees old and new together
        collaboration.participants.clear()
        session.flush()
    collaboration.participants = participants


def record_collaboration(
    session: Session, data: CollaborationInput, recorded_by_id: int | None
) -> Collaboration:
    collaboration = Collaboration(recorded_by_id=recorded_by_id)
    _apply(session, collaboration, data)
    session.add(collaboration)
    session.flush()
    return collaboration


def update_collaboration(
    session: Session, collaboration: Collaboration, data: CollaborationInput
) -> Collaboration:
    with session.no_autoflush:
        _apply(session, collaboration, data)
    session.flush()
    return collaboration


def _is_own(collaboration: Collaboration, member_id: int | None) -> bool:
    return member_id is not None and (
        collaboration.recorded_by_id == member_id
        or any(p.member_id == member_id for p in collaboration.participants)
    )


def may_view(collaboration: Collaboration, account) -> bool:
    return account.role != Role.MEMBER or _is_own(collaboration, account.member_id)


def may_edit(collaboration: Collaboration, account) -> bool:
    if account.role == Role.ORGANISER:
        return True
    return account.role == Role.MEMBER and _is_own(collaboration, account.member_id)


def visible_to(member_id: int | None):
    """The collaborations a member sees: recorded by or involving them; all for staff (None).
    The one rule, for the pages and the API."""
    if member_id is None:
        return true()
    involving = select(CollaborationParticipant.collaboration_id).where(
        CollaborationParticipant.member_id == member_id
    )
    return or_(Collaboration.recorded_by_id == member_id, Collaboration.id.in_(involving))


def list_collaborations(
    session: Session, member_id: int | None = None, page: int = 1
) -> tuple[list[Collaboration], int]:
    """One page of all collaborations, or of a member's own (recorded by or involving them),
    newest first, and how many there are in all."""
    mine = visible_to(member_id)
    total = session.scalar(select(func.count(Collaboration.id)).where(mine)) or 0
    rows = session.scalars(
        select(Collaboration)
        .options(
            selectinload(Collaboration.participants).selectinload(CollaborationParticipant.member),
            selectinload(Collaboration.participants).selectinload(
                CollaborationParticipant.organisation
            ),
        )
        .where(mine)
        .order_by(Collaboration.started_on.desc(), Collaboration.id.desc())
        .limit(PER_PAGE)
        .offset((max(page, 1) - 1) * PER_PAGE)
    )
    return list(rows), total
