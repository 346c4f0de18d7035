"""A web worker does its one-time work when it starts (wsgi.py), not during the first answers
of an RSVP burst: the mappers are configured, the signed-link pages compiled, every language's
catalogue loaded, and the first answer page then compiles nothing more."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from arena.arenas.models import Attendance
from arena.invitations import links
from arena.warmup import warm_up

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json, wsgi
from sqlalchemy import inspect
from arena.models import Attendance, Member
cache = wsgi.app.jinja_env.cache
print(json.dumps({
    "configured": inspect(Attendance).configured and inspect(Member).configured,
    "templates": sorted(key[1] for key in cache.keys()),
    "languages": sorted(code for code, _ in wsgi.app.extensions["arena_translations"]),
}))
"""


def test_the_worker_entry_point_warms_up_before_serving(tmp_path):
    env = {
        **os.environ,
        "ARENA_ENV": "production",
        "ARENA_SECRET_KEY": "a-long-enough-secret-key-for-the-production-config",
        "ARENA_DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
        "ARENA_INSTANCE_PATH": str(tmp_path / "instance"),
    }
    probe = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True,
        check=True,
    )  # fmt: skip
    found = json.loads(probe.stdout.splitlines()[-1])
    assert found["configured"]
    assert {"base.html", "invitations/rsvp.html", "invitations/rsvp_done.html"} <= set(
        found["templates"]
    )
    assert found["languages"] == ["en", "nl"]
    assert not (tmp_path / "unused.sqlite3").exists()  # warming opens no database connection


def test_after_warming_up_each_member_reads_the_page_in_their_language(
    app, db, make_meeting, make_member
):
    meeting = make_meeting()
    tokens = {}
    for language in ("nl", "en"):
        member = make_member(language=language)
        attendance = Attendance(
            meeting_id=meeting.id, member_id=member.id, invited_dt=meeting.starts_dt
        )
        db.add(attendance)
        db.flush()
        tokens[language] = attendance.id
    db.commit()
    warm_up(app)
    with app.app_context():
        pages = {
            language: app.test_client()
            .get(f"/rsvp/{links.rsvp_token(attendance_id)}?answer=yes")
            .get_data(as_text=True)
            for language, attendance_id in tokens.items()
        }
    assert "Kom je?" in pages["nl"]
    assert "Will you come?" in pages["en"]
