"""Graph CSV downloads never hand a spreadsheet a formula to run, from the page or the CLI."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date

import pytest

from arena.auth.models import Role
from arena.graph.exports import read_csv_zip

FORMULA = '=HYPERLINK("http://evil.example","click")'


def _cells(archive_bytes: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(archive_bytes)) as archive:
        cells = []
        for name in ("nodes.csv", "edges.csv"):
            text = archive.read(name).decode("utf-8-sig")
            cells += [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    return cells


@pytest.fixture
def formula_network(plant):
    evil = plant.org(FORMULA, sector="+care", domain="@Wmo")
    other = plant.org("Plain partner", sector="care")
    person = plant.member(evil, name="-2+3 Jansen", themes=["=1+1"])
    colleague = plant.member(other, name="Colleague")
    plant.collaborate(date(2022, 1, 1), person, colleague)
    plant.collaborate(date(2022, 1, 1), evil, other)
    plant.win(FORMULA, date(2022, 2, 1), org=evil, author=person, mechanisms=("connection",))
    plant.commit()


@pytest.mark.parametrize("kind", ["organisations", "people", "wins"])
def test_the_page_download_neutralises_formulas(client, make_account, login, formula_network, kind):
    login(make_account(role=Role.PROGRAMME_LEAD))
    response = client.get(f"/graph/{kind}/export?format=csv")
    assert response.status_code == 200
    cells = _cells(response.data)
    assert "'" + FORMULA in cells
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "@") or cell.startswith("-2")]
    back = read_csv_zip(response.data, directed=kind == "wins")
    assert FORMULA in {value for _n, data in back.nodes(data=True) for value in data.values()}


def test_the_cli_download_neutralises_formulas_and_numbers_stay_numbers(
    app, formula_network, tmp_path
):
    target = tmp_path / "people.zip"
    result = app.test_cli_runner().invoke(
        args=["graph", "export", "--kind", "people", "--format", "csv", "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    cells = _cells(target.read_bytes())
    assert "'-2+3 Jansen" in cells and "'=1+1" in cells
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "@")]
    assert "1" in cells  # a degree is written as a plain number, not as text


@pytest.mark.parametrize("kind", ["organisations", "wins"])
def test_the_cli_download_of_every_kind_neutralises_formulas(app, formula_network, tmp_path, kind):
    target = tmp_path / f"{kind}.zip"
    result = app.test_cli_runner().invoke(
        args=["graph", "export", "--kind", kind, "--format", "csv", "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    cells = _cells(target.read_bytes())
    assert "'" + FORMULA in cells
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "@")]
