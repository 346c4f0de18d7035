"""Benchmark of the network pages and the member import on a 40,000-member demo network.

Run: .venv/bin/python scripts/bench/network.py [--runs 15]

Prints, side by side: the median time of the member list (unfiltered, filtered, searched), a
member profile and the organisation list through the Flask test client, beside the same
queries in plain SQLAlchemy Core (no ORM objects, no templates), with ratios and the number of
SQL statements per page; then a 40,000-row CSV import, both through `arena import members`
(one transaction) and the way the web import's worker runs it (a commit per chunk of 2,000 so
progress shows), beside a plain Core executemany insert.
Goals: under 150 ms median per page; the import under 60 s. The database is rebuilt when its
schema is older than the code's (a cached file from before a migration).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from network_data import DATABASE, PASSWORD, ensure_database, make_app  # noqa: E402
from network_import import bench_import  # noqa: E402
from sqlalchemy import event, func, or_, select  # noqa: E402

from arena.arenas.models import Attendance, Meeting  # noqa: E402
from arena.auth.models import Role, UserAccount  # noqa: E402
from arena.db import utcnow  # noqa: E402
from arena.members.filters import like_pattern  # noqa: E402
from arena.members.models import Member, Membership, Organisation  # noqa: E402


def signed_in_client(app):
    session = app.extensions["arena_db"].sessionmaker()
    account = session.scalar(select(UserAccount).where(UserAccount.role == Role.ORGANISER))
    account.set_password(PASSWORD)
    session.commit()
    client = app.test_client()
    response = client.post("/auth/login", data={"email": account.email, "password": PASSWORD})
    assert response.status_code == 302, response.status_code
    session.close()
    return client


def median_ms(fn, runs: int) -> float:
    fn()  # warm caches
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def statements(engine, fn) -> int:
    seen = []
    listener = lambda *_a: seen.append(1)  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        fn()
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    return len(seen)


def core_list(conn, where=(), per_page=25):
    """The member list in plain Core: count, one page, its organisations, attendance counts."""
    members = Member.__table__
    conn.execute(select(func.count()).select_from(members).where(*where)).scalar()
    rows = conn.execute(
        select(members).where(*where).order_by(members.c.name, members.c.id).limit(per_page)
    ).all()
    ids = [r.id for r in rows]
    conn.execute(
        select(Membership.member_id, Organisation.name)
        .join(Organisation, Organisation.id == Membership.organisation_id)
        .where(Membership.member_id.in_(ids))
    ).all()
    conn.execute(
        select(Attendance.member_id, func.count())
        .where(Attendance.member_id.in_(ids), Attendance.is_attended.is_(True))
        .group_by(Attendance.member_id)
    ).all()


def core_profile(conn, member_id: int):
    """A profile's data in plain Core: the member, organisations, sessions, wins, examples."""
    from arena.collaborations.models import Collaboration, CollaborationParticipant
    from arena.examples.models import PracticeExample
    from arena.wins.models import SmallWin

    conn.execute(select(Member.__table__).where(Member.id == member_id)).one()
    conn.execute(
        select(Membership.__table__, Organisation.name)
        .join(Organisation, Organisation.id == Membership.organisation_id)
        .where(Membership.member_id == member_id)
    ).all()
    conn.execute(
        select(Attendance.__table__, Meeting.title, Meeting.starts_dt)
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .where(Attendance.member_id == member_id)
        .order_by(Meeting.starts_dt.desc())
    ).all()
    conn.execute(select(SmallWin.__table__).where(SmallWin.author_id == member_id)).all()
    conn.execute(
        select(PracticeExample.__table__).where(PracticeExample.proposed_by_id == member_id)
    ).all()
    conn.execute(
        select(Collaboration.__table__)
        .join(CollaborationParticipant)
        .where(CollaborationParticipant.member_id == member_id)
    ).all()


def bench_pages(runs: int) -> None:
    app = make_app(DATABASE)
    client = signed_in_client(app)
    engine = app.extensions["arena_db"].engine
    with engine.connect() as conn:
        busy = conn.execute(
            select(Attendance.member_id)
            .group_by(Attendance.member_id)
            .order_by(func.count().desc())
            .limit(1)
        ).scalar()
    m = Member.__table__.c
    year_ago = utcnow() - timedelta(days=365)
    pages = [
        ("member list, unfiltered", "/members/", [m.erased_at.is_(None)]),
        (
            "member list, filtered (role + mailable)",
            "/members/?role=municipality&consent=mailable",
            [
                m.erased_at.is_(None),
                m.role == "municipality",
                m.email.is_not(None),
                m.consent_given_at.is_not(None),
                m.unsubscribed_at.is_(None),
            ],
        ),
        (
            "member list, attended in the last year",
            "/members/?attended=last-year",
            [
                m.erased_at.is_(None),
                m.id.in_(
                    select(Attendance.member_id)
                    .join(Meeting, Meeting.id == Attendance.meeting_id)
                    .where(Attendance.is_attended.is_(True), Meeting.starts_dt >= year_ago)
                ),
            ],
        ),
        (
            "member list, searched 'jan'",
            "/members/?q=jan",
            [
                m.erased_at.is_(None),
                or_(
                    func.lower(m.name).like(like_pattern("jan")),
                    m.email.like(like_pattern("jan")),
                    m.id.in_(
                        select(Membership.member_id)
                        .join(Organisation, Organisation.id == Membership.organisation_id)
                        .where(
                            Membership.until.is_(None),
                            Organisation.name_key.like(like_pattern("jan")),
                        )
                    ),
                ),
            ],
        ),
        ("member list, 200 per page", "/members/?per_page=200", [m.erased_at.is_(None)]),
    ]
    print(f"\nPages (median of {runs} runs, ms)")
    print(f"{'page (goal: ours < 150 ms)':44} {'ours':>8} {'Core':>8} {'ratio':>6} {'queries':>8}")
    for label, url, where in pages:
        per_page = 200 if "per_page=200" in url else 25
        ours = median_ms(lambda url=url: client.get(url), runs)
        with engine.connect() as conn:
            core = median_ms(lambda w=where, p=per_page: core_list(conn, w, p), runs)
        count = statements(engine, lambda url=url: client.get(url))
        print(f"{label:44} {ours:8.1f} {core:8.1f} {ours / core:6.1f} {count:8d}")
    url = f"/members/{busy}"
    ours = median_ms(lambda: client.get(url), runs)
    with engine.connect() as conn:
        core = median_ms(lambda: core_profile(conn, busy), runs)
    count = statements(engine, lambda: client.get(url))
    label = f"member profile (#{busy}, busiest history)"
    print(f"{label:44} {ours:8.1f} {core:8.1f} {ours / core:6.1f} {count:8d}")
    ours = median_ms(lambda: client.get("/organisations/"), runs)
    with engine.connect() as conn:
        o = Organisation.__table__
        core = median_ms(
            lambda: (
                conn.execute(select(func.count()).select_from(o)).scalar(),
                conn.execute(select(o).order_by(o.c.name_key).limit(25)).all(),
            ),
            runs,
        )
    count = statements(engine, lambda: client.get("/organisations/"))
    print(f"{'organisation list':44} {ours:8.1f} {core:8.1f} {ours / core:6.1f} {count:8d}")
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--rows", type=int, default=40_000)
    parser.add_argument("--pages-only", action="store_true", help="Skip the import.")
    args = parser.parse_args()
    ensure_database()
    bench_pages(args.runs)
    if not args.pages_only:
        bench_import(args.rows)


if __name__ == "__main__":
    main()
