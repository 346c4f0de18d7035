"""Bulk inserts with our own primary keys: fast on SQLite and PostgreSQL alike.

Rows are plain dicts buffered per table and written with one executemany per batch; ids are
handed out here, so no RETURNING round trip is needed. Buffers are flushed in the metadata's
dependency order, so a row never reaches the database before the rows it refers to.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import Table, func, select
from sqlalchemy.engine import Connection

from arena.db import Base

BATCH_SIZE = 5000


class BulkWriter:
    """Buffers rows per table, numbers them, and writes them in batches."""

    def __init__(self, connection: Connection, batch_size: int = BATCH_SIZE) -> None:
        self.connection = connection
        self.batch_size = batch_size
        self._buffers: dict[str, list[dict]] = defaultdict(list)
        self._next_id: dict[str, int] = {}
        self.counts: dict[str, int] = defaultdict(int)
        self._order = [table.name for table in Base.metadata.sorted_tables]
        self._tables = {table.name: table for table in Base.metadata.sorted_tables}

    def next_id(self, table: Table) -> int:
        """The next free id of `table`, counting on from what the database already holds."""
        if table.name not in self._next_id:
            highest = self.connection.scalar(select(func.max(table.c.id)))
            self._next_id[table.name] = (highest or 0) + 1
        value = self._next_id[table.name]
        self._next_id[table.name] = value + 1
        return value

    def add(self, table: Table, row: dict) -> dict:
        buffer = self._buffers[table.name]
        buffer.append(row)
        self.counts[table.name] += 1
        if len(buffer) >= self.batch_size:
            self.flush()
        return row

    def flush(self) -> None:
        """Write every buffer, parents before children."""
        for name in self._order:
            rows = self._buffers.get(name)
            if rows:
                self.connection.execute(self._tables[name].insert(), rows)
                rows.clear()

    def reset_sequences(self) -> None:
        """Move PostgreSQL's id sequences past our ids, so later ORM inserts get fresh ids."""
        if self.connection.dialect.name != "postgresql":
            return
        self.flush()
        for name in self.counts:
            table = self._tables[name]
            if "id" not in table.c:
                continue
            highest = select(func.coalesce(func.max(table.c.id), 1)).scalar_subquery()
            filled = select(func.count() > 0).select_from(table).scalar_subquery()
            sequence = func.pg_get_serial_sequence(name, "id")
            self.connection.execute(select(func.setval(sequence, highest, filled)))
