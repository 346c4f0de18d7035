"""What the graph page shows of a stored result: its filters, the filtered drawing, the table.

The page's query string picks the stored view (series, period) and filters what is drawn
(sector, policy domain, edge kind, mechanism) without recomputing: metrics stay those of the
whole view, and the page says so. Downloads apply the same filters (arena.graph.filters).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from arena.graph.analysis import EDGE_KINDS
from arena.graph.filters import GraphFilter, filter_drawing
from arena.graph.queries import Scope
from arena.graph.services import View
from arena.wins.models import Mechanism

SIZE_METRICS = ("degree", "weighted_degree", "betweenness")
COLOURINGS = ("sector", "community")
TABLE_COLUMNS = (
    "label", "sector", "policy_domain", "degree", "weighted_degree", "betweenness",
    "community", "step",
)  # fmt: skip
TABLE_LIMIT = 200
MECHANISMS = frozenset(m.value for m in Mechanism)


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
    def graph_filter(self) -> GraphFilter:
        return GraphFilter(self.sector, self.domain, self.mechanism, self.edge_kind)

    @property
    def narrows_drawing(self) -> bool:
        return self.graph_filter.narrows

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
    mechanism = args.get("mechanism") or ""
    filters.mechanism = mechanism if mechanism in MECHANISMS else ""
    filters.colour = args.get("colour") if args.get("colour") in COLOURINGS else "sector"
    filters.size = args.get("size") if args.get("size") in SIZE_METRICS else "degree"
    filters.sort = args.get("sort") if args.get("sort") in TABLE_COLUMNS else "betweenness"
    filters.descending = args.get("order", "desc") != "asc"
    return filters


def filtered_drawing(drawing: dict, filters: PageFilters) -> dict:
    """The stored drawing narrowed to the filters (nodes, then edges between kept nodes)."""
    return filter_drawing(drawing, filters.graph_filter)


def download_name(filters: PageFilters, extension: str) -> str:
    """A file name saying what the download holds, in plain ASCII."""
    parts = ["arena", filters.kind, filters.view.scope.key().replace(",", "-").replace("=", "")]
    for name, value in (
        ("sector", filters.sector), ("domain", filters.domain),
        ("mechanism", filters.mechanism), ("ties", filters.edge_kind),
    ):  # fmt: skip
        if value:
            parts.append(f"{name}-{value}")
    slug = re.sub(r"[^A-Za-z0-9.-]+", "-", "-".join(parts)).strip("-")
    return f"{slug[:150]}.{extension}"


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
