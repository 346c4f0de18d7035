"""The mails of a contact request: the question to each side, and the addresses once both agreed.

Each mail is written in its recipient's language (their own choice when the network keeps one,
else the programme's default), never in the language of whoever clicked. The question holds
signed links to agree or decline; they name the request and the member who may use them.
"""

from __future__ import annotations

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from arena.db import valid_id
from arena.invitations.models import MessageKind
from arena.invitations.outbox import queue_message
from arena.mail import external_url, one_line, render_email
from arena.members.directory import current_organisations
from arena.members.models import Member
from arena.tokens import LinkPurpose, TokenError, make_token, read_token

#: the token names the request under "r" and the member who answers under "m"
ANSWER_LINK = LinkPurpose(
    "contact-answer",
    30 * 24 * 3600,
    _l("This link has expired. Ask the organisers if you still want to be put in touch."),
    _l("This link does not work. Please use the link in your own email as it is."),
)

PURPOSES = {
    "practice-visit": _l("to visit each other's practice"),
    "funding": _l("to talk about funding"),
    "other": _l("to get in touch"),
}


def locale_of(member: Member) -> str:
    """The member's own language when the network keeps one, else the programme's default."""
    chosen = getattr(member, "language", None)
    languages = current_app.config.get("LANGUAGES", [])
    if chosen in languages:
        return chosen
    return current_app.config.get("BABEL_DEFAULT_LOCALE", "en")


def answer_token(request_id: int, member_id: int) -> str:
    return make_token(ANSWER_LINK, {"r": request_id, "m": member_id})


def read_answer_token(token: str) -> tuple[int, int]:
    """(request id, member id) a link names; a broken or expired link raises TokenError."""
    data = read_token(ANSWER_LINK, token, "r", "m")
    request_id, member_id = valid_id(data["r"]), valid_id(data["m"])
    if request_id is None or member_id is None:
        raise TokenError("invalid", ANSWER_LINK)
    return request_id, member_id


def _domain() -> str:
    return current_app.config.get("MAIL_MESSAGE_ID_DOMAIN", "arena.local")


def _who(session: Session, member: Member) -> str:
    """A name with the member's current organisations, as the other side reads it."""
    names = [o.name for o in current_organisations(session, member.id)]
    return f"{member.name} ({', '.join(names)})" if names else member.name


def _queue(
    session: Session, request, member: Member, step: str, template: str, subject, context: dict
) -> None:
    """One mail of a contact request to ``member``, in their language, queued once per step."""
    text, html = render_email(template, member=member, purpose=str(PURPOSES[request.purpose]),
                              message=request.message, **context)  # fmt: skip
    queue_message(
        session,
        key=f"contact:request={request.id}:member={member.id}:{step}",
        kind=MessageKind.CONTACT,
        recipient=member.email,
        member_id=member.id,
        subject=one_line(str(subject))[:300],
        body_text=text,
        body_html=html,
        domain=_domain(),
    )


def queue_question(session: Session, request, member: Member) -> None:
    """Ask ``member`` (the recipient, or either side of an introduction) to agree."""
    other = request.requester if member.id == request.recipient_id else request.recipient
    token = answer_token(request.id, member.id)
    with force_locale(locale_of(member)):
        subject = _("Would you like to be put in touch with %(name)s?", name=other.name)
        _queue(session, request, member, "question", "contacts_question", subject, {
            "other": one_line(_who(session, other)),
            "introduced": request.introduced_by_id is not None,
            "accept_url": external_url("contacts.answer", token=token, choice="accept"),
            "decline_url": external_url("contacts.answer", token=token, choice="decline"),
        })  # fmt: skip


def queue_addresses(session: Session, request) -> None:
    """Both sides agreed: each gets the other's name, organisation and address."""
    pairs = ((request.requester, request.recipient), (request.recipient, request.requester))
    for member, other in pairs:
        with force_locale(locale_of(member)):
            subject = _("You are now in touch with %(name)s", name=other.name)
            _queue(session, request, member, "addresses", "contacts_addresses", subject, {
                "other": one_line(_who(session, other)),
                "other_email": other.email,
            })  # fmt: skip
