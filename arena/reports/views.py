"""The report of what emerged: page, PDF, spreadsheet, and the records behind every figure."""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from arena.arenas.models import ArenaSeries
from arena.auth.access import STAFF, allowed
from arena.db import get_session, utcnow
from arena.members.responses import csv_download
from arena.query import page_number
from arena.reports.exports import render_pdf, report_csv
from arena.reports.figures import FIGURES, UNKNOWN
from arena.reports.network import compute_network_growth
from arena.reports.period import PeriodError, last_calendar_year, parse_period
from arena.reports.records import PAGE_SIZE, records_behind
from arena.reports.store import current_report

bp = Blueprint("reports", __name__, url_prefix="/reports")


def _series_choices():
    return (
        get_session()
        .execute(select(ArenaSeries.id, ArenaSeries.name).order_by(ArenaSeries.name))
        .all()
    )


def _report_or_problem(template: str):
    """The report of the asked period, or the page with the reason it cannot be made (400)."""
    now = utcnow()
    try:
        period = parse_period(request.args, now.date())
    except PeriodError as problem:
        default = last_calendar_year(now.date())
        page = render_template(
            template, report=None, problem=str(problem), period=default, series=_series_choices()
        )
        return None, (page, 400)
    session = get_session()
    if period.series_id is not None and session.get(ArenaSeries, period.series_id) is None:
        abort(404)
    report = current_report(session, period, now)
    session.commit()  # a report counted now is stored for the next reader
    return report, None


@bp.route("/")
@allowed(*STAFF)
def index():
    """The report of a period (by default the last calendar year), with links to every record."""
    report, problem = _report_or_problem("reports/report.html")
    if problem:
        return problem
    return render_template(
        "reports/report.html", report=report, period=report.period, series=_series_choices(),
        series_name=_series_name(report.period.series_id), problem=None,
    )  # fmt: skip


def _series_name(series_id: int | None) -> str | None:
    series = get_session().get(ArenaSeries, series_id) if series_id else None
    return series.name if series else None


def _file_name(report, extension: str) -> str:
    period = report.period
    scope = f"-series-{period.series_id}" if period.series_id else ""
    return f"report-{period.start.isoformat()}-{period.end.isoformat()}{scope}.{extension}"


@bp.route("/report.pdf")
@allowed(*STAFF)
def pdf():
    report, problem = _report_or_problem("reports/report.html")
    if problem:
        return problem
    html = render_template(
        "reports/print.html", report=report, series_name=_series_name(report.period.series_id)
    )
    return Response(
        render_pdf(html),
        mimetype="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{_file_name(report, "pdf")}"'},
    )


@bp.route("/report.csv")
@allowed(*STAFF)
def spreadsheet():
    """Every table of the report in one file a spreadsheet (or Word) opens."""
    report, problem = _report_or_problem("reports/report.html")
    if problem:
        return problem
    delimiter = "," if request.args.get("separator") == "comma" else ";"
    return csv_download(report_csv(report, delimiter), _file_name(report, "csv"))


@bp.route("/records")
@allowed(*STAFF)
def records():
    """The records behind one figure (or one group of it) of the report."""
    key = request.args.get("figure", "")
    figure = FIGURES.get(key)
    if figure is None:
        abort(404)
    group = request.args.get("group")
    if group is not None and not figure.grouped:
        abort(404)
    try:
        period = parse_period(request.args, utcnow().date())
    except PeriodError as problem:
        flash(str(problem), "error")
        return redirect(url_for("reports.index"))
    page = page_number(request.args, PAGE_SIZE)
    rows = records_behind(get_session(), period, key, group, page)
    return render_template(
        "reports/records.html", figure=figure, group=group, unknown=UNKNOWN, period=period,
        rows=rows, page=page, page_size=PAGE_SIZE, series_name=_series_name(period.series_id),
    )  # fmt: skip


@bp.route("/network", methods=["POST"])
@allowed(*STAFF)
def network():
    """Compute the graph views the growth figures come from, instead of waiting for the job."""
    try:
        period = parse_period(request.form, utcnow().date())
    except PeriodError as problem:
        flash(str(problem), "error")
        return redirect(url_for("reports.index"))
    session = get_session()
    compute_network_growth(session, period, utcnow())
    session.commit()
    flash(_("The network figures have been computed from the current data."), "success")
    return redirect(url_for("reports.index", **period.query()))
