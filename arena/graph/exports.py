"""GEXF, GraphML, CSV and JSON exports, with the metrics as attributes.

GEXF and GraphML hold neither None nor lists, so attributes are made plain first: None and
empty lists are left out, lists become "a; b" strings, dates ISO strings. CSV is one zip
holding nodes.csv and edges.csv (UTF-8 with BOM, so Excel opens it), text cells neutralised
as the member export does them (a name starting with "=" stays text in a spreadsheet); JSON is
NetworkX's node-link format.
The metrics are computed on exactly the exported graph, so `betweenness` is the normalised,
unweighted betweenness over these edges (and `weighted_degree` is the weighted variant).
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date

import networkx as nx

from arena.graph import metrics as m
from arena.members.csvfile import neutralise, unneutralise

FORMATS = {
    "gexf": ("application/gexf+xml", "gexf"),
    "graphml": ("application/graphml+xml", "graphml"),
    "csv": ("application/zip", "zip"),
    "json": ("application/json", "json"),
}


def _plain(value):
    if isinstance(value, (list, tuple, set)):
        return "; ".join(str(v) for v in value)
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "item"):  # NumPy scalars
        return value.item()
    return value


def _kept(value) -> bool:
    return value is not None and value != [] and value != ()


def plain_graph(graph: nx.Graph) -> nx.Graph:
    """A copy whose attributes every format can hold."""
    plain = graph.__class__()
    plain.graph.update(
        {k: v for k, v in graph.graph.items() if isinstance(v, (str, int, float, bool))}
    )
    for node, data in graph.nodes(data=True):
        plain.add_node(node, **{k: _plain(v) for k, v in data.items() if _kept(v)})
    for a, b, data in graph.edges(data=True):
        plain.add_edge(a, b, **{k: _plain(v) for k, v in data.items() if _kept(v)})
    return plain


def with_metrics(graph: nx.Graph) -> nx.Graph:
    """The graph with its own metrics attached, computed over exactly its edges."""
    values, _how = m.node_metrics(graph)
    return plain_graph(m.attach(graph.copy(), values))


def graph_to_json(graph: nx.Graph) -> dict:
    """A graph whose metrics are attached, as node-link data to store (plain attributes)."""
    return nx.node_link_data(plain_graph(graph), edges="edges")


def graph_from_json(data: dict) -> nx.Graph:
    return nx.node_link_graph(data, edges="edges")


def export(graph: nx.Graph, fmt: str) -> bytes:
    """The graph, with metrics computed over exactly its edges, in one of FORMATS."""
    return write(with_metrics(graph), fmt)


def write(graph: nx.Graph, fmt: str) -> bytes:
    """A graph with plain attributes (metrics already attached) in one of FORMATS."""
    if fmt == "gexf":
        out = io.BytesIO()
        nx.write_gexf(graph, out)
        return out.getvalue()
    if fmt == "graphml":
        out = io.BytesIO()
        nx.write_graphml(graph, out)
        return out.getvalue()
    if fmt == "json":
        data = nx.node_link_data(graph, edges="edges")
        return json.dumps(data, ensure_ascii=False, indent=1).encode()
    if fmt == "csv":
        return _csv_zip(graph)
    raise ValueError(f"unknown export format {fmt!r}")


def _csv_zip(graph: nx.Graph) -> bytes:
    node_keys = sorted({k for _n, d in graph.nodes(data=True) for k in d})
    edge_keys = sorted({k for _a, _b, d in graph.edges(data=True) for k in d})
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "nodes.csv",
            _table(
                ["id", *node_keys],
                ([n, *(d.get(k, "") for k in node_keys)] for n, d in graph.nodes(data=True)),
            ),
        )
        archive.writestr(
            "edges.csv",
            _table(
                ["source", "target", *edge_keys],
                ([a, b, *(d.get(k, "") for k in edge_keys)] for a, b, d in graph.edges(data=True)),
            ),
        )
    return out.getvalue()


def _cell(value):
    """Text a spreadsheet would run as a formula is neutralised; numbers are never formulas."""
    return neutralise(value) if isinstance(value, str) else value


def _table(header: list[str], rows) -> str:
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(header)
    writer.writerows([_cell(value) for value in row] for row in rows)
    return "\ufeff" + text.getvalue()


def read_csv_zip(data: bytes, directed: bool = False) -> nx.Graph:
    """Read a CSV export back (used by tests and by anyone checking an export)."""
    graph = nx.DiGraph() if directed else nx.Graph()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for row in csv.DictReader(io.StringIO(archive.read("nodes.csv").decode("utf-8-sig"))):
            row = {k: unneutralise(v) for k, v in row.items()}
            node = row.pop("id")
            graph.add_node(node, **{k: v for k, v in row.items() if v != ""})
        for row in csv.DictReader(io.StringIO(archive.read("edges.csv").decode("utf-8-sig"))):
            row = {k: unneutralise(v) for k, v in row.items()}
            a, b = row.pop("source"), row.pop("target")
            graph.add_edge(a, b, **{k: v for k, v in row.items() if v != ""})
    return graph
