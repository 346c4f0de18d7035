"""Reading a network file Arena did not make (Gephi's, NetworkX's): GraphML or GEXF.

Everything is checked before anything is analysed, and each refusal is one plain sentence: a
file too large, not XML of either kind, carrying a DOCTYPE (entity expansion is how an XML
file eats a machine's memory), directed ties, parallel ties, fewer than two nodes, or node
ids with invisible or control characters (a right-to-left override makes a printed summary
lie about which node is which).
"""

from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path
from xml.etree.ElementTree import ParseError

import networkx as nx

#: bigger files are refused before they are read (a GEXF of 20 MB holds ~100,000 ties)
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ID_LENGTH = 300
_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(graphml|gexf)[\s>/]")


class NetworkFileError(ValueError):
    """A file that cannot be analysed; the message says why in words a user can act on."""


def read_network_file(path: str | Path) -> nx.Graph:
    """An undirected simple graph from a GraphML or GEXF file, or NetworkFileError."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise NetworkFileError(f"The file {path.name} cannot be opened: {exc.strerror}.") from exc
    if size > MAX_FILE_BYTES:
        raise NetworkFileError(
            f"The file is {size / 1024 / 1024:.0f} MB; files up to "
            f"{MAX_FILE_BYTES // 1024 // 1024} MB can be analysed."
        )
    data = path.read_bytes()
    return parse_network(data)


def parse_network(data: bytes) -> nx.Graph:
    head = data[:4096]
    if b"<!DOCTYPE" in data[:65536].upper() or b"<!ENTITY" in data.upper():
        raise NetworkFileError(
            "The file declares a DOCTYPE or entities; GraphML and GEXF need none."
        )
    match = _ROOT.search(head)
    if match is None:
        raise NetworkFileError("The file is not GraphML or GEXF (no <graphml> or <gexf> element).")
    kind = match.group(1).decode()
    try:
        if kind == "graphml":
            graph = nx.read_graphml(io.BytesIO(data))
        else:
            graph = nx.read_gexf(io.BytesIO(data))
    except (ParseError, nx.NetworkXError, KeyError, ValueError, TypeError, IndexError) as exc:
        label = "GraphML" if kind == "graphml" else "GEXF"
        raise NetworkFileError(f"The file could not be read as {label}: {exc}.") from exc
    return _checked(graph)


def _checked(graph: nx.Graph) -> nx.Graph:
    if graph.is_directed():
        raise NetworkFileError(
            "The file's ties are directed; Arena analyses undirected ties. Save the network "
            "as undirected (in Gephi: edge type undirected) and try again."
        )
    if graph.is_multigraph():
        parallel = [(a, b) for a, b in graph.edges() if graph.number_of_edges(a, b) > 1]
        if parallel:
            a, b = parallel[0]
            raise NetworkFileError(
                f"The file has {len(parallel)} parallel ties (for example between {a!r} and "
                f"{b!r}); merge them into one tie with a weight and try again."
            )
        simple = nx.Graph()
        simple.graph.update(graph.graph)
        simple.add_nodes_from(graph.nodes(data=True))
        simple.add_edges_from((a, b, d) for a, b, d in graph.edges(data=True))
        graph = simple
    if graph.number_of_nodes() < 2:
        raise NetworkFileError(
            f"The network has {graph.number_of_nodes()} node(s); at least two are needed."
        )
    for node in graph:
        text = str(node)
        if len(text) > MAX_ID_LENGTH or not text.strip() or _has_hidden(text):
            raise NetworkFileError(
                f"The node id {text[:40]!r} is empty, longer than {MAX_ID_LENGTH} characters, "
                "or holds control or invisible characters; give it a plain id and try again."
            )
    graph.remove_edges_from(list(nx.selfloop_edges(graph)))
    for _a, _b, data in graph.edges(data=True):
        weight = data.get("weight", 1)
        data["weight"] = weight if isinstance(weight, int | float) and weight > 0 else 1
    return graph


def _has_hidden(text: str) -> bool:
    return any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn") for ch in text)
