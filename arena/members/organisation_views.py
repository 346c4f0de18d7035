"""Organisations in the network: list, profile, create, edit, merge duplicates."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from arena.auth.access import STAFF, allowed
from arena.auth.models import Role
from arena.db import get_or_404, get_session
from arena.members import merge, organisations
from arena.members.errors import MemberError
from arena.members.forms import OrganisationForm, OrganisationMergeForm
from arena.members.listing import ORGANISATION_FILTERS, organisation_page
from arena.members.models import Organisation
from arena.members.organisation_history import PEOPLE_PER_PAGE, SHOWN, organisation_history
from arena.members.pages import list_page, merge_page
from arena.query import page_number, query_filters


def _organisation(organisation_id: int) -> Organisation:
    return get_or_404(Organisation, organisation_id)


@allowed(*STAFF)
def index():
    """Organisations with search, filters (sector, policy domain, place) and pages."""
    filters = query_filters(request.args, ORGANISATION_FILTERS)
    return list_page("members/organisations.html", filters, organisation_page)


@allowed(Role.ORGANISER)
def create():
    return _save(None)


@allowed(Role.ORGANISER)
def edit(organisation_id: int):
    return _save(_organisation(organisation_id))


def _save(organisation: Organisation | None):
    form = OrganisationForm(obj=organisation)
    if form.validate_on_submit():
        session = get_session()
        try:
            organisation = organisations.save_organisation(
                session,
                organisation,
                name=form.name.data,
                sector=form.sector.data,
                policy_domain=form.policy_domain.data,
                place=form.place.data,
            )
        except MemberError as exc:
            form.name.errors.append(str(exc))
        else:
            session.commit()
            flash(_("Saved."), "success")
            return redirect(url_for("members.organisation", organisation_id=organisation.id))
    return render_template("members/organisation_form.html", form=form, organisation=organisation)


@allowed(*STAFF)
def show(organisation_id: int):
    """Its people (a page of them), collaborations, the sessions its people attended, wins."""
    organisation = _organisation(organisation_id)
    return render_template(
        "members/organisation.html",
        organisation=organisation,
        history=organisation_history(
            get_session(), organisation.id, page_number(request.args, PEOPLE_PER_PAGE)
        ),
        shown=SHOWN,
    )


@allowed(Role.ORGANISER)
def merge_choose(organisation_id: int):
    """Name the duplicate; the next page shows both before anything changes."""
    organisation = _organisation(organisation_id)
    form = OrganisationMergeForm()
    if form.validate_on_submit():
        other = organisations.find_organisation(get_session(), form.other.data)
        if other is None or other.id == organisation.id:
            form.other.errors.append(_("No other organisation has this name."))
        else:
            return redirect(
                url_for(
                    "members.organisation_merge_confirm",
                    organisation_id=organisation.id,
                    other=other.id,
                )
            )
    return render_template(
        "members/organisation_merge_choose.html", form=form, organisation=organisation
    )


@allowed(Role.ORGANISER)
def merge_confirm(organisation_id: int, other: int):
    organisation, duplicate = _organisation(organisation_id), _organisation(other)
    return merge_page(
        "members/organisation_merge_confirm.html", organisation, duplicate,
        merge.merge_organisations, organisation_history,
        _("Merged: the duplicate's people and history are now here."),
        url_for("members.organisation", organisation_id=organisation_id),
        organisation=organisation, shown=SHOWN,
    )  # fmt: skip
