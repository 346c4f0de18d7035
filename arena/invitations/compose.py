"""Turn a template and one member into a message: subject, text, HTML, unsubscribe headers.

One ``MessageBuilder`` serves a whole send: the templates are compiled once, the session's
dates are formatted once per time zone, and only the member's name and signed links change
per message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel.dates import format_date, format_time
from flask import current_app
from flask_babel import force_locale
from markupsafe import Markup, escape

from arena.arenas.models import ArenaSeries, Meeting
from arena.arenas.render import compile_template
from arena.invitations import links


@dataclass(frozen=True)
class Recipient:
    member_id: int
    name: str
    email: str
    time_zone: str = "Europe/Amsterdam"


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


ANSWERS = ("yes", "no", "maybe")
SAMPLE = Recipient(0, "Alex Example", "alex@example.org")
_URL = re.compile(r"https?://[^\s<>\"]+")


def text_to_html(text: str) -> Markup:
    """Escaped paragraphs with line breaks and clickable links; no markup from the text."""
    paragraphs = []
    for block in re.split(r"\n\s*\n", text.strip()):
        escaped = str(escape(block))
        linked = _URL.sub(lambda m: f'<a href="{m.group(0)}">{m.group(0)}</a>', escaped)
        paragraphs.append("<p>" + linked.replace("\n", "<br>\n") + "</p>")
    return Markup("\n".join(paragraphs))  # noqa: S704 - every piece was escaped above


def _zone(name: str, fallback: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(fallback)


class MessageBuilder:
    """Builds the messages of one kind for one session."""

    def __init__(
        self,
        meeting: Meeting,
        series: ArenaSeries,
        subject_source: str,
        body_source,
        *,
        base_url: str | None = None,
        locale: str = "en",
        with_links: bool = True,
        extra: dict | None = None,
    ) -> None:
        self.meeting = meeting
        self.series = SeriesView(series.name, series.header_text or "", series.theme or "")
        self.subject = compile_template(subject_source)
        # an organiser's text (sandboxed), or one of our own templates/email/*.txt
        self.body = compile_template(body_source) if isinstance(body_source, str) else body_source
        self.html = current_app.jinja_env.get_template("email/message.html")
        self.base_url = base_url or current_app.config["BASE_URL"]
        self.locale = locale
        self.with_links = with_links
        self.extra = extra or {}
        self._sessions: dict[str, SessionView] = {}

    def session_view(self, time_zone: str) -> SessionView:
        if time_zone not in self._sessions:
            meeting = self.meeting
            zone = _zone(time_zone, meeting.time_zone)
            starts, ends = meeting.starts_dt.astimezone(zone), meeting.ends_dt.astimezone(zone)
            times = (
                f"{format_time(starts, 'HH:mm', locale=self.locale)}–"
                f"{format_time(ends, 'HH:mm', locale=self.locale)}"
            )
            self._sessions[time_zone] = SessionView(
                title=meeting.title,
                date=format_date(starts.date(), "EEEE d MMMM y", locale=self.locale),
                time=times,
                location=meeting.location or "",
                online_url=meeting.online_url or "",
                place=meeting.location or meeting.online_url or "",
                programme=meeting.programme or "",
                introduction_topic=meeting.introduction_topic or "",
            )
        return self._sessions[time_zone]

    def context(self, recipient: Recipient, attendance_id: int | None) -> dict:
        session = self.session_view(recipient.time_zone)
        if self.with_links and attendance_id is not None:
            token = links.rsvp_token(attendance_id)
            answers = {a: links.rsvp_url(self.base_url, token, a) for a in ANSWERS}
        else:
            answers = {a: f"{self.base_url}/rsvp/example?answer={a}" for a in ANSWERS}
        unsubscribe = (
            links.unsubscribe_url(self.base_url, links.unsubscribe_token(recipient.member_id))
            if self.with_links
            else f"{self.base_url}/unsubscribe/example"
        )
        first_name = recipient.name.split()[0] if recipient.name else ""
        return {
            "member": MemberView(recipient.name, first_name),
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
            "unsubscribe_url": unsubscribe,
            "series": self.series,
            **self.extra,
        }

    def build(self, recipient: Recipient, attendance_id: int | None) -> dict:
        """subject, body_text, body_html and headers for one member."""
        context = self.context(recipient, attendance_id)
        # emails are written in the app's language, also where there is no request (scheduler)
        with force_locale(self.locale):
            subject = " ".join(self.subject.render(context).split())
            text = self.body.render(context)
            html = self.html.render(
                subject=subject,
                series=self.series,
                body=text_to_html(text),
                unsubscribe_url=context["unsubscribe_url"],
            )
        return {
            "subject": subject[:300],
            "body_text": text,
            "body_html": html,
            "headers": links.unsubscribe_headers(context["unsubscribe_url"]),
        }


def sample_context(meeting: Meeting, series: ArenaSeries) -> dict:
    """A context with every placeholder filled, for checking templates before sending."""
    builder = MessageBuilder(meeting, series, "", "", with_links=False)
    return builder.context(SAMPLE, None)
