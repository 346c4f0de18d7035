"""Proposing and editing practice examples: drafts, submission, who may change what."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from arena.arenas.models import Meeting
from arena.auth.models import Role
from arena.examples.models import (
    ExampleStatus,
    Maturity,
    PracticeExample,
    example_presenters,
)
from arena.mail import one_line
from arena.members.directory import (
    NotInNetwork,
    known_members_by_email,
    members_by_email,
    organisations_by_name,
)
from arena.members.models import Member

STORY_FIELDS = ("goals", "underlying_values", "goes_well", "goes_less_well", "chafes")
#: a member may still change a proposal in these states; organisers always may
MEMBER_EDITABLE = {ExampleStatus.DRAFT, ExampleStatus.SUBMITTED, ExampleStatus.DECLINED}


class ExampleError(ValueError):
    """Bad input for one form field; ``field`` names it so the form can show it there."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message)
        self.field = field_name


@dataclass
class ExampleInput:
    """What a proposal form carries, as plain values (no WTForms in services)."""

    title: str
    maturity: Maturity
    initiative: str = ""
    presenters: str = ""  # emails, one per line
    organisations: str = ""  # names, one per line
    story: dict[str, str] = field(default_factory=dict)
    preferred_meeting_ids: list[int] = field(default_factory=list)
    submit: bool = False
    #: a non-organiser: emails of no member are left out without saying so, as known ones
    #: answer, so the form does not tell who is in the network (as on collaborations)
    quiet_lookup: bool = False


def _resolve(session: Session, data: ExampleInput, proposer_id: int | None):
    try:
        if data.quiet_lookup:
            presenters = known_members_by_email(session, data.presenters)
        else:
            presenters = members_by_email(session, data.presenters)
    except NotInNetwork as exc:
        raise ExampleError("presenters", str(exc)) from exc
    try:
        organisations = organisations_by_name(session, data.organisations)
    except NotInNetwork as exc:
        raise ExampleError("organisations", str(exc)) from exc
    if not presenters and proposer_id is not None:
        presenters = [m for m in [session.get(Member, proposer_id)] if m]
    if data.submit:
        if not presenters:
            raise ExampleError("presenters", _("Name at least one presenter to submit."))
        if not data.story.get("goals", "").strip():
            raise ExampleError("goals", _("Describe the goals before you submit."))
    meetings = []
    if data.preferred_meeting_ids:
        meetings = list(
            session.scalars(select(Meeting).where(Meeting.id.in_(data.preferred_meeting_ids)))
        )
    return presenters, organisations, meetings


def _apply(example: PracticeExample, data: ExampleInput, resolved) -> None:
    presenters, organisations, meetings = resolved
    example.title = one_line(data.title)
    example.initiative = one_line(data.initiative)
    example.maturity = Maturity(data.maturity)
    for name in STORY_FIELDS:
        setattr(example, name, data.story.get(name, "") or "")
    example.presenters = presenters
    example.organisations = organisations
    example.preferred_meetings = meetings


def propose_example(
    session: Session, data: ExampleInput, proposer_id: int | None
) -> PracticeExample:
    """A new proposal, kept as a draft or submitted for review."""
    resolved = _resolve(session, data, proposer_id)
    example = PracticeExample(
        proposed_by_id=proposer_id,
        status=ExampleStatus.SUBMITTED if data.submit else ExampleStatus.DRAFT,
    )
    _apply(example, data, resolved)
    session.add(example)
    session.flush()
    return example


def update_example(
    session: Session, example: PracticeExample, data: ExampleInput, proposer_id: int | None
) -> PracticeExample:
    """Change a proposal; submitting a draft (or a declined one) sends it back for review."""
    resolved = _resolve(session, data, proposer_id or example.proposed_by_id)
    _apply(example, data, resolved)
    if data.submit and example.status in (ExampleStatus.DRAFT, ExampleStatus.DECLINED):
        example.status = ExampleStatus.SUBMITTED
        example.decline_reason = None
    session.flush()
    return example


def is_own(example: PracticeExample, member_id: int | None) -> bool:
    if member_id is None:
        return False
    return example.proposed_by_id == member_id or any(p.id == member_id for p in example.presenters)


def may_view(example: PracticeExample, account) -> bool:
    return account.role != Role.MEMBER or is_own(example, account.member_id)


def may_edit(example: PracticeExample, account) -> bool:
    if account.role == Role.ORGANISER:
        return True
    return (
        account.role == Role.MEMBER
        and is_own(example, account.member_id)
        and example.status in MEMBER_EDITABLE
    )


def of_member(member_id: int):
    """The condition "a member's own proposal": proposed by them or presented by them (the
    one rule of what a member sees of the examples, on the pages and in the API)."""
    presenting = select(example_presenters.c.example_id).where(
        example_presenters.c.member_id == member_id
    )
    return (PracticeExample.proposed_by_id == member_id) | PracticeExample.id.in_(presenting)


def examples_of_member(session: Session, member_id: int) -> list[PracticeExample]:
    """A member's own proposals: proposed by them or presented by them."""
    return list(
        session.scalars(
            select(PracticeExample)
            .options(selectinload(PracticeExample.meeting))
            .where(of_member(member_id))
            .order_by(PracticeExample.created_dt.desc())
        )
    )
