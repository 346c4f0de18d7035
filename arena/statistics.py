"""The query planner's statistics, kept fresh on SQLite.

SQLite chooses its plans from ``sqlite_stat1``, which only ANALYZE fills; PostgreSQL's
autovacuum gathers its own. Without statistics SQLite guessed that "has an email address" was
selective and read 200,000 members through the email index to list one role (550 ms; 70 ms
with statistics). A full ANALYZE of the 200,000-member demo takes about 2 s.
"""

from __future__ import annotations

from sqlalchemy import Connection

from arena.db import get_db


def gather_statistics(connection: Connection) -> bool:
    """ANALYZE on SQLite (PostgreSQL's autovacuum does its own); True when it ran."""
    if connection.dialect.name != "sqlite":
        return False
    connection.exec_driver_sql("ANALYZE")
    return True


def refresh_statistics() -> None:
    """The scheduler's daily job: the network grows by imports and sessions, plans follow."""
    with get_db().engine.begin() as connection:
        gather_statistics(connection)
