"""Nodes without a tie, kept beside the NetworkX graph as columns instead of inside it.

At 200,000 members 160,000 of the people graph's nodes have no tie (and thousands of the
organisation graph's). Their figures are known without any algorithm (degree 0, betweenness
0, a community of their own), yet as NetworkX nodes each cost a call to add_node, a dict of
a dozen attributes and a place in every later pass over the graph's nodes. The job builds
the graph of tied nodes and these columns (arena.graph.build), and the analysis treats the
whole as the graph's nodes followed by the untied ones, in the order the whole graph had:
its builders add the untied nodes last, after every tied one.
"""

from __future__ import annotations

from collections.abc import Hashable

import networkx as nx


class Untied:
    """Untied nodes in order and their attributes, one list per attribute."""

    def __init__(self) -> None:
        self.nodes: list[Hashable] = []
        self.columns: dict[str, list] = {}

    def add(self, node: Hashable, attributes: dict) -> None:
        """One node, with the attributes add_node would have given it (the same keys for
        every node of a graph, in the same order)."""
        if not self.nodes:
            self.columns = {key: [] for key in attributes}
        self.nodes.append(node)
        for key, value in attributes.items():
            self.columns[key].append(value)

    def __len__(self) -> int:
        return len(self.nodes)

    def column(self, attribute: str) -> list:
        """Every untied node's value of `attribute`, None where it has none."""
        found = self.columns.get(attribute)
        return list(found) if found is not None else [None] * len(self.nodes)

    def records(self):
        """(node, attributes) pairs, as add_nodes_from takes them."""
        keys = list(self.columns)
        for i, node in enumerate(self.nodes):
            yield node, {key: self.columns[key][i] for key in keys}

    def restore(self, graph: nx.Graph) -> nx.Graph:
        """The whole graph: the untied nodes added after the tied ones, as the builders did."""
        graph.add_nodes_from(self.records())
        return graph


def attributes_of(graph: nx.Graph, untied: Untied | None, node: Hashable) -> dict:
    """One node's attributes, whether in the graph or kept apart."""
    if node in graph or not untied:
        return graph.nodes[node]
    i = untied.nodes.index(node)
    return {key: column[i] for key, column in untied.columns.items()}


def values_at(
    graph: nx.Graph, untied: Untied | None, nodes: list, places: list[int], attribute: str
) -> list:
    """`attribute` of the nodes at `places` among `nodes` (the graph's, then the untied
    ones), None where a node has none."""
    inside = len(nodes) - len(untied or ())
    apart = untied.column(attribute) if untied else []
    data = graph.nodes
    return [data[nodes[i]].get(attribute) if i < inside else apart[i - inside] for i in places]


def values(graph: nx.Graph, untied: Untied | None, attribute: str) -> list:
    """`attribute` of every node: the graph's in its order, then the untied ones'."""
    found = [value for _node, value in graph.nodes(data=attribute)]
    return found + untied.column(attribute) if untied else found
