"""Practice examples: members propose, organisers review and plan, programme leads read."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import selectinload

from arena.arenas.models import Meeting
from arena.auth.access import EVERYONE, allowed
from arena.auth.models import Role
from arena.db import get_or_404, get_session, utcnow
from arena.examples import balance, planning, services
from arena.examples.forms import ExampleForm, ScheduleForm
from arena.examples.models import ExampleStatus, Maturity, PracticeExample
from arena.forms import as_choices
from arena.members.directory import current_organisations
from arena.query import page_count, page_number


def _get_example(example_id: int) -> PracticeExample:
    example = get_or_404(
        PracticeExample,
        example_id,
        options=[
            selectinload(PracticeExample.presenters),
            selectinload(PracticeExample.organisations),
            selectinload(PracticeExample.preferred_meetings),
            selectinload(PracticeExample.meeting).selectinload(Meeting.series),
        ],
    )
    if not services.may_view(example, current_user):
        abort(404)
    return example


def _form_page(form: ExampleForm, example: PracticeExample | None):
    """The proposal form, with the presenter instructions of the series that have sessions."""
    return render_template(
        "examples/form.html",
        form=form,
        example=example,
        series_list=planning.series_with_instructions(get_session(), utcnow()),
    )


def _preferred_choices(form: ExampleForm) -> None:
    meetings = planning.schedulable_meetings(get_session(), utcnow())
    form.preferred_meetings.choices = as_choices(
        (m.id, f"{m.title} ({m.series.name})") for m in meetings
    )


def _input(form: ExampleForm) -> services.ExampleInput:
    return services.ExampleInput(
        title=form.title.data or "",
        maturity=Maturity(form.maturity.data),
        initiative=form.initiative.data or "",
        presenters=form.presenters.data or "",
        organisations=form.organisations.data or "",
        story={name: getattr(form, name).data or "" for name in services.STORY_FIELDS},
        preferred_meeting_ids=list(form.preferred_meetings.data or []),
        submit=bool(form.submit.data),
        quiet_lookup=current_user.role != Role.ORGANISER,
    )


def _proposer_id() -> int | None:
    return current_user.member_id if current_user.role == Role.MEMBER else None


@allowed(*EVERYONE)
def index():
    """Members see their own proposals; organisers and programme leads see the board, or
    with ``?status=`` every example of one status, page by page."""
    session = get_session()
    if current_user.role == Role.MEMBER:
        mine = (
            services.examples_of_member(session, current_user.member_id)
            if current_user.member_id
            else []
        )
        return render_template("examples/mine.html", examples=mine)
    status = request.args.get("status", "")
    if status in {s.value for s in planning.BOARD_STATUSES}:
        page = page_number(request.args, planning.STATUS_PER_PAGE)
        examples, total = planning.status_page(session, ExampleStatus(status), page)
        return render_template(
            "examples/status.html",
            status=status,
            examples=examples,
            total=total,
            page=page,
            pages=page_count(total, planning.STATUS_PER_PAGE),
        )
    return render_template(
        "examples/board.html",
        columns=planning.board(session),
        sessions=balance.upcoming_balance(session, utcnow()),
    )


@allowed(Role.MEMBER, Role.ORGANISER)
def new():
    """Sign up to present: a draft is kept, a submitted proposal goes to the organisers."""
    form = ExampleForm()
    _preferred_choices(form)
    if request.method == "GET" and current_user.role == Role.MEMBER and current_user.member:
        form.presenters.data = current_user.member.email or ""
        orgs = current_organisations(get_session(), current_user.member_id)
        form.organisations.data = ", ".join(o.name for o in orgs)
    if form.validate_on_submit():
        session = get_session()
        try:
            example = services.propose_example(session, _input(form), _proposer_id())
        except services.ExampleError as exc:
            session.rollback()
            getattr(form, exc.field).errors.append(str(exc))
        else:
            session.commit()
            flash(_submitted_message(example), "success")
            return redirect(url_for("examples.detail", example_id=example.id))
    return _form_page(form, None)


def _submitted_message(example: PracticeExample) -> str:
    if example.status == ExampleStatus.DRAFT:
        return _("Your draft is saved. Submit it when it is ready.")
    return _("Thank you: your practice example is submitted for review.")


@allowed(*EVERYONE)
def detail(example_id: int):
    example = _get_example(example_id)
    schedule_form = None
    if current_user.role == Role.ORGANISER and example.status in planning.SCHEDULABLE:
        schedule_form = ScheduleForm(meeting=example.meeting_id, slot=example.slot or 1)
        meetings = planning.schedulable_meetings(get_session(), utcnow())
        schedule_form.meeting.choices = as_choices(
            (m.id, f"{m.title} ({m.series.name})") for m in meetings
        )
    return render_template(
        "examples/detail.html",
        example=example,
        meeting=example.meeting,
        may_edit=services.may_edit(example, current_user),
        schedule_form=schedule_form,
        warnings=(
            balance.meeting_warnings(get_session(), example.meeting_id)
            if current_user.role != Role.MEMBER
            else []
        ),
    )


@allowed(Role.MEMBER, Role.ORGANISER)
def edit(example_id: int):
    example = _get_example(example_id)
    if not services.may_edit(example, current_user):
        abort(403)
    form = ExampleForm(obj=example if request.method == "GET" else None)
    _preferred_choices(form)
    if request.method == "GET":
        form.maturity.data = example.maturity.value
        form.presenters.data = "\n".join(p.email or "" for p in example.presenters)
        form.organisations.data = ", ".join(o.name for o in example.organisations)
        form.preferred_meetings.data = [m.id for m in example.preferred_meetings]
    if form.validate_on_submit():
        session = get_session()
        try:
            services.update_example(session, example, _input(form), _proposer_id())
        except services.ExampleError as exc:
            session.rollback()
            getattr(form, exc.field).errors.append(str(exc))
        else:
            session.commit()
            flash(_("Your changes are saved."), "success")
            return redirect(url_for("examples.detail", example_id=example.id))
    return _form_page(form, example)
