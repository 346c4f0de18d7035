"""What members see of a series: its sessions with programme and examples; following it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from arena import hooks
from arena.arenas.models import ArenaSeries, Meeting, MeetingState, SeriesFollower
from arena.hooks import Section


@dataclass
class SeriesOverview:
    series: ArenaSeries
    upcoming: list[Meeting] = field(default_factory=list)
    past: list[Meeting] = field(default_factory=list)
    #: what the packages above show under each session (practice examples by slot), each
    #: with ``figures`` mapping a meeting id to its items (``series_sessions`` hook)
    sections: list[Section] = field(default_factory=list)
    is_following: bool = False
    followers: int = 0


def series_overview(
    session: Session, series: ArenaSeries, *, now: datetime, member_id: int | None = None,
    past_limit: int = 12,
) -> SeriesOverview:  # fmt: skip
    """Upcoming sessions, the latest past ones, and their practice examples in three queries
    (the examples come from the ``series_sessions`` hook)."""
    overview = SeriesOverview(series)
    meetings = session.scalars(
        select(Meeting).where(Meeting.series_id == series.id).order_by(Meeting.starts_dt)
    ).all()
    overview.upcoming = [m for m in meetings if m.ends_dt >= now]
    overview.past = [m for m in reversed(meetings) if m.ends_dt < now][:past_limit]
    shown = [m.id for m in overview.upcoming + overview.past]
    overview.sections = hooks.series_sessions.send(session, shown)
    followers = session.scalars(
        select(SeriesFollower.member_id).where(SeriesFollower.series_id == series.id)
    ).all()
    overview.followers = len(followers)
    overview.is_following = member_id in set(followers)
    return overview


def follow_series(session: Session, series: ArenaSeries, member_id: int, *, now: datetime) -> bool:
    """Follow, to be invited to each new session; False when already following."""
    if session.get(SeriesFollower, (series.id, member_id)) is not None:
        return False
    session.add(SeriesFollower(series_id=series.id, member_id=member_id, followed_dt=now))
    session.flush()
    return True


def leave_series(session: Session, series: ArenaSeries, member_id: int) -> bool:
    result = session.execute(
        delete(SeriesFollower).where(
            SeriesFollower.series_id == series.id, SeriesFollower.member_id == member_id
        )
    )
    return bool(result.rowcount)


def list_series(session: Session, *, now: datetime) -> list[tuple[ArenaSeries, Meeting | None]]:
    """Every series with its next session (one query for the series, one for the sessions)."""
    series = session.scalars(select(ArenaSeries).order_by(ArenaSeries.name)).all()
    upcoming = session.scalars(
        select(Meeting)
        .where(
            Meeting.state != MeetingState.CANCELLED,
            Meeting.starts_dt >= now,
        )
        .order_by(Meeting.starts_dt)
    ).all()
    nxt: dict[int, Meeting] = {}
    for meeting in upcoming:
        nxt.setdefault(meeting.series_id, meeting)
    return [(s, nxt.get(s.id)) for s in series]
