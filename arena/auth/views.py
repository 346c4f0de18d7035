"""Sign in and out, passwords, and the organisers' account list."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user
from sqlalchemy import select

from arena import hooks, throttle
from arena.auth import api_tokens, services
from arena.auth.access import allowed, public, signed_in
from arena.auth.forms import (
    ApiTokenForm,
    ChangePasswordForm,
    InviteAccountForm,
    LoginForm,
    SetPasswordForm,
)
from arena.auth.models import Role, UserAccount
from arena.db import get_or_404, get_row, get_session, utcnow
from arena.i18n import follow_language, forget_language, remember_language

bp = Blueprint("auth", __name__, url_prefix="/auth")


def safe_next(target: str | None) -> str:
    """Follow ``next`` only inside this site: a path, no scheme, no host."""
    if target:
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and target.startswith("/"):
            return target
    return url_for("dashboard.index")


def _stay_signed_in(account: UserAccount) -> None:
    """Keep this session (and its remember-me cookie) after the account's version rose."""
    cookie = current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token")
    login_user(account, remember=cookie in request.cookies)


@bp.route("/login", methods=["GET", "POST"])
@public
def login():
    """Sign in; a wrong email or password gets one message that reveals neither."""
    if current_user.is_authenticated:
        return redirect(url_for("dashboard.index"))
    form = LoginForm()
    if form.validate_on_submit():
        session = get_session()
        key = services.fold_email(form.email.data)
        throttle.check(key)  # too many failures: 429, even with the right password
        account = services.authenticate(session, form.email.data, form.password.data)
        if account is None:
            throttle.record_failure("sign-in", key)
            flash(_("Wrong email or password. Please try again."), "error")
            return render_template("auth/login.html", form=form), 401
        session.commit()
        throttle.forget_account(key)
        login_user(account, remember=form.remember.data)
        # pages follow the member's own language from now on (None: the browser's)
        remember_language(account.member.language if account.member else None)
        return redirect(safe_next(request.args.get("next")))
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@signed_in
def logout():
    """Sign out (POST only, so a link elsewhere cannot sign anyone out); this ends every
    session and remember-me cookie of the account, on every device."""
    current_user.end_sessions()
    get_session().commit()
    logout_user()
    forget_language()
    flash(_("You are signed out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/password", methods=["GET", "POST"])
@signed_in
def change_password():
    """Change one's own password, knowing the current one."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            services.change_password(current_user, form.current.data, form.new.data)
        except services.AccountError as exc:
            form.current.errors.append(str(exc))
        else:
            get_session().commit()
            _stay_signed_in(current_user._get_current_object())
            flash(_("Your password has been changed."), "success")
            return redirect(url_for("dashboard.index"))
    return render_template("auth/change_password.html", form=form)


@bp.route("/set-password/<token>", methods=["GET", "POST"])
@public
def set_password(token: str):
    """The page an invited person reaches from their signed link; works once."""
    session = get_session()
    account = services.account_for_set_password_token(session, token)
    follow_language(account.member.language if account.member else None)
    form = SetPasswordForm()
    if form.validate_on_submit():
        account.set_password(form.new.data)
        account.end_sessions()
        session.commit()
        flash(_("Your password is set. You can sign in now."), "success")
        return redirect(url_for("auth.login"))
    return render_template("auth/set_password.html", form=form, account=account)


@bp.route("/accounts", methods=["GET", "POST"])
@allowed(Role.ORGANISER)
def accounts():
    """Organisers invite accounts; there is no open sign-up."""
    session = get_session()
    form = InviteAccountForm()
    invite_link = None
    if form.validate_on_submit():
        member_id = None
        if form.member_email.data:
            found = hooks.member_id_for_email.send(session, form.member_email.data)
            member_id = next((i for i in found if i is not None), None)
            if member_id is None:
                form.member_email.errors.append(_("No member of the network has this email."))
            elif services.account_of_member(session, member_id) is not None:
                form.member_email.errors.append(_("This member already has an account."))
        if not form.errors:
            try:
                account = services.create_account(
                    session,
                    form.email.data,
                    Role(form.role.data),
                    member_id=member_id,
                    actor_id=current_user.id,
                )
            except services.AccountError as exc:
                form.email.errors.append(str(exc))
            else:
                invite_link = url_for(
                    "auth.set_password",
                    token=services.make_set_password_token(account),
                    _external=True,
                )
                services.mail_set_password_link(session, account, invite_link)
                session.commit()
                flash(_("Account created. Send the person the link below."), "success")
                form = InviteAccountForm(formdata=None)
    rows = session.scalars(select(UserAccount).order_by(UserAccount.email)).all()
    return render_template("auth/accounts.html", form=form, accounts=rows, invite_link=invite_link)


@bp.route("/accounts/<int:account_id>/disable", methods=["POST"])
@allowed(Role.ORGANISER)
def disable_account(account_id: int):
    """Disable an account; every session and remember-me cookie of it ends at once."""
    return _set_enabled(account_id, enabled=False)


@bp.route("/accounts/<int:account_id>/enable", methods=["POST"])
@allowed(Role.ORGANISER)
def enable_account(account_id: int):
    """Let a disabled account sign in again."""
    return _set_enabled(account_id, enabled=True)


def _set_enabled(account_id: int, *, enabled: bool):
    account = get_or_404(UserAccount, account_id)
    if account.id == current_user.id:
        abort(400, _("You cannot disable your own account."))
    services.set_account_enabled(get_session(), account, enabled, actor_id=current_user.id)
    get_session().commit()
    if enabled:
        flash(_("The account of %(email)s is enabled.", email=account.email), "success")
    else:
        flash(
            _("The account of %(email)s is disabled and signed out.", email=account.email),
            "success",
        )
    return redirect(url_for("auth.accounts"))


@bp.route("/tokens", methods=["GET", "POST"])
@signed_in
def tokens():
    """One's own API tokens: make one (shown once), see them, revoke them."""
    session = get_session()
    form = ApiTokenForm()
    secret = None
    if form.validate_on_submit():
        try:
            new = api_tokens.create_api_token(
                session, current_user, form.name.data, form.read_only.data, form.expires.data
            )
        except api_tokens.TokenProblem as exc:
            form.name.errors.append(str(exc))
        else:
            session.commit()
            secret = new.secret
            flash(_("Token created. Copy it now: it is shown only this once."), "success")
            form = ApiTokenForm(formdata=None)
    rows = api_tokens.tokens_of(session, current_user.id)
    return render_template(
        "auth/tokens.html", form=form, tokens=rows, secret=secret, now=utcnow(), everyone=False
    )


@bp.route("/tokens/all")
@allowed(Role.ORGANISER)
def all_tokens():
    """Every account's tokens, for organisers, who may revoke any of them."""
    rows = api_tokens.tokens_of(get_session())
    return render_template(
        "auth/tokens.html", form=None, tokens=rows, secret=None, now=utcnow(), everyone=True
    )


@bp.route("/tokens/<int:token_id>/revoke", methods=["POST"])
@signed_in
def revoke_token(token_id: int):
    """Revoke a token: its owner, or an organiser; it stops working at once."""
    session = get_session()
    token = get_row(session, api_tokens.ApiToken, token_id)
    if token is None or not api_tokens.may_revoke(current_user, token):
        abort(404)
    api_tokens.revoke_api_token(token)
    session.commit()
    flash(_("The token “%(name)s” is revoked.", name=token.name), "success")
    if token.account_id != current_user.id:
        return redirect(url_for("auth.all_tokens"))
    return redirect(url_for("auth.tokens"))
