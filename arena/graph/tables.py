"""A stored view's table of tied nodes and its unconnected list, row by row, with every order's
pages, so a page of either costs the same whichever page it is.

At 200,000 members the unconnected list holds 160,000 rows. Stored as one gzipped JSON
(about 5 MB), a page past the stored first one (or any filter) read, decoded and sorted all of
it: page 400 by name took 308 ms on SQLite and 440-540 ms on PostgreSQL. Here the job keeps
each row apart (graph_rows), and for every order a page offers the positions of each page's
rows (graph_row_orders, 800 bytes a page). A page reads its page of positions, then its rows
by key. A filter reads the positions of the rows it keeps (the rule in SQL, on columns kept
beside each row) and one order's positions (640 KB at 160,000 rows), and keeps that order.
The orders are those of `arena.graph.ordering`: text case-blind, equal values in stored order
both ways, rows without a value last.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import numpy as np
from sqlalchemy import delete, select, text
from sqlalchemy.orm import Session

from arena.db import insert_rows
from arena.graph import ordering
from arena.graph.analysis import SORTABLE
from arena.graph.filters import GraphFilter, node_mechanisms
from arena.graph.models import GraphRow, GraphRowOrder
from arena.graph.transport import unpack

#: rows per page, and per stored page of an order
ROWS_PER_PAGE = 200
#: the positions as stored: 32-bit little-endian integers
_POSITIONS = np.dtype("<i4")
#: one encoder for every row (json.dumps with options makes a new one per call)
_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def sort_name(column: str, descending: bool) -> str:
    return f"{column}_{'desc' if descending else 'asc'}"


def store_lists(session: Session, result_id: int, lists: dict[str, dict]) -> None:
    """Keep the packed lists (by part: "table", "alone") of a view's findings row `result_id`
    row by row, with every order's pages, in place of what it kept before (flushes nothing
    else, never commits)."""
    session.execute(delete(GraphRow).where(GraphRow.result_id == result_id))
    session.execute(delete(GraphRowOrder).where(GraphRowOrder.result_id == result_id))
    per_page = ROWS_PER_PAGE
    for part, packed in lists.items():
        columns = {k: v for k, v in packed["columns"].items() if not k.endswith(ordering.RANK)}
        records = unpack({"count": packed["count"], "columns": columns})
        if records:
            rows = [_row(result_id, part, i, record) for i, record in enumerate(records)]
            # in one go: the ORM's bulk insert split 160,000 rows into 71,000 statements, by
            # which of their values are None (29 s)
            insert_rows(session.connection(), GraphRow.__table__, rows)
        count = len(records)
        pages = []
        for column in SORTABLE:
            keys = ordering.sort_keys(packed, column)
            for descending in (False, True):
                order = np.asarray(ordering.ordered_by(keys, count, descending), _POSITIONS)
                for page in range(max(1, -(-count // per_page))):
                    chunk = order[page * per_page : (page + 1) * per_page]
                    pages.append({
                        "result_id": result_id, "part": part, "page": page, "total": count,
                        "sort": sort_name(column, descending), "positions": chunk.tobytes(),
                    })  # fmt: skip
        insert_rows(session.connection(), GraphRowOrder.__table__, pages)
    if session.get_bind().dialect.name == "postgresql":
        # statistics now: without them the planner reads a page's 200 rows by scanning every
        # row of the list (160,000; 100-220 ms) instead of looking each up by its key
        session.execute(text("ANALYZE graph_rows"))


def _row(result_id: int, part: str, position: int, record: dict) -> dict:
    mechanisms = node_mechanisms(record)
    return {
        "result_id": result_id,
        "part": part,
        "position": position,
        "data": _JSON.encode(record),
        "sector": record.get("sector"),
        "policy_domain": record.get("policy_domain"),
        "mechanisms": f";{';'.join(mechanisms)};" if mechanisms else None,
    }


def _keeps(rule: GraphFilter) -> list:
    """GraphFilter.keeps_node as SQL on the columns kept beside each row."""
    conditions = []
    if rule.sector:
        conditions.append(GraphRow.sector == rule.sector)
    if rule.domain:
        conditions.append(GraphRow.policy_domain == rule.domain)
    if rule.mechanism:
        conditions.append(GraphRow.mechanisms.contains(f";{rule.mechanism};", autoescape=True))
    return conditions


@dataclass(frozen=True)
class Shown:
    #: the page's rows, as the page shows them
    rows: list[dict]
    #: how many rows the filter keeps in all
    total: int
    #: the page shown, from 1 (the last when a later one was asked for)
    page: int
    #: the positions the filter keeps, in stored order (None: it keeps every row)
    keep: list[int] | None


def read_page(
    session: Session,
    result_id: int,
    part: str,
    column: str,
    descending: bool,
    page: int,
    rule: GraphFilter,
) -> Shown | None:
    """One page of a stored list in one order, filtered by `rule`; None when the view's
    findings row keeps no rows (stored before algorithm version 8)."""
    where = (
        GraphRowOrder.result_id == result_id,
        GraphRowOrder.part == part,
        GraphRowOrder.sort == sort_name(column, descending),
    )
    if not rule.narrows:
        found = session.execute(
            select(GraphRowOrder.page, GraphRowOrder.total, GraphRowOrder.positions)
            .where(*where, GraphRowOrder.page < page)
            .order_by(GraphRowOrder.page.desc())
            .limit(1)
        ).first()
        if found is None:
            return None
        positions = np.frombuffer(found.positions, _POSITIONS).tolist()
        return Shown(_rows(session, result_id, part, positions), found.total, found.page + 1, None)
    chunks = session.scalars(
        select(GraphRowOrder.positions).where(*where).order_by(GraphRowOrder.page)
    ).all()
    if not chunks:
        return None
    keep = session.scalars(
        select(GraphRow.position)
        .where(GraphRow.result_id == result_id, GraphRow.part == part, *_keeps(rule))
        .order_by(GraphRow.position)
    ).all()
    order = np.concatenate([np.frombuffer(chunk, _POSITIONS) for chunk in chunks])
    kept = np.zeros(len(order), dtype=bool)
    kept[keep] = True
    ordered = order[kept[order]]
    page = min(page, max(1, -(-len(keep) // ROWS_PER_PAGE)))
    shown = ordered[(page - 1) * ROWS_PER_PAGE : page * ROWS_PER_PAGE].tolist()
    return Shown(_rows(session, result_id, part, shown), len(keep), page, list(keep))


def _rows(session: Session, result_id: int, part: str, positions: list[int]) -> list[dict]:
    if not positions:
        return []
    found = dict(
        session.execute(
            select(GraphRow.position, GraphRow.data).where(
                GraphRow.result_id == result_id,
                GraphRow.part == part,
                GraphRow.position.in_(positions),
            )
        ).all()
    )
    return [json.loads(found[p]) for p in positions]
