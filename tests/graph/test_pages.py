"""The graph pages for programme leads: stored results, freshness, filters, downloads."""

from __future__ import annotations

import io
import re
from datetime import date

import networkx as nx

from arena.auth.models import Role
from arena.graph import page as graph_page
from arena.graph import tables
from arena.graph.build import org_node
from arena.graph.services import View, refresh_stale_views, stored_view


def test_a_missing_result_offers_to_compute_it_and_then_shows_the_broker(
    client, make_account, login, broker_network
):
    login(make_account(role=Role.PROGRAMME_LEAD))
    page = client.get("/graph/").get_data(as_text=True)
    assert "This view has not been computed yet." in page
    response = client.post("/graph/organisations/recompute", data={})
    assert response.status_code == 302
    page = client.get("/graph/?sort=betweenness").get_data(as_text=True)
    assert re.search(r"When the data was last checked, at \d\d:\d\d:\d\d, it had not changed", page)
    table = page[page.index('id="graph-table"') :]
    first_row = table[table.index("<tbody>") : table.index("</tr>", table.index("<tbody>"))]
    assert "Broker Foundation" in first_row
    assert 'data-url="/graph/organisations/map"' in page
    response = client.get("/graph/organisations/map", headers={"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip" and response.headers["ETag"]
    again = client.get(
        "/graph/organisations/map", headers={"If-None-Match": response.headers["ETag"]}
    )
    assert again.status_code == 304


def test_the_page_says_when_data_changed_since_the_result(db, client, make_account, login, plant):
    a, b = plant.org("One"), plant.org("Two")
    plant.collaborate(date(2022, 1, 1), a, b)
    plant.commit()
    refresh_stale_views(db)
    db.commit()
    plant.collaborate(date(2022, 2, 1), a, plant.org("Three"))
    plant.commit()
    login(make_account(role=Role.ORGANISER))
    page = client.get("/graph/").get_data(as_text=True)
    assert "it had changed since; the scheduler recomputes it" in page
    assert "Recompute now" in page


def test_filtering_to_one_sector_narrows_the_drawing_and_says_so(
    db, client, make_account, login, broker_network
):
    refresh_stale_views(db)
    db.commit()
    login(make_account(role=Role.PROGRAMME_LEAD))
    page = client.get("/graph/?sector=business").get_data(as_text=True)
    assert 'data-note="filtered"' in page
    table = page.split('id="graph-table"')[1].split("</table>")[0]
    assert "Work 3" in table and "Care 3" not in table


def test_the_usual_page_shows_the_rows_sorting_the_whole_table_gives(
    db, client, make_account, login, broker_network, monkeypatch
):
    """The unfiltered page reads only the stored rows of its page (in the default order); a
    comparison of two dates reads the whole table too. Both show the same."""
    monkeypatch.setattr(tables, "ROWS_PER_PAGE", 4)
    monkeypatch.setattr(graph_page, "TABLE_LIMIT", 4)
    refresh_stale_views(db)
    db.commit()
    login(make_account(role=Role.PROGRAMME_LEAD))

    def table(url: str) -> str:
        return (
            client.get(url).get_data(as_text=True).split('id="graph-table"')[1].split("</table>")[0]
        )

    usual = table("/graph/")
    assert usual == table("/graph/?changed_from=2000-01-01")
    assert usual.count("<tr data-node") == 4 and "The first 4 of 13" in usual
    assert "Broker Foundation" in usual.split("</tr>")[1]


def test_bad_filter_values_get_a_message_not_an_error(client, make_account, login):
    login(make_account(role=Role.PROGRAMME_LEAD))
    response = client.get("/graph/people?as_of=yesterday&series=abc")
    assert response.status_code == 200
    assert "A date was not understood" in response.get_data(as_text=True)
    assert client.get("/graph/nonsense").status_code == 404


def test_downloads_hold_the_graph_with_metrics(client, make_account, login, broker_network):
    login(make_account(role=Role.PROGRAMME_LEAD))
    response = client.get("/graph/organisations/export?format=gexf")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    graph = nx.read_gexf(io.BytesIO(response.data))
    broker = org_node(broker_network["broker"].id)
    assert max(graph, key=lambda n: graph.nodes[n]["betweenness"]) == broker
    assert client.get("/graph/organisations/export?format=pdf").status_code == 404


def test_vis_network_is_served_by_the_app_from_pyvis(client, make_account, login):
    login(make_account(role=Role.ORGANISER))
    response = client.get("/graph/assets/vis-network.min.js")
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    assert b"vis" in response.data[:2000]
    assert client.get("/graph/assets/other.js").status_code == 404


def test_the_job_recomputes_only_after_data_changed(db, plant):
    a, b = plant.org("One"), plant.org("Two")
    plant.collaborate(date(2022, 1, 1), a, b)
    plant.commit()
    assert refresh_stale_views(db) == ["organisations:all", "people:all", "wins:all"]
    db.commit()
    assert refresh_stale_views(db) == []
    plant.win("A win", date(2022, 3, 1), org=a, mechanisms=("connection",))
    plant.commit()
    assert refresh_stale_views(db) == ["organisations:all", "people:all", "wins:all"]
    db.commit()
    assert stored_view(db, View("wins")).is_fresh


def test_mechanism_overview_counts_wins_and_chain_spread(db, client, make_account, login, plant):
    a = plant.org("Alpha", sector="care", domain="Wmo")
    b = plant.org("Beta", sector="business", domain="work and income")
    first = plant.win("Pilot", date(2021, 2, 1), org=a, mechanisms=("oil-spot",))
    plant.win("Copy", date(2021, 5, 1), org=b, mechanisms=("connection",), inspired_by=[first])
    plant.commit()
    refresh_stale_views(db)
    db.commit()
    data = stored_view(db, View("wins")).result.data["mechanisms"]
    assert data["per_series"] == [
        {"series": "", "year": "2021", "counts": {"total": 2, "oil-spot": 1, "connection": 1}}
    ]
    chain = data["spread"]["oil-spot"][0]
    assert (chain["wins"], chain["organisations"], chain["sectors"], chain["policy_domains"]) == (
        2, 2, 2, 2,
    )  # fmt: skip
    login(make_account(role=Role.PROGRAMME_LEAD))
    page = client.get("/graph/mechanisms").get_data(as_text=True)
    assert "How far Oil spot chains spread" in page and "Pilot" in page


def test_cli_exports_a_graph_as_of_a_date(app, db, plant, tmp_path):
    a, b, c = plant.org("One"), plant.org("Two"), plant.org("Three", created=date(2023, 1, 1))
    plant.collaborate(date(2022, 1, 1), a, b)
    plant.collaborate(date(2023, 6, 1), b, c)
    plant.commit()
    target = tmp_path / "graph.graphml"
    result = app.test_cli_runner().invoke(
        args=["graph", "export", "--kind", "organisations", "--format", "graphml",
              "--as-of", "2022-12-31", "-o", str(target)]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    graph = nx.read_graphml(target)
    assert set(graph) == {org_node(a.id), org_node(b.id)}
    bad = app.test_cli_runner().invoke(
        args=["graph", "export", "--kind", "people", "--format", "json", "--as-of", "soon",
              "-o", str(target)]
    )  # fmt: skip
    assert bad.exit_code != 0 and "YYYY-MM-DD" in bad.output


def _node_ids(html: str) -> list[str]:
    table = html.split('id="graph-table"')[1].split("</table>")[0]
    return re.findall(r'<tr data-node="([^"]+)"', table)


def test_pages_of_the_table_link_each_other_and_stay_in_range(
    db, client, make_account, login, broker_network, monkeypatch
):
    monkeypatch.setattr(tables, "ROWS_PER_PAGE", 4)
    monkeypatch.setattr(graph_page, "TABLE_LIMIT", 4)
    refresh_stale_views(db)
    db.commit()
    login(make_account(role=Role.PROGRAMME_LEAD))
    first = client.get("/graph/?sort=label&order=asc").get_data(as_text=True)
    assert "Page 1 of 4" in first and "The first 4 of 13" in first
    assert 'sort=label&amp;order=asc&amp;page=2#table-heading" rel="next"' in first
    second = client.get("/graph/?sort=label&order=asc&page=2").get_data(as_text=True)
    assert "Rows 5 to 8 of 13" in second and 'rel="prev"' in second and 'rel="next"' in second
    last = client.get("/graph/?sort=label&order=asc&page=99").get_data(as_text=True)
    assert "Page 4 of 4" in last and _node_ids(last) == _node_ids(
        client.get("/graph/?sort=label&order=asc&page=4").get_data(as_text=True)
    )
    assert len(_node_ids(last)) == 1 and 'rel="next"' not in last
    for bad in ("0", "-1", "x", "1e3"):
        page = client.get(f"/graph/?sort=label&order=asc&page={bad}")
        assert page.status_code == 200 and _node_ids(page.get_data(as_text=True)) == _node_ids(
            first
        )


def test_names_are_escaped_on_every_page_of_the_table(
    db, client, make_account, login, plant, monkeypatch
):
    name = '<script>alert("x")</script> & Co'
    for i in range(5):
        plant.org(f"{name} {i}")
    plant.commit()
    monkeypatch.setattr(tables, "ROWS_PER_PAGE", 2)
    monkeypatch.setattr(graph_page, "TABLE_LIMIT", 2)
    refresh_stale_views(db)
    db.commit()
    login(make_account(role=Role.PROGRAMME_LEAD))
    for number in (1, 2):
        html = client.get(f"/graph/?show=unconnected&sort=label&page={number}").get_data(
            as_text=True
        )
        assert "<script>alert" not in html
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; Co" in html
