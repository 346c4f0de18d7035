"""The graph tables' stored rows and orders: every page of every order, filtered or not, is
what sorting the whole list gives, on both databases."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from sqlalchemy import func, select

from arena.auth.models import Role
from arena.graph import analysis, tables
from arena.graph import page as graph_page
from arena.graph.filters import GraphFilter
from arena.graph.models import GraphResult, GraphRow, GraphRowOrder
from arena.graph.services import View, refresh_stale_views, stored_part, stored_view
from arena.graph.transport import decompress, unpack

PER_PAGE = 3


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(tables, "ROWS_PER_PAGE", PER_PAGE)
    monkeypatch.setattr(graph_page, "TABLE_LIMIT", PER_PAGE)


@pytest.fixture
def computed(db, plant, small_pages):
    """Organisations tied and alone, names differing in case and accents, sectors missing,
    small wins with mechanisms."""
    names = ("quiet b", "Quiet A", "Quiet c", "quiet d", "Zeta", "ärger", "Beta", "alpha")
    orgs = [plant.org(n, sector="care" if "uiet" in n else "business", domain=n[0]) for n in names]
    plant.org("No sector", sector=None, domain=None)
    for a, b in ((0, 1), (1, 2), (2, 3), (4, 5), (6, 0)):
        plant.collaborate(date(2022, 1, 1 + a), orgs[a], orgs[b])
    plant.win("Pilot", date(2022, 3, 1), org=orgs[1], mechanisms=("oil-spot", "connection"))
    plant.win("Copy", date(2022, 4, 1), org=orgs[7], mechanisms=("connection",))
    plant.commit()
    refresh_stale_views(db)
    db.commit()
    return View("organisations")


def _stored_list(db, view: View, part: str) -> list[dict]:
    result_id = stored_view(db, view).result.id
    data = db.scalars(
        select(GraphRow.data)
        .where(GraphRow.result_id == result_id, GraphRow.part == part)
        .order_by(GraphRow.position)
    )
    return [json.loads(d) for d in data]


def _node_ids(html: str) -> list[str]:
    table = html.split('id="graph-table"')[1].split("</table>")[0]
    return re.findall(r'<tr data-node="([^"]+)"', table)


def test_the_rows_kept_apart_are_the_stored_table_and_every_unconnected_node(db, computed):
    whole = [
        {k: v for k, v in row.items() if k != "label_rank"}  # a sort key, not shown
        for row in unpack(decompress(stored_part(db, computed, "table").data))
    ]
    assert _stored_list(db, computed, "table") == whole and len(whole) == 7
    assert [r["label"] for r in _stored_list(db, computed, "alone")] == ["alpha", "No sector"]


@pytest.mark.parametrize("show", ["", "unconnected"])
def test_every_page_of_every_order_is_what_sorting_the_whole_list_gives(
    db, client, make_account, login, computed, show
):
    """Text case-blind, rows without a value last, equal values in stored order both ways;
    a page past the last shows the last."""
    rows = _stored_list(db, computed, "alone" if show else "table")
    login(make_account(role=Role.PROGRAMME_LEAD))
    pages = -(-len(rows) // PER_PAGE)
    for column in analysis.SORTABLE:
        for order in ("asc", "desc"):
            expected = [r["id"] for r in analysis.sorted_rows(rows, column, order == "desc")]
            for number in range(1, pages + 2):
                url = f"/graph/?show={show}&sort={column}&order={order}&page={number}"
                shown = _node_ids(client.get(url).get_data(as_text=True))
                start = (min(number, pages) - 1) * PER_PAGE
                assert shown == expected[start : start + PER_PAGE], url


@pytest.mark.parametrize(
    "rule",
    [
        GraphFilter(sector="business"),
        GraphFilter(domain="Q"),
        GraphFilter(mechanism="connection"),
        GraphFilter(sector="care", mechanism="oil-spot"),
        GraphFilter(edge_kind="collaboration"),
        GraphFilter(sector="nothing like it"),
    ],
)
def test_a_filter_keeps_the_rows_its_rule_keeps_in_every_order(db, computed, rule):
    result_id = stored_view(db, computed).result.id
    for part in ("table", "alone"):
        rows = _stored_list(db, computed, part)
        kept = [i for i, r in enumerate(rows) if rule.keeps_node(r)]
        for column in ("label", "degree", "sector"):
            for descending in (False, True):
                expected = [
                    r["id"]
                    for r in analysis.sorted_rows(rows, column, descending)
                    if rule.keeps_node(r)
                ]
                for page in (1, 2, 9):
                    shown = tables.read_page(db, result_id, part, column, descending, page, rule)
                    last = max(1, -(-len(kept) // PER_PAGE))
                    start = (min(page, last) - 1) * PER_PAGE
                    assert [r["id"] for r in shown.rows] == expected[start : start + PER_PAGE]
                    assert (shown.total, shown.keep, shown.page) == (
                        len(kept),
                        kept,
                        min(page, last),
                    )


def test_the_filtered_page_tells_the_map_which_nodes_it_keeps(
    db, client, make_account, login, computed
):
    rows = _stored_list(db, computed, "table")
    login(make_account(role=Role.PROGRAMME_LEAD))
    html = client.get("/graph/?sector=care&sort=label&order=asc&page=2").get_data(as_text=True)
    care = sorted((r for r in rows if r.get("sector") == "care"), key=_folded)
    assert _node_ids(html) == [r["id"] for r in care[3:6]] != []
    config = html.split('id="graph-config">')[1].split("</script>")[0]
    assert json.loads(config)["keep"] == [
        i for i, r in enumerate(rows) if r.get("sector") == "care"
    ]


def _folded(row: dict) -> str:
    return row["label"].lower()


def test_recomputing_replaces_the_rows_and_forgetting_a_view_removes_them(db, plant, computed):
    result_id = stored_view(db, computed).result.id

    def counts() -> tuple[int, int]:
        rows = select(func.count()).select_from(GraphRow).where(GraphRow.result_id == result_id)
        orders = (
            select(func.count())
            .select_from(GraphRowOrder)
            .where(GraphRowOrder.result_id == result_id)
        )
        return db.scalar(rows), db.scalar(orders)

    # 7 tied and 2 alone; every order (16) of each list in pages of 3: 3 and 1 pages
    assert counts() == (9, 16 * (3 + 1))
    plant.org("Newcomer")
    plant.commit()
    refresh_stale_views(db)
    db.commit()
    assert stored_view(db, computed).result.id == result_id
    assert counts() == (10, 16 * (3 + 1))
    db.delete(db.get(GraphResult, result_id))
    db.commit()
    assert counts() == (0, 0)


def test_an_empty_list_shows_no_rows_and_one_page(db, client, make_account, login, plant):
    plant.org("Alone")
    plant.commit()
    refresh_stale_views(db)
    db.commit()
    result_id = stored_view(db, View("organisations")).result.id
    shown = tables.read_page(db, result_id, "table", "label", False, 5, GraphFilter())
    assert (shown.rows, shown.total, shown.page) == ([], 0, 1)
    login(make_account(role=Role.PROGRAMME_LEAD))
    assert client.get("/graph/?page=5").status_code == 200


def test_a_result_stored_before_the_rows_shows_its_findings_without_a_table(
    db, client, make_account, login, computed
):
    """Version 7 kept no rows apart: the page shows the stale findings until recomputed."""
    result_id = stored_view(db, computed).result.id
    db.execute(GraphRow.__table__.delete())
    db.execute(GraphRowOrder.__table__.delete())
    db.commit()
    assert tables.read_page(db, result_id, "table", "label", False, 1, GraphFilter()) is None
    login(make_account(role=Role.PROGRAMME_LEAD))
    response = client.get("/graph/?sort=label&page=2")
    assert response.status_code == 200 and _node_ids(response.get_data(as_text=True)) == []
