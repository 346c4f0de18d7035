"""Downloads of a view: from the stored whole graph when it is fresh, else computed now.

A download of a default view computed now is kept (services.store_graph), so the next one is
quick until the data changes; the caller commits. The rule that a node's `betweenness` covers
exactly the exported edges holds either way: the stored graph is the whole view with its own
metrics, and anything narrower (a sector, a mechanism, one kind of tie) is built and measured
afresh.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from arena.graph.analysis import build_graph
from arena.graph.exports import graph_from_json, with_metrics, write
from arena.graph.filters import GraphFilter, filter_graph
from arena.graph.fingerprint import source_fingerprints
from arena.graph.queries import load_rows
from arena.graph.services import View, store_graph, stored_graph
from arena.graph.transport import decompress


@dataclass(frozen=True)
class Download:
    content: bytes
    #: when the stored result it came from was computed; None when computed for this request
    stored_dt: datetime | None


def export_view(
    session: Session, view: View, fmt: str, rule: GraphFilter | None = None
) -> Download:
    """The view's graph in `fmt`, narrowed by `rule`, with metrics over exactly its edges."""
    rule = rule or GraphFilter()
    fingerprint = source_fingerprints(session)[view.kind]
    if not rule.narrows:
        stored = stored_graph(session, view, fingerprint)
        if stored is not None:
            graph = graph_from_json(decompress(stored.data))
            return Download(write(graph, fmt), stored.computed_dt)
    graph = with_metrics(filter_graph(build_graph(load_rows(session, view.scope), view.kind), rule))
    if not rule.narrows:
        store_graph(session, view, graph, fingerprint)
    return Download(write(graph, fmt), None)
