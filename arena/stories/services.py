"""Telling a change story and selecting the most significant ones for a period.

A story may name only small wins its teller took part in (as author or as one of the win's
members) or that came from a session the teller attended: the story says "this came from my
practice", and a win from someone else's practice would put words in their mouth.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from arena.arenas.models import Attendance, Meeting
from arena.stories.models import ChangeStory, StorySelection
from arena.wins.models import Mechanism, SmallWin, small_win_members


class StoryError(ValueError):
    """Bad input for a story or a selection; ``field`` names the form field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass
class StoryInput:
    title: str
    what_changed: str
    why_it_matters: str
    for_whom: str = ""
    mechanism: str | None = None
    theme: str | None = None
    series_id: int | None = None
    small_win_ids: list[int] = field(default_factory=list)
    meeting_ids: list[int] = field(default_factory=list)


def attended_meetings(member_id: int):
    return select(Attendance.meeting_id).where(
        Attendance.member_id == member_id, Attendance.is_attended.is_(True)
    )


def wins_of_teller(member_id: int):
    """Ids of the small wins a member may name in a story (see the module docstring)."""
    took_part = select(small_win_members.c.small_win_id).where(
        small_win_members.c.member_id == member_id
    )
    return select(SmallWin.id).where(
        or_(
            SmallWin.author_id == member_id,
            SmallWin.id.in_(took_part),
            SmallWin.meeting_id.in_(attended_meetings(member_id)),
        )
    )


def _required(value: str | None, field_name: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise StoryError(field_name, message)
    return value


def _clean(session: Session, teller_id: int, data: StoryInput) -> dict:
    values = {
        "title": " ".join(_required(data.title, "title", _("Give the story a title.")).split())[
            :200
        ],
        "what_changed": _required(data.what_changed, "what_changed", _("Tell what changed.")),
        "why_it_matters": _required(
            data.why_it_matters, "why_it_matters", _("Tell why it matters.")
        ),
        "for_whom": (data.for_whom or "").strip(),
        "theme": " ".join((data.theme or "").split())[:200] or None,
        "series_id": data.series_id,
    }
    try:
        values["mechanism"] = Mechanism(data.mechanism) if data.mechanism else None
    except ValueError:
        raise StoryError("mechanism", _("Choose a mechanism from the list.")) from None
    if values["mechanism"] is None and values["theme"] is None:
        raise StoryError("mechanism", _("Choose a mechanism or write a theme."))
    wanted = set(data.small_win_ids)
    allowed = (
        set(session.scalars(wins_of_teller(teller_id).where(SmallWin.id.in_(wanted))))
        if wanted
        else set()
    )
    if wanted - allowed:
        raise StoryError(
            "small_wins",
            _("You can only name small wins you took part in or that came from your sessions."),
        )
    meetings = set(data.meeting_ids)
    if meetings and len(
        set(session.scalars(select(Meeting.id).where(Meeting.id.in_(meetings))))
    ) != len(meetings):
        raise StoryError("meetings", _("Choose sessions from the list."))
    values["small_wins"] = (
        list(session.scalars(select(SmallWin).where(SmallWin.id.in_(wanted)))) if wanted else []
    )
    values["meetings"] = (
        list(session.scalars(select(Meeting).where(Meeting.id.in_(meetings)))) if meetings else []
    )
    return values


def tell_story(session: Session, teller_id: int, data: StoryInput, today: date) -> ChangeStory:
    story = ChangeStory(teller_id=teller_id, told_on=today, **_clean(session, teller_id, data))
    session.add(story)
    session.flush()
    return story


def update_story(session: Session, story: ChangeStory, data: StoryInput) -> ChangeStory:
    for name, value in _clean(session, story.teller_id or 0, data).items():
        setattr(story, name, value)
    session.flush()
    return story


def select_story(
    session: Session,
    story: ChangeStory,
    *,
    start: date,
    end: date,
    reason: str,
    panel: str = "",
    account_id: int | None,
    now: datetime,
) -> StorySelection:
    """Choose the story as most significant for a period it was told in; the reason is required."""
    if end < start:
        raise StoryError("period", _("The period ends before it starts."))
    if not start <= story.told_on <= end:
        raise StoryError("period", _("Choose a period in which the story was told."))
    reason = _required(reason, "reason", _("Write down why this story was chosen."))
    selection = StorySelection(
        story_id=story.id,
        period_start=start,
        period_end=end,
        reason=reason,
        panel=" ".join((panel or "").split())[:300],
        selected_by_id=account_id,
        created_dt=now,
    )
    try:
        with session.begin_nested():
            session.add(selection)
            session.flush()
    except IntegrityError:
        raise StoryError("period", _("This story was selected for this period already.")) from None
    return selection


def selected_stories(session: Session, start: date, end: date, series_id: int | None = None):
    """(story, selection) pairs chosen for periods inside [start, end], by domain and day told."""
    query = (
        select(ChangeStory, StorySelection)
        .join(StorySelection, StorySelection.story_id == ChangeStory.id)
        .where(StorySelection.period_start >= start, StorySelection.period_end <= end)
        .order_by(ChangeStory.mechanism, ChangeStory.theme, ChangeStory.told_on, ChangeStory.id)
    )
    if series_id is not None:
        query = query.where(ChangeStory.series_id == series_id)
    return [(story, selection) for story, selection in session.execute(query)]
