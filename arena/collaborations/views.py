"""Collaborations that grew from the arenas: members record theirs, organisers all."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import selectinload

from arena.arenas.models import Meeting
from arena.auth.access import EVERYONE, allowed
from arena.auth.models import Role
from arena.collaborations import services
from arena.collaborations.forms import MAX_SIDES, CollaborationForm
from arena.collaborations.models import Collaboration, CollaborationParticipant
from arena.db import get_or_404, get_row, get_session, utcnow
from arena.examples.choices import offer_session_and_example
from arena.examples.models import ExampleStatus, PracticeExample
from arena.forms import save_form
from arena.query import page_count, page_number

bp = Blueprint("collaborations", __name__, url_prefix="/collaborations")


def _collaboration(collaboration_id: int) -> Collaboration:
    found = get_or_404(
        Collaboration,
        collaboration_id,
        options=[
            selectinload(Collaboration.participants).selectinload(CollaborationParticipant.member),
            selectinload(Collaboration.participants).selectinload(
                CollaborationParticipant.organisation
            ),
        ],
    )
    if not services.may_view(found, current_user):
        abort(404)
    return found


def _choices(form: CollaborationForm, found: Collaboration | None = None) -> None:
    """Recent sessions and presented examples, plus the one posted or already saved."""
    offer_session_and_example(form, request, found, (ExampleStatus.PRESENTED,))


def _input(form: CollaborationForm) -> services.CollaborationInput:
    return services.CollaborationInput(
        title=form.title.data or "",
        started_on=form.started_on.data,
        status=form.status.data,
        description=form.description.data or "",
        meeting_id=form.meeting.data or None,
        practice_example_id=form.practice_example.data or None,
        sides=[
            services.Side(
                kind=entry.form.kind.data,
                who=entry.form.who.data or "",
                rating=int(entry.form.rating.data) if entry.form.rating.data else None,
            )
            for entry in form.participants
        ],
        quiet_lookup=current_user.role != Role.ORGANISER,
    )


def _save(form: CollaborationForm, collaboration: Collaboration | None):
    def save(session):
        if collaboration is not None:
            services.update_collaboration(session, collaboration, _input(form))
            return collaboration
        recorder = current_user.member_id if current_user.role == Role.MEMBER else None
        return services.record_collaboration(session, _input(form), recorder)

    saved = save_form(form, save, services.CollaborationError, whole_form=("participants",))
    if saved is None:
        return None
    flash(_("The collaboration is saved."), "success")
    return redirect(url_for("collaborations.detail", collaboration_id=saved.id))


def _side_text(side: CollaborationParticipant) -> str:
    """What the form shows for a side: an organiser sees emails; anyone else sees the names
    of the other members (their own email is theirs to see)."""
    if side.organisation_id:
        return side.organisation.name
    if current_user.role == Role.ORGANISER or side.member_id == current_user.member_id:
        return side.member.email or side.member.name
    return side.member.name


def _page(form, collaboration=None):
    return render_template("collaborations/form.html", form=form, collaboration=collaboration)


@bp.route("/")
@allowed(*EVERYONE)
def index():
    """Members see their own; organisers and programme leads see all."""
    member_id = current_user.member_id if current_user.role == Role.MEMBER else None
    page = page_number(request.args, services.PER_PAGE)
    if current_user.role == Role.MEMBER and member_id is None:
        rows, total = [], 0
    else:
        rows, total = services.list_collaborations(get_session(), member_id, page)
    return render_template(
        "collaborations/index.html",
        collaborations=rows,
        total=total,
        page=page,
        pages=page_count(total, services.PER_PAGE),
    )


@bp.route("/new", methods=["GET", "POST"])
@allowed(Role.MEMBER, Role.ORGANISER)
def new():
    form = CollaborationForm()
    _choices(form)
    if request.method == "GET":
        form.started_on.data = utcnow().date()
        form.meeting.data = request.args.get("meeting", type=int) or 0
        if current_user.role == Role.MEMBER and current_user.member:
            form.participants[0].form.kind.data = "member"
            form.participants[0].form.who.data = current_user.member.email
    if form.validate_on_submit() and (done := _save(form, None)):
        return done
    return _page(form)


@bp.route("/<int:collaboration_id>")
@allowed(*EVERYONE)
def detail(collaboration_id: int):
    found = _collaboration(collaboration_id)
    session = get_session()
    return render_template(
        "collaborations/detail.html",
        collaboration=found,
        meeting=get_row(session, Meeting, found.meeting_id),
        example=get_row(session, PracticeExample, found.practice_example_id),
        may_edit=services.may_edit(found, current_user),
    )


@bp.route("/<int:collaboration_id>/edit", methods=["GET", "POST"])
@allowed(Role.MEMBER, Role.ORGANISER)
def edit(collaboration_id: int):
    found = _collaboration(collaboration_id)
    if not services.may_edit(found, current_user):
        abort(403)
    form = CollaborationForm(obj=found if request.method == "GET" else None)
    _choices(form, found)
    if request.method == "GET":
        form.status.data = found.status.value
        form.meeting.data = found.meeting_id or 0
        form.practice_example.data = found.practice_example_id or 0
        while len(form.participants) <= min(len(found.participants), MAX_SIDES - 1):
            form.participants.append_entry()  # every side, and one empty row to add another
        for entry, side in zip(form.participants, found.participants, strict=False):
            entry.form.kind.data = "member" if side.member_id else "organisation"
            entry.form.who.data = _side_text(side)
            entry.form.rating.data = str(side.value_rating or "")
    if form.validate_on_submit() and (done := _save(form, found)):
        return done
    return _page(form, found)
