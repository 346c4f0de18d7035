"""CSV in and out: upload, preview, confirm and watch an import; export members and segments."""

from __future__ import annotations

from datetime import timedelta

from flask import (
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

from arena.auth.access import allowed
from arena.auth.models import Role
from arena.db import get_or_404, get_session, utcnow
from arena.errors import handle_http_error
from arena.members import import_batches, import_worker
from arena.members.csvfile import MAX_IMPORT_BYTES, CsvRefused
from arena.members.exporting import export_members_csv, export_organisations_csv
from arena.members.filters import clean_filters
from arena.members.forms import ImportForm
from arena.members.import_models import ImportBatch
from arena.members.listing import ORGANISATION_FILTERS
from arena.members.models import Segment
from arena.members.responses import csv_download
from arena.query import query_filters


def _reader() -> str:
    """The language of the page the export was asked from: Dutch readers get Dutch headers."""
    return str(get_locale())


def _too_large_message() -> str:
    return _(
        "The file is too large; the limit is %(limit)s MB. Split it into smaller files.",
        limit=MAX_IMPORT_BYTES // (1024 * 1024),
    )


def too_large(error):
    """A file over the server's upload limit never reaches the view (nor the CSRF check);
    the import page says what the limit is, any other page answers as usual."""
    if request.endpoint != "members.import_upload":
        return handle_http_error(error)
    form = ImportForm(formdata=None)
    form.file.errors = [_too_large_message()]
    return render_template("members/import_upload.html", form=form), 413


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
            return redirect(url_for("members.import_batch", batch_id=batch.id))
    status = 400 if request.method == "POST" else 200
    return render_template("members/import_upload.html", form=form), status


def _batch(batch_id: int) -> ImportBatch:
    return get_or_404(ImportBatch, batch_id)


def _stale_after() -> timedelta:
    minutes = current_app.config.get("MEMBER_IMPORT_STALE_MINUTES")
    return timedelta(minutes=minutes) if minutes is not None else import_batches.STALE_AFTER


@allowed(Role.ORGANISER)
def batch(batch_id: int):
    """The preview before confirming, the progress while importing, the outcome after."""
    batch = _batch(batch_id)
    stale_after = _stale_after()
    return render_template(
        "members/import_batch.html",
        batch=batch,
        state=import_batches.batch_state(batch, stale_after=stale_after),
        stale_minutes=int(stale_after.total_seconds() // 60),
    )


def _start(batch: ImportBatch, run: str) -> None:
    """Hand the batch to the import worker, which owns its own session and commits."""
    state = import_worker.start_import(
        current_app._get_current_object(), batch.id, run, str(get_locale()), batch.total_rows
    )
    messages = {
        "done": (_("Imported %(n)s rows.", n=batch.total_rows), "success"),
        "importing": (_("The import has started; this page shows its progress."), "info"),
        "stopped": (_("The import stopped half-way; see below how to finish it."), "error"),
    }
    flash(*messages.get(state, (_("The import was refused; nothing was written."), "error")))


def _begin(batch_id: int, begin):
    """Start the import ``begin`` prepares (confirm or resume), or say why it cannot."""
    session = get_session()
    batch = _batch(batch_id)
    try:
        run = begin(session, batch)
    except import_batches.BatchError as exc:
        flash(str(exc), "error")
    else:
        session.commit()
        _start(batch, run)
    return redirect(url_for("members.import_batch", batch_id=batch_id))


@allowed(Role.ORGANISER)
def confirm(batch_id: int):
    """Import what was previewed: small files at once, big ones in the background."""
    return _begin(batch_id, import_batches.confirm_batch)


@allowed(Role.ORGANISER)
def resume(batch_id: int):
    """Run a stopped import again; rows already imported are matched by email, not doubled."""
    return _begin(
        batch_id,
        lambda session, batch: import_batches.resume_batch(
            session, batch, stale_after=_stale_after()
        ),
    )


@allowed(Role.ORGANISER)
def discard(batch_id: int):
    """Give up on a stopped import; what it wrote before stopping stays."""
    session = get_session()
    batch = _batch(batch_id)
    try:
        written = import_batches.discard_batch(session, batch, stale_after=_stale_after())
    except import_batches.BatchError as exc:
        flash(str(exc), "error")
    else:
        session.commit()
        flash(_("Import discarded; %(n)s rows imported before it stopped stay.", n=written), "info")
    return redirect(url_for("members.import_batch", batch_id=batch_id))


@allowed(Role.ORGANISER)
def progress(batch_id: int):
    """For the progress bar: how far the import is, and whether it is still moving."""
    batch = _batch(batch_id)
    return jsonify(
        status=str(batch.status),
        state=import_batches.batch_state(batch, stale_after=_stale_after()),
        processed_rows=batch.processed_rows,
        total_rows=batch.total_rows,
    )


def _delimiter() -> str:
    return "," if request.args.get("separator") == "comma" else ";"


@allowed(Role.ORGANISER)
def export_members():
    """The members the list's filters match, with the columns the import reads."""
    text = export_members_csv(
        get_session(), clean_filters(request.args), _delimiter(), language=_reader()
    )
    return csv_download(text, f"members-{utcnow().date().isoformat()}.csv")


@allowed(Role.ORGANISER)
def export_organisations():
    filters = query_filters(request.args, ORGANISATION_FILTERS)
    text = export_organisations_csv(get_session(), filters, _delimiter(), language=_reader())
    return csv_download(text, f"organisations-{utcnow().date().isoformat()}.csv")


@allowed(Role.ORGANISER)
def export_segment(segment_id: int):
    segment = get_or_404(Segment, segment_id)
    text = export_members_csv(
        get_session(), segment.filters or {}, _delimiter(), language=_reader()
    )
    return csv_download(text, f"segment-{segment.id}-{utcnow().date().isoformat()}.csv")
