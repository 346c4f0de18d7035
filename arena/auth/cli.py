"""`arena token create|list|revoke`: personal API tokens for scripts and operators."""

from __future__ import annotations

from datetime import date

import click
from flask.cli import with_appcontext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from arena.auth.api_tokens import (
    ApiToken,
    TokenProblem,
    create_api_token,
    revoke_api_token,
    tokens_of,
)
from arena.auth.services import find_account
from arena.db import get_row, get_session, utcnow
from arena.i18n import TranslatedOption


@click.group("token")
def token_group() -> None:
    """Personal API tokens (shown once, stored hashed)."""


@token_group.command("create")
@click.argument("email")
@click.option(
    "--name",
    required=True,
    cls=TranslatedOption,
    help=_l("What the token is for, e.g. the CRM sync."),
)
@click.option(
    "--read-only", is_flag=True, cls=TranslatedOption, help=_l("The token may only read.")
)
@click.option(
    "--expires",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    cls=TranslatedOption,
    help=_l("The last day the token works (YYYY-MM-DD); one year when left out."),
)
@with_appcontext
def create_command(email: str, name: str, read_only: bool, expires) -> None:
    """Make a token for the account with EMAIL; the token is the last line printed."""
    session = get_session()
    account = find_account(session, email)
    if account is None:
        raise click.ClickException(_("No account has the email %(email)s.", email=email))
    expires_on: date | None = expires.date() if expires else None
    try:
        new = create_api_token(session, account, name, read_only, expires_on)
    except TokenProblem as exc:
        raise click.ClickException(str(exc)) from exc
    session.commit()
    kind = _("read-only") if read_only else _("read and write")
    day = new.row.expires_dt.strftime("%Y-%m-%d")
    click.echo(
        _(
            "Token %(id)s (%(kind)s) for %(email)s, valid until %(day)s. It is shown only now:",
            id=new.row.id,
            kind=kind,
            email=account.email,
            day=day,
        )
    )
    click.echo(new.secret)


@token_group.command("list")
@click.option("--email", cls=TranslatedOption, help=_l("Only the tokens of this account."))
@with_appcontext
def list_command(email: str | None) -> None:
    """Every token (or one account's): id, owner, name, state, expiry, last use."""
    session = get_session()
    account_id = None
    if email:
        account = find_account(session, email)
        if account is None:
            raise click.ClickException(_("No account has the email %(email)s.", email=email))
        account_id = account.id
    now = utcnow()
    for token in tokens_of(session, account_id):
        used = f"{token.last_used_dt:%Y-%m-%d %H:%M}" if token.last_used_dt else _("never")
        access = _("read-only") if token.is_read_only else _("read-write")
        state = {"active": _("active"), "revoked": _("revoked"), "expired": _("expired")}
        expires = _("expires %(day)s", day=token.expires_dt.strftime("%Y-%m-%d"))
        used = _("used %(when)s", when=used)
        click.echo(
            f"{token.id}\t{token.account.email}\t{token.name}\t{token.shown_prefix}…\t"
            f"{access}\t{state[token.state(now)]}\t{expires}\t{used}"
        )


@token_group.command("revoke")
@click.argument("token_id")
@with_appcontext
def revoke_command(token_id: str) -> None:
    """Revoke the token with this id (see `arena token list`); it stops working at once."""
    session = get_session()
    token = get_row(session, ApiToken, token_id)
    if token is None:
        raise click.ClickException(_("No token has the id %(id)s.", id=token_id))
    revoke_api_token(token)
    session.commit()
    click.echo(
        _(
            "Token %(id)s (%(name)s) of %(email)s is revoked.",
            id=token.id,
            name=token.name,
            email=token.account.email,
        )
    )
