"""The header's language switch: for anyone, saved on the member when one is signed in."""

from __future__ import annotations

from flask import redirect, request
from flask_login import current_user

from arena.auth.access import public
from arena.auth.views import safe_next
from arena.db import get_session
from arena.i18n import LANGUAGE_COOKIE, remember_language, supported_language
from arena.members.models import Member

#: a year: the switch is a preference, not a session
COOKIE_AGE = 365 * 24 * 3600


@public
def choose():
    """Switch the pages' language (a POST, so CSRF-checked); back to the page it came from."""
    language = supported_language(request.form.get("language"))
    if language is None:  # an unknown code changes nothing
        return redirect(safe_next(request.form.get("next")))
    if current_user.is_authenticated:
        member = current_user.member_id and get_session().get(Member, current_user.member_id)
        if member and not member.erased_at:
            member.language = language
            get_session().commit()
        remember_language(language)
    response = redirect(safe_next(request.form.get("next")))
    response.set_cookie(
        LANGUAGE_COOKIE, language, max_age=COOKIE_AGE, httponly=True, samesite="Lax",
        secure=request.is_secure,
    )  # fmt: skip
    return response
