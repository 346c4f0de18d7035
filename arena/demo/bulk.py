"""Bulk inserts with our own primary keys: fast on SQLite and PostgreSQL alike.

Rows are plain dicts buffered per table; ids are handed out here, so no RETURNING round trip
is needed. Buffers are flushed in the metadata's dependency order, so a row never reaches the
database before the rows it refers to. A flush turns each row into the values the driver takes
(arena/demo/values.py) and hands the batch straight to the driver: INSERTs of many rows each on
SQLite, COPY on PostgreSQL.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from sqlite3 import SQLITE_LIMIT_VARIABLE_NUMBER

from sqlalchemy import Table, func, select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import OperationalError

from arena.arenas.last_attended import suspend_last_attended
from arena.db import Base, copy_rows
from arena.demo.indexes import set_aside_indexes
from arena.demo.values import Layout
from arena.members.search import suspend_member_search
from arena.triggers import suspend_data_version, suspend_graph_versions
from arena.wins.tallies import suspend_small_win_tallies

BATCH_SIZE = 5000
#: rows per INSERT statement on SQLite (fewer where the columns would pass its limit of
#: parameters); full statements of one table are the same text, compiled once
SQLITE_ROWS_PER_INSERT = 500
#: SQLite's page cache while loading (KiB; the default is 2 MB): big indexes, such as the
#: attendances' by member at 5 million rows, otherwise cost a read per insert
SQLITE_LOAD_CACHE_KIB = 512 * 1024
#: and while building the indexes set aside during the load
SQLITE_INDEX_CACHE_KIB = 64 * 1024


@contextmanager
def load_transaction(engine: Engine) -> Iterator[Connection]:
    """One transaction for a whole load, committed when the block ends without an error,
    schema changes included: a load that fails leaves the database as it found it.

    SQLite's driver begins a transaction only at the first INSERT, which would leave the
    indexes and triggers dropped before it outside the transaction, lost when a load is
    interrupted; so BEGIN is sent first. SQLite also loads with a rollback journal instead of
    the write-ahead log: in the log the whole new database would be written twice, once into
    the log and once more copied from it into the file at the commit's checkpoint, while the
    journal of a load into empty tables holds almost nothing. The log comes back after the
    load, whether it succeeded or not.
    """
    with engine.connect() as connection:
        journal = _rollback_journal(connection)
        try:
            with connection.begin():
                if connection.dialect.name == "sqlite":
                    connection.exec_driver_sql("BEGIN")
                yield connection
        finally:
            if journal:
                connection.exec_driver_sql(f"PRAGMA journal_mode={journal}")
                connection.commit()


def _rollback_journal(connection: Connection) -> str | None:
    """On a SQLite file in WAL mode, switch to a rollback journal and return the mode to go
    back to; None where nothing changed (PostgreSQL, or another connection holds the file,
    in which case the load simply goes through the log)."""
    if connection.dialect.name != "sqlite":
        return None
    mode = connection.exec_driver_sql("PRAGMA journal_mode").scalar()
    changed = None
    if mode == "wal":
        try:
            if connection.exec_driver_sql("PRAGMA journal_mode=DELETE").scalar() == "delete":
                changed = mode
        except OperationalError:
            pass  # busy: the file is open elsewhere
    connection.commit()  # SQLite had nothing open; the load's transaction begins after this
    return changed


def _insert_rows(cursor, head: str, columns: list[list], max_variables: int) -> None:
    """Insert on SQLite with statements of many rows each: Python's `executemany` binds and
    steps one row at a time, which took twice the CPU of these statements for the invitations.
    The values are laid out row after row in one flat list, a slice of it per statement."""
    width, count = len(columns), len(columns[0])
    flat = [None] * (width * count)
    for index, column in enumerate(columns):
        flat[index::width] = column
    per = max(1, min(SQLITE_ROWS_PER_INSERT, max_variables // width))
    first = 0
    for size in _statement_sizes(count, per):
        cursor.execute(_rows_sql(head, width, size), flat[first * width : (first + size) * width])
        first += size


def _statement_sizes(count: int, per: int) -> list[int]:
    """`count` rows as statements of `per` rows, the rest in powers of two: a batch's last
    statement would otherwise be of a new size each time, and the driver keeps every compiled
    statement in its cache (peak memory 60 MB higher at 200,000 members)."""
    full, rest = divmod(count, per)
    return [per] * full + [
        1 << bit for bit in reversed(range(rest.bit_length())) if rest >> bit & 1
    ]


@lru_cache(maxsize=256)
def _rows_sql(head: str, width: int, rows: int) -> str:
    row = f"({', '.join('?' * width)})"
    return head + ", ".join([row] * rows)


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
        self._layouts: dict[str, Layout] = {}
        # the search index's triggers would rework a member's text at every row: built once
        # at the end instead
        self._resume_search = suspend_member_search(connection)
        # and those of members' latest attended session would recompute a member at every
        # attended row, without the attendance indexes set aside below: filled once at the end
        self._resume_last_attended = suspend_last_attended(connection)
        # and the small-win tallies would be counted anew at every win's row: once at the end
        self._resume_tallies = suspend_small_win_tallies(connection)
        # and the reports' data version would be raised at every row a figure reads: once after
        self._resume_data_version = suspend_data_version(connection)
        self._resume_graph_versions = suspend_graph_versions(connection)  # and the graphs'
        self._put_back_indexes = set_aside_indexes(connection, self._tables)
        self._cache_size = None
        self._sqlite_variables = 0
        if connection.dialect.name == "sqlite":
            dbapi_connection = connection.connection.dbapi_connection
            self._sqlite_variables = dbapi_connection.getlimit(SQLITE_LIMIT_VARIABLE_NUMBER)
            self._cache_size = connection.exec_driver_sql("PRAGMA cache_size").scalar()
            connection.exec_driver_sql(f"PRAGMA cache_size=-{SQLITE_LOAD_CACHE_KIB}")

    def next_id(self, table: Table) -> int:
        """The next free id of `table`, counting on from what the database already holds."""
        if table.name not in self._next_id:
            highest = self.connection.scalar(select(func.max(table.c.id)))
            self._next_id[table.name] = (highest or 0) + 1
        value = self._next_id[table.name]
        self._next_id[table.name] = value + 1
        return value

    def reserve_ids(self, table: Table, count: int) -> int:
        """The first of `count` consecutive free ids of `table`."""
        first = self.next_id(table)
        self._next_id[table.name] = first + count
        return first

    def add(self, table: Table, row: dict) -> dict:
        buffer = self._buffers[table.name]
        buffer.append(row)
        self.counts[table.name] += 1
        if len(buffer) >= self.batch_size:
            self.flush()
        return row

    def add_tuples(self, table: Table, names: tuple[str, ...], rows: list[tuple]) -> None:
        """Add rows given as tuples of every column in `names` (no defaults are filled in),
        for the big tables, where making a dict per row cost more than writing it."""
        layout = self._layouts.get(table.name)
        if layout is None:
            dialect = self.connection.dialect
            layout = self._layouts[table.name] = Layout(table, (), dialect, names)
        if tuple(layout.names) != names:
            raise ValueError(f"{table.name} is written with the columns {layout.names}.")
        buffer = self._buffers[table.name]
        buffer.extend(rows)
        self.counts[table.name] += len(rows)
        if len(buffer) >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        """Write every buffer, parents before children."""
        for name in self._order:
            rows = self._buffers.get(name)
            if rows:
                self._write(self._tables[name], rows)
                rows.clear()

    def _write(self, table: Table, rows: list[dict]) -> None:
        dialect = self.connection.dialect
        layout = self._layouts.get(table.name)
        if layout is None:
            layout = self._layouts[table.name] = Layout(table, rows[0], dialect)
        values = layout.columns(rows)
        if dialect.name == "postgresql":
            copy_rows(self.connection, table.name, layout.names, zip(*values, strict=True))
            return
        quote = dialect.identifier_preparer.quote
        columns = ", ".join(quote(name) for name in layout.names)
        head = f"INSERT INTO {quote(table.name)} ({columns}) VALUES "  # noqa: S608
        cursor = self.connection.connection.dbapi_connection.cursor()
        try:
            _insert_rows(cursor, head, values, self._sqlite_variables)
        finally:
            cursor.close()

    def finish(self) -> None:
        """Write what is left; build the search index; on SQLite, give back the usual page
        cache; on PostgreSQL, move the id sequences past our ids, so later ORM inserts get
        fresh ids, and gather the planner's statistics."""
        self.flush()
        if self._cache_size is not None:
            # the sorts that build the indexes take as much memory again as the page cache
            self.connection.exec_driver_sql(f"PRAGMA cache_size=-{SQLITE_INDEX_CACHE_KIB}")
        self._put_back_indexes()
        self._resume_search()
        self._resume_last_attended()
        self._resume_tallies()
        self._resume_data_version()
        self._resume_graph_versions()
        if self._cache_size is not None:
            self.connection.exec_driver_sql(f"PRAGMA cache_size={int(self._cache_size)}")
        # planner statistics now, not whenever autovacuum (PostgreSQL) or the daily job
        # (SQLite) gets to it: right after a bulk load the planner believes the tables nearly
        # empty (PostgreSQL picks nested loops) or knows nothing of them (SQLite guesses)
        self.connection.exec_driver_sql("ANALYZE")
        if self.connection.dialect.name != "postgresql":
            return
        for name in self.counts:
            table = self._tables[name]
            if "id" not in table.c:
                continue
            highest = select(func.coalesce(func.max(table.c.id), 1)).scalar_subquery()
            filled = select(func.count() > 0).select_from(table).scalar_subquery()
            sequence = func.pg_get_serial_sequence(name, "id")
            self.connection.execute(select(func.setval(sequence, highest, filled)))
