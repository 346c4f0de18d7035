"""Sessions of a series: the next one from the standard form, changes and cancellation.

A session's calendar fields (start, end, place, online link) are what attendees' calendars
hold; changing one after invitations went out raises the iCalendar SEQUENCE and queues an
update to everyone invited, in the same transaction as the change (the ``meeting_changed`` and
``meeting_cancelled`` hooks: the invitations queue the messages). A session keeps its own
texts and reminder settings only where they differ from the series' (None means "as the
series"), so changing the series' standard later reaches sessions that did not deviate.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask_babel import gettext as _
from sqlalchemy import exists, select
from sqlalchemy.orm import Session, selectinload

from arena import hooks
from arena.arenas.models import ArenaSeries, Attendance, Meeting, MeetingState
from arena.arenas.placeholders import meeting_text_problems
from arena.arenas.services import SeriesError

#: the fields whose change attendees' calendars must follow
CALENDAR_FIELDS = ("starts_dt", "ends_dt", "location", "online_url")
RHYTHM_DAYS = {"weekly": 7, "monthly": 28, "bimonthly": 56, "quarterly": 91, "yearly": 364}
#: a session's own value of these is kept only when it differs from the series'
INHERITED = (
    "invitation_subject", "invitation_body", "reminder_days_before", "reminder_subject",
    "reminder_body", "reminder_to",
)  # fmt: skip
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def local_to_utc(day: date, at: time, zone: str = "Europe/Amsterdam") -> datetime:
    return datetime.combine(day, at, tzinfo=ZoneInfo(zone)).astimezone(ZoneInfo("UTC"))


@dataclass
class MeetingList:
    upcoming: list[Meeting] = field(default_factory=list)
    past: list[Meeting] = field(default_factory=list)


def list_meetings(session: Session, *, now: datetime, past_limit: int = 30) -> MeetingList:
    """Upcoming sessions of every series (soonest first), then the latest past ones."""
    with_series = selectinload(Meeting.series)
    upcoming = session.scalars(
        select(Meeting)
        .options(with_series)
        .where(Meeting.ends_dt >= now)
        .order_by(Meeting.starts_dt)
    )
    past = session.scalars(
        select(Meeting)
        .options(with_series)
        .where(Meeting.ends_dt < now)
        .order_by(Meeting.starts_dt.desc())
        .limit(past_limit)
    )
    return MeetingList(list(upcoming), list(past))


def next_meeting_defaults(session: Session, series: ArenaSeries, *, today: date) -> dict:
    """The standard form for the next session: rhythm after the last one, same hours."""
    last = session.scalar(
        select(Meeting).where(Meeting.series_id == series.id).order_by(Meeting.starts_dt.desc())
    )
    step = timedelta(days=RHYTHM_DAYS.get((series.rhythm or "").lower(), 91))
    if last is not None:
        start, end = last.starts_dt.astimezone(AMSTERDAM), last.ends_dt.astimezone(AMSTERDAM)
        day = start.date() + step
        while day <= today:
            day += step
        starts_at, ends_at = start.time(), end.time()
    else:
        day, starts_at, ends_at = today + timedelta(days=42), time(14), time(17)
    return {
        "day": day,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "location": series.default_location or "",
        "programme": series.default_programme or "",
        "invitation_subject": series.invitation_subject or "",
        "invitation_body": series.invitation_body or "",
        "reminder_days_before": series.reminder_days_before,
        "reminder_to": "",
    }


def meeting_form_data(meeting: Meeting) -> dict:
    """The session form as the organiser last saved it; texts shown as they will be sent."""
    series = meeting.series
    start, end = meeting.starts_dt.astimezone(AMSTERDAM), meeting.ends_dt.astimezone(AMSTERDAM)
    return {
        "title": meeting.title,
        "day": start.date(),
        "starts_at": start.time(),
        "ends_at": end.time(),
        "location": meeting.location or "",
        "online_url": meeting.online_url or "",
        "introduction_topic": meeting.introduction_topic or "",
        "programme": meeting.programme or "",
        "invitation_subject": meeting.invitation_subject or series.invitation_subject or "",
        "invitation_body": meeting.invitation_body or series.invitation_body or "",
        "reminder_days_before": (
            meeting.reminder_days_before
            if meeting.reminder_days_before is not None
            else series.reminder_days_before
        ),
        "reminder_to": meeting.reminder_to or "",
        "reminder_subject": meeting.reminder_subject or "",
        "reminder_body": meeting.reminder_body or "",
    }


@dataclass
class MeetingChange:
    meeting: Meeting
    calendar_changed: bool = False
    updates_queued: int = 0


def _overrides(series: ArenaSeries, values: dict) -> dict:
    """Empty, or the same as the series: store None, meaning "as the series"."""
    values = dict(values)
    for name in INHERITED:
        if name in values and values[name] in ("", getattr(series, name)):
            values[name] = None
    return values


def _check(meeting: Meeting, series: ArenaSeries, values: dict, now: datetime, *, new: bool):
    """Times that make sense, and texts that render; raises SeriesError otherwise."""
    starts = values.get("starts_dt", meeting.starts_dt)
    if values.get("ends_dt", meeting.ends_dt) <= starts:
        raise SeriesError(_("The session must end after it starts."))
    if new and starts <= now:
        raise SeriesError(_("A new session must be in the future."))
    problems = meeting_text_problems(meeting, series, values)
    if problems:
        raise SeriesError(_("The texts have errors; nothing was saved."), problems)


def create_meeting(
    session: Session, series: ArenaSeries, values: dict, *, now: datetime
) -> Meeting:
    """A new session of ``series`` from the (adapted) standard form."""
    values = _overrides(series, values)
    meeting = Meeting(series_id=series.id, **values)
    _check(meeting, series, values, now, new=True)
    meeting.series = series
    session.add(meeting)
    session.flush()
    return meeting


def update_meeting(
    session: Session, meeting: Meeting, values: dict, *, now: datetime
) -> MeetingChange:
    """Change a session; a new time or place goes to everyone invited as a calendar update."""
    if meeting.state == MeetingState.CANCELLED:
        raise SeriesError(_("A cancelled session cannot be changed."))
    values = _overrides(meeting.series, values)
    _check(meeting, meeting.series, values, now, new=False)
    change = MeetingChange(meeting)
    change.calendar_changed = any(
        getattr(meeting, f) != values[f] for f in CALENDAR_FIELDS if f in values
    )
    for key, value in values.items():
        setattr(meeting, key, value)
    invited = session.scalar(
        select(
            exists().where(Attendance.meeting_id == meeting.id, Attendance.invited_dt.is_not(None))
        )
    )
    if change.calendar_changed and invited:
        meeting.ical_sequence += 1
        change.updates_queued = sum(hooks.meeting_changed.send(session, meeting, now=now))
    session.flush()
    return change


def cancel_meeting(session: Session, meeting: Meeting, reason: str, *, now: datetime) -> int:
    """Cancel: METHOD:CANCEL to everyone invited; returns how many were queued."""
    if meeting.state == MeetingState.CANCELLED:
        raise SeriesError(_("This session is cancelled already."))
    if meeting.starts_dt <= now:
        raise SeriesError(_("A session that has started cannot be cancelled."))
    meeting.state = MeetingState.CANCELLED
    meeting.cancellation_reason = reason.strip() or None
    meeting.ical_sequence += 1
    queued = sum(hooks.meeting_cancelled.send(session, meeting, now=now))
    session.flush()
    return queued
