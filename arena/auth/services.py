"""Accounts: signing in, creating accounts for invited people, setting passwords."""

from __future__ import annotations

import hashlib
import secrets
from functools import cache

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from arena import hooks
from arena.audit import record_event
from arena.auth.models import Role, UserAccount
from arena.db import get_row, utcnow
from arena.mail import in_language, render_email
from arena.tokens import LinkPurpose, TokenError, make_token, read_token

MIN_PASSWORD_LENGTH = 10
SET_PASSWORD = LinkPurpose(
    "set-password",
    "PASSWORD_RESET_MAX_AGE",
    expired=_l("This link has expired. Ask an organiser for a new one."),
    invalid=_l("This link is not valid (it may have been used already)."),
)


class AccountError(ValueError):
    """A request about an account that cannot be honoured; the message is for the user."""


def find_account(session: Session, email: str) -> UserAccount | None:
    return session.scalar(select(UserAccount).where(UserAccount.email == fold_email(email)))


def account_of_member(session: Session, member_id: int) -> UserAccount | None:
    return session.scalar(select(UserAccount).where(UserAccount.member_id == member_id))


def fold_email(email: str) -> str:
    return email.strip().lower()


@cache
def _dummy_hash() -> str:
    return generate_password_hash(secrets.token_urlsafe(16))


def authenticate(session: Session, email: str, password: str) -> UserAccount | None:
    """The account for these credentials, or None; disabled accounts never authenticate.

    An unknown email, or an account without a password yet, checks a dummy hash, so the
    answer takes as long as for a real account and timing does not tell who has one."""
    account = find_account(session, email)
    if account is None or not account.password_hash:
        check_password_hash(_dummy_hash(), password)
        return None
    if not account.check_password(password) or not account.is_enabled:
        return None
    account.last_login_dt = utcnow()
    return account


def check_new_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(
            _("A password needs at least %(count)d characters.", count=MIN_PASSWORD_LENGTH)
        )


def create_account(
    session: Session,
    email: str,
    role: Role,
    *,
    password: str | None = None,
    member_id: int | None = None,
    actor_id: int | None = None,
) -> UserAccount:
    """Make an account; without a password, the person sets one through a signed link."""
    if find_account(session, email) is not None:
        raise AccountError(
            _("An account for %(email)s already exists.", email=email.strip().lower())
        )
    account = UserAccount(email=email, role=Role(role), member_id=member_id)
    if password is not None:
        check_new_password(password)
        account.set_password(password)
    session.add(account)
    session.flush()
    record_event(session, actor_id, "account.create", f"account:{account.id}", role=str(role))
    return account


def change_password(account: UserAccount, current: str, new: str) -> None:
    if not account.check_password(current):
        raise AccountError(_("Your current password is not correct."))
    check_new_password(new)
    account.set_password(new)
    account.end_sessions()


def set_account_enabled(
    session: Session, account: UserAccount, enabled: bool, *, actor_id: int | None
) -> None:
    """Disable (ending every session of the account) or enable an account."""
    if account.is_enabled == enabled:
        return
    account.is_enabled = enabled
    if not enabled:
        account.end_sessions()
    action = "account.enable" if enabled else "account.disable"
    record_event(session, actor_id, action, f"account:{account.id}")


def _hash_fingerprint(account: UserAccount) -> str:
    """Changes when the password does, so a set-password link works only once."""
    return hashlib.sha256((account.password_hash or "").encode()).hexdigest()[:16]


def make_set_password_token(account: UserAccount) -> str:
    return make_token(SET_PASSWORD, {"a": account.id, "h": _hash_fingerprint(account)})


def mail_set_password_link(session: Session, account: UserAccount, link: str) -> None:
    """Mail the person their set-password link, in their member's language (else Dutch); the
    outbox sends it after the caller commits."""
    language = account.member.language if account.member else None
    with in_language(language):
        text, html = render_email("account_invite", account=account, link=link)
        subject = _("Your Arena account: choose a password")
    hooks.queue_mail.send(
        session,
        {
            "key": f"account-invite:account={account.id}:{_hash_fingerprint(account)}",
            "kind": "account-invite",
            "recipient": account.email,
            "subject": subject,
            "body_text": text,
            "body_html": html,
            "member_id": account.member_id,
        },
    )


def account_for_set_password_token(session: Session, token: str) -> UserAccount:
    """The account a set-password link is for; TokenError once the password was set."""
    payload = read_token(SET_PASSWORD, token, "a", "h")
    account = get_row(session, UserAccount, payload["a"])
    if account is None or payload["h"] != _hash_fingerprint(account):
        raise TokenError("invalid", SET_PASSWORD)
    return account
