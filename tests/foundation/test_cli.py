"""The `arena` command: init, create-user."""

from __future__ import annotations

import subprocess
import sys

from sqlalchemy import select

from arena import create_app
from arena.auth.models import Role, UserAccount


def test_init_migrates_an_empty_database(tmp_path):
    database = tmp_path / "fresh" / "arena.sqlite3"
    app = create_app({"ENV_NAME": "testing", "DATABASE_URL": f"sqlite:///{database}"})
    result = app.test_cli_runner().invoke(args=["init"])
    assert result.exit_code == 0, result.output
    assert database.exists()
    assert app.test_client().get("/healthz").json["database"] == "ok"
    app.extensions["arena_db"].engine.dispose()


def test_create_user_reads_the_password_from_stdin(app, db):
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=["create-user", "First@Example.org", "--role", "organiser", "--password-stdin"],
        input="a long enough secret\n",
    )
    assert result.exit_code == 0, result.output
    account = db.scalar(select(UserAccount).where(UserAccount.email == "first@example.org"))
    assert account.role == Role.ORGANISER
    assert account.check_password("a long enough secret")


def test_create_user_refuses_a_short_password_and_a_duplicate(app, db):
    runner = app.test_cli_runner()
    short = runner.invoke(
        args=["create-user", "a@example.org", "--role", "member", "--password-stdin"],
        input="short\n",
    )
    assert short.exit_code != 0
    assert "at least 10 characters" in short.output
    args = ["create-user", "b@example.org", "--role", "member", "--password-stdin"]
    assert runner.invoke(args=args, input="long enough pw\n").exit_code == 0
    again = runner.invoke(args=args, input="long enough pw\n")
    assert again.exit_code != 0
    assert "already exists" in again.output


def test_arena_console_script_is_the_flask_cli(tmp_path):
    database = tmp_path / "cli.sqlite3"
    env = {"ARENA_DATABASE_URL": f"sqlite:///{database}", "PATH": ""}
    bin_dir = __import__("pathlib").Path(sys.executable).parent
    result = subprocess.run(
        [str(bin_dir / "arena"), "init"], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "nieuwste schema" in result.stdout  # a real install speaks Dutch first


def test_arena_commands_speak_dutch_when_the_app_does(tmp_path):
    database = tmp_path / "nl.sqlite3"
    app = create_app(
        {
            "ENV_NAME": "testing",
            "DATABASE_URL": f"sqlite:///{database}",
            "BABEL_DEFAULT_LOCALE": "nl",
        }
    )
    runner = app.test_cli_runner()
    init = runner.invoke(args=["init"])
    assert init.exit_code == 0, init.output
    assert "De database heeft het nieuwste schema." in init.output

    output = tmp_path / "members.csv"
    unknown = runner.invoke(args=["export", "members", "--segment", "Nergens", "-o", str(output)])
    assert unknown.exit_code != 0
    assert "Er is geen selectie met de naam “Nergens”." in unknown.output
    assert not output.exists()

    exported = runner.invoke(args=["export", "members", "-o", str(output)])
    assert exported.exit_code == 0, exported.output
    assert f"0 deelnemer(s) geschreven naar {output}." in exported.output

    with app.app_context():  # as the `arena` command (FlaskGroup) runs while it shows help
        helped = runner.invoke(args=["export", "members", "--help"])
    assert "Scheid cellen met komma’s" in helped.output

    jobs = runner.invoke(args=["scheduler", "--once", "--job", "no-such-job"])
    assert jobs.exit_code != 0
    assert "onbekende taak no-such-job" in jobs.output
    app.extensions["arena_db"].engine.dispose()
