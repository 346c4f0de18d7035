"""Small wins: log them (quick or full), browse the timeline, the chart and the chains."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import selectinload

from arena.auth.access import EVERYONE, allowed
from arena.auth.models import Role
from arena.db import get_or_404, get_row, get_session, utcnow
from arena.examples.choices import offer_session_and_example
from arena.examples.models import ExampleStatus, PracticeExample
from arena.forms import save_form
from arena.members.directory import current_organisations
from arena.query import page_count, page_number, query_filters
from arena.wins import browse, chains, services, stick
from arena.wins.chart import build_chart
from arena.wins.filtering import FILTER_KEYS, filter_choices, read_filters
from arena.wins.forms import QuickWinForm, SmallWinForm
from arena.wins.models import SmallWin


def _win(win_id: int) -> SmallWin:
    return get_or_404(
        SmallWin,
        win_id,
        options=[
            selectinload(SmallWin.author),
            selectinload(SmallWin.organisation),
            selectinload(SmallWin.meeting),
            selectinload(SmallWin.members),
            selectinload(SmallWin.inspired_by),
        ],
    )


INSPIRING = (ExampleStatus.PRESENTED, ExampleStatus.SCHEDULED)


def _meeting_choices(form: QuickWinForm, win: SmallWin | None = None) -> None:
    """Recent sessions and examples, plus the one posted, linked to or already saved."""
    offer_session_and_example(form, request, win, INSPIRING)


def _input(form: QuickWinForm) -> services.WinInput:
    full = isinstance(form, SmallWinForm)
    data = services.WinInput(
        title=form.title.data or "",
        happened_on=form.happened_on.data,
        mechanisms=list(form.mechanisms.data or []),
        what_changed=form.what_changed.data or "",
        meeting_id=form.meeting.data or None,
        full=full,
    )
    if full:
        data.organisation = form.organisation.data or ""
        data.friction = form.friction.data or ""
        data.reach = form.reach.data or ""
        data.practice_example_id = form.practice_example.data or None
        data.inspired_by = form.inspired_by.data or ""
        data.members = form.members.data or ""
        data.quiet_lookup = current_user.role != Role.ORGANISER
    return data


def _save(form: QuickWinForm, win: SmallWin | None):
    def save(session):
        if win is not None:
            services.update_small_win(session, win, _input(form))
            return win
        author = current_user.member_id if current_user.role == Role.MEMBER else None
        return services.record_small_win(session, _input(form), author)

    return save_form(form, save, services.WinError)


def _prefill(form: QuickWinForm) -> None:
    form.happened_on.data = utcnow().date()
    form.meeting.data = request.args.get("meeting", type=int) or 0
    if isinstance(form, SmallWinForm):
        inspired = request.args.get("inspired_by", type=int)
        form.inspired_by.data = str(inspired) if inspired else ""
        form.practice_example.data = request.args.get("practice_example", type=int) or 0
        if current_user.member_id:
            orgs = current_organisations(get_session(), current_user.member_id)
            form.organisation.data = orgs[0].name if orgs else ""


def _form_page(form, win=None, quick=False):
    return render_template("wins/quick.html" if quick else "wins/form.html", form=form, win=win)


@allowed(*EVERYONE)
def index():
    """The timeline, newest first, with filters."""
    session = get_session()
    filters, problems = read_filters(session, request.args)
    page = page_number(request.args, browse.PER_PAGE)
    wins, total = browse.timeline(session, filters, page)
    for problem in problems:
        flash(problem, "error")
    return render_template(
        "wins/index.html",
        wins=wins,
        total=total,
        page=page,
        pages=page_count(total, browse.PER_PAGE),
        args=request.args,
        query=query_filters(request.args, FILTER_KEYS),
        **filter_choices(session, filters),
    )


@allowed(*EVERYONE)
def mechanisms():
    """Wins per mechanism per quarter as an SVG chart and a table, and what stuck."""
    session = get_session()
    filters, problems = read_filters(session, request.args)
    for problem in problems:
        flash(problem, "error")
    counts = browse.counts_per_quarter(session, filters)
    return render_template(
        "wins/mechanisms.html",
        chart=build_chart(counts),
        counts=counts,
        stuck=browse.stick_by_mechanism(session, filters),
        args=request.args,
        **filter_choices(session, filters),
    )


def _log(form: QuickWinForm, quick: bool):
    _meeting_choices(form)
    if request.method == "GET":
        _prefill(form)
    if form.validate_on_submit() and (win := _save(form, None)):
        flash(_("Your small win is logged. Thank you!"), "success")
        return redirect(url_for("wins.detail", win_id=win.id))
    return _form_page(form, quick=quick)


@allowed(Role.MEMBER, Role.ORGANISER)
def new():
    return _log(SmallWinForm(), quick=False)


@allowed(Role.MEMBER, Role.ORGANISER)
def quick():
    """The short form linked from the dashboard and the post-session email."""
    return _log(QuickWinForm(), quick=True)


@allowed(*EVERYONE)
def detail(win_id: int):
    win = _win(win_id)
    session = get_session()
    return render_template(
        "wins/detail.html",
        win=win,
        example=get_row(session, PracticeExample, win.practice_example_id),
        follow_ups=stick.follow_ups_of(session, win.id),
        may_edit=services.may_edit(win, current_user),
    )


@allowed(Role.MEMBER, Role.ORGANISER)
def edit(win_id: int):
    win = _win(win_id)
    if not services.may_edit(win, current_user):
        abort(403)
    form = SmallWinForm(obj=win if request.method == "GET" else None)
    _meeting_choices(form, win)
    if request.method == "GET":
        form.mechanisms.data = [m.value for m in win.mechanisms]
        form.meeting.data = win.meeting_id or 0
        form.practice_example.data = win.practice_example_id or 0
        form.organisation.data = win.organisation.name if win.organisation else ""
        form.inspired_by.data = ", ".join(str(w.id) for w in win.inspired_by)
        form.members.data = "\n".join(m.email or "" for m in win.members)
    if form.validate_on_submit() and _save(form, win):
        flash(_("Your changes are saved."), "success")
        return redirect(url_for("wins.detail", win_id=win.id))
    return _form_page(form, win)


@allowed(*EVERYONE)
def chain(win_id: int):
    """What inspired this win and what it inspired, generation by generation."""
    return render_template("wins/chain.html", chain=chains.chain_of(get_session(), _win(win_id)))
