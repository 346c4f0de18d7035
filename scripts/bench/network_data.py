"""The 40,000-member demo database the network benchmarks share, built once per schema.

A cached file from before a migration is rebuilt rather than trusted.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from cache import cache_path  # noqa: E402

from arena import create_app  # noqa: E402

DATABASE = cache_path("bench40k-network.sqlite3")
IMPORT_COPY = cache_path("bench40k-network-import.sqlite3")
PASSWORD = "bench password 1"  # noqa: S105 - the throwaway benchmark database
ARENA = str(ROOT / ".venv" / "bin" / "arena")


def _schema_is_current() -> bool:
    from alembic.script import ScriptDirectory

    from arena.migrate import alembic_config

    head = ScriptDirectory.from_config(alembic_config(f"sqlite:///{DATABASE}")).get_current_head()
    with closing(sqlite3.connect(DATABASE)) as conn:
        return conn.execute("SELECT version_num FROM alembic_version").fetchone() == (head,)


def ensure_database() -> None:
    if DATABASE.exists() and _schema_is_current():
        return
    DATABASE.unlink(missing_ok=True)
    env = {**os.environ, "ARENA_DATABASE_URL": f"sqlite:///{DATABASE}"}
    env["ARENA_DEMO_PASSWORD"] = PASSWORD
    print(f"Building {DATABASE} (once per schema; a minute or two)...", flush=True)
    subprocess.run([ARENA, "init"], env=env, check=True)  # noqa: S603
    subprocess.run([ARENA, "demo", "--members", "40000"], env=env, check=True)  # noqa: S603


def make_app(path: Path):
    return create_app(
        {"ENV_NAME": "testing", "DATABASE_URL": f"sqlite:///{path}", "WTF_CSRF_ENABLED": False}
    )
