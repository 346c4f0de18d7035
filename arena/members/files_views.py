"""CSV in and out: upload, preview, confirm and watch an import; export members and segments."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.exceptions import RequestEntityTooLarge

from arena.auth.access import allowed
from arena.auth.models import Role
from arena.db import get_session, utcnow
from arena.members import import_batches
from arena.members.csvfile import MAX_IMPORT_BYTES, CsvRefused
from arena.members.exporting import export_members_csv, export_organisations_csv
from arena.members.filters import clean_filters
from arena.members.forms import ImportForm
from arena.members.models import ImportBatch, ImportStatus, Segment
from arena.members.responses import csv_download

bp = Blueprint("member_files", __name__, url_prefix="/network")


def _too_large_message() -> str:
    return _(
        "The file is too large; the limit is %(limit)s MB. Split it into smaller files.",
        limit=MAX_IMPORT_BYTES // (1024 * 1024),
    )


@bp.errorhandler(RequestEntityTooLarge)
def too_large(_error):
    """A file over the server's upload limit never reaches the view (nor the CSRF check)."""
    form = ImportForm(formdata=None)
    form.file.errors = [_too_large_message()]
    return render_template("members/import_upload.html", form=form), 413


@bp.route("/import", methods=["GET", "POST"])
@allowed(Role.ORGANISER)
def upload():
    """Upload a CSV; nothing is written until the preview is confirmed."""
    form = ImportForm()
    if form.validate_on_submit():
        upload = form.file.data
        data = upload.read(MAX_IMPORT_BYTES + 1)
        session = get_session()
        try:
            batch = import_batches.preview_upload(
                session, upload.filename or "upload.csv", data, current_user.id
            )
        except CsvRefused as exc:
            form.file.errors.append(str(exc))
        else:
            session.commit()
            return redirect(url_for("member_files.batch", batch_id=batch.id))
    status = 400 if request.method == "POST" else 200
    return render_template("members/import_upload.html", form=form), status


def _batch(batch_id: int) -> ImportBatch:
    batch = get_session().get(ImportBatch, batch_id)
    if batch is None:
        abort(404)
    return batch


@bp.route("/import/<int:batch_id>")
@allowed(Role.ORGANISER)
def batch(batch_id: int):
    """The preview before confirming, the progress while importing, the outcome after."""
    return render_template("members/import_batch.html", batch=_batch(batch_id))


@bp.route("/import/<int:batch_id>/confirm", methods=["POST"])
@allowed(Role.ORGANISER)
def confirm(batch_id: int):
    """Import what was previewed: small files at once, big ones in the background."""
    session = get_session()
    batch = _batch(batch_id)
    try:
        import_batches.confirm_batch(batch)
    except CsvRefused as exc:
        flash(str(exc), "error")
        return redirect(url_for("member_files.batch", batch_id=batch.id))
    session.commit()
    limit = current_app.config.get("MEMBER_IMPORT_SYNC_ROWS", import_batches.SYNC_ROWS)
    if batch.total_rows <= limit:
        import_batches.run_batch(session, batch)
        _flash_outcome(session.get(ImportBatch, batch.id))
    else:
        import_batches.run_in_background(
            current_app._get_current_object(), batch.id, str(get_locale())
        )
        flash(_("The import has started; this page shows its progress."), "info")
    return redirect(url_for("member_files.batch", batch_id=batch.id))


def _flash_outcome(batch: ImportBatch) -> None:
    if batch.status == ImportStatus.DONE:
        flash(_("Imported %(n)s rows.", n=batch.total_rows), "success")
    else:
        flash(_("The import was refused; nothing was written."), "error")


@bp.route("/import/<int:batch_id>/progress.json")
@allowed(Role.ORGANISER)
def progress(batch_id: int):
    """For the progress bar: how far the import is."""
    batch = _batch(batch_id)
    return jsonify(
        status=str(batch.status),
        processed_rows=batch.processed_rows,
        total_rows=batch.total_rows,
    )


def _delimiter() -> str:
    return "," if request.args.get("separator") == "comma" else ";"


@bp.route("/export/members.csv")
@allowed(Role.ORGANISER)
def export_members():
    """The members the list's filters match, with the columns the import reads."""
    text = export_members_csv(get_session(), clean_filters(request.args), _delimiter())
    return csv_download(text, f"members-{utcnow().date().isoformat()}.csv")


@bp.route("/export/organisations.csv")
@allowed(Role.ORGANISER)
def export_organisations():
    text = export_organisations_csv(get_session(), request.args, _delimiter())
    return csv_download(text, f"organisations-{utcnow().date().isoformat()}.csv")


@bp.route("/export/segments/<int:segment_id>.csv")
@allowed(Role.ORGANISER)
def export_segment(segment_id: int):
    segment = get_session().get(Segment, segment_id)
    if segment is None:
        abort(404)
    text = export_members_csv(get_session(), segment.filters or {}, _delimiter())
    return csv_download(text, f"segment-{segment.id}-{utcnow().date().isoformat()}.csv")
