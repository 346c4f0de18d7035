"""What the network benchmarks share: an app on the benchmark database, and a scratch copy.

The database itself comes from benchdb (one per size and schema, SQLite or PostgreSQL).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from benchdb import PASSWORD  # noqa: E402, F401 - re-exported for the benchmarks
from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from arena import create_app  # noqa: E402


def make_app(url: str):
    return create_app({"ENV_NAME": "testing", "DATABASE_URL": url, "WTF_CSRF_ENABLED": False})


def scratch_copy(url: str) -> str:
    """A copy of the benchmark database to change freely: a file copy on SQLite, a database
    made from it as a template on PostgreSQL (no one may be connected to it meanwhile)."""
    source = make_url(url)
    if source.get_backend_name() == "sqlite":
        target = Path(source.database).with_suffix(".scratch.sqlite3")
        shutil.copyfile(source.database, target)
        return f"sqlite:///{target}"
    name = f"{source.database}_scratch"
    server = create_engine(source.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with server.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{source.database}"'))
    server.dispose()
    return source.set(database=name).render_as_string(hide_password=False)


def drop_scratch(url: str) -> None:
    target = make_url(url)
    if target.get_backend_name() == "sqlite":
        Path(target.database).unlink(missing_ok=True)
        return
    server = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with server.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{target.database}" WITH (FORCE)'))
    server.dispose()
