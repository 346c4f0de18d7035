"""The members of the network: list, profile, create, edit, consent, merge, erase."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from arena.auth.access import STAFF, allowed
from arena.auth.models import Role
from arena.db import get_or_404, get_session
from arena.members import erasure, merge, services
from arena.members.filters import CONSENT_STATES, STATUSES, clean_filters
from arena.members.forms import (
    ConsentForm,
    EraseForm,
    MemberForm,
    MergeForm,
    NewMemberForm,
    SegmentForm,
    chosen_language,
)
from arena.members.history import member_history
from arena.members.listing import member_page
from arena.members.models import Member, StakeholderRole
from arena.members.pages import list_page, merge_page
from arena.members.privacy import member_data, retention_candidates
from arena.members.responses import json_download


def _member(member_id: int) -> Member:
    return get_or_404(Member, member_id)


@allowed(*STAFF)
def index():
    """The network: search, filters, sorting, pages; the filters can become a segment."""
    return list_page(
        "members/index.html",
        clean_filters(request.args),
        member_page,
        roles=list(StakeholderRole),
        statuses=STATUSES,
        consent_states=CONSENT_STATES,
        segment_form=SegmentForm(),
    )


@allowed(Role.ORGANISER)
def create():
    """Add someone to the network by hand."""
    form = NewMemberForm()
    if form.validate_on_submit():
        session = get_session()
        try:
            member = services.create_member(
                session,
                name=form.name.data,
                email=form.email.data,
                role=StakeholderRole(form.role.data),
                themes=form.theme_list(),
                organisation=form.organisation.data,
                position=form.position.data,
                notes=form.notes.data,
                consent_source=form.consent_source.data,
                language=form.language.data,
            )
        except services.MemberError as exc:
            form.email.errors.append(str(exc))
        else:
            session.commit()
            flash(_("%(name)s is in the network now.", name=member.name), "success")
            return redirect(url_for("members.show", member_id=member.id))
    return render_template("members/form.html", form=form, member=None)


@allowed(*STAFF)
def show(member_id: int):
    """A member's profile with their whole history, newest first."""
    member = _member(member_id)
    return render_template(
        "members/show.html",
        member=member,
        history=member_history(get_session(), member.id),
        consent_form=ConsentForm(),
    )


@allowed(Role.ORGANISER)
def edit(member_id: int):
    member = _member(member_id)
    if member.erased_at:
        abort(404)
    form = MemberForm(obj=member)
    if request.method == "GET":
        form.role.data = member.role.value
        form.themes.data = "\n".join(member.themes or [])
        form.language.data = member.language or ""
    if form.validate_on_submit():
        try:
            services.update_member(
                get_session(),
                member,
                name=form.name.data,
                email=form.email.data,
                role=StakeholderRole(form.role.data),
                themes=form.theme_list(),
                notes=form.notes.data,
                is_former=form.is_former.data,
                language=chosen_language(form, member),
            )
        except services.MemberError as exc:
            form.email.errors.append(str(exc))
        else:
            get_session().commit()
            flash(_("Saved."), "success")
            return redirect(url_for("members.show", member_id=member.id))
    return render_template("members/form.html", form=form, member=member)


@allowed(Role.ORGANISER)
def consent(member_id: int):
    """Record consent with its date (now) and source, e.g. a signed attendance list."""
    member = _member(member_id)
    form = ConsentForm()
    if not form.validate_on_submit():
        flash(_("Say where the consent was given."), "error")
        return redirect(url_for("members.show", member_id=member.id))
    try:
        services.record_consent(member, form.source.data)
    except services.MemberError as exc:
        flash(str(exc), "error")
    else:
        get_session().commit()
        flash(_("Consent recorded."), "success")
    return redirect(url_for("members.show", member_id=member.id))


@allowed(Role.ORGANISER)
def unsubscribe(member_id: int):
    """The member asked not to be mailed again (by phone, in person)."""
    member = _member(member_id)
    services.unsubscribe(get_session(), member)
    get_session().commit()
    flash(_("%(name)s will not be mailed again.", name=member.name), "success")
    return redirect(url_for("members.show", member_id=member.id))


@allowed(Role.ORGANISER)
def merge_choose(member_id: int):
    """Name the duplicate to fold into this member; the next page shows both."""
    member = _member(member_id)
    form = MergeForm()
    if form.validate_on_submit():
        other = services.find_member(get_session(), form.other.data)
        if other is None or other.id == member.id or other.erased_at:
            form.other.errors.append(_("No other member has this email or number."))
        else:
            return redirect(url_for("members.merge_confirm", member_id=member.id, other=other.id))
    return render_template("members/merge_choose.html", form=form, member=member)


@allowed(Role.ORGANISER)
def merge_confirm(member_id: int, other: int):
    """Both members side by side; confirming moves the duplicate's history here."""
    member, duplicate = _member(member_id), _member(other)
    return merge_page(
        "members/merge_confirm.html", member, duplicate, merge.merge_members, member_history,
        _("Merged: the duplicate's history is now part of this member."),
        url_for("members.show", member_id=member_id), member=member,
    )  # fmt: skip


@allowed(Role.ORGANISER)
def erase(member_id: int):
    """Erase a member's personal data; their contributions stay, anonymously."""
    member = _member(member_id)
    form = EraseForm()
    if form.validate_on_submit():
        try:
            erasure.erase_member(get_session(), member, actor_id=current_user.id)
        except services.MemberError as exc:
            flash(str(exc), "error")
        else:
            get_session().commit()
            flash(_("The member's personal data is erased."), "success")
        return redirect(url_for("members.show", member_id=member_id))
    return render_template("members/erase.html", form=form, member=member)


@allowed(Role.ORGANISER)
def data(member_id: int):
    """A subject-access copy, when a member asks an organiser for it."""
    member = _member(member_id)
    return json_download(member_data(get_session(), member), f"member-{member.id}.json")


@allowed(Role.ORGANISER)
def retention():
    """Former members without activity for years: review them and erase where due."""
    return render_template("members/retention.html", candidates=retention_candidates(get_session()))
