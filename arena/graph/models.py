"""Stored results of graph computations, so pages read them instead of computing per request."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from arena.db import Base, UTCDateTime, utcnow


class GraphResult(Base):
    __tablename__ = "graph_results"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: what was computed, e.g. "organisations:metrics" or "people:layout:series=1"
    key: Mapped[str] = mapped_column(String(200), unique=True)
    computed_dt: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    #: a fingerprint of the data it was computed from, to know when it is stale
    source_fingerprint: Mapped[str] = mapped_column(String(100), default="")
    data: Mapped[dict] = mapped_column(JSON, default=dict)


class GraphRow(Base):
    """One row of a stored view's table of tied nodes or of its unconnected list, so a page
    reads the 200 rows it shows, whichever page it is (arena.graph.tables)."""

    __tablename__ = "graph_rows"

    #: the view's findings row
    result_id: Mapped[int] = mapped_column(
        ForeignKey("graph_results.id", ondelete="CASCADE"), primary_key=True
    )
    #: "table" (tied nodes) or "alone" (unconnected ones), as the parts of the view are named
    part: Mapped[str] = mapped_column(String(10), primary_key=True)
    #: the row's place in the list as stored (the map's node order for the table)
    position: Mapped[int] = mapped_column(primary_key=True)
    #: the row as the page shows it, JSON
    data: Mapped[str] = mapped_column(Text)
    #: what the filter rule reads (GraphFilter.keeps_node)
    sector: Mapped[str | None] = mapped_column(Text)
    policy_domain: Mapped[str | None] = mapped_column(Text)
    #: the row's mechanisms as ";a;b;", or None
    mechanisms: Mapped[str | None] = mapped_column(Text)


class GraphRowOrder(Base):
    """One page of a stored list in one order: the positions of its rows, so a later page
    costs what the first does, and a filter reads one order instead of every row."""

    __tablename__ = "graph_row_orders"

    result_id: Mapped[int] = mapped_column(
        ForeignKey("graph_results.id", ondelete="CASCADE"), primary_key=True
    )
    part: Mapped[str] = mapped_column(String(10), primary_key=True)
    #: the column and direction, e.g. "label_asc"
    sort: Mapped[str] = mapped_column(String(40), primary_key=True)
    #: the page, from 0
    page: Mapped[int] = mapped_column(primary_key=True)
    #: how many rows the list holds in all (the same on every page)
    total: Mapped[int]
    #: the positions of the page's rows in this order, 32-bit little-endian integers
    positions: Mapped[bytes] = mapped_column(LargeBinary)
