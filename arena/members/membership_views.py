"""Editing where a member works: organisers for anyone, a member for themself.

The two sets of routes share their views; a ``Scope`` says whose periods they are and where
the links go. A member's own routes carry no member id, so they can only ever reach their own
periods; a period id of someone else's answers 404.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from arena.auth.access import allowed
from arena.auth.models import Role
from arena.db import get_session
from arena.members import memberships
from arena.members.errors import MemberError
from arena.members.forms import MembershipForm, NewMembershipForm
from arena.members.models import Member, Membership
from arena.members.self_views import own_member

#: (whose pages, action) -> endpoint; see arena/members/blueprint.py
ENDPOINTS = {
    ("member", "list"): "members.memberships",
    ("member", "edit"): "members.edit_membership",
    ("member", "end"): "members.end_membership",
    ("own", "list"): "members.own_organisations",
    ("own", "edit"): "members.own_organisation_edit",
    ("own", "end"): "members.own_organisation_end",
}


@dataclass(frozen=True)
class Scope:
    member: Member
    #: "member" (an organiser's pages) or "own" (the member's own)
    kind: str

    def url(self, action: str, **values) -> str:
        if self.kind == "member":
            values["member_id"] = self.member.id
        return url_for(ENDPOINTS[self.kind, action], **values)

    @property
    def profile_url(self) -> str:
        if self.kind == "member":
            return url_for("members.show", member_id=self.member.id)
        return url_for("members.own_profile")


def _member_scope(member_id: int) -> Scope:
    member = get_session().get(Member, member_id)
    if member is None or member.erased_at is not None:
        abort(404)
    return Scope(member, "member")


def _own_scope() -> Scope:
    return Scope(own_member(), "own")


def _membership(scope: Scope, membership_id: int) -> Membership:
    membership = get_session().get(Membership, membership_id)
    if membership is None or membership.member_id != scope.member.id:
        abort(404)
    return membership


def _list(scope: Scope):
    """Every period, current first, and a form to add one."""
    form = NewMembershipForm()
    if form.validate_on_submit():
        session = get_session()
        try:
            membership = memberships.add_membership(
                session,
                scope.member,
                form.organisation.data,
                position=form.position.data,
                since=form.since.data,
                until=form.until.data,
            )
        except MemberError as exc:
            form.form_errors.append(str(exc))
        else:
            session.commit()
            flash(_("Added %(name)s.", name=membership.organisation.name), "success")
            return redirect(scope.url("list"))
    status = 400 if request.method == "POST" else 200
    rows = memberships.memberships_of(get_session(), scope.member.id)
    return render_template("members/memberships.html", scope=scope, rows=rows, form=form), status


def _edit(scope: Scope, membership_id: int):
    """Correct the position and dates of one period; an end date ends it."""
    membership = _membership(scope, membership_id)
    form = MembershipForm(obj=membership)
    if form.validate_on_submit():
        try:
            memberships.update_membership(
                get_session(),
                membership,
                position=form.position.data,
                since=form.since.data,
                until=form.until.data,
            )
        except MemberError as exc:
            form.form_errors.append(str(exc))
        else:
            get_session().commit()
            flash(_("Saved."), "success")
            return redirect(scope.url("list"))
    return render_template(
        "members/membership_form.html", scope=scope, membership=membership, form=form
    )


def _end(scope: Scope, membership_id: int):
    """The member left today; the period stays in the history."""
    membership = _membership(scope, membership_id)
    try:
        memberships.end_membership(get_session(), membership)
    except MemberError as exc:
        flash(str(exc), "error")
    else:
        get_session().commit()
        flash(_("Ended today: %(name)s.", name=membership.organisation.name), "success")
    return redirect(scope.url("list"))


@allowed(Role.ORGANISER)
def member_list(member_id: int):
    return _list(_member_scope(member_id))


@allowed(Role.ORGANISER)
def member_edit(member_id: int, membership_id: int):
    return _edit(_member_scope(member_id), membership_id)


@allowed(Role.ORGANISER)
def member_end(member_id: int, membership_id: int):
    return _end(_member_scope(member_id), membership_id)


@allowed(Role.MEMBER)
def own_list():
    return _list(_own_scope())


@allowed(Role.MEMBER)
def own_edit(membership_id: int):
    return _edit(_own_scope(), membership_id)


@allowed(Role.MEMBER)
def own_end(membership_id: int):
    return _end(_own_scope(), membership_id)
