"""Flask-Login wiring: how an account is loaded, and the guard run before every request."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_login import current_user

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


def _share_current_user(app) -> None:
    """Templates get Flask-Login's proxy, not the loaded user: a page that never looks at
    ``current_user`` (a signed link's page) loads no account and leaves the session cookie
    alone (Flask-Login's own processor loads the user for every page, and for a visitor who
    has a session but no account its "strong" session protection then rewrites the session
    and clears the remember-me cookie on each response). A template global rather than a
    context processor, which Flask would call on every page rendered."""
    app.jinja_env.globals["current_user"] = current_user


def init_app(app) -> None:
    login_manager.init_app(app, add_context_processor=False)
    _share_current_user(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please sign in to see this page.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "strong"
    app.before_request(enforce_access)
