"""What the forms' drop-downs offer: recent practice examples, not all of history.

A network that has run for years holds thousands of presented examples; a select of all of them
is unusable and heavy. The forms offer the recent ones, plus the one a record already points to
(so editing never loses it) or a link asked for. Sessions: ``arena/arenas/choices.py``.
"""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from arena.arenas.choices import held_meeting_options
from arena.arenas.models import Meeting
from arena.db import get_session, valid_id
from arena.examples.models import ExampleStatus, PracticeExample
from arena.forms import as_choices, chosen_id, no_choice

RECENT_EXAMPLES = 120


def example_options(
    session: Session, statuses: tuple[ExampleStatus, ...], include_id: object = None
) -> list[tuple[int, str]]:
    """(id, title) of the examples with these statuses in the latest sessions, newest first."""
    include = valid_id(include_id)
    recent = (
        select(PracticeExample.id)
        .outerjoin(Meeting, PracticeExample.meeting_id == Meeting.id)
        .where(PracticeExample.status.in_(statuses))
        .order_by(Meeting.starts_dt.desc().nulls_last(), PracticeExample.id.desc())
        .limit(RECENT_EXAMPLES)
    )
    wanted = PracticeExample.id.in_(recent.scalar_subquery())
    if include:
        wanted = or_(wanted, PracticeExample.id == include)
    rows = session.execute(
        select(PracticeExample.id, PracticeExample.title)
        .outerjoin(Meeting, PracticeExample.meeting_id == Meeting.id)
        .where(wanted)
        .order_by(Meeting.starts_dt.desc().nulls_last(), PracticeExample.id.desc())
    )
    return [no_choice()] + [(row.id, row.title) for row in rows]


def offer_session_and_example(form, request, saved, statuses: tuple[ExampleStatus, ...]) -> None:
    """Fill a form's ``meeting`` select and, when it has one, its ``practice_example`` select:
    recent held sessions and examples of ``statuses``, plus the one posted, linked to or
    already ``saved`` on the record being edited."""
    session = get_session()
    current_meeting = saved.meeting_id if saved else None
    form.meeting.choices = as_choices(
        held_meeting_options(session, chosen_id(request, "meeting", current_meeting))
    )
    if hasattr(form, "practice_example"):
        current = saved.practice_example_id if saved else None
        form.practice_example.choices = as_choices(
            example_options(session, statuses, chosen_id(request, "practice_example", current))
        )
