"""The report as a page, a PDF and a spreadsheet: the same figures everywhere, staff only."""

from __future__ import annotations

import csv
import io
import re

import pytest
from pypdf import PdfReader

from arena.auth.models import Role

YEAR = "?start=2024-01-01&end=2024-12-31"


@pytest.fixture
def lead(make_account, login):
    return login(make_account(Role.PROGRAMME_LEAD))


def _page_figures(html: str) -> dict[str, str]:
    """Figure label -> the number shown (and linked) in its row."""
    row = r'<th scope="row">([^<]+)(?:<span[^>]*>[^<]*</span>)?\s*</th>\s*'
    rows = re.findall(row + r'<td class="num"><a href="([^"]+)">([^<]+)</a>', html)
    return {label.strip(): number for label, _href, number in rows}


def test_the_page_the_pdf_and_the_spreadsheet_show_the_same_figures(network, lead):
    page = lead.get(f"/reports/{YEAR}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    shown = _page_figures(html)
    assert shown["Sessions held"] == "3" and shown["Small wins"] == "4"
    assert "<svg" in html and "What this report does not know" in html

    pdf = lead.get(f"/reports/report.pdf{YEAR}")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    assert pdf.data.startswith(b"%PDF-")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.data)).pages)
    text = " ".join(text.split())
    for label in (
        "Sessions held",
        "Different people who came",
        "Small wins",
        "Across organisations",
    ):
        assert f"{label} {shown[label]}" in text, label

    sheet = lead.get(f"/reports/report.csv{YEAR}")
    rows = list(
        csv.reader(io.StringIO(sheet.get_data(as_text=True).lstrip("\ufeff")), delimiter=";")
    )
    values = {row[1]: row[2] for row in rows[1:]}
    for label in ("Sessions held", "Different people who came", "Small wins"):
        assert values[label] == shown[label]


def test_every_figure_links_to_its_records(network, lead):
    html = lead.get(f"/reports/{YEAR}").get_data(as_text=True)
    link = re.search(r'href="(/reports/records\?figure=newcomers[^"]*)"', html).group(1)
    records = lead.get(link.replace("&amp;", "&"))
    assert records.status_code == 200
    assert len(re.findall(r'href="/members/\d+"', records.get_data(as_text=True))) == 3


def test_a_period_that_ends_before_it_starts_gets_a_clear_message(network, lead):
    page = lead.get("/reports/?start=2024-12-31&end=2024-01-01")
    assert page.status_code == 400
    assert "The period ends before it starts." in page.get_data(as_text=True)
    assert lead.get("/reports/report.pdf?start=2024-12-31&end=2024-01-01").status_code == 400


@pytest.mark.parametrize("role", [Role.MEMBER])
def test_members_do_not_see_the_report(network, make_account, login, role):
    client = login(make_account(role))
    assert client.get(f"/reports/{YEAR}").status_code == 403
    assert client.get(f"/reports/report.pdf{YEAR}").status_code == 403
