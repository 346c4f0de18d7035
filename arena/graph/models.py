"""Stored results of graph computations, so pages read them instead of computing per request."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, String
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
