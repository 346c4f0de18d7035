"""Alembic driven from code, so `arena init` and the tests migrate the same way."""

from __future__ import annotations

from alembic import command
from alembic.config import Config

from arena.config import DATA_ROOT

MIGRATIONS_DIR = DATA_ROOT / "migrations"


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """What autogenerate compares with the models. APScheduler keeps its own job table; it is
    not ours to migrate. The member search index (on SQLite an FTS5 table and its shadow
    tables) is made by hand in migration scale_0001: no model describes it. Nor the report's
    data version (report_0001) and the graphs' (graphstore_0001), raised by triggers, which the
    tests' TRUNCATE of every model's table must not empty."""
    if type_ == "table":
        return name not in (
            "apscheduler_jobs",
            "report_data_version",
            "report_data_touches",
            "graph_data_version",
            "graph_data_touches",
        ) and not name.startswith("member_search")
    return True


def alembic_config(database_url: str) -> Config:
    config = Config(str(DATA_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["database_url"] = database_url
    return config


def upgrade(database_url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(database_url), revision)
