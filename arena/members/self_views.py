"""A member's own page: their profile, history, consent and a copy of their data."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from arena.auth.access import allowed
from arena.auth.models import Role
from arena.db import get_session
from arena.i18n import remember_language
from arena.members import services
from arena.members.calendar_feed import feed_token, renew_feed
from arena.members.forms import OwnProfileForm, chosen_language
from arena.members.history import member_history
from arena.members.models import Member
from arena.members.privacy import member_data
from arena.members.responses import json_download


def own_member() -> Member:
    """Only ever the signed-in member's own row: there is no id in these URLs."""
    member = current_user.member_id and get_session().get(Member, current_user.member_id)
    if not member or member.erased_at:
        abort(404)
    return member


@allowed(Role.MEMBER)
def profile():
    member = own_member()
    feed = url_for("api.member_feed", token=feed_token(member), _external=True)
    return render_template(
        "members/me.html",
        member=member,
        history=member_history(get_session(), member.id),
        feed_url=feed,
        webcal_url="webcal://" + feed.partition("://")[2],
    )


@allowed(Role.MEMBER)
def renew_calendar():
    """A new private calendar address; the old one stops working at once."""
    member = own_member()
    renew_feed(member)
    get_session().commit()
    flash(_("A new calendar address is made; the old one no longer works."), "success")
    return redirect(url_for("members.own_profile"))


@allowed(Role.MEMBER)
def edit():
    """Name and interests (organisations have their own page); role and email are not theirs."""
    member = own_member()
    form = OwnProfileForm(obj=member)
    if request.method == "GET":
        form.themes.data = "\n".join(member.themes or [])
        form.language.data = member.language or ""
    if form.validate_on_submit():
        try:
            services.update_own_profile(
                get_session(),
                member,
                name=form.name.data,
                themes=form.theme_list(),
                language=chosen_language(form, member),
            )
        except services.MemberError as exc:
            form.name.errors.append(str(exc))
        else:
            get_session().commit()
            remember_language(member.language)
            flash(_("Your profile is saved."), "success")
            return redirect(url_for("members.own_profile"))
    return render_template("members/me_edit.html", form=form)


@allowed(Role.MEMBER)
def consent():
    """Give consent to be kept informed, or withdraw it (unsubscribe)."""
    member = own_member()
    choice = request.form.get("choice")
    if choice not in ("give", "withdraw"):
        abort(400, _("Choose “Keep me informed” or “Stop mailing me”."))
    if choice == "give":
        services.record_consent(member, "the member's own profile page")
        message = _("Thank you: you will be kept informed.")
    else:
        services.unsubscribe(get_session(), member)
        message = _("You will not be mailed again. Your history in the network stays.")
    get_session().commit()
    flash(message, "success")
    return redirect(url_for("members.own_profile"))


@allowed(Role.MEMBER)
def data():
    """Everything held about you, as a JSON file."""
    member = own_member()
    return json_download(member_data(get_session(), member), "my-arena-data.json")
