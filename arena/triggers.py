"""Database triggers that keep derived values set aside during a bulk load, refilled after it.

Some values are kept by the database itself (a member's latest attended session, the small-win
tallies): triggers redo a member's or a win's value at every row that touches it. A bulk load
(the demo's millions of rows, written while the indexes are set aside) would redo them once per
row, each without its index, and on PostgreSQL leave a tally table of a few thousand rows
hundreds of thousands of dead versions long (117 MB at 200,000 members, read by every view of
the chart). Instead the triggers are off while it loads and the values are filled once for
everyone at the end, in the caller's transaction.

The reports' data version is one such value: its triggers raise it at every row a figure reads
(on SQLite, 1.5 million times in the demo's load at 200,000 members); once after a load does.
So are the graphs' data versions, one per part of what the graphs read (graphstore_0001).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sqlalchemy import text
from sqlalchemy.engine import Connection

#: the one-row table whose version the report triggers raise (migration report_0001); not a
#: model, so no test's TRUNCATE of the models' tables empties it
DATA_VERSION_TABLE = "report_data_version"
#: the names of the triggers that raise it start with this
DATA_VERSION_TRIGGERS = "report_changed_"

#: the one-row table of the graphs' data versions, a column per part (migration graphstore_0001)
GRAPH_VERSION_TABLE = "graph_data_version"
#: its columns: the parts a graph reads, each raised by the triggers of one table
GRAPH_VERSION_PARTS = (
    "members", "organisations", "arena_series", "meetings", "attendances", "collaborations",
    "participants", "small_wins", "mechanisms", "inspirations", "practice_examples",
    "presenters", "memberships", "organisers",
)  # fmt: skip
#: the names of the triggers that raise them start with this
GRAPH_VERSION_TRIGGERS = "graph_changed_"

_SQLITE_TRIGGERS = text(
    "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE :prefix "
    "ESCAPE '\\' ORDER BY name"
)
_POSTGRES_TRIGGERS = text(
    "SELECT t.tgname, c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
    "WHERE t.tgname LIKE :prefix ESCAPE '\\' AND NOT t.tgisinternal "
    "AND c.relnamespace = current_schema()::regnamespace ORDER BY t.tgname"
)


def suspend_triggers(
    connection: Connection, prefix: str, refill: Sequence[str]
) -> Callable[[], None]:
    """Turn off the triggers whose names start with `prefix`; returns the function that runs
    the `refill` statements and turns them on again."""
    pattern = {"prefix": prefix.replace("_", "\\_") + "%"}
    quote = connection.dialect.identifier_preparer.quote
    if connection.dialect.name == "sqlite":
        triggers = connection.execute(_SQLITE_TRIGGERS, pattern).all()
        for name, _sql in triggers:
            connection.exec_driver_sql(f"DROP TRIGGER {quote(name)}")
        resume = [sql for _name, sql in triggers]
    else:
        triggers = connection.execute(_POSTGRES_TRIGGERS, pattern).all()
        for name, table in triggers:
            connection.exec_driver_sql(f"ALTER TABLE {quote(table)} DISABLE TRIGGER {quote(name)}")
        resume = [f"ALTER TABLE {quote(t)} ENABLE TRIGGER {quote(n)}" for n, t in triggers]

    def refill_and_resume() -> None:
        for statement in refill:
            connection.exec_driver_sql(statement)
        for statement in resume:
            connection.exec_driver_sql(statement)

    return refill_and_resume


def suspend_data_version(connection: Connection) -> Callable[[], None]:
    """The data version's triggers off; returns the function that raises it once (every stored
    report goes stale) and turns them on."""
    raise_once = f"UPDATE {DATA_VERSION_TABLE} SET version = version + 1"  # noqa: S608
    return suspend_triggers(connection, DATA_VERSION_TRIGGERS, [raise_once])


def suspend_graph_versions(connection: Connection) -> Callable[[], None]:
    """The graphs' version triggers off; returns the function that raises every part once
    (every stored graph goes stale) and turns them on."""
    raised = ", ".join(f"{part} = {part} + 1" for part in GRAPH_VERSION_PARTS)
    raise_once = f"UPDATE {GRAPH_VERSION_TABLE} SET {raised} WHERE id = 1"  # noqa: S608
    return suspend_triggers(connection, GRAPH_VERSION_TRIGGERS, [raise_once])
