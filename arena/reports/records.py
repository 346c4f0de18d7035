"""The records behind a figure, as lines a reader can follow: a title, a date, and where it lives.

One query per page of records; the figure's own query decides which records they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from arena.arenas.models import Attendance, Meeting
from arena.collaborations.models import Collaboration
from arena.examples.models import PracticeExample
from arena.learning.models import LearningQuestion
from arena.members.models import Member, Organisation
from arena.polls.models import Poll, PollResponse
from arena.reports.figures import get_figure, record_rows
from arena.reports.period import Period
from arena.stories.models import ChangeStory
from arena.wins.models import SmallWin, SmallWinFollowUp

#: records shown per page of the list behind a figure
PAGE_SIZE = 200


@dataclass(frozen=True)
class Record:
    #: the record kind whose page it links to, and that record's id
    kind: str
    id: int
    title: str
    when: date | datetime | None = None
    #: a second record the line is about (the inspiring win of an inspiration)
    other: Record | None = None


def _rows(session: Session, query) -> dict[int, tuple]:
    return {row[0]: tuple(row[1:]) for row in session.execute(query)}


#: record kind -> (its title column, its date column); one query per kind and page
TITLES = {
    "session": (Meeting.title, Meeting.starts_dt),
    "member": (Member.name, Member.created_dt),
    "organisation": (Organisation.name, Organisation.created_dt),
    "practice-example": (PracticeExample.title, Meeting.starts_dt),
    "small-win": (SmallWin.title, SmallWin.happened_on),
    "collaboration": (Collaboration.title, Collaboration.started_on),
    "learning-question": (LearningQuestion.text, LearningQuestion.raised_dt),
    "story": (ChangeStory.title, ChangeStory.told_on),
    "poll": (Poll.title, Poll.sent_dt),
}


def _titles(session: Session, kind: str, ids: list[int]) -> dict[int, tuple]:
    """id -> (title, when) for one kind of record."""
    title, when = TITLES[kind]
    model = title.class_
    query = select(model.id, title, when).where(model.id.in_(ids))
    if model is PracticeExample:  # an example's day is its session's
        query = query.outerjoin(Meeting, Meeting.id == PracticeExample.meeting_id)
    return _rows(session, query)


#: records that are shown as another record: (the kind linked to, how to find its id)
THROUGH = {
    "attendance": ("member", Attendance, Attendance.member_id),
    "follow-up": ("small-win", SmallWinFollowUp, SmallWinFollowUp.small_win_id),
    "poll-response": ("poll", PollResponse, PollResponse.poll_id),
}


def records_behind(
    session: Session, period: Period, key: str, group: str | None = None, page: int = 1
) -> list[Record]:
    """One page of the records behind the figure (or one of its groups)."""
    fig = get_figure(key)
    rows = record_rows(session, period, key, group, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    ids = [row.id for row in rows]
    if not ids:
        return []
    kind = fig.record
    if kind == "inspiration":
        wins = _titles(session, "small-win", ids + [row.other for row in rows])
        return [
            Record(
                "small-win", r.id, *wins[r.id], other=Record("small-win", r.other, *wins[r.other])
            )
            for r in rows
        ]
    if kind in THROUGH:
        kind, model, column = THROUGH[kind]
        targets = _rows(session, select(model.id, column).where(model.id.in_(ids)))
        titles = _titles(session, kind, [t for (t,) in targets.values()])
        return [Record(kind, targets[i][0], *titles[targets[i][0]]) for i in ids]
    titles = _titles(session, kind, ids)
    return [Record(kind, i, *titles[i]) for i in ids]
