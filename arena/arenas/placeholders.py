"""What the placeholders of organisers' texts hold, and checking a session's texts with them.

A series' standard invitation, reminder and practical note are templates (``render.py`` holds
the sandbox and the list of placeholders). This module fills the placeholders for one member
and one session, so a session's texts can be checked before anything is saved; sending them
(with real answer and unsubscribe links) is the invitations' part, ``invitations/compose.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel.dates import format_date, format_time
from flask import current_app
from flask_babel import gettext as _

from arena.arenas.models import ArenaSeries, Meeting
from arena.arenas.render import TemplateProblem, check_template

ANSWERS = ("yes", "no", "maybe")
#: the member a sample or a test message is made for
SAMPLE_NAME = "Alex Example"
SAMPLE_TIME_ZONE = "Europe/Amsterdam"


@dataclass(frozen=True)
class MemberView:
    name: str
    first_name: str


@dataclass(frozen=True)
class SessionView:
    title: str
    date: str
    time: str
    location: str
    online_url: str
    place: str
    programme: str
    introduction_topic: str


@dataclass(frozen=True)
class SeriesView:
    name: str
    header: str
    theme: str


def series_view(series: ArenaSeries) -> SeriesView:
    return SeriesView(series.name, series.header_text or "", series.theme or "")


def _zone(name: str, fallback: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(fallback)


class SessionViews:
    """The session as its placeholders show it, formatted once per time zone."""

    def __init__(self, meeting: Meeting, locale: str = "en") -> None:
        self.meeting = meeting
        self.locale = locale
        self._views: dict[str, SessionView] = {}

    def __call__(self, time_zone: str) -> SessionView:
        if time_zone not in self._views:
            meeting = self.meeting
            zone = _zone(time_zone, meeting.time_zone)
            starts, ends = meeting.starts_dt.astimezone(zone), meeting.ends_dt.astimezone(zone)
            times = (
                f"{format_time(starts, 'HH:mm', locale=self.locale)}–"
                f"{format_time(ends, 'HH:mm', locale=self.locale)}"
            )
            self._views[time_zone] = SessionView(
                title=meeting.title,
                date=format_date(starts.date(), "EEEE d MMMM y", locale=self.locale),
                time=times,
                location=meeting.location or "",
                online_url=meeting.online_url or "",
                place=meeting.location or meeting.online_url or "",
                programme=meeting.programme or "",
                introduction_topic=meeting.introduction_topic or "",
            )
        return self._views[time_zone]


def example_links(base_url: str) -> tuple[dict[str, str], str]:
    """Answer and unsubscribe links that lead nowhere, for samples and test messages."""
    answers = {a: f"{base_url}/rsvp/example?answer={a}" for a in ANSWERS}
    return answers, f"{base_url}/unsubscribe/example"


def placeholder_context(
    name: str, session: SessionView, series: SeriesView, answers: dict[str, str],
    unsubscribe_url: str, extra: dict | None = None,
) -> dict:  # fmt: skip
    """Every placeholder of ``render.PLACEHOLDERS``, filled for one member."""
    first_name = name.split()[0] if name else ""
    return {
        "member": MemberView(name, first_name),
        "first_name": first_name,
        "session": session,
        "session_date": f"{session.date}, {session.time}",
        "session_time": session.time,
        "place": session.place,
        "location": session.location,
        "online_url": session.online_url,
        "programme": session.programme,
        "introduction_topic": session.introduction_topic,
        "rsvp_yes_url": answers["yes"],
        "rsvp_no_url": answers["no"],
        "rsvp_maybe_url": answers["maybe"],
        "unsubscribe_url": unsubscribe_url,
        "series": series,
        **(extra or {}),
    }


def sample_context(meeting: Meeting, series: ArenaSeries) -> dict:
    """A context with every placeholder filled, for checking templates before sending."""
    answers, unsubscribe = example_links(current_app.config["BASE_URL"])
    session = SessionViews(meeting)(SAMPLE_TIME_ZONE)
    return placeholder_context(SAMPLE_NAME, session, series_view(series), answers, unsubscribe)


def invitation_texts(meeting: Meeting) -> tuple[str, str]:
    """The session's own subject and body, or the series' standard invitation."""
    series = meeting.series
    return (
        meeting.invitation_subject or series.invitation_subject or "{{ session.title }}",
        meeting.invitation_body or series.invitation_body or "",
    )


def english_invitation(meeting: Meeting) -> tuple[str | None, str | None]:
    """The series' English standard invitation (subject, body), for members who chose English.

    A session with its own text has no English version: everyone gets the session's text.
    """
    if meeting.invitation_subject or meeting.invitation_body:
        return None, None
    series = meeting.series
    return series.invitation_subject_en, series.invitation_body_en


def check_texts(
    meeting: Meeting, texts: dict[str, str], series: ArenaSeries | None = None
) -> list[TemplateProblem]:
    """Problems (with lines) in the given templates, e.g. {"Subject": ..., "Text": ...}.

    ``series`` is for a session not yet saved (never attached to it, so it is not flushed).
    """
    sample = sample_context(meeting, series or meeting.series)
    problems: list[TemplateProblem] = []
    for name, source in texts.items():
        problems += check_template(name, source or "", sample)
    return problems


def meeting_text_problems(
    meeting: Meeting, series: ArenaSeries, values: dict
) -> list[TemplateProblem]:
    """Problems in every text the session will send once ``values`` are applied to it.

    A value of None or "" stands for the series' text, which is what will then be sent.
    """

    def effective(name: str) -> str:
        value = values[name] if name in values else getattr(meeting, name)
        return value or getattr(series, name) or ""

    texts = {
        _("Invitation subject"): effective("invitation_subject"),
        _("Invitation text"): effective("invitation_body"),
        _("Reminder subject"): effective("reminder_subject"),
        _("Reminder text"): effective("reminder_body"),
    }
    return check_texts(meeting, texts, series=series)
