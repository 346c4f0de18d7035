"""Organisers' review and planning: accept, decline with a reason, schedule into a slot."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from arena.arenas.models import Meeting, MeetingState
from arena.examples.mail import external_url, render_email
from arena.examples.models import ExampleStatus, PracticeExample
from arena.invitations.models import MessageKind, OutboxMessage
from arena.invitations.outbox import queue_message
from arena.members.models import Member

SCHEDULABLE = {ExampleStatus.SUBMITTED, ExampleStatus.ACCEPTED, ExampleStatus.SCHEDULED}


class PlanningError(ValueError):
    """A planning step that cannot be done as asked; the message is for the organiser."""


def accept_example(session: Session, example: PracticeExample) -> None:
    if example.status != ExampleStatus.SUBMITTED:
        raise PlanningError(_("Only a submitted example can be accepted."))
    example.status = ExampleStatus.ACCEPTED
    session.flush()


def decline_example(
    session: Session, example: PracticeExample, reason: str
) -> OutboxMessage | None:
    """Decline with a reason; the proposer gets it by email in the same transaction."""
    reason = (reason or "").strip()
    if not reason:
        raise PlanningError(_("Give a reason: the proposer receives it."))
    if example.status in (ExampleStatus.PRESENTED, ExampleStatus.DECLINED):
        raise PlanningError(_("This example cannot be declined any more."))
    example.status = ExampleStatus.DECLINED
    example.decline_reason = reason
    example.meeting_id = None
    example.slot = None
    session.flush()
    recipient = session.get(Member, example.proposed_by_id) if example.proposed_by_id else None
    if recipient is None and example.presenters:
        recipient = example.presenters[0]
    if recipient is None or not recipient.email or recipient.unsubscribed_at or recipient.erased_at:
        return None
    earlier = session.scalar(
        select(func.count(OutboxMessage.id)).where(
            OutboxMessage.key.like(f"example-declined:example={example.id}:%")
        )
    )
    text, html = render_email(
        "examples_declined",
        member=recipient,
        example=example,
        edit_url=external_url("examples.edit", example_id=example.id),
    )
    return queue_message(
        session,
        key=f"example-declined:example={example.id}:{earlier or 0}",
        kind=MessageKind.EXAMPLE_DECLINED,
        recipient=recipient.email,
        subject=_("Your practice example: %(title)s", title=example.title),
        body_text=text,
        body_html=html,
        member_id=recipient.id,
    )


def schedule_example(
    session: Session, example: PracticeExample, meeting: Meeting, slot: int
) -> None:
    """Put an example in slot 1 or 2 of a session, or move it there from elsewhere."""
    if slot not in (1, 2):
        raise PlanningError(_("A session has two slots: choose 1 or 2."))
    if example.status not in SCHEDULABLE:
        raise PlanningError(_("Only a submitted or accepted example can be scheduled."))
    if meeting.state in (MeetingState.HELD, MeetingState.CANCELLED):
        raise PlanningError(_("This session is held or cancelled; choose an upcoming one."))
    taken = session.scalar(
        select(PracticeExample).where(
            PracticeExample.meeting_id == meeting.id,
            PracticeExample.slot == slot,
            PracticeExample.id != example.id,
        )
    )
    if taken is not None:
        raise PlanningError(_slot_taken(slot, taken.title))
    try:
        with session.begin_nested():
            example.meeting_id = meeting.id
            example.slot = slot
            example.status = ExampleStatus.SCHEDULED
            session.flush()
    except IntegrityError as exc:  # someone took the slot between our check and our write
        session.expire(example)
        raise PlanningError(_slot_taken(slot, _("another example"))) from exc


def _slot_taken(slot: int, title: str) -> str:
    return _(
        "Slot %(slot)d of this session is already taken by “%(title)s”. "
        "Choose the other slot or move that example first.",
        slot=slot,
        title=title,
    )


def unschedule_example(session: Session, example: PracticeExample) -> None:
    if example.status != ExampleStatus.SCHEDULED:
        raise PlanningError(_("This example is not scheduled."))
    example.meeting_id = None
    example.slot = None
    example.status = ExampleStatus.ACCEPTED
    session.flush()


def mark_presented(session: Session, example: PracticeExample) -> None:
    if example.status != ExampleStatus.SCHEDULED:
        raise PlanningError(_("Only a scheduled example can be marked as presented."))
    example.status = ExampleStatus.PRESENTED
    session.flush()


def board(session: Session) -> dict[ExampleStatus, list[PracticeExample]]:
    """Every example by status, with what the board shows loaded in a fixed number of queries."""
    rows = session.scalars(
        select(PracticeExample)
        .options(
            selectinload(PracticeExample.presenters),
            selectinload(PracticeExample.organisations),
            selectinload(PracticeExample.meeting),
        )
        .order_by(PracticeExample.created_dt.desc())
    )
    columns: dict[ExampleStatus, list[PracticeExample]] = {s: [] for s in ExampleStatus}
    for example in rows:
        columns[example.status].append(example)
    return columns


def schedulable_meetings(session: Session, now) -> list[Meeting]:
    """Upcoming sessions an example can go into."""
    return list(
        session.scalars(
            select(Meeting)
            .options(selectinload(Meeting.series))
            .where(
                Meeting.starts_dt >= now,
                Meeting.state.in_([MeetingState.PLANNED, MeetingState.INVITATIONS_SENT]),
            )
            .order_by(Meeting.starts_dt)
        )
    )
