"""A learning question's own page and the organisers' decisions on it (accept, merge, drop,
move, link a record). The series-level agenda pages are in arena/learning/views.py."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from arena.arenas.models import ArenaSeries
from arena.auth.access import EVERYONE, allowed
from arena.auth.models import Role
from arena.db import get_or_404, get_row, get_session, utcnow
from arena.forms import as_choices
from arena.learning import services
from arena.learning.agenda import agenda_item, session_starts
from arena.learning.forms import ActionForm, DropForm, LinkForm, MergeForm, MoveForm
from arena.learning.models import ON_AGENDA, LearningQuestion, QuestionState
from arena.learning.trail import link_record as link_to_question
from arena.learning.trail import trail_of
from arena.learning.views import _back, _readable_series, _refused, bp


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
    into = get_row(get_session(), LearningQuestion, form.into.data)
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
    found = get_row(session, LearningQuestion, form.question.data)
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
