"""What the graph page shows of a stored result: its filters, the table, what changed.

The page's query string picks the stored view (series, period) and filters what is shown
(sector, policy domain, edge kind, mechanism) without recomputing: metrics stay those of the
whole view, and the page says so. The filter rule is applied here to the stored table rows;
the map is told which of its nodes the rule kept, so it never needs a rule of its own.
Downloads apply the same rule (arena.graph.filters).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from arena.graph.analysis import EDGE_KINDS, SORTABLE, choices
from arena.graph.changes import step_after, what_changed
from arena.graph.filters import GraphFilter, edge_count_field
from arena.graph.legend import COLOURINGS
from arena.graph.queries import Scope
from arena.graph.services import View
from arena.graph.tables import ROWS_PER_PAGE
from arena.graph.transport import decompress, unpack
from arena.wins.models import Mechanism

SIZE_METRICS = ("degree", "weighted_degree", "betweenness")
TABLE_COLUMNS = SORTABLE
#: rows per page of the table: one stored page of each order (arena.graph.tables)
TABLE_LIMIT = ROWS_PER_PAGE
MECHANISMS = frozenset(m.value for m in Mechanism)
SHOW = ("", "unconnected")


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
    show: str = ""
    #: the page of the table (or of the unconnected list), from 1
    page: int = 1
    changed_from: date | None = None
    changed_until: date | None = None
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
            "show": self.show,
        }
        values.update(changes)
        return {k: v for k, v in values.items() if v not in ("", None)}

    def scope_query(self) -> dict:
        """Only what picks the stored view (for the map's data URL)."""
        return {k: v for k, v in self.query().items() if k in ("series", "since", "as_of")}


def _parse_day(args, name: str, filters: PageFilters, message: str) -> date | None:
    text = (args.get(name) or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        filters.errors.append(message)
        return None


def parse_filters(kind: str, args, messages: dict[str, str]) -> PageFilters:
    """Filters from the query string; a bad value is dropped with a message, never a 500."""
    filters = PageFilters(kind=kind)
    for name in ("since", "as_of", "changed_from", "changed_until"):
        setattr(filters, name, _parse_day(args, name, filters, messages["date"]))
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
    filters.show = args.get("show") if args.get("show") in SHOW else ""
    number = (args.get("page") or "").strip()
    filters.page = int(number) if number.isdigit() and 0 < int(number) < 10**9 else 1
    return filters


def stored_packed(part_data: dict | None) -> dict:
    """The packed columns of a stored table or list (gzipped since algorithm version 6)."""
    if not part_data:
        return {"count": 0, "columns": {}}
    return decompress(part_data) if "gzip" in part_data else part_data


def stored_rows(part_data: dict | None) -> list[dict]:
    """Every row of a stored table or list, as dicts."""
    return unpack(stored_packed(part_data))


def pages_of(total: int) -> int:
    return max(1, -(-total // TABLE_LIMIT))


def map_config(keep: list[int] | None, filters: PageFilters, suggestions: list[dict]) -> dict:
    """What the map applies of the filters (the kept nodes, in the table's stored order,
    which is the map's node order; the tie field), and the suggested introductions to draw
    as dashed ties."""
    config = {
        "colour": filters.colour,
        "size": filters.size,
        "suggestions": [[s["a"], s["b"]] for s in suggestions],
    }
    if filters.narrows_drawing:
        config["keep"] = keep if keep is not None else []
        config["edgeField"] = edge_count_field(filters.edge_kind)
    return config


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


def filter_choices(data: dict, colouring: str) -> list[str]:
    """Every sector (policy domain) the filter offers, from the findings."""
    if "choices" in data:
        return data["choices"][colouring]
    return choices(data["legend"].get(colouring, []))  # stored before version 6


def changes_between(rows: list[dict], ties: list, steps: list, filters: PageFilters) -> dict | None:
    """What changed between the two dates asked for, from the stored table and all ties."""
    if not (filters.changed_from or filters.changed_until):
        return None
    start = step_after(steps, filters.changed_from and filters.changed_from.isoformat())
    end = step_after(steps, filters.changed_until and filters.changed_until.isoformat())
    if filters.changed_until is None:
        end = len(steps) - 1
    return what_changed(rows, ties, start, end)


def mechanism_rows(overview: dict | None, mechanisms: list) -> list[tuple]:
    """(series, year, [total, count per mechanism]) per row of the mechanism overview, the
    cells ready to write: 2,600 rows at 200,000 members, looked up once here rather than
    cell by cell in the template."""
    if not overview:
        return []
    values = ["total", *(m.value for m in mechanisms)]
    return [
        (row["series"], row["year"], [row["counts"].get(v, 0) for v in values])
        for row in overview["per_series"]
    ]
