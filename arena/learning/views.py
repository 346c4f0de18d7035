"""The learning agenda: staff read and steer it; members who follow a series read and propose.

This module holds the series-level pages; arena/learning/question_views.py adds one question's
page and the decisions on it to the same blueprint."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from arena.arenas.models import ArenaSeries, SeriesFollower
from arena.auth.access import EVERYONE, STAFF, allowed
from arena.auth.models import Role
from arena.db import get_or_404, get_session, utcnow
from arena.i18n import labeller
from arena.learning import services
from arena.learning.agenda import agenda_of
from arena.learning.forms import (
    LINK_KINDS,
    STATES,
    ActionForm,
    DropForm,
    ProposalForm,
    QuestionForm,
    SettingsForm,
)
from arena.learning.models import ON_AGENDA, LearningQuestion
from arena.members.models import Member, normalise_email

bp = Blueprint("learning", __name__, url_prefix="/learning")


# template globals, not a context processor: Flask calls each processor on every page rendered
bp.add_app_template_global(labeller(STATES), "question_state_label")
bp.add_app_template_global(labeller(LINK_KINDS), "link_kind_label")


def _is_staff() -> bool:
    return current_user.role in STAFF


def _readable_series(series_id: int) -> ArenaSeries:
    """Staff read every agenda; a member the agendas of the series they follow."""
    series = get_or_404(ArenaSeries, series_id)
    if not _is_staff() and not _follows(series.id):
        abort(403)
    return series


def _follows(series_id: int) -> bool:
    member_id = current_user.member_id
    return (
        member_id is not None
        and get_session().get(SeriesFollower, (series_id, member_id)) is not None
    )


def _back(series_id: int):
    return redirect(url_for("learning.agenda", series_id=series_id))


def _refused(problem: services.LearningError, target):
    get_session().rollback()
    flash(problem.message, "error")
    return target


@bp.route("/")
@allowed(*EVERYONE)
def index():
    session = get_session()
    query = select(ArenaSeries).order_by(ArenaSeries.name)
    if not _is_staff():
        query = query.join(SeriesFollower).where(SeriesFollower.member_id == current_user.member_id)
    counts = dict(
        session.execute(
            select(LearningQuestion.series_id, func.count())
            .where(LearningQuestion.state.in_(ON_AGENDA))
            .group_by(LearningQuestion.series_id)
        ).all()
    )
    return render_template(
        "learning/index.html", series=session.scalars(query).all(), counts=counts
    )


@bp.route("/series/<int:series_id>")
@allowed(*EVERYONE)
def agenda(series_id: int):
    series = _readable_series(series_id)
    session = get_session()
    items = agenda_of(session, series.id, utcnow(), with_closed=_is_staff())
    settings = SettingsForm(flag_after_sessions=services.flag_after_sessions(session, series.id))
    merge_choices = [(str(i.question.id), f"{i.question.number}. {i.question.text}")
                     for i in items if i.question.state in ON_AGENDA]  # fmt: skip
    return render_template(
        "learning/agenda.html", series=series, items=items, form=QuestionForm(),
        proposal=ProposalForm(), settings=settings, merge_choices=merge_choices,
        action=ActionForm(), drop=DropForm(), may_propose=current_user.member_id is not None,
    )  # fmt: skip


@bp.route("/series/<int:series_id>/questions", methods=["POST"])
@allowed(Role.ORGANISER)
def add(series_id: int):
    series = get_or_404(ArenaSeries, series_id)
    form = QuestionForm()
    if not form.validate_on_submit():
        flash(_("Write the question (at most 500 characters)."), "error")
        return _back(series.id)
    session = get_session()
    member_id = None
    if form.raised_by.data:
        member_id = session.scalar(
            select(Member.id).where(Member.email == normalise_email(form.raised_by.data))
        )
        if member_id is None:
            flash(_("No member has the address %(email)s.", email=form.raised_by.data), "error")
            return _back(series.id)
    try:
        question = services.add_question(session, series.id, form.text.data, now=utcnow(),
                                         context=form.context.data, account_id=current_user.id,
                                         member_id=member_id)  # fmt: skip
    except services.LearningError as problem:
        return _refused(problem, _back(series.id))
    session.commit()
    flash(_("Question %(n)d is on the agenda.", n=question.number), "success")
    return _back(series.id)


@bp.route("/series/<int:series_id>/proposals", methods=["POST"])
@allowed(*EVERYONE)
def propose(series_id: int):
    series = _readable_series(series_id)
    form = ProposalForm()
    if current_user.member_id is None or not form.validate_on_submit():
        flash(_("Write the question (at most 500 characters)."), "error")
        return _back(series.id)
    session = get_session()
    try:
        services.propose_question(session, series.id, current_user.member_id, form.text.data,
                                  now=utcnow(), context=form.context.data,
                                  account_id=current_user.id)  # fmt: skip
    except services.LearningError as problem:
        return _refused(problem, _back(series.id))
    session.commit()
    flash(_("Thank you. The organisers will look at your question."), "success")
    return _back(series.id)


@bp.route("/series/<int:series_id>/settings", methods=["POST"])
@allowed(Role.ORGANISER)
def settings(series_id: int):
    series = get_or_404(ArenaSeries, series_id)
    form = SettingsForm()
    if not form.validate_on_submit():
        flash(_("Choose a number of sessions from 1 to 50."), "error")
        return _back(series.id)
    services.set_flag_after_sessions(get_session(), series.id, form.flag_after_sessions.data)
    get_session().commit()
    flash(_("Saved."), "success")
    return _back(series.id)


# the question pages add their routes to ``bp``
from arena.learning import question_views  # noqa: E402, F401
