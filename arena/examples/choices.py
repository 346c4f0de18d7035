"""What the forms' drop-downs offer: recent sessions and practice examples, not all of history.

A network that has run for years holds thousands of held sessions and presented examples; a
select of all of them is unusable and heavy. The forms offer the recent ones, plus the one a
record already points to (so editing never loses it) or a link asked for (the email's session).
"""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from arena.arenas.models import Meeting, MeetingState
from arena.examples.models import ExampleStatus, PracticeExample
from arena.examples.rows import valid_id

RECENT_MEETINGS = 60
RECENT_EXAMPLES = 120


def chosen_id(request, name: str, current: int | None) -> object:
    """The id a form's select must offer: what was posted, asked for in the link, or saved."""
    if request.method == "POST":
        return request.form.get(name)
    return request.args.get(name) or current


def _none() -> tuple[int, str]:
    return (0, _("None"))


def held_meeting_options(session: Session, include_id: object = None) -> list[tuple[int, str]]:
    """(id, label) of the latest held sessions, newest first, after a "None" option."""
    include = valid_id(include_id)
    recent = (
        select(Meeting.id)
        .where(Meeting.state == MeetingState.HELD)
        .order_by(Meeting.starts_dt.desc())
        .limit(RECENT_MEETINGS)
    )
    wanted = Meeting.id.in_(recent.scalar_subquery())
    if include:
        wanted = or_(wanted, Meeting.id == include)
    meetings = session.scalars(select(Meeting).where(wanted).order_by(Meeting.starts_dt.desc()))
    return [_none()] + [(m.id, f"{m.title} ({m.starts_dt:%Y-%m-%d})") for m in meetings]


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
    return [_none()] + [(row.id, row.title) for row in rows]
