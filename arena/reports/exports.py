"""The report as a PDF (WeasyPrint, charts as SVG) and its tables as one spreadsheet file.

WeasyPrint renders our own print template with a stylesheet read from ``static/``; it runs no
JavaScript and fetches nothing from the network (the fetcher refuses every URL).
"""

from __future__ import annotations

from flask_babel import gettext as _

from arena.config import DATA_ROOT
from arena.members.csvfile import write_rows
from arena.reports.report import Report

PRINT_CSS = DATA_ROOT / "static" / "css" / "report-print.css"


def _no_fetching(url: str, *args, **kwargs):
    raise ValueError(f"the report fetches nothing: {url}")


def render_pdf(html: str) -> bytes:
    # imported here: WeasyPrint (with its font tools) was a second of CPU at every start of
    # the app, every `arena` command and every worker included, for the few PDFs asked for
    from weasyprint import CSS, HTML

    document = HTML(string=html, url_fetcher=_no_fetching)
    return document.write_pdf(stylesheets=[CSS(filename=str(PRINT_CSS))])


def report_rows(report: Report) -> list[list]:
    """Every table of the report as rows: section, figure, value, previous period, change."""
    rows = []
    for section in report.sections:
        for line in section.lines:
            rows.append(
                [
                    str(section.title),
                    str(line.label),
                    line.value,
                    "" if line.previous is None else line.previous,
                    "" if line.change is None else line.change,
                ]
            )
    growth = report.growth
    if growth.is_known:
        title = _("The collaboration graph")
        rows.append([title, _("New ties between organisations"), growth.new_ties, "", ""])
        rows.append([title, _("New organisations in the graph"), growth.new_organisations, "", ""])
    for line in report.unknowns:
        rows.append([_("What the report does not know"), str(line.label), line.value, "", ""])
    return rows


def report_csv(report: Report, delimiter: str = ";") -> str:
    columns = [_("Section"), _("Figure"), _("Number"), _("Previous period"), _("Change")]
    return write_rows(report_rows(report), columns, delimiter)
