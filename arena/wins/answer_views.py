"""Pages reached from a signed link in an email, without logging in: answerable once.

Every view here is public, so each one reads its token first; a token that is broken, expired
or made for another purpose shows the one link-problem page (arena/tokens.py), and one already
answered says thank you.
"""

from __future__ import annotations

from flask import render_template
from flask_babel import gettext as _

from arena.auth.access import public
from arena.db import get_session, utcnow
from arena.i18n import follow_language
from arena.members.services import language_of
from arena.wins import reflections
from arena.wins import stick as stick_checks
from arena.wins.forms import ReflectionForm, StickForm
from arena.wins.models import SmallWin


def _thanks(message: str, status: int = 200):
    return render_template("wins/thanks.html", message=message), status


@public
def reflection(token: str):
    """The three questions after a session; one set of answers per attendee."""
    session = get_session()
    meeting, member = reflections.load_reflection_link(session, token)
    follow_language(member.language)
    meeting_id, member_id = meeting.id, member.id
    if reflections.has_answered(session, meeting_id, member_id):
        return _thanks(_("You already answered these questions. Thank you!"), 409)
    form = ReflectionForm()
    if form.validate_on_submit():
        try:
            reflections.record_reflection(
                session,
                meeting_id,
                member_id,
                of_value=form.of_value.data,
                want_more_of=form.want_more_of.data,
                do_differently=form.do_differently.data,
            )
        except reflections.AlreadyAnswered as exc:
            session.rollback()
            return _thanks(str(exc), 409)
        session.commit()
        return _thanks(_("Thank you for your answers."))
    return render_template("wins/reflection_form.html", form=form, meeting=meeting, member=member)


@public
def stick(token: str):
    """'Did it stick?' for one small win at 3, 6 or 12 months; answerable once."""
    session = get_session()
    follow_up = stick_checks.load_stick_link(session, token)
    win = session.get(SmallWin, follow_up.small_win_id)
    follow_language(language_of(session, win.author_id if win else None))
    if follow_up.answered_dt is not None:
        return _thanks(_("You already answered this question. Thank you!"), 409)
    form = StickForm()
    if form.validate_on_submit():
        try:
            stick_checks.record_stick_answer(
                session, follow_up, form.answer.data, form.note.data, utcnow()
            )
        except stick_checks.AlreadyAnswered as exc:
            session.rollback()
            return _thanks(str(exc), 409)
        session.commit()
        return _thanks(_("Thank you: your answer is kept with the small win."))
    return render_template("wins/stick_form.html", form=form, win=win, follow_up=follow_up)
