"""Turn a template and one member into a message: subject, text, HTML, unsubscribe headers.

One ``MessageBuilder`` serves a whole send: the templates are compiled once, the session's
dates are formatted once per time zone, and only the member's name and signed links change
per message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from flask import current_app
from flask_babel import force_locale
from markupsafe import Markup, escape

from arena.arenas.models import ArenaSeries, Meeting
from arena.arenas.placeholders import (
    ANSWERS,
    SAMPLE_NAME,
    SessionViews,
    example_links,
    placeholder_context,
    series_view,
)
from arena.arenas.render import TemplateRenderError, compile_template
from arena.invitations import links


@dataclass(frozen=True)
class Recipient:
    member_id: int
    name: str
    email: str
    time_zone: str = "Europe/Amsterdam"


SAMPLE = Recipient(0, SAMPLE_NAME, "alex@example.org")
_URL = re.compile(r"https?://[^\s<>\"]+")


def text_to_html(text: str) -> Markup:
    """Escaped paragraphs with line breaks and clickable links; no markup from the text."""
    paragraphs = []
    for block in re.split(r"\n\s*\n", text.strip()):
        escaped = str(escape(block))
        linked = _URL.sub(lambda m: f'<a href="{m.group(0)}">{m.group(0)}</a>', escaped)
        paragraphs.append("<p>" + linked.replace("\n", "<br>\n") + "</p>")
    return Markup("\n".join(paragraphs))  # noqa: S704 - every piece was escaped above


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
        self.series = series_view(series)
        self.subject = compile_template(subject_source)
        # an organiser's text (sandboxed), or one of our own templates/email/*.txt
        self.body = compile_template(body_source) if isinstance(body_source, str) else body_source
        self.html = current_app.jinja_env.get_template("email/message.html")
        self.base_url = base_url or current_app.config["BASE_URL"]
        self.locale = locale
        self.with_links = with_links
        self.extra = extra or {}
        self.session_view = SessionViews(meeting, locale)

    def context(self, recipient: Recipient, attendance_id: int | None) -> dict:
        if not self.with_links:
            answers, unsubscribe = example_links(self.base_url)
        else:
            unsubscribe = links.unsubscribe_url(
                self.base_url, links.unsubscribe_token(recipient.member_id)
            )
            if attendance_id is not None:
                token = links.rsvp_token(attendance_id)
                answers = {a: links.rsvp_url(self.base_url, token, a) for a in ANSWERS}
            else:
                answers, _ = example_links(self.base_url)
        session = self.session_view(recipient.time_zone)
        return placeholder_context(
            recipient.name, session, self.series, answers, unsubscribe, self.extra
        )

    def build(self, recipient: Recipient, attendance_id: int | None) -> dict:
        """subject, body_text, body_html and headers for one member.

        When the organiser's template fails for this member, the dict says why under
        ``render_error`` (with an empty text): the outbox keeps that one message as failed,
        with its reason and a retry, and the rest of the send goes on."""
        context = self.context(recipient, attendance_id)
        # emails are written in the app's language, also where there is no request (scheduler)
        with force_locale(self.locale):
            try:
                subject = " ".join(self.subject.render(context).split())
                text = self.body.render(context)
            except TemplateRenderError as exc:
                where = f" (line {exc.line})" if exc.line else ""
                return {
                    "subject": "",
                    "body_text": "",
                    "body_html": None,
                    "headers": {},
                    "render_error": f"Template error{where}: {exc.problem}",
                }
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
