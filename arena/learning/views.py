"""The learning agenda: staff read and steer it; members who follow a series read and propose."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from arena.arenas.models import ArenaSeries, SeriesFollower
from arena.auth.access import EVERYONE, STAFF, allowed
from arena.auth.models import Role
from arena.db import get_or_404, get_session, utcnow
from arena.forms import as_choices
from arena.learning import services
from arena.learning.agenda import agenda_item, agenda_of, session_starts
from arena.learning.forms import (
    LINK_KINDS,
    STATES,
    ActionForm,
    DropForm,
    LinkForm,
    MergeForm,
    MoveForm,
    ProposalForm,
    QuestionForm,
    SettingsForm,
)
from arena.learning.models import ON_AGENDA, LearningQuestion, QuestionState
from arena.learning.trail import link_record as link_to_question
from arena.learning.trail import trail_of
from arena.members.models import Member, normalise_email

bp = Blueprint("learning", __name__, url_prefix="/learning")


@bp.app_context_processor
def _labels():
    return {
        "question_state_label": lambda s: str(STATES.get(s, s)),
        "link_kind_label": lambda k: str(LINK_KINDS.get(k, k)),
    }


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


def _question(question_id: int) -> LearningQuestion:
    question = get_or_404(LearningQuestion, question_id)
    _readable_series(question.series_id)
    return question


@bp.route("/questions/<int:question_id>")
@allowed(*EVERYONE)
def question(question_id: int):
    found = _question(question_id)
    session = get_session()
    starts = session_starts(session, found.series_id, utcnow())
    item = agenda_item(found, starts, services.flag_after_sessions(session, found.series_id))
    move = MoveForm(state=found.state.value if found.state in ON_AGENDA else "open",
                    answer=found.answer)  # fmt: skip
    link = LinkForm()
    return render_template(
        "learning/question.html", item=item, question=found, trail=trail_of(session, found),
        move=move, link=link, drop=DropForm(),
    )  # fmt: skip


def _decide(question_id: int, decide):
    """Run one organiser's decision on a question and go back to the agenda."""
    found = get_or_404(LearningQuestion, question_id)
    session = get_session()
    try:
        decide(session, found)
    except services.LearningError as problem:
        return _refused(problem, _back(found.series_id))
    session.commit()
    flash(_("Saved."), "success")
    if request.form.get("next_page") == "question":
        return redirect(url_for("learning.question", question_id=found.id))
    return _back(found.series_id)


@bp.route("/questions/<int:question_id>/accept", methods=["POST"])
@allowed(Role.ORGANISER)
def accept(question_id: int):
    if not ActionForm().validate_on_submit():
        abort(400)
    return _decide(
        question_id,
        lambda s, q: services.accept_proposal(s, q, now=utcnow(), account_id=current_user.id),
    )


@bp.route("/questions/<int:question_id>/merge", methods=["POST"])
@allowed(Role.ORGANISER)
def merge(question_id: int):
    form = MergeForm()
    if not form.validate_on_submit():
        abort(400)
    into_id = int(form.into.data) if (form.into.data or "").isdigit() else None
    into = get_session().get(LearningQuestion, into_id) if into_id else None
    return _decide(
        question_id,
        lambda s, q: services.merge_proposal(s, q, into, now=utcnow(), account_id=current_user.id),
    )


@bp.route("/questions/<int:question_id>/drop", methods=["POST"])
@allowed(Role.ORGANISER)
def drop(question_id: int):
    form = DropForm()
    if not form.validate_on_submit():
        abort(400)
    return _decide(
        question_id,
        lambda s, q: services.drop_question(
            s, q, form.reason.data, now=utcnow(), account_id=current_user.id
        ),
    )


@bp.route("/questions/<int:question_id>/state", methods=["POST"])
@allowed(Role.ORGANISER)
def move(question_id: int):
    form = MoveForm()
    if not form.validate_on_submit():
        abort(400)
    state = QuestionState(form.state.data)
    return _decide(
        question_id,
        lambda s, q: services.move_question(
            s, q, state, form.answer.data, now=utcnow(), account_id=current_user.id
        ),
    )


@bp.route("/link", methods=["GET", "POST"])
@allowed(Role.ORGANISER)
def link_record():
    """Link a record to a question on any agenda (from a poll's results, or a question's page)."""
    form = LinkForm(kind=request.args.get("kind"), record=request.args.get("record", type=int),
                    question=request.args.get("question"))  # fmt: skip
    session = get_session()
    open_questions = session.execute(
        select(
            LearningQuestion.id, LearningQuestion.number, LearningQuestion.text, ArenaSeries.name
        )
        .join(ArenaSeries, ArenaSeries.id == LearningQuestion.series_id)
        .where(LearningQuestion.state.in_(ON_AGENDA))
        .order_by(ArenaSeries.name, LearningQuestion.number)
    ).all()
    form.question.choices = as_choices(
        [(str(i), f"{series}: {n}. {text}") for i, n, text, series in open_questions]
    )
    if not form.validate_on_submit():
        status = 400 if request.method == "POST" else 200
        return render_template("learning/link.html", form=form), status
    found = (
        session.get(LearningQuestion, int(form.question.data))
        if (form.question.data or "").isdigit()
        else None
    )
    if found is None:
        form.question.errors = [_("Choose a learning question.")]
        return render_template("learning/link.html", form=form), 400
    try:
        link_to_question(session, found, form.kind.data, form.record.data, note=form.note.data,
                         account_id=current_user.id, now=utcnow())  # fmt: skip
    except services.LearningError as problem:
        session.rollback()
        getattr(form, "record" if problem.field != "kind" else "kind").errors = [problem.message]
        return render_template("learning/link.html", form=form), 400
    session.commit()
    flash(_("Linked to question %(n)d.", n=found.number), "success")
    return redirect(url_for("learning.question", question_id=found.id))
