"""Series pages: the list, the standard form, the page members follow."""

from __future__ import annotations

from flask import (
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    send_file,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from arena.arenas import following, header_image, services, standard_texts
from arena.arenas.forms import SeriesForm
from arena.arenas.models import ArenaSeries
from arena.arenas.render import PLACEHOLDERS
from arena.auth.access import EVERYONE, allowed
from arena.auth.models import Role
from arena.db import get_or_404, get_session, utcnow

SERIES_FIELDS = (
    "name", "theme", "description", "rhythm", "header_text", "presenter_instructions",
    "default_location", "default_programme", "invitation_subject", "invitation_body",
    "invitation_subject_en", "invitation_body_en",
    "reminder_days_before", "reminder_to", "reminder_subject", "reminder_body",
    "reminder_subject_en", "reminder_body_en", "practical_note_body", "practical_note_body_en",
)  # fmt: skip


def _series(series_id: int) -> ArenaSeries:
    return get_or_404(ArenaSeries, series_id)


def _organiser_choices(form: SeriesForm) -> None:
    accounts = services.organiser_accounts(get_session())
    form.organisers.choices = [SelectChoice(a.id, a.email) for a in accounts]


def _image_limit() -> str:
    kb = current_app.config.get("HEADER_IMAGE_MAX_BYTES", header_image.DEFAULT_MAX_BYTES) // 1024
    return f"{kb / 1024:g} MB" if kb >= 1024 else f"{kb} KB"


@allowed(*EVERYONE)
def index():
    """Every series with its next session."""
    return render_template(
        "arenas/index.html", rows=following.list_series(get_session(), now=utcnow())
    )


def _save(series: ArenaSeries | None, form: SeriesForm):
    session = get_session()
    values = {name: getattr(form, name).data for name in SERIES_FIELDS}
    values["name"] = values["name"].strip()
    image = services.HeaderImageChange(
        current_app.instance_path,
        image=getattr(form.header_image, "image", None),
        remove=form.remove_header_image.data,
    )
    try:
        saved = services.save_series(session, series, values, form.organisers.data or [], image)
    except services.SeriesError as exc:
        session.rollback()
        flash(str(exc), "error")
        return None, exc.problems
    session.commit()
    header_image.discard(current_app.instance_path, image.replaced)
    flash(_("The series is saved."), "success")
    return saved, []


def _form_page(series: ArenaSeries | None, form: SeriesForm):
    _organiser_choices(form)
    problems = []
    if form.validate_on_submit():
        saved, problems = _save(series, form)
        if saved is not None:
            return redirect(url_for("arenas.show", series_id=saved.id))
    return render_template(
        "arenas/series_form.html", form=form, series=series, problems=problems,
        placeholders=PLACEHOLDERS, image_limit=_image_limit(),
    )  # fmt: skip


@allowed(Role.ORGANISER)
def create():
    """A new series with its standard form."""
    form = SeriesForm()
    if not form.is_submitted():
        form.organisers.data = [current_user.id]
        # a new series starts with the Dutch standard texts (and an English invitation)
        for name, text in standard_texts.NEW_SERIES.items():
            getattr(form, name).data = text
    return _form_page(None, form)


@allowed(Role.ORGANISER)
def edit(series_id: int):
    """Change the series and its standard invitation."""
    series = _series(series_id)
    form = SeriesForm(obj=series)
    if not form.is_submitted():
        form.organisers.data = services.organiser_ids(get_session(), series)
    return _form_page(series, form)


@allowed(*EVERYONE)
def show(series_id: int):
    """The series page: upcoming and past sessions with programme and practice examples."""
    series = _series(series_id)
    overview = following.series_overview(
        get_session(), series, now=utcnow(), member_id=current_user.member_id
    )
    return render_template("arenas/series.html", overview=overview, series=series)


@allowed(*EVERYONE)
def header_image_file(series_id: int):
    """The series' header image, for signed-in users only (it may show people or places)."""
    series = _series(series_id)
    path = header_image.locate(current_app.instance_path, series.header_image_path)
    if path is None:
        abort(404)
    return send_file(path, mimetype=header_image.mimetype(path), max_age=3600)


@allowed(Role.MEMBER)
def follow(series_id: int):
    """Follow the series, to be invited to every new session."""
    series = _series(series_id)
    if current_user.member_id is None:
        abort(403)
    if following.follow_series(get_session(), series, current_user.member_id, now=utcnow()):
        get_session().commit()
    flash(
        _("You follow %(name)s and will be invited to its sessions.", name=series.name), "success"
    )
    return redirect(url_for("arenas.show", series_id=series.id))


@allowed(Role.MEMBER)
def leave(series_id: int):
    """Stop following the series."""
    series = _series(series_id)
    if current_user.member_id is not None and following.leave_series(
        get_session(), series, current_user.member_id
    ):
        get_session().commit()
    flash(_("You no longer follow %(name)s.", name=series.name), "success")
    return redirect(url_for("arenas.show", series_id=series.id))
