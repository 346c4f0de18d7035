"""Flask-Login wiring: how an account is loaded, and the guard run before every request."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from arena.auth.access import enforce_access
from arena.auth.models import UserAccount
from arena.db import get_session
from arena.extensions import login_manager


@login_manager.user_loader
def load_account(account_id: str) -> UserAccount | None:
    account = get_session().get(UserAccount, int(account_id))
    return account if account is not None and account.is_enabled else None


def init_app(app) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please sign in to see this page.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "strong"
    app.before_request(enforce_access)
