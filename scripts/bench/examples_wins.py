"""Benchmark of the practice-example, small-win and collaboration pages on a 40,000-member network.

Run: .venv/bin/python scripts/bench/examples_wins.py [--runs 7]

Prints side by side, with ratios: what the forms used to send for organisation type-ahead (every
name of the network in a <datalist>) against one keystroke's JSON search; the planning board
loading every example against the board as it is now (open work plus the latest finished); the
collaborations list loading all rows against one page; the drop-downs of the small-win form with
every held session and example against the recent ones; and the pages themselves through the
Flask test client (median time, bytes, SQL statements).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from cache import cache_path  # noqa: E402
from sqlalchemy import event, select  # noqa: E402
from sqlalchemy.orm import selectinload  # noqa: E402

from arena import create_app  # noqa: E402
from arena.arenas.choices import held_meeting_options  # noqa: E402
from arena.arenas.models import Meeting, MeetingState  # noqa: E402
from arena.auth.models import UserAccount  # noqa: E402
from arena.collaborations.models import Collaboration, CollaborationParticipant  # noqa: E402
from arena.collaborations.services import list_collaborations  # noqa: E402
from arena.examples.choices import example_options  # noqa: E402
from arena.examples.models import ExampleStatus, PracticeExample  # noqa: E402
from arena.examples.planning import board  # noqa: E402
from arena.members.directory import search_organisation_names  # noqa: E402
from arena.members.models import Organisation  # noqa: E402

DATABASE = cache_path("bench40k-examples.sqlite3")
ARENA = str(ROOT / ".venv" / "bin" / "arena")
PASSWORD = "bench password examples"  # noqa: S105 - the throwaway benchmark database


def _ensure_database() -> str:
    url = f"sqlite:///{DATABASE}"
    if not DATABASE.exists():
        env = dict(os.environ, ARENA_DATABASE_URL=url)
        subprocess.run([ARENA, "init"], env=env, check=True)  # noqa: S603
        subprocess.run([ARENA, "demo", "--members", "40000"], env=env, check=True)  # noqa: S603
    return url


def _median_ms(work, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def _line(label: str, old: float, new: float, unit: str) -> None:
    ratio = old / new if new else float("inf")
    print(f"  {label:<44} {old:>10.1f} {unit:<3} {new:>10.1f} {unit:<3} {ratio:>7.1f}x")


# What the code did before: every name, every example, every collaboration, every option.
def _all_names(session) -> list[str]:
    return list(session.scalars(select(Organisation.name).order_by(Organisation.name)))


def _datalist_bytes(names: list[str]) -> int:
    return len("".join(f'<option value="{n}">' for n in names).encode())


def _old_board(session) -> list:
    return list(
        session.scalars(
            select(PracticeExample).options(
                selectinload(PracticeExample.presenters),
                selectinload(PracticeExample.organisations),
                selectinload(PracticeExample.meeting),
            )
        )
    )


def _old_collaborations(session) -> list:
    return list(
        session.scalars(
            select(Collaboration).options(
                selectinload(Collaboration.participants).selectinload(
                    CollaborationParticipant.organisation
                ),
                selectinload(Collaboration.participants).selectinload(
                    CollaborationParticipant.member
                ),
            )
        )
    )


def _old_choices(session) -> int:
    meetings = session.scalars(select(Meeting).where(Meeting.state == MeetingState.HELD)).all()
    examples = session.scalars(
        select(PracticeExample).where(
            PracticeExample.status.in_([ExampleStatus.PRESENTED, ExampleStatus.SCHEDULED])
        )
    ).all()
    return len(meetings) + len(examples)


def _new_choices(session) -> int:
    statuses = (ExampleStatus.PRESENTED, ExampleStatus.SCHEDULED)
    return len(held_meeting_options(session)) + len(example_options(session, statuses))


def _pages(app, runs: int) -> None:
    engine = app.extensions["arena_db"].engine
    statements: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    with app.app_context():  # a known password on the cached, throwaway database
        session = app.extensions["arena_db"].sessionmaker()
        organiser = session.scalar(
            select(UserAccount).where(UserAccount.email == "organiser@example.org")
        )
        organiser.set_password(PASSWORD)
        session.commit()
        session.close()
    client = app.test_client()
    client.post("/auth/login", data={"email": "organiser@example.org", "password": PASSWORD})
    print(f"\n  {'page (organiser)':<44} {'median':>10}     {'bytes':>10} {'SQL':>8}")
    for url in (
        "/examples/",
        "/examples/new",
        "/wins/",
        "/wins/new",
        "/wins/mechanisms",
        "/collaborations/",
        "/collaborations/new",
        "/lookup/organisations?q=gemeente",
    ):
        statements.clear()
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        count = len(statements)
        ms, response = _median_ms(lambda url=url: client.get(url), runs)
        print(f"  {url:<44} {ms:>10.1f} ms  {len(response.data):>10} {count:>8}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    app = create_app(
        {"DATABASE_URL": _ensure_database(), "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False}
    )
    with app.app_context():
        session = app.extensions["arena_db"].sessionmaker()
        print(f"{'':<46} {'before':>14} {'now':>14} {'ratio':>8}")
        old_ms, names = _median_ms(lambda: _all_names(session), args.runs)
        new_ms, found = _median_ms(
            lambda: search_organisation_names(session, "gemeente"), args.runs
        )
        _line(f"organisation names: query ({len(names)} vs {len(found)})", old_ms, new_ms, "ms")
        new_bytes = len(repr(found).encode())
        _line("organisation names: bytes sent", _datalist_bytes(names), new_bytes, "B")
        old_ms, old_rows = _median_ms(lambda: _old_board(session), args.runs)
        new_ms, columns = _median_ms(lambda: board(session), args.runs)
        shown = sum(len(c.examples) for c in columns.values())
        _line(f"board: examples loaded ({len(old_rows)} vs {shown})", old_ms, new_ms, "ms")
        old_ms, old_rows = _median_ms(lambda: _old_collaborations(session), args.runs)
        new_ms, (rows, _total) = _median_ms(lambda: list_collaborations(session), args.runs)
        _line(f"collaborations list ({len(old_rows)} vs {len(rows)} rows)", old_ms, new_ms, "ms")
        old_ms, old_n = _median_ms(lambda: _old_choices(session), args.runs)
        new_ms, new_n = _median_ms(lambda: _new_choices(session), args.runs)
        _line(f"small-win form options ({old_n} vs {new_n})", old_ms, new_ms, "ms")
        session.close()
    _pages(app, args.runs)


if __name__ == "__main__":
    main()
