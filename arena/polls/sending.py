"""Sending a poll through the outbox: one message and one signed link per member asked.

A poll to a national network is tens of thousands of messages, so the mail is rendered once
(per language) with markers where the member's name and links go, and each message is that
text with the markers replaced (the name HTML-escaped in the HTML part). The recipients and
the messages are written in the same transaction as the poll's new state.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import escape
from sqlalchemy import insert
from sqlalchemy.orm import Session

from arena.db import valid_id
from arena.invitations import links
from arena.invitations.models import MessageKind
from arena.invitations.outbox import queue_many
from arena.mail import in_language, mail_language, render_email
from arena.polls.audience import recipients_query
from arena.polls.models import Poll, PollRecipient, PollState
from arena.polls.services import PollError
from arena.tokens import LinkPurpose, TokenError, make_token, read_token, token_maker

#: the token names the poll under "p" and the member under "m"; it works for as long as any
#: poll could sensibly stay open
ANSWER_LINK = LinkPurpose(
    "poll-answer",
    180 * 24 * 3600,
    _l("This link has expired. Thank you for wanting to answer all the same."),
    _l("This link does not work for this poll. Please use the link in your own email as it is."),
)
MARKS = {
    "first_name": "ARENA-MARK-NAME",
    "answer_url": "ARENA-MARK-ANSWER",
    "stop_url": "ARENA-MARK-STOP",
}


def poll_token(poll_id: int, member_id: int) -> str:
    return make_token(ANSWER_LINK, {"p": poll_id, "m": member_id})


def read_poll_token(token: str) -> tuple[int, int]:
    """(poll id, member id) named by a link; a broken or expired link raises TokenError."""
    data = read_token(ANSWER_LINK, token, "p", "m")
    poll_id, member_id = valid_id(data["p"]), valid_id(data["m"])
    if poll_id is None or member_id is None:
        raise TokenError("invalid", ANSWER_LINK)
    return poll_id, member_id


def answer_url(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}/polls/answer/{token}"


@dataclass
class SendResult:
    queued: int = 0


def _base_url() -> str:
    return current_app.config.get("BASE_URL") or "http://127.0.0.1:5000"


def _domain() -> str:
    return current_app.config.get("MAIL_MESSAGE_ID_DOMAIN", "arena.local")


def render_poll_mail(
    poll: Poll, language: str | None = None, **values: str
) -> tuple[str, str, str]:
    """Subject, text and HTML of the poll's mail to members who chose ``language``; ``values``
    fill the markers (preview)."""
    with in_language(language):
        subject = _("A short poll: %(title)s", title=poll.title)
        text, html = render_email("polls_invitation", poll=poll, **MARKS)
    for key, mark in MARKS.items():
        if key in values:
            text = text.replace(mark, values[key])
            html = html.replace(mark, str(escape(values[key])))
    return subject[:300], text, html


def _fill(body: str, first_name: str, answer: str, stop: str) -> str:
    """The rendered mail with one member's name and links where the markers stand."""
    return (
        body.replace(MARKS["first_name"], first_name)
        .replace(MARKS["answer_url"], answer)
        .replace(MARKS["stop_url"], stop)
    )


def require_sendable(poll: Poll, now: datetime) -> None:
    if poll.state != PollState.DRAFT:
        raise PollError("state", _("This poll was sent already."))
    if not poll.questions:
        raise PollError("questions", _("Add at least one question."))
    if poll.closes_dt is None or poll.closes_dt <= now:
        raise PollError("closes", _("Choose a closing time in the future."))


def send_poll(session: Session, poll: Poll, now: datetime) -> SendResult:
    """Ask every member of the audience who may be mailed; the poll opens for answers."""
    require_sendable(poll, now)
    recipients = session.execute(recipients_query(session, poll.audience, poll.series_id)).all()
    if not recipients:
        raise PollError("audience", _("Nobody in this audience may be mailed."))
    # one rendering per language: members differ only in name and links
    rendered = {mail_language(r.language): None for r in recipients}
    for language in rendered:
        rendered[language] = render_poll_mail(poll, language)
    base = _base_url()
    session.execute(
        insert(PollRecipient.__table__),
        [{"poll_id": poll.id, "member_id": r.id, "asked_dt": now} for r in recipients],
    )
    answer_token, stop_token = token_maker(ANSWER_LINK), token_maker(links.UNSUBSCRIBE)
    messages = []
    for member_id, name, email, language in recipients:
        subject, text, html = rendered[mail_language(language)]
        # the payloads of poll_token and links.unsubscribe_token, one serializer each per send
        stop = links.unsubscribe_url(base, stop_token({"m": member_id}))
        answer = answer_url(base, answer_token({"p": poll.id, "m": member_id}))
        first_name = name.split()[0] if name else ""
        body_text = _fill(text, first_name, answer, stop)
        body_html = _fill(html, str(escape(first_name)), answer, stop)
        messages.append(
            {
                "key": f"poll:poll={poll.id}:member={member_id}",
                "kind": MessageKind.POLL,
                "recipient": email,
                "member_id": member_id,
                "subject": subject,
                "body_text": body_text,
                "body_html": body_html,
                "due_dt": now,
                "headers": links.unsubscribe_headers(stop),
            }
        )
    queued = queue_many(session, messages, domain=_domain())
    poll.state = PollState.OPEN
    poll.sent_dt = now
    session.flush()
    return SendResult(queued)
