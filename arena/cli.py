"""The `arena` command: migrate, make accounts, load the demo network."""

from __future__ import annotations

import os
import secrets
import sys

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from arena.auth.models import Role
from arena.db import get_db, get_session
from arena.i18n import TranslatedOption


@click.command("init")
@with_appcontext
def init_command() -> None:
    """Create or migrate the database to the newest schema."""
    from arena.migrate import upgrade

    url = current_app.config["DATABASE_URL"]
    if url.startswith("sqlite:///"):
        os.makedirs(os.path.dirname(url.removeprefix("sqlite:///")) or ".", exist_ok=True)
    upgrade(url)
    click.echo(_("Database is at the newest schema."))


@click.command("create-user")
@click.argument("email")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option(
    "--password-stdin",
    is_flag=True,
    cls=TranslatedOption,
    help=_l("Read the password from standard input."),
)
@with_appcontext
def create_user_command(email: str, role: str, password_stdin: bool) -> None:
    """Make an account, e.g. the first organiser."""
    from arena.auth.services import AccountError, create_account

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt(_("Password"), hide_input=True, confirmation_prompt=True)
    session = get_session()
    try:
        account = create_account(session, email, Role(role), password=password)
    except AccountError as exc:
        raise click.ClickException(str(exc)) from exc
    session.commit()
    click.echo(
        _(
            "Created %(role)s account %(email)s.",
            role=account.role.value,
            email=account.email,
        )
    )


@click.command("demo")
@click.option(
    "--members",
    default=400,
    show_default=True,
    cls=TranslatedOption,
    help=_l("Members in the network."),
)
@click.option(
    "--seed",
    default=2014,
    show_default=True,
    cls=TranslatedOption,
    help=_l("Same seed, same network."),
)
@click.option(
    "--if-empty",
    is_flag=True,
    cls=TranslatedOption,
    help=_l("Do nothing when the network has members."),
)
@click.option(
    "--language",
    default="nl",
    show_default=True,
    cls=TranslatedOption,
    help=_l("Language of the demo's series, sessions, examples and wins: nl or en."),
)
@with_appcontext
def demo_command(members: int, seed: int, if_empty: bool, language: str) -> None:
    """Load a demo network shaped like the source's (Waardevol Werk since 2014)."""
    try:
        import faker  # noqa: F401 - only the demo needs it; a plain install leaves it out
    except ImportError:
        raise click.ClickException(
            _(
                "The demo network needs Faker, which is not installed (Arena serves without "
                "it). Install the demo extra: pip install -c constraints.txt -e '.[demo]' in "
                "a checkout, or pip install 'arena[demo]'; scripts/run does this for you."
            )
        ) from None
    from arena.demo import generate_demo
    from arena.demo.indexes import TablesBusy
    from arena.demo.texts import demo_texts
    from arena.members.models import Member

    try:
        demo_texts(language)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--language") from exc
    session = get_session()
    existing = session.scalar(select(func.count(Member.id)))
    # end this read: on PostgreSQL its lock on members would keep the load from setting the
    # foreign keys aside
    session.rollback()
    if existing:
        if if_empty:
            click.echo(_("The network has %(num)d members already; no demo loaded.", num=existing))
            return
        raise click.ClickException(
            _(
                "The network has %(num)d members already. The demo loads only into an empty "
                "database, so it never mixes with real data.",
                num=existing,
            )
        )
    password = os.environ.get("ARENA_DEMO_PASSWORD") or None
    printed_password = password or secrets.token_urlsafe(12)
    with click.progressbar(length=100, label=_("Loading demo network"), file=sys.stderr) as bar:
        done = {"n": 0}

        def progress(fraction: float) -> None:
            step = int(fraction * 100) - done["n"]
            if step > 0:
                bar.update(step)
                done["n"] += step

        try:
            summary = generate_demo(
                get_db().engine,
                members=members,
                seed=seed,
                password=printed_password,
                progress=progress,
                language=language,
            )
        except TablesBusy:
            raise click.ClickException(
                _(
                    "Another program is using the database (an Arena server or scheduler "
                    "still running?), so the demo cannot set its indexes aside. Nothing was "
                    "loaded. Stop that program and load again."
                )
            ) from None
    click.echo(summary.describe())
    if password is None:
        click.echo(
            _(
                "Demo accounts organiser@example.org, lead@example.org and member@example.org "
                "have the password: %(password)s  (shown once; set ARENA_DEMO_PASSWORD to "
                "choose it)",
                password=printed_password,
            )
        )


#: commands and command groups of feature packages, as "module:attribute"
FEATURE_COMMANDS: tuple[str, ...] = (
    "arena.scheduler:scheduler_command",
    "arena.members.cli:import_group",
    "arena.members.cli:export_group",
    "arena.graph.cli:graph_group",
    "arena.auth.cli:token_group",
)


def register_commands(app) -> None:
    from importlib import import_module

    for command in (init_command, create_user_command, demo_command):
        app.cli.add_command(command)
    for spec in FEATURE_COMMANDS:
        module, _sep, attribute = spec.partition(":")
        app.cli.add_command(getattr(import_module(module), attribute))
