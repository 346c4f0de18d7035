"""Series and their sessions: the standard form, the next session, changes and cancellation.

A session's calendar fields (start, end, place, online link) are what attendees' calendars
hold; changing one after invitations went out raises the iCalendar SEQUENCE and queues an
update to everyone invited, in the same transaction as the change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask_babel import gettext as _
from sqlalchemy import delete, exists, insert, select
from sqlalchemy.orm import Session

from arena.arenas.models import ArenaSeries, Meeting, MeetingState, series_organisers
from arena.invitations.models import Attendance
from arena.invitations.render import TemplateProblem

#: the fields whose change attendees' calendars must follow
CALENDAR_FIELDS = ("starts_dt", "ends_dt", "location", "online_url")
RHYTHM_DAYS = {"weekly": 7, "monthly": 28, "bimonthly": 56, "quarterly": 91, "yearly": 364}
SERIES_TEMPLATE_FIELDS = {
    "invitation_subject": "Invitation subject",
    "invitation_body": "Invitation text",
    "reminder_subject": "Reminder subject",
    "reminder_body": "Reminder text",
    "practical_note_body": "Practical note",
}


class SeriesError(ValueError):
    def __init__(self, message: str, problems: list[TemplateProblem] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


def local_to_utc(day: date, at: time, zone: str) -> datetime:
    return datetime.combine(day, at, tzinfo=ZoneInfo(zone)).astimezone(ZoneInfo("UTC"))


def check_series_texts(series: ArenaSeries, values: dict) -> list[TemplateProblem]:
    """Template problems in the series' texts, checked against an example session."""
    from arena.invitations.services import check_texts

    start = datetime.now(ZoneInfo("UTC")) + timedelta(days=14)
    example = Meeting(
        title="Example session", starts_dt=start, ends_dt=start + timedelta(hours=3),
        time_zone="Europe/Amsterdam", location=values.get("default_location") or "",
        programme=values.get("default_programme") or "", introduction_topic="",
    )  # fmt: skip
    example.series = series
    return check_texts(
        example,
        {_(label): values.get(name) or "" for name, label in SERIES_TEMPLATE_FIELDS.items()},
    )


def save_series(
    session: Session, series: ArenaSeries | None, values: dict, organiser_ids: list[int]
) -> ArenaSeries:
    """Create or change a series; refuses names in use and templates with errors."""
    name = (values.get("name") or "").strip()
    clash = select(ArenaSeries.id).where(ArenaSeries.name == name)
    if series is not None:
        clash = clash.where(ArenaSeries.id != series.id)
    if session.scalar(clash) is not None:
        raise SeriesError(_("A series with this name exists already."))
    target = series or ArenaSeries(name=name, theme="")
    problems = check_series_texts(target, values)
    if problems:
        raise SeriesError(_("The texts have errors; nothing was saved."), problems)
    for key, value in values.items():
        setattr(target, key, value)
    if series is None:
        session.add(target)
    session.flush()
    session.execute(delete(series_organisers).where(series_organisers.c.series_id == target.id))
    if organiser_ids:
        session.execute(
            insert(series_organisers),
            [{"series_id": target.id, "account_id": i} for i in sorted(set(organiser_ids))],
        )
    return target


def organiser_ids(session: Session, series: ArenaSeries) -> list[int]:
    return list(
        session.scalars(
            select(series_organisers.c.account_id).where(series_organisers.c.series_id == series.id)
        )
    )


def next_meeting_defaults(session: Session, series: ArenaSeries) -> dict:
    """The standard form for the next session: rhythm after the last one, same hours."""
    last = session.scalar(
        select(Meeting).where(Meeting.series_id == series.id).order_by(Meeting.starts_dt.desc())
    )
    zone = ZoneInfo("Europe/Amsterdam")
    step = timedelta(days=RHYTHM_DAYS.get((series.rhythm or "").lower(), 91))
    if last is not None:
        start, end = last.starts_dt.astimezone(zone), last.ends_dt.astimezone(zone)
        day = start.date() + step
        while day <= date.today():
            day += step
        starts_at, ends_at = start.time(), end.time()
    else:
        day, starts_at, ends_at = date.today() + timedelta(days=42), time(14), time(17)
    return {
        "day": day,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "location": series.default_location or "",
        "programme": series.default_programme or "",
        "invitation_subject": series.invitation_subject or "",
        "invitation_body": series.invitation_body or "",
        "reminder_days_before": series.reminder_days_before,
    }


@dataclass
class MeetingChange:
    meeting: Meeting
    calendar_changed: bool = False
    updates_queued: int = 0


def _overrides(series: ArenaSeries, values: dict) -> dict:
    """Keep a session's own text only where it differs from the series' standard."""
    values = dict(values)
    for field in ("invitation_subject", "invitation_body"):
        if field in values and (values[field] or "") == (getattr(series, field) or ""):
            values[field] = None
    if (
        "reminder_days_before" in values
        and values["reminder_days_before"] == series.reminder_days_before
    ):
        values["reminder_days_before"] = None
    return values


def _validate_times(values: dict, now: datetime, *, new: bool) -> None:
    if values["ends_dt"] <= values["starts_dt"]:
        raise SeriesError(_("The session must end after it starts."))
    if new and values["starts_dt"] <= now:
        raise SeriesError(_("A new session must be in the future."))


def create_meeting(
    session: Session, series: ArenaSeries, values: dict, *, now: datetime
) -> Meeting:
    _validate_times(values, now, new=True)
    meeting = Meeting(series_id=series.id, **_overrides(series, values))
    meeting.series = series
    session.add(meeting)
    session.flush()
    return meeting


def update_meeting(
    session: Session, meeting: Meeting, values: dict, *, now: datetime
) -> MeetingChange:
    """Change a session; a new time or place goes to everyone invited as a calendar update."""
    from arena.invitations.services import queue_updates

    if meeting.state == MeetingState.CANCELLED:
        raise SeriesError(_("A cancelled session cannot be changed."))
    _validate_times(
        {"starts_dt": meeting.starts_dt, "ends_dt": meeting.ends_dt, **values}, now, new=False
    )
    values = _overrides(meeting.series, values)
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
        change.updates_queued = queue_updates(session, meeting, now=now)
    session.flush()
    return change


def cancel_meeting(session: Session, meeting: Meeting, reason: str, *, now: datetime) -> int:
    """Cancel: METHOD:CANCEL to everyone invited; returns how many were queued."""
    from arena.invitations.services import queue_cancellations

    if meeting.state == MeetingState.CANCELLED:
        raise SeriesError(_("This session is cancelled already."))
    if meeting.starts_dt <= now:
        raise SeriesError(_("A session that has started cannot be cancelled."))
    meeting.state = MeetingState.CANCELLED
    meeting.cancellation_reason = reason.strip() or None
    meeting.ical_sequence += 1
    queued = queue_cancellations(session, meeting, now=now)
    session.flush()
    return queued
