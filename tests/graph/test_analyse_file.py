"""`arena graph analyse FILE`: the product's analysis on networks everyone knows, and bad files.

The classic networks NetworkX ships are written to GraphML or GEXF as another tool would, then
read back by the command; the communities must follow the split the literature reports and the
known broker must come out on top.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from arena.graph.cli import analyse_command
from arena.graph.reading import MAX_FILE_BYTES


def _analyse(path: Path, tmp_path: Path) -> tuple[dict, str]:
    target = tmp_path / "out.json"
    result = CliRunner().invoke(analyse_command, [str(path), "-o", str(target)])
    assert result.exit_code == 0, result.output
    return json.loads(target.read_text(encoding="utf-8")), result.output


def test_karate_club_splits_along_the_two_factions_with_mr_hi_as_broker(tmp_path):
    graph = nx.karate_club_graph()
    path = tmp_path / "karate.graphml"
    nx.write_graphml(graph, path)
    result, summary = _analyse(path, tmp_path)
    club = {str(n): d["club"] for n, d in graph.nodes(data=True)}
    assert result["brokers"][0] == "0" and result["brokers"][1] == "33"
    assert {n["id"] for n in result["nodes"]} == set(club)
    in_majority = sum(
        Counter(club[n] for n in members).most_common(1)[0][1] for members in result["communities"]
    )
    assert in_majority >= 33  # one member (node 8) sits on the fence in every known analysis
    sizes = [len(c) for c in result["communities"]]
    assert sizes == sorted(sizes, reverse=True)
    nodes = {n["id"]: n for n in result["nodes"]}
    assert nodes["0"]["degree"] == 16
    assert nodes["0"]["betweenness"] == pytest.approx(nx.betweenness_centrality(graph)[0])
    community_of = {n: i for i, members in enumerate(result["communities"]) for n in members}
    assert all(nodes[n]["community"] == community_of[n] for n in nodes)
    assert result["stage"] in ("multi-hub", "core-periphery")
    assert result["hub_share"] == pytest.approx(0.4376, abs=0.01)
    assert "Brokers (highest betweenness first): 0, 33" in summary


def test_florentine_families_put_the_medici_on_top_apart_from_the_strozzi(tmp_path):
    path = tmp_path / "florence.gexf"
    nx.write_gexf(nx.florentine_families_graph(), path)
    result, summary = _analyse(path, tmp_path)
    assert result["brokers"][0] == "Medici"
    community_of = {n: i for i, members in enumerate(result["communities"]) for n in members}
    assert community_of["Medici"] != community_of["Strozzi"]
    assert community_of["Medici"] == community_of["Tornabuoni"] == community_of["Barbadori"]
    assert result["hub"] == "Medici" and result["hub_share"] > 0.5
    assert "Hub: Medici carries" in summary


def test_davis_southern_women_keep_the_two_cliques_apart_with_event_8_as_broker(tmp_path):
    graph = nx.davis_southern_women_graph()
    graph.graph.clear()  # its lists of women and events are not GraphML attributes
    path = tmp_path / "davis.graphml"
    nx.write_graphml(graph, path)
    result, _summary = _analyse(path, tmp_path)
    assert result["brokers"][0] == "E8"  # the event both of Davis' groups attended
    first = {"Evelyn Jefferson", "Laura Mandeville", "Theresa Anderson", "Brenda Rogers"}
    second = {"Katherina Rogers", "Sylvia Avondale", "Nora Fayette", "Helen Lloyd"}
    community_of = {n: i for i, members in enumerate(result["communities"]) for n in members}
    assert len({community_of[n] for n in first}) == 1
    assert len({community_of[n] for n in second}) == 1
    assert {community_of[n] for n in first} != {community_of[n] for n in second}


def test_a_hub_and_spoke_file_is_single_hub_and_separate_groups_are_not(tmp_path):
    star = tmp_path / "star.graphml"
    nx.write_graphml(nx.star_graph(15), star)
    result, _ = _analyse(star, tmp_path)
    assert result["stage"] == "single-hub" and result["hub"] == "0"
    assert result["hub_share"] == pytest.approx(1.0)
    groups = nx.Graph()
    for g in range(4):
        groups.add_edges_from(nx.complete_graph([f"{g}-{i}" for i in range(6)]).edges)
        if g:
            groups.add_edge(f"{g}-0", f"{g - 1}-1")
    path = tmp_path / "groups.gexf"
    nx.write_gexf(groups, path)
    result, _ = _analyse(path, tmp_path)
    assert result["stage"] in ("fragmented", "multi-hub")
    assert len(result["communities"]) == 4


def _write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


def _graphml(nodes: list[str], edges: list[tuple[str, str]], directed=False) -> str:
    head = '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
    kind = "directed" if directed else "undirected"
    body = "".join(f'<node id="{n}"/>' for n in nodes) + "".join(
        f'<edge source="{a}" target="{b}"/>' for a, b in edges
    )
    return f'{head}<graph edgedefault="{kind}">{body}</graph></graphml>'


BAD_FILES = {
    "not-xml.graphml": ("a,b\n1,2\n", "is not GraphML or GEXF"),
    "broken.graphml": ("<graphml><graph><node id='a'>", "could not be read as GraphML"),
    "empty.graphml": (_graphml([], []), "0 node(s)"),
    "one.graphml": (_graphml(["a"], []), "1 node(s)"),
    "directed.graphml": (_graphml(["a", "b"], [("a", "b")], directed=True), "directed"),
    "parallel.graphml": (
        _graphml(["a", "b"], [("a", "b"), ("a", "b")]).replace("<edge ", '<edge id="x" ', 1),
        "parallel ties",
    ),
    "odd-id.graphml": (_graphml(["a\u202eb", "c"], [("a\u202eb", "c")]), "invisible"),
    "entities.graphml": (
        '<?xml version="1.0"?><!DOCTYPE g [<!ENTITY a "aaaa">]>' + _graphml(["a", "b"], []),
        "DOCTYPE",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_a_bad_file_gets_a_clear_message_exit_1_and_nothing_written(tmp_path, name):
    content, message = BAD_FILES[name]
    path = _write(tmp_path, name, content)
    target = tmp_path / "out.json"
    result = CliRunner().invoke(analyse_command, [str(path), "-o", str(target)])
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.graphml"
    with path.open("wb") as handle:
        handle.write(b"<graphml>")
        handle.truncate(MAX_FILE_BYTES + 30 * 1024 * 1024)  # 50 MB, sparse on disk
    result = CliRunner().invoke(analyse_command, [str(path), "-o", str(tmp_path / "o.json")])
    assert result.exit_code == 1 and "files up to 20 MB" in result.output
    assert not (tmp_path / "o.json").exists()


def test_odd_but_printable_ids_and_labels_come_through_intact(tmp_path):
    graph = nx.Graph()
    graph.add_edge("<script>alert(1)</script>", 'Café "Zuid" & co')
    graph.add_edge('Café "Zuid" & co', "=SUM(A1)")
    path = tmp_path / "odd.gexf"
    nx.write_gexf(graph, path)
    result, summary = _analyse(path, tmp_path)
    assert {n["id"] for n in result["nodes"]} == set(graph)
    assert result["brokers"][0] == 'Café "Zuid" & co'
    assert "<script>alert(1)</script>" in summary
