"""Pages reached from links in emails, without signing in: answering and unsubscribing.

Both are ``@public`` and do nothing without a valid signed token: the token names the
invitation (RSVP) or the member (unsubscribe), never an email address, and expires. A token
made for one purpose fails for the other (a salt per purpose). GET only shows a page with a
button, because mail scanners open links; only a POST changes anything.
"""

from __future__ import annotations

from flask import render_template, request
from flask_wtf import FlaskForm
from sqlalchemy.orm import joinedload

from arena.arenas.answers import AnswerError, answers_closed, record_response
from arena.arenas.models import Attendance, Meeting, Response
from arena.auth.access import public
from arena.db import get_session, utcnow
from arena.extensions import csrf
from arena.i18n import follow_language
from arena.invitations import links
from arena.members import services as network
from arena.members.models import Member
from arena.tokens import load_record

#: the session and its series, which the page shows, and the member's language, in one query
ANSWER_PAGE = [
    joinedload(Attendance.meeting).joinedload(Meeting.series),
    joinedload(Attendance.member).load_only(Member.language),
]


@public
def answer(token: str):
    """Yes, no or maybe: GET asks to confirm the answer from the link, POST records it."""
    session = get_session()
    # one query for all the page shows: answers come in bursts after a mass invitation
    attendance = load_record(session, links.RSVP, token, Attendance, "a", ANSWER_PAGE)
    follow_language(attendance.member.language)
    closed = answers_closed(attendance, now=utcnow())
    if closed:
        # a clear page, not a form that can only fail (also for a POST from an old page)
        status = 410 if request.method == "POST" else 200
        return render_template("invitations/rsvp_closed.html", attendance=attendance,
                               message=closed), status  # fmt: skip
    form = FlaskForm()
    chosen = request.values.get("answer", "")
    if chosen not in {r.value for r in Response}:
        chosen = ""
    error = None
    if request.method == "POST" and form.validate_on_submit():
        try:
            record_response(session, attendance, chosen, now=utcnow())
        except AnswerError as exc:
            session.rollback()
            error = str(exc)
        else:
            session.commit()
            return render_template("invitations/rsvp_done.html", attendance=attendance, token=token)
    return render_template(
        "invitations/rsvp.html", attendance=attendance, chosen=chosen, form=form, error=error,
        token=token,
    ), (400 if error else 200)  # fmt: skip


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
