"""What the graph page shows of a stored result: its filters, the filtered drawing, the table.

The page's query string picks the stored view (series, period) and filters what is drawn
(sector, policy domain, edge kind, mechanism) without recomputing: metrics stay those of the
whole view, and the page says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from arena.graph.analysis import EDGE_KINDS
from arena.graph.queries import Scope
from arena.graph.services import View

SIZE_METRICS = ("degree", "weighted_degree", "betweenness")
COLOURINGS = ("sector", "community")
TABLE_COLUMNS = (
    "label", "sector", "policy_domain", "degree", "weighted_degree", "betweenness",
    "community", "step",
)  # fmt: skip
TABLE_LIMIT = 200
_EDGE_COUNT = {
    "collaboration": "collaborations",
    "co-presenting": "co_presented",
    "co-attendance": "shared_sessions",
}


@dataclass
class PageFilters:
    kind: str
    series_id: int | None = None
    since: date | None = None
    as_of: date | None = None
    sector: str = ""
    domain: str = ""
    edge_kind: str = ""
    mechanism: str = ""
    colour: str = "sector"
    size: str = "degree"
    sort: str = "betweenness"
    descending: bool = True
    errors: list[str] = field(default_factory=list)

    @property
    def view(self) -> View:
        return View(self.kind, Scope(as_of=self.as_of, since=self.since, series_id=self.series_id))

    @property
    def narrows_drawing(self) -> bool:
        return bool(self.sector or self.domain or self.edge_kind or self.mechanism)

    def query(self, **changes) -> dict:
        """The query string for links (sorting) that keep the other filters."""
        values = {
            "series": self.series_id or "",
            "since": self.since.isoformat() if self.since else "",
            "as_of": self.as_of.isoformat() if self.as_of else "",
            "sector": self.sector,
            "domain": self.domain,
            "edge_kind": self.edge_kind,
            "mechanism": self.mechanism,
            "colour": self.colour,
            "size": self.size,
            "sort": self.sort,
            "order": "desc" if self.descending else "asc",
        }
        values.update(changes)
        return {k: v for k, v in values.items() if v not in ("", None)}


def parse_filters(kind: str, args, messages: dict[str, str]) -> PageFilters:
    """Filters from the query string; a bad value is dropped with a message, never a 500."""
    filters = PageFilters(kind=kind)
    for name, attribute in (("since", "since"), ("as_of", "as_of")):
        text = (args.get(name) or "").strip()
        if text:
            try:
                setattr(filters, attribute, date.fromisoformat(text))
            except ValueError:
                filters.errors.append(messages["date"])
    series = (args.get("series") or "").strip()
    if series:
        if series.isdigit():
            filters.series_id = int(series)
        else:
            filters.errors.append(messages["series"])
    filters.sector = (args.get("sector") or "").strip()
    filters.domain = (args.get("domain") or "").strip()
    edge_kind = args.get("edge_kind") or ""
    filters.edge_kind = edge_kind if edge_kind in EDGE_KINDS else ""
    filters.mechanism = (args.get("mechanism") or "").strip()
    filters.colour = args.get("colour") if args.get("colour") in COLOURINGS else "sector"
    filters.size = args.get("size") if args.get("size") in SIZE_METRICS else "degree"
    filters.sort = args.get("sort") if args.get("sort") in TABLE_COLUMNS else "betweenness"
    filters.descending = args.get("order", "desc") != "asc"
    return filters


def _node_matches(node: dict, filters: PageFilters) -> bool:
    if filters.sector and node.get("sector") != filters.sector:
        return False
    if filters.domain and node.get("policy_domain") != filters.domain:
        return False
    return not (filters.mechanism and filters.mechanism not in (node.get("mechanisms") or []))


def _edge_matches(edge: dict, filters: PageFilters) -> bool:
    if not filters.edge_kind:
        return True
    count = _EDGE_COUNT.get(filters.edge_kind)
    return (edge.get(count) or 0) > 0 if count else edge.get("kind") == filters.edge_kind


def filtered_drawing(drawing: dict, filters: PageFilters) -> dict:
    """The stored drawing narrowed to the filters (nodes, then edges between kept nodes)."""
    if not filters.narrows_drawing:
        return drawing
    nodes = [n for n in drawing["nodes"] if _node_matches(n, filters)]
    kept = {n["id"] for n in nodes}
    edges = [
        e
        for e in drawing["edges"]
        if e["from"] in kept and e["to"] in kept and _edge_matches(e, filters)
    ]
    return {**drawing, "nodes": nodes, "edges": edges}


def choices(drawing: dict, key: str) -> list[str]:
    values = set()
    for node in drawing["nodes"]:
        value = node.get(key)
        if isinstance(value, list):
            values.update(value)
        elif value:
            values.add(value)
    return sorted(values)


def table_rows(nodes: list[dict], filters: PageFilters) -> list[dict]:
    """The nodes sorted by the chosen column, the first TABLE_LIMIT of them."""

    def key(node):
        value = node.get(filters.sort)
        if isinstance(value, str):
            return (0, value.lower())
        return (0, value) if value is not None else (1, 0)

    with_values = [n for n in nodes if n.get(filters.sort) is not None]
    without = [n for n in nodes if n.get(filters.sort) is None]
    ordered = sorted(with_values, key=key, reverse=filters.descending) + without
    return ordered[:TABLE_LIMIT]
