"""SQLite plans from statistics that ANALYZE gathers: after a demo load and once a day."""

from __future__ import annotations

from sqlalchemy import text

from arena.jobs import JOBS
from arena.scheduler import run_once
from arena.statistics import gather_statistics


def analysed_tables(engine) -> set[str]:
    """The tables SQLite holds statistics of (none before the first ANALYZE)."""
    with engine.connect() as connection:
        if not connection.scalar(
            text("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")
        ):
            return set()
        return set(connection.scalars(text("SELECT DISTINCT tbl FROM sqlite_stat1")))


def test_the_daily_job_gives_sqlite_statistics_of_the_members(app, db, make_member):
    for _ in range(3):
        make_member()
    engine = db.get_bind()
    assert "arena.statistics:refresh_statistics" in {spec.func for spec in JOBS}
    assert run_once(app, [spec for spec in JOBS if spec.id == "refresh-statistics"]) == []
    if engine.dialect.name == "sqlite":
        assert "members" in analysed_tables(engine)
    else:  # PostgreSQL's autovacuum gathers its own; the job leaves it alone
        with engine.connect() as connection:
            assert gather_statistics(connection) is False
