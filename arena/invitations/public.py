"""Pages reached from links in emails, without signing in: answering and unsubscribing.

Both are ``@public`` and do nothing without a valid signed token: the token names the
invitation (RSVP) or the member (unsubscribe), never an email address, and expires. A token
made for one purpose fails for the other (a salt per purpose). GET only shows a page with a
button, because mail scanners open links; only a POST changes anything.
"""

from __future__ import annotations

from flask import g, render_template, request

from arena import throttle
from arena.arenas.answers import CHOOSE, chosen_response, closed_reason
from arena.auth.access import public
from arena.db import get_session, utcnow, valid_id
from arena.extensions import csrf
from arena.i18n import follow_language
from arena.invitations import links
from arena.invitations.answering import answer_invitation, read_invitation
from arena.members import services as network
from arena.members.models import Member
from arena.tokens import TokenError, load_record, verify_token


@public
def answer(token: str):
    """Yes, no or maybe: GET asks to confirm the answer from the link, POST records it.

    Lean, because answers come in bursts after a mass invitation: one statement for the GET
    and one for the POST (arena/invitations/answering.py). The CSRF token is checked before
    this view by Flask-WTF's CSRFProtect, as on every form; the page's form carries it."""
    g.signed_link = True  # its page is personal: arena/security.py sends no-store
    attendance_id = _attendance_id(token)
    now, address = utcnow(), throttle.client_address()
    chosen = chosen_response(request.values.get("answer"))
    posting = request.method == "POST"
    if posting and chosen is not None:
        answered = answer_invitation(attendance_id, chosen, address=address, now=now)
        if answered is not None:
            follow_language(answered.language)
            return render_template("invitations/rsvp_done.html", page=answered, token=token)
    # a GET, or a POST that recorded nothing: the page says why
    page = read_invitation(attendance_id, address=address, now=now)
    if page is None:
        raise TokenError("invalid", links.RSVP)
    follow_language(page.language)
    closed = closed_reason(page.state, page.is_open)
    if closed:
        # a clear page, not a form that can only fail (also for a POST from an old page)
        return render_template("invitations/rsvp_closed.html", page=page, message=closed), (
            410 if posting else 200
        )
    error = CHOOSE if posting else None
    return render_template(
        "invitations/rsvp.html", page=page, chosen=chosen.value if chosen else "", error=error,
        token=token,
    ), (400 if error else 200)  # fmt: skip


def _attendance_id(token: str) -> int:
    """The invitation a valid RSVP link names. An address held back by the throttle is told
    so first, as with every signed link (``read_token``); for a valid link the page's own
    query asks the throttle (``load_answer_page``)."""
    try:
        attendance_id = valid_id(verify_token(links.RSVP, token, "a")["a"])
    except TokenError:
        throttle.check()
        raise
    if attendance_id is None:
        throttle.check()
        raise TokenError("invalid", links.RSVP)
    return attendance_id


@public
@csrf.exempt
def unsubscribe(token: str):
    """RFC 8058 one-click: mail clients POST here without our CSRF token, so the endpoint is
    exempt from CSRF; the signed, expiring token is what authorises it (a third party cannot
    forge one). A GET only shows the confirm button."""
    session = get_session()
    member = load_record(session, links.UNSUBSCRIBE, token, Member, "m")
    follow_language(member.language)
    if request.method == "POST":
        network.unsubscribe(session, member, now=utcnow())
        session.commit()
        return render_template("invitations/unsubscribed.html")
    return render_template("invitations/unsubscribe.html", token=token, member=member)
