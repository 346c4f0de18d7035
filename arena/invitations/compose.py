"""Turn a template and one member into a message: subject, text, HTML, unsubscribe headers.

One ``MessageBuilder`` serves a whole send: the templates are compiled once per language, the
session's dates are formatted once per language and time zone, and only the member's name and
signed links change per message. Each message is written in its recipient's language
(``arena.mail.in_language``): our own words, the subject and the dates; an organiser's text
is theirs, in its English version for members who chose English when the series has one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from flask import current_app
from markupsafe import Markup, escape

from arena.arenas.models import ArenaSeries, Meeting
from arena.arenas.placeholders import (
    ANSWERS,
    SAMPLE_NAME,
    SessionViews,
    english_invitation,
    example_links,
    invitation_texts,
    placeholder_context,
    series_view,
)
from arena.arenas.render import TemplateRenderError, compile_template
from arena.invitations import links
from arena.mail import in_language, mail_language


@dataclass(frozen=True)
class Recipient:
    member_id: int
    name: str
    email: str
    time_zone: str = "Europe/Amsterdam"
    #: the member's own choice (None: the default, Dutch)
    language: str | None = None


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


@dataclass
class _Compiled:
    subject: object
    body: object
    session_views: SessionViews


class MessageBuilder:
    """Builds the messages of one kind for one session, each in its recipient's language.

    ``subject_source`` and ``body_source`` are an organiser's text (a string, sandboxed), one
    of our own subjects (a lazy string, translated per language) or one of our own templates
    (``templates/email/*.txt``). ``english`` is the (subject, body) an organiser wrote for
    members who chose English; empty parts fall back to the sources.
    """

    def __init__(
        self,
        meeting: Meeting,
        series: ArenaSeries,
        subject_source,
        body_source,
        *,
        base_url: str | None = None,
        with_links: bool = True,
        extra: dict | None = None,
        english: tuple[str | None, str | None] | None = None,
    ) -> None:
        self.meeting = meeting
        self.series = series_view(series)
        self.sources = {"subject": subject_source, "body": body_source}
        self.english = english or (None, None)
        self.html = current_app.jinja_env.get_template("email/message.html")
        self.base_url = base_url or current_app.config["BASE_URL"]
        self.with_links = with_links
        self.extra = extra or {}
        self._compiled: dict[str, _Compiled] = {}

    def _in(self, language: str) -> _Compiled:
        if language not in self._compiled:
            subject, body = self.sources["subject"], self.sources["body"]
            english_subject, english_body = self.english
            if language == "en" and (english_body or "").strip():  # empty: the Dutch one
                body = english_body
                subject = english_subject if (english_subject or "").strip() else subject
            with in_language(language):  # a lazy subject of ours becomes this language's
                subject = compile_template(str(subject))
            # an organiser's text (sandboxed), or one of our own templates/email/*.txt
            body = compile_template(body) if isinstance(body, str) else body
            self._compiled[language] = _Compiled(
                subject, body, SessionViews(self.meeting, language)
            )
        return self._compiled[language]

    def context(
        self, recipient: Recipient, attendance_id: int | None, session_views: SessionViews
    ) -> dict:
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
        session = session_views(recipient.time_zone)
        return placeholder_context(
            recipient.name, session, self.series, answers, unsubscribe, self.extra
        )

    def build(self, recipient: Recipient, attendance_id: int | None) -> dict:
        """subject, body_text, body_html and headers for one member, in their language.

        When the organiser's template fails for this member, the dict says why under
        ``render_error`` (with an empty text): the outbox keeps that one message as failed,
        with its reason and a retry, and the rest of the send goes on."""
        language = mail_language(recipient.language)
        compiled = self._in(language)
        context = self.context(recipient, attendance_id, compiled.session_views)
        with in_language(language):
            try:
                subject = " ".join(compiled.subject.render(context).split())
                text = compiled.body.render(context)
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


def invitation_builder(meeting: Meeting, *, with_links: bool = True) -> MessageBuilder:
    """The builder of a session's invitations: its texts, with the series' English ones for
    members who chose English. The send, the test, the preview and a retry of a message whose
    template failed all take it from here, so a message made again is made as the first was."""
    subject, body = invitation_texts(meeting)
    return MessageBuilder(
        meeting, meeting.series, subject, body, with_links=with_links,
        english=english_invitation(meeting),
    )  # fmt: skip
