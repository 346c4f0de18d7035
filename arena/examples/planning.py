"""Organisers' review and planning: accept, decline with a reason, schedule into a slot."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from arena.arenas.models import ArenaSeries, Meeting, MeetingState
from arena.examples.balance import meeting_warnings
from arena.examples.models import ExampleStatus, PracticeExample
from arena.invitations.models import MessageKind, OutboxMessage
from arena.invitations.outbox import queue_message
from arena.mail import external_url, in_language, one_line, render_email
from arena.members.models import Member

SCHEDULABLE = {ExampleStatus.SUBMITTED, ExampleStatus.ACCEPTED, ExampleStatus.SCHEDULED}
#: the board shows the latest of each status; a column's own pages show them all
BOARD_SHOWN = 30
#: the board's columns: every status but drafts, which stay private to their author
BOARD_STATUSES = tuple(status for status in ExampleStatus if status != ExampleStatus.DRAFT)
STATUS_PER_PAGE = 50


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
    if recipient is None or not recipient.may_be_mailed:
        return None
    earlier = session.scalar(
        select(func.count(OutboxMessage.id)).where(
            OutboxMessage.key.like(f"example-declined:example={example.id}:%")
        )
    )
    with in_language(recipient.language):
        text, html = render_email(
            "examples_declined",
            member=recipient,
            example=example,
            edit_url=external_url("examples.edit", example_id=example.id),
        )
        subject = _("Your practice example: %(title)s", title=one_line(example.title))
    return queue_message(
        session,
        key=f"example-declined:example={example.id}:{earlier or 0}",
        kind=MessageKind.EXAMPLE_DECLINED,
        recipient=recipient.email,
        subject=subject,
        body_text=text,
        body_html=html,
        member_id=recipient.id,
    )


def schedule_example(
    session: Session, example: PracticeExample, meeting: Meeting, slot: int
) -> list[str]:
    """Put an example in slot 1 or 2 of a session, or move it there from elsewhere.

    Returns the session's balance warnings as they are now, so the organiser sees at once
    when the session got two frontrunners or two examples from one sector.
    """
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
    return meeting_warnings(session, meeting.id)


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


def mark_held_sessions_presented(session: Session, meeting_id: int | None = None) -> int:
    """Scheduled examples of sessions marked held were presented; returns how many changed.

    Sessions become held on the check-in page (arena/arenas); a scheduled job runs this so the
    board follows without the organiser pressing "Mark as presented" for each example. The
    sessions code may also call it with the meeting it just marked held.
    """
    held = select(Meeting.id).where(Meeting.state == MeetingState.HELD)
    if meeting_id is not None:
        held = held.where(Meeting.id == meeting_id)
    result = session.execute(
        update(PracticeExample)
        .where(
            PracticeExample.status == ExampleStatus.SCHEDULED,
            PracticeExample.meeting_id.in_(held.scalar_subquery()),
        )
        .values(status=ExampleStatus.PRESENTED)
        .execution_options(synchronize_session="fetch")
    )
    session.flush()
    return result.rowcount or 0


@dataclass
class BoardColumn:
    examples: list[PracticeExample]
    #: all examples with this status; more than shown when they pile up
    total: int


def _with_cards(stmt):
    """What a card shows: presenters, organisations and the session, loaded per list."""
    return stmt.options(
        selectinload(PracticeExample.presenters),
        selectinload(PracticeExample.organisations),
        selectinload(PracticeExample.meeting),
    ).order_by(PracticeExample.updated_dt.desc(), PracticeExample.id.desc())


def board(session: Session) -> dict[ExampleStatus, BoardColumn]:
    """Examples by status (drafts stay private), the latest of each, in a fixed number of
    queries. A national network has hundreds waiting for review: a column shows the latest
    ``BOARD_SHOWN`` and links to its own pages (``status_page``) for the rest.
    """
    totals = dict(
        session.execute(
            select(PracticeExample.status, func.count()).group_by(PracticeExample.status)
        ).all()
    )
    latest = [
        PracticeExample.id.in_(
            select(PracticeExample.id)
            .where(PracticeExample.status == status)
            .order_by(PracticeExample.updated_dt.desc(), PracticeExample.id.desc())
            .limit(BOARD_SHOWN)
            .scalar_subquery()
        )
        for status in BOARD_STATUSES
        if totals.get(status)
    ]
    columns = {status: BoardColumn([], totals.get(status, 0)) for status in BOARD_STATUSES}
    if latest:
        for example in session.scalars(_with_cards(select(PracticeExample).where(or_(*latest)))):
            columns[example.status].examples.append(example)
    return columns


def status_page(session: Session, status: ExampleStatus, page: int) -> tuple[list, int]:
    """One page of the examples with one status, newest first, and how many there are."""
    total = session.scalar(
        select(func.count(PracticeExample.id)).where(PracticeExample.status == status)
    )
    examples = session.scalars(
        _with_cards(select(PracticeExample).where(PracticeExample.status == status))
        .limit(STATUS_PER_PAGE)
        .offset((page - 1) * STATUS_PER_PAGE)
    ).all()
    return list(examples), total or 0


def series_with_instructions(session: Session, now) -> list[ArenaSeries]:
    """Series with upcoming sessions and presenter instructions, shown to those who sign up."""
    upcoming = select(Meeting.series_id).where(
        Meeting.starts_dt >= now,
        Meeting.state.in_([MeetingState.PLANNED, MeetingState.INVITATIONS_SENT]),
    )
    return list(
        session.scalars(
            select(ArenaSeries)
            .where(ArenaSeries.id.in_(upcoming), ArenaSeries.presenter_instructions != "")
            .order_by(ArenaSeries.name)
        )
    )


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
