"""Polls: organisers write, preview, send, close and read results; members answer by their link."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from arena.arenas.models import ArenaSeries, Meeting, MeetingState
from arena.auth.access import STAFF, allowed, public
from arena.auth.models import Role
from arena.db import get_or_404, get_session, utcnow
from arena.forms import as_choices
from arena.i18n import follow_language, labeller
from arena.members.models import Segment
from arena.members.responses import csv_download
from arena.members.services import language_of
from arena.polls import services
from arena.polls.answering import (
    PollClosed,
    given_values,
    parse_values,
    record_response,
    response_of,
    was_asked,
)
from arena.polls.audience import count_audience
from arena.polls.forms import (
    BLANK_QUESTIONS,
    POLL_STATES,
    QUESTION_KINDS,
    ActionForm,
    AnswerForm,
    PollForm,
)
from arena.polls.models import Poll, PollResponse, PollState
from arena.polls.results import results_csv, results_of
from arena.polls.sending import ANSWER_LINK, read_poll_token, render_poll_mail, send_poll
from arena.polls.services import PollError
from arena.tokens import TokenError

bp = Blueprint("polls", __name__, url_prefix="/polls")


# template globals, not a context processor: Flask calls each processor on every page rendered
bp.add_app_template_global(labeller(QUESTION_KINDS), "question_kind_label")
bp.add_app_template_global(labeller(POLL_STATES), "poll_state_label")


def _choices(form: PollForm) -> None:
    session = get_session()
    series = session.execute(select(ArenaSeries.id, ArenaSeries.name).order_by(ArenaSeries.name))
    form.series.choices = as_choices([("", _("None"))] + [(str(i), n) for i, n in series])
    segments = session.execute(select(Segment.id, Segment.name).order_by(Segment.name))
    form.segment.choices = as_choices(
        [("", _("Choose a segment"))] + [(str(i), n) for i, n in segments]
    )
    held = session.execute(
        select(Meeting.id, Meeting.title, Meeting.starts_dt)
        .where(Meeting.state == MeetingState.HELD)
        .order_by(Meeting.starts_dt.desc())
        .limit(40)
    )
    form.meeting.choices = as_choices(
        [("", _("Choose a session"))] + [(str(i), f"{t} ({s:%Y-%m-%d})") for i, t, s in held]
    )


def _form_page(form: PollForm, poll: Poll | None, status: int = 200):
    return render_template("polls/form.html", form=form, poll=poll), status


def _save(form: PollForm, poll: Poll | None):
    """Validate, call the service, commit once; a refused poll shows why and keeps its input."""
    _choices(form)
    if not form.validate_on_submit():
        return _form_page(form, poll, 400 if request.method == "POST" else 200)
    session = get_session()
    data = form.to_input(current_app.config["TIME_ZONE"])
    try:
        if poll is None:
            poll = services.create_poll(session, data, current_user.id)
        else:
            services.update_poll(session, poll, data)
    except services.PollError as problem:
        session.rollback()
        form.form_errors.append(problem.message)
        return _form_page(form, poll, 400)
    session.commit()
    flash(_("The poll is saved. Check it below before you send it."), "success")
    return redirect(url_for("polls.show", poll_id=poll.id))


@bp.route("/")
@allowed(*STAFF)
def index():
    session = get_session()
    responses = (
        select(PollResponse.poll_id, func.count().label("n"))
        .group_by(PollResponse.poll_id)
        .subquery()
    )
    rows = session.execute(
        select(Poll, func.coalesce(responses.c.n, 0))
        .outerjoin(responses, responses.c.poll_id == Poll.id)
        .order_by(Poll.created_dt.desc())
        .limit(200)
    ).all()
    return render_template("polls/index.html", rows=rows)


@bp.route("/new", methods=["GET", "POST"])
@allowed(Role.ORGANISER)
def new():
    form = PollForm()
    if request.method == "GET":
        for _blank in range(BLANK_QUESTIONS - 1):
            form.questions.append_entry()
    return _save(form, None)


@bp.route("/<int:poll_id>/edit", methods=["GET", "POST"])
@allowed(Role.ORGANISER)
def edit(poll_id: int):
    poll = get_or_404(Poll, poll_id)
    if poll.state != PollState.DRAFT:
        flash(_("This poll was sent; its questions cannot change any more."), "error")
        return redirect(url_for("polls.show", poll_id=poll.id))
    form = PollForm(obj=None)
    if request.method == "GET":
        _fill(form, poll)
    return _save(form, poll)


def _fill(form: PollForm, poll: Poll) -> None:
    form.title.data, form.introduction.data = poll.title, poll.introduction
    form.series.data = str(poll.series_id or "")
    form.audience.data = (poll.audience or {}).get("kind", "network")
    form.segment.data = str((poll.audience or {}).get("segment_id", ""))
    form.meeting.data = str((poll.audience or {}).get("meeting_id", ""))
    if poll.closes_dt:
        local = poll.closes_dt.astimezone(ZoneInfo(current_app.config["TIME_ZONE"]))
        form.closes_on.data = (local - timedelta(seconds=1)).date()
    while len(form.questions):
        form.questions.pop_entry()
    for question in poll.questions:
        form.questions.append_entry(
            {
                "kind": question.kind.value,
                "text": question.text,
                "options": "\n".join(question.options),
            }
        )


@bp.route("/<int:poll_id>")
@allowed(*STAFF)
def show(poll_id: int):
    """A draft's preview (who is asked, the mail, the questions), or a sent poll's results."""
    poll = get_or_404(Poll, poll_id)
    session = get_session()
    if poll.state == PollState.DRAFT:
        try:
            audience = count_audience(session, poll.audience, poll.series_id)
        except services.PollError as problem:
            audience, problem_text = None, problem.message
        else:
            problem_text = None
        subject, text, _html = render_poll_mail(
            poll, first_name=_("Alex"), answer_url="https://…/polls/answer/…", stop_url="https://…"
        )
        return render_template(
            "polls/preview.html", poll=poll, audience=audience, problem=problem_text,
            subject=subject, text=text, form=ActionForm(),
        )  # fmt: skip
    return render_template(
        "polls/results.html", poll=poll, results=results_of(session, poll), form=ActionForm()
    )


@bp.route("/<int:poll_id>/send", methods=["POST"])
@allowed(Role.ORGANISER)
def send(poll_id: int):
    poll = get_or_404(Poll, poll_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    session = get_session()
    try:
        result = send_poll(session, poll, utcnow())
    except services.PollError as problem:
        session.rollback()
        flash(problem.message, "error")
        return redirect(url_for("polls.show", poll_id=poll.id))
    session.commit()
    flash(_("The poll is on its way to %(n)d members.", n=result.queued), "success")
    return redirect(url_for("polls.show", poll_id=poll.id))


@bp.route("/<int:poll_id>/close", methods=["POST"])
@allowed(Role.ORGANISER)
def close(poll_id: int):
    poll = get_or_404(Poll, poll_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    session = get_session()
    try:
        services.close_poll(session, poll, utcnow())
    except services.PollError as problem:
        flash(problem.message, "error")
        return redirect(url_for("polls.show", poll_id=poll.id))
    session.commit()
    flash(_("The poll is closed; answers are no longer taken."), "success")
    return redirect(url_for("polls.show", poll_id=poll.id))


@bp.route("/<int:poll_id>/results.csv")
@allowed(*STAFF)
def results_file(poll_id: int):
    poll = get_or_404(Poll, poll_id)
    delimiter = "," if request.args.get("separator") == "comma" else ";"
    text = results_csv(get_session(), poll, [_("Response"), _("Answered at")], delimiter)
    return csv_download(text, f"poll-{poll.id}-results.csv")


def _answering(token: str) -> tuple[Poll, int]:
    """The poll and member a link names; TokenError (the one link-problem page) otherwise."""
    poll_id, member_id = read_poll_token(token)
    session = get_session()
    poll = session.get(Poll, poll_id)
    if poll is None or not was_asked(session, poll_id, member_id):
        raise TokenError("invalid", ANSWER_LINK)
    return poll, member_id


@bp.route("/answer/<token>", methods=["GET", "POST"])
@public
def answer(token: str):
    """A member answers (or changes the answer) by the link in the mail; no login needed."""
    poll, member_id = _answering(token)
    session, now = get_session(), utcnow()
    follow_language(language_of(session, member_id))
    if not services.is_open(poll, now):
        return render_template("polls/closed.html", poll=poll), 410
    form = AnswerForm()
    response = response_of(session, poll.id, member_id)
    if not form.validate_on_submit():
        status = 400 if request.method == "POST" else 200
        return render_template(
            "polls/answer.html", poll=poll, form=form, given=given_values(response), problem=None
        ), status
    values = request.form.to_dict(flat=False)
    try:
        record_response(session, poll, member_id, parse_values(poll, values), now)
    except PollError as refused:
        session.rollback()
        return render_template(
            "polls/answer.html", poll=poll, form=form, given=values, problem=refused
        ), (410 if isinstance(refused, PollClosed) else 400)
    session.commit()
    return render_template("polls/thanks.html", poll=poll, token=token)
