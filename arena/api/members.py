"""Members through the API: the list and record as the member pages show them, one's own
record, and create-or-update by email with the CSV import's own matching rules.

Consent and erasure as on the pages: an erased member is the anonymous row erasure left
(filtered out unless ``status=erased``), a member who may not be mailed says why, and the
organisers' notes leave only for organisers, as on the member page.
"""

from __future__ import annotations

import marshmallow as ma
from flask import abort
from flask_login import current_user
from sqlalchemy import select
from werkzeug.exceptions import UnprocessableEntity

from arena.api.base import V1, bp, same_access_as
from arena.api.paging import ApiSchema, ListArgs, page_schema, paginate
from arena.auth.models import Role
from arena.db import get_session, utcnow
from arena.members import files_views, self_views
from arena.members import views as member_pages
from arena.members.csvfile import CsvTable
from arena.members.filters import OWN_FILTER_KEYS, member_filter_query
from arena.members.import_apply import apply_plan
from arena.members.importing import plan_import
from arena.members.listing import with_organisations
from arena.members.models import Member, StakeholderRole, normalise_email, not_mailed_reason

ROLES = [r.value for r in StakeholderRole]


class OrganisationLink(ma.Schema):
    id = ma.fields.Integer()
    name = ma.fields.String()
    position = ma.fields.String(allow_none=True)
    since = ma.fields.Date(allow_none=True)
    until = ma.fields.Date(allow_none=True)


class MemberOut(ma.Schema):
    id = ma.fields.Integer(required=True)
    name = ma.fields.String(required=True)
    email = ma.fields.String(allow_none=True)
    role = ma.fields.String(required=True)
    themes = ma.fields.List(ma.fields.String())
    time_zone = ma.fields.String()
    consent_given_at = ma.fields.AwareDateTime(allow_none=True)
    unsubscribed_at = ma.fields.AwareDateTime(allow_none=True)
    may_be_mailed = ma.fields.Boolean()
    not_mailed_because = ma.fields.String(
        allow_none=True, metadata={"description": "erased, unsubscribed, no-email, no-consent"}
    )
    is_former = ma.fields.Boolean()
    is_erased = ma.fields.Boolean()
    organisations = ma.fields.List(ma.fields.Nested(OrganisationLink))
    notes = ma.fields.String(allow_none=True, metadata={"description": "organisers only"})
    created_at = ma.fields.AwareDateTime()
    updated_at = ma.fields.AwareDateTime()


def member_out(member: Member, organiser: bool) -> dict:
    return {
        "id": member.id,
        "name": member.name,
        "email": member.email,
        "role": str(member.role),
        "themes": list(member.themes or []),
        "time_zone": member.time_zone,
        "consent_given_at": member.consent_given_at,
        "unsubscribed_at": member.unsubscribed_at,
        "may_be_mailed": member.may_be_mailed,
        "not_mailed_because": not_mailed_reason(member),
        "is_former": member.is_former,
        "is_erased": member.erased_at is not None,
        "organisations": [
            {
                "id": m.organisation_id,
                "name": m.organisation.name,
                "position": m.position,
                "since": m.since,
                "until": m.until,
            }
            for m in member.memberships
        ],
        "notes": member.notes if organiser else None,
        "created_at": member.created_dt,
        "updated_at": member.updated_dt,
    }


MemberArgs = ListArgs.from_dict(
    {key: ma.fields.String(load_default=None) for key in OWN_FILTER_KEYS}, name="MemberArgs"
)
MemberPage = page_schema(MemberOut, "MemberPage")


def _organiser() -> bool:
    return current_user.role == Role.ORGANISER


@bp.route(f"{V1}/members", endpoint="members", methods=["GET"])
@same_access_as(member_pages.index)
@bp.arguments(MemberArgs, location="query", as_kwargs=False, unknown=ma.RAISE)
@bp.response(200, MemberPage)
def list_members(args: dict):
    """The members, filtered as the member list is (q, role, sector, status, consent...)."""
    filters = {k: v for k, v in args.items() if k in OWN_FILTER_KEYS and v}
    stmt = with_organisations(member_filter_query(filters))
    page = paginate(get_session(), stmt, Member, args)
    organiser = _organiser()
    return {**page, "items": [member_out(m, organiser) for m in page["items"]]}


@bp.route(f"{V1}/members/<int:member_id>", endpoint="member", methods=["GET"])
@same_access_as(member_pages.show)
@bp.response(200, MemberOut)
def show_member(member_id: int):
    """One member, as the member page shows them."""
    stmt = with_organisations(select(Member).where(Member.id == member_id))
    member = get_session().scalar(stmt)
    if member is None:
        abort(404)
    return member_out(member, _organiser())


@bp.route(f"{V1}/me", endpoint="me", methods=["GET"])
@same_access_as(self_views.profile)
@bp.response(200, MemberOut)
def own_record():
    """The record of the member whose token this is (as "My profile" shows it)."""
    if current_user.member_id is None:
        abort(404, description="This account is not linked to a member of the network.")
    return member_out(get_session().get(Member, current_user.member_id), False)


class MemberIn(ApiSchema):
    email = ma.fields.Email(required=True, validate=ma.validate.Length(max=254))
    name = ma.fields.String(validate=ma.validate.Length(1, 200))
    organisations = ma.fields.List(
        ma.fields.String(validate=ma.validate.Length(1, 200)),
        metadata={"description": "names; matched as the import matches them"},
    )
    role = ma.fields.String(validate=ma.validate.OneOf(ROLES))
    sector = ma.fields.String(validate=ma.validate.Length(max=100))
    policy_domain = ma.fields.String(validate=ma.validate.Length(max=100))
    place = ma.fields.String(validate=ma.validate.Length(max=100))
    themes = ma.fields.List(ma.fields.String(validate=ma.validate.Length(1, 100)))
    consent = ma.fields.Boolean(metadata={"description": "the member agreed to be kept informed"})


def _as_csv_row(data: dict) -> dict[str, str]:
    """The record as one row of a member CSV, so the import decides it."""
    keys = ("email", "name", "role", "sector", "policy_domain", "place")
    row = {key: data[key] for key in keys if data.get(key) is not None}
    if "organisations" in data:
        row["organisation"] = "|".join(data["organisations"])
    if "themes" in data:
        row["themes"] = "|".join(data["themes"])
    if "consent" in data:
        row["consent"] = "yes" if data["consent"] else "no"
    return row


@bp.route(f"{V1}/members", endpoint="put_member", methods=["POST"])
@same_access_as(files_views.upload)
@bp.arguments(MemberIn, as_kwargs=False)
@bp.response(200, MemberOut)
@bp.alt_response(201, schema=MemberOut, description="Created")
def upsert_member(data: dict):
    """Create or update a member, matched by email exactly as the CSV import matches."""
    session = get_session()
    now = utcnow()
    table = CsvTable(";", rows=[(2, _as_csv_row(data))])
    plan = plan_import(session, table, "API", now)
    if plan.refused:
        error = UnprocessableEntity(plan.refused[0].detail)
        error.data = {
            "detail": plan.refused[0].detail,
            "errors": [{"in": "json", "field": "body", "detail": plan.refused[0].detail}],
        }
        raise error
    created = bool(plan.new_members)
    apply_plan(session, plan, now)
    session.commit()
    email = normalise_email(data["email"])
    member = session.scalar(with_organisations(select(Member).where(Member.email == email)))
    return member_out(member, _organiser()), 201 if created else 200
