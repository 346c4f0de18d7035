"""What the forms' drop-downs offer of sessions: the recent held ones, not all of history.

A network that has run for years holds thousands of held sessions; a select of all of them is
unusable and heavy. Forms offer the recent ones, plus the one a record already points to (so
editing never loses it) or a link asked for (the email's session).
"""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from arena.arenas.models import Meeting, MeetingState
from arena.db import valid_id
from arena.forms import no_choice

RECENT_MEETINGS = 60


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
    return [no_choice()] + [(m.id, f"{m.title} ({m.starts_dt:%Y-%m-%d})") for m in meetings]
