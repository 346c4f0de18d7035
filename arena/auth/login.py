"""Flask-Login wiring: how an account is loaded, and the guard run before every request."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from arena.auth.access import enforce_access
from arena.auth.models import UserAccount
from arena.db import get_row, get_session
from arena.extensions import login_manager


@login_manager.user_loader
def load_account(user_id: str) -> UserAccount | None:
    """The account a session or remember-me cookie names, while its session version holds."""
    account_id, _, version = user_id.partition(":")
    account = get_row(get_session(), UserAccount, account_id)
    if account is None or not account.is_enabled or version != str(account.session_version):
        return None
    return account


def init_app(app) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please sign in to see this page.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "strong"
    app.before_request(enforce_access)
