"""The demo databases benchmarks share: one per size and schema, on SQLite or PostgreSQL.

Every benchmark takes ``--members N`` and ``--database URL``. ``--database`` is ``sqlite``
(the default: a file under ARENA_BENCH_DIR), ``postgresql`` (the local server), a SQLite
URL or path, or a PostgreSQL URL (of a server, or of a database to use as it is). The default
databases are named after the size and the schema revision (``arena_bench_200000_<revision>``
on PostgreSQL, a file under ARENA_BENCH_DIR for SQLite), so a stale schema is never measured.
A database is built once by `arena demo` (seed 2014) and reused; after a new migration, the
database of the same size at the older schema is migrated and renamed instead.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import time
from pathlib import Path

from cache import cache_path
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[2]
ARENA = str(ROOT / ".venv" / "bin" / "arena")
PASSWORD = "bench password 1"  # noqa: S105 - the throwaway benchmark databases
LOCAL_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def add_arguments(parser: argparse.ArgumentParser, members: int = 40_000) -> None:
    parser.add_argument("--members", type=int, default=members, help="Demo network size.")
    parser.add_argument(
        "--database",
        default="sqlite",
        help="sqlite (default), postgresql, a SQLite path or URL, or a PostgreSQL server URL.",
    )


def schema_head() -> str:
    from alembic.script import ScriptDirectory

    from arena.migrate import alembic_config

    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def resolve_url(database: str, members: int) -> str:
    """The URL of the benchmark database for this size and the code's schema."""
    revision = re.sub(r"[^a-z0-9_]", "_", schema_head().lower())
    name = f"arena_bench_{members}_{revision}"
    if database == "sqlite":
        return f"sqlite:///{cache_path(name + '.sqlite3')}"
    if database in ("postgresql", "postgres", "pg"):
        database = LOCAL_POSTGRES
    if database.startswith("postgres"):
        url = make_url(database).set(drivername="postgresql+psycopg")
        if url.database in (None, "", "postgres", "test"):  # the server: the database is ours
            url = url.set(database=name)
        return url.render_as_string(hide_password=False)
    if database.startswith("sqlite:"):
        return database
    return f"sqlite:///{Path(database).resolve()}"


def _migrate_older_copy(url: str, members: int, env: dict) -> bool:
    """Reuse a benchmark database of this size made at an older schema: migrate it (as an
    operator's would be: the populated upgrade is part of what is measured) and rename it to
    the current name. Much faster than building anew (20 minutes at 200,000 on PostgreSQL)."""
    target = make_url(url)
    prefix = f"arena_bench_{members}_"
    if target.get_backend_name() == "sqlite":
        path = Path(target.database)
        if not path.name.startswith(prefix):
            return False
        older = [p for p in path.parent.glob(prefix + "*.sqlite3") if p != path]
        if not older:
            return False
        old_url = f"sqlite:///{older[0]}"
    else:
        if not target.database.startswith(prefix):
            return False
        server = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
        with server.connect() as conn:
            names = conn.execute(
                text("SELECT datname FROM pg_database WHERE datname LIKE :p AND datname <> :n"),
                {"p": prefix.replace("_", "\\_") + "%", "n": target.database},
            ).scalars().all()  # fmt: skip
        server.dispose()
        if not names:
            return False
        old_url = target.set(database=names[0]).render_as_string(hide_password=False)
    if _network_state(old_url) != "older":
        return False
    print(f"Migrating {old_url} to the current schema and naming it {url} ...", flush=True)
    subprocess.run([ARENA, "init"], env={**env, "ARENA_DATABASE_URL": old_url}, check=True)  # noqa: S603
    if target.get_backend_name() == "sqlite":
        for suffix in ("-wal", "-shm"):
            Path(str(older[0]) + suffix).unlink(missing_ok=True)
        older[0].rename(target.database)
    else:
        server = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
        with server.connect() as conn:
            conn.execute(text(f'ALTER DATABASE "{names[0]}" RENAME TO "{target.database}"'))
        server.dispose()
    return True


def _network_state(url: str) -> str:
    """Whether the network there is "current", "older" (an older schema) or "missing"."""
    if url.startswith("sqlite") and not Path(make_url(url).database).exists():
        return "missing"
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            if not conn.execute(text("SELECT count(*) FROM members")).scalar():
                return "missing"
            return "current" if version == schema_head() else "older"
    except Exception:  # noqa: BLE001 - a missing database or table: build it
        return "missing"
    finally:
        engine.dispose()


def create_postgres_database(url: str) -> None:
    target = make_url(url)
    server = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with server.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{target.database}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{target.database}"'))
    server.dispose()


def ensure_database(url: str, members: int) -> str:
    """Build the demo network at `url` unless it is there; a network at an older schema
    (only a database named by hand has one) is migrated, as an operator's would be."""
    env = {**os.environ, "ARENA_DATABASE_URL": url, "ARENA_DEMO_PASSWORD": PASSWORD}
    state = _network_state(url)
    if state == "current":
        return url
    if state == "older":
        subprocess.run([ARENA, "init"], env=env, check=True)  # noqa: S603
        return url
    if _migrate_older_copy(url, members, env):
        return url
    print(f"Building the {members:,}-member demo network at {url} (once) ...", flush=True)
    if url.startswith("postgresql"):
        create_postgres_database(url)
    else:
        path = Path(make_url(url).database)
        for stale in path.parent.glob(path.name + "*"):
            stale.unlink()
    subprocess.run([ARENA, "init"], env=env, check=True)  # noqa: S603
    demo = run_measured([ARENA, "demo", "--members", str(members)], env)
    if url.startswith("postgresql"):
        vacuum(url)
    # the graph pages show stored results: compute them as the scheduler would
    job = run_measured([ARENA, "graph", "compute"], env)
    when = time.strftime("%Y-%m-%d %H:%M")
    line = f"{when} {url}: demo {demo}; graph job {job}; {load_average()}"
    print(line, flush=True)
    with cache_path("builds.log").open("a") as log:
        log.write(line + "\n")
    return url


def vacuum(url: str) -> None:
    """VACUUM (ANALYZE) after the bulk load, as autovacuum does some minutes later: until then
    no page is marked all-visible, and every index-only scan reads the table too (the member
    list's name index: 200,000 heap fetches). Measured from a steady state, not the load's."""
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("VACUUM (ANALYZE)"))
    engine.dispose()


def run_measured(command: list[str], env: dict) -> str:
    """Run a command; say its wall time, its own CPU time (what it would take on a quiet
    machine, near enough, for a single-threaded command) and its peak memory."""
    started = time.perf_counter()
    child = subprocess.Popen(command, env=env)  # noqa: S603
    _pid, status, usage = os.wait4(child.pid, 0)
    if os.waitstatus_to_exitcode(status):
        raise RuntimeError(f"{' '.join(command[1:])} failed")
    return (
        f"{time.perf_counter() - started:.0f} s wall, {usage.ru_utime + usage.ru_stime:.0f} s "
        f"CPU, peak {usage.ru_maxrss / 1024:.0f} MB"
    )


def database_from_args(args: argparse.Namespace) -> str:
    return ensure_database(resolve_url(args.database, args.members), args.members)


def load_average() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())
