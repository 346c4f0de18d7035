"""A built wheel, installed into a fresh virtual environment, serves Arena on its own:
templates, static files, migrations and compiled translations are package data."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

from arena.config import PROJECT_ROOT

SERVE = """
import sys
sys.modules["faker"] = None  # the demo's Faker is not needed to serve: make it missing
import arena
from arena import create_app
app = create_app({"ENV_NAME": "testing", "DATABASE_URL": sys.argv[1], "SECRET_KEY": "k",
                  "INSTANCE_PATH": sys.argv[2]})
client = app.test_client()
page = client.get("/auth/login", headers={"Accept-Language": "nl"})
css = client.get("/static/css/arena.css")
print(arena.__file__)
print(page.status_code, css.status_code)
demo = app.test_cli_runner().invoke(args=["demo"])
print(demo.exit_code, demo.output.replace("\\n", " "))
print(page.get_data(as_text=True))
"""


def _run(args: list[str], cwd: Path, **env) -> str:
    result = subprocess.run(
        args, cwd=cwd, capture_output=True, text=True, timeout=600,
        env={**os.environ, "PIP_NO_INPUT": "1", **env},
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    return result.stdout


def test_a_wheel_installed_in_a_fresh_venv_migrates_and_serves_a_dutch_page(tmp_path):
    wheels = tmp_path / "wheels"
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(wheels), str(PROJECT_ROOT)],
         cwd=tmp_path)  # fmt: skip
    (wheel,) = wheels.glob("arena-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for expected in (
        "arena/templates/base.html",
        "arena/static/css/arena.css",
        "arena/migrations/env.py",
        "arena/alembic.ini",
        "arena/translations/nl/LC_MESSAGES/messages.mo",
    ):
        assert expected in names

    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", str(venv)], cwd=tmp_path)
    # the dependencies come from the test environment (installing them again would need the
    # package index); Arena itself only from the wheel
    (site,) = (venv / "lib").glob("python3*/site-packages")
    (site / "test-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    python = str(venv / "bin" / "python")
    _run([python, "-m", "pip", "install", "--no-deps", "--no-index", str(wheel)], cwd=tmp_path)

    database = f"sqlite:///{tmp_path / 'arena.sqlite3'}"
    _run([str(venv / "bin" / "arena"), "init"], cwd=tmp_path,
         ARENA_DATABASE_URL=database, ARENA_INSTANCE_PATH=str(tmp_path / "instance"))  # fmt: skip
    out = _run([python, "-c", SERVE, database, str(tmp_path / "instance")], cwd=tmp_path)
    where, statuses, demo, page = out.split("\n", 3)
    assert where.startswith(str(site)), "Arena was imported from the checkout, not the wheel"
    assert statuses == "200 200"
    assert demo.startswith("1 ") and "needs Faker" in demo and "[demo]" in demo
    assert 'lang="nl"' in page and "Inloggen" in page
