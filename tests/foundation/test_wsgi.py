"""The gunicorn entry point: the app made once per worker, its long-lived objects frozen."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_worker_freezes_what_lives_as_long_as_it(tmp_path):
    """Frozen, the garbage collector's full passes skip the app's objects (modules, mapped
    classes, templates' environment): pages that load many rows trigger such passes."""
    env = {**os.environ, "ARENA_DATABASE_URL": f"sqlite:///{tmp_path / 'never-made.sqlite3'}"}
    frozen = subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-c", "import gc, wsgi; print(gc.get_freeze_count())"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert int(frozen) > 10_000
    assert not (tmp_path / "never-made.sqlite3").exists()
