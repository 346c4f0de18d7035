"""Change stories: members tell them; organisers select the most significant per period."""

from __future__ import annotations

import re

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from arena.arenas.models import ArenaSeries
from arena.auth.access import EVERYONE, STAFF, allowed
from arena.auth.models import Role
from arena.db import MAX_DATABASE_ID, get_or_404, get_session, utcnow
from arena.forms import as_choices, save_form
from arena.stories import services
from arena.stories.forms import SelectionForm, StoryForm
from arena.stories.models import ChangeStory, StorySelection

bp = Blueprint("stories", __name__, url_prefix="/stories")


def _numbers(text: str | None, field: str) -> list[int]:
    numbers = []
    for part in re.split(r"[,;\s]+", text or ""):
        part = part.strip().lstrip("#")
        if not part:
            continue
        if not part.isdigit() or not 0 < int(part) <= MAX_DATABASE_ID:
            raise services.StoryError(field, _("“%(part)s” is not a number.", part=part))
        numbers.append(int(part))
    return numbers


def _readable(story: ChangeStory) -> bool:
    """Staff read every story; a member their own and those selected as most significant."""
    if current_user.role in STAFF:
        return True
    return story.teller_id == current_user.member_id or bool(story.selections)


@bp.route("/")
@allowed(*EVERYONE)
def index():
    session = get_session()
    query = (
        select(ChangeStory)
        .options(selectinload(ChangeStory.selections), selectinload(ChangeStory.teller))
        .order_by(ChangeStory.told_on.desc(), ChangeStory.id.desc())
        .limit(300)
    )
    if current_user.role not in STAFF:
        selected = select(StorySelection.story_id)
        query = query.where(
            (ChangeStory.teller_id == current_user.member_id) | ChangeStory.id.in_(selected)
        )
    return render_template("stories/index.html", stories=session.scalars(query).all())


@bp.route("/new", methods=["GET", "POST"])
@allowed(Role.MEMBER, Role.ORGANISER)
def new():
    """A member tells a story from their practice (an organiser with a member profile too)."""
    if current_user.member_id is None:
        flash(_("Only someone with a member profile can tell a change story."), "error")
        return redirect(url_for("stories.index"))
    session = get_session()
    form = StoryForm()
    series = session.execute(select(ArenaSeries.id, ArenaSeries.name).order_by(ArenaSeries.name))
    form.series.choices = as_choices([("", _("None"))] + [(str(i), n) for i, n in series])
    if not form.validate_on_submit():
        return render_template(
            "stories/form.html", form=form
        ), 400 if request.method == "POST" else 200

    def tell(session):
        data = services.StoryInput(
            title=form.title.data, what_changed=form.what_changed.data,
            why_it_matters=form.why_it_matters.data, for_whom=form.for_whom.data,
            mechanism=form.mechanism.data or None, theme=form.theme.data,
            series_id=int(form.series.data) if (form.series.data or "").isdigit() else None,
            small_win_ids=_numbers(form.small_wins.data, "small_wins"),
            meeting_ids=_numbers(form.meetings.data, "meetings"),
        )  # fmt: skip
        return services.tell_story(session, current_user.member_id, data, utcnow().date())

    story = save_form(form, tell, services.StoryError)
    if story is None:
        return render_template("stories/form.html", form=form), 400
    flash(_("Thank you for your story."), "success")
    return redirect(url_for("stories.show", story_id=story.id))


@bp.route("/<int:story_id>")
@allowed(*EVERYONE)
def show(story_id: int):
    story = get_or_404(ChangeStory, story_id)
    if not _readable(story):
        abort(404)
    form = SelectionForm(
        start=story.told_on.replace(month=1, day=1), end=story.told_on.replace(month=12, day=31)
    )
    return render_template("stories/show.html", story=story, form=form)


@bp.route("/<int:story_id>/select", methods=["POST"])
@allowed(Role.ORGANISER)
def choose(story_id: int):
    story = get_or_404(ChangeStory, story_id)
    form = SelectionForm()
    if form.validate_on_submit():
        chosen = save_form(
            form,
            lambda session: services.select_story(
                session,
                story,
                start=form.start.data,
                end=form.end.data,
                reason=form.reason.data,
                panel=form.panel.data,
                account_id=current_user.id,
                now=utcnow(),
            ),  # fmt: skip
            services.StoryError,
            whole_form=("period",),
        )
        if chosen is not None:
            flash(_("The story is selected, with your reason."), "success")
            return redirect(url_for("stories.show", story_id=story.id))
    return render_template("stories/show.html", story=story, form=form), 400
