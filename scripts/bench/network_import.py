"""Benchmark of the member import: 40,000 CSV rows into the benchmark's demo network.

Run: .venv/bin/python scripts/bench/network_import.py [--rows 40000] [--members N]
     [--database URL]
(scripts/bench/network.py runs it after the page benchmark.)

Times the same file through `arena import members` (one transaction) and the way the web
import's worker runs it (preview, confirm, then a commit per chunk of 2,000 rows so the page
can show progress), beside a bare SQLAlchemy Core executemany insert of new member rows.
Goal: under 60 s.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchdb import add_arguments, database_from_args  # noqa: E402
from cache import cache_path  # noqa: E402
from network_data import drop_scratch, make_app, scratch_copy  # noqa: E402
from sqlalchemy import insert, select  # noqa: E402

from arena.db import utcnow  # noqa: E402
from arena.members.models import Member  # noqa: E402


def write_import_csv(url: str, path: Path, rows: int) -> None:
    """40,000 rows: a quarter update existing members, the rest are new, 2,000 organisations."""
    app = make_app(url)
    with app.extensions["arena_db"].engine.connect() as conn:
        existing = (
            conn.execute(select(Member.email).where(Member.email.is_not(None)).limit(rows // 4))
            .scalars()
            .all()
        )
    app.extensions["arena_db"].engine.dispose()
    lines = ["email;name;organisation;role;sector;policy_domain;place;themes;consent"]
    for i in range(rows):
        email = existing[i] if i < len(existing) else f"bench-import-{i}@example.org"
        lines.append(
            f"{email};Bench Person {i};Bench Organisation {i % 2000};provider;;;;"
            f"work|care;{'yes' if i % 3 else 'no'}"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _time_cli_import(url: str, csv_path: Path) -> tuple[float, str]:
    app = make_app(url)
    start = time.perf_counter()
    result = app.test_cli_runner().invoke(args=["import", "members", str(csv_path)])
    seconds = time.perf_counter() - start
    assert result.exit_code == 0, result.output
    app.extensions["arena_db"].engine.dispose()
    return seconds, result.stdout.strip().splitlines()[-1]


def _time_web_import(url: str, csv_path: Path) -> float:
    """Preview, confirm and run as the web does (the worker, here without its thread)."""
    from arena.members import import_batches
    from arena.members.import_worker import run_import

    app = make_app(url)
    start = time.perf_counter()
    with app.app_context():
        session = app.extensions["arena_db"].sessionmaker()
        batch = import_batches.preview_upload(session, "bench.csv", csv_path.read_bytes(), None)
        session.commit()
        run = import_batches.confirm_batch(session, batch)
        session.commit()
        session.close()
    assert run_import(app, batch.id, run) == "done"
    seconds = time.perf_counter() - start
    app.extensions["arena_db"].engine.dispose()
    return seconds


def _time_core_insert(url: str, rows: int) -> float:
    app = make_app(url)
    engine = app.extensions["arena_db"].engine
    now = utcnow()
    records = [
        {"name": f"Core {i}", "email": f"core-{i}@example.org", "role": "provider",
         "themes": ["work"], "time_zone": "Europe/Amsterdam", "is_former": False,
         "created_dt": now, "updated_dt": now}
        for i in range(rows)
    ]  # fmt: skip
    start = time.perf_counter()
    with engine.begin() as conn:
        conn.execute(insert(Member.__table__), records)
    seconds = time.perf_counter() - start
    engine.dispose()
    return seconds


def bench_import(url: str, rows: int) -> None:
    csv_path = cache_path("bench-network-import.csv")
    write_import_csv(url, csv_path, rows)
    timings = {}
    for label, timer in (
        ("import, CLI (one transaction)", lambda copy: _time_cli_import(copy, csv_path)),
        ("import, web worker (commit per chunk)", lambda copy: _time_web_import(copy, csv_path)),
        ("Core", lambda copy: _time_core_insert(copy, rows)),
    ):
        copy = scratch_copy(url)  # each starts from the same network
        timings[label] = timer(copy)
        drop_scratch(copy)
    (cli, summary) = timings.pop("import, CLI (one transaction)")
    core = timings.pop("Core")
    print(f"\nImport of {rows:,} rows ({csv_path.stat().st_size / 1e6:.1f} MB): {summary}")
    print(f"{'(s; Core = bare insert of new member rows)':44} {'ours':>8} {'Core':>8} {'ratio':>6}")
    for label, ours in (("import, CLI (one transaction)", cli), *timings.items()):
        goal = "met" if ours < 60 else "NOT met"
        print(f"{label:44} {ours:8.2f} {core:8.2f} {ours / core:6.1f}  goal < 60 s: {goal}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_arguments(parser)
    parser.add_argument("--rows", type=int, default=40_000)
    args = parser.parse_args()
    bench_import(database_from_args(args), args.rows)


if __name__ == "__main__":
    main()
