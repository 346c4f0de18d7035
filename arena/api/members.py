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
from sqlalchemy import Select, select
from werkzeug.exceptions import UnprocessableEntity

from arena.api.base import V1, as_described, bp, iso, same_access_as
from arena.api.paging import ApiSchema, ListArgs, page_schema, paginate
from arena.auth.models import Role
from arena.db import get_session, utcnow
from arena.members import files_views, self_views
from arena.members import views as member_pages
from arena.members.csvfile import CsvTable
from arena.members.filters import OWN_FILTER_KEYS, member_filter_query
from arena.members.import_apply import apply_plan
from arena.members.importing import plan_import
from arena.members.models import (
    Member,
    Membership,
    Organisation,
    StakeholderRole,
    normalise_email,
    not_mailed_reason,
)

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


#: what a member's record is made of: read as plain rows, never as ORM objects
COLUMNS = tuple(
    dict.fromkeys(
        (
            Member.id,
            Member.name,
            Member.email,
            Member.role,
            Member.themes,
            Member.time_zone,
            Member.consent_given_at,
            Member.unsubscribed_at,
            Member.is_former,
            Member.erased_at,
            Member.notes,
            Member.created_dt,
            Member.updated_dt,
            *Member.mailing_columns(),
        )
    )
)


def _organisation(row) -> dict:
    return {
        "id": row.organisation_id,
        "name": row.organisation_name,
        "position": row.position,
        "since": iso(row.since),
        "until": iso(row.until),
    }


def records(session, stmt: Select) -> list[dict]:
    """The records of the members ``stmt`` selects (``COLUMNS``, in the order wanted, with
    any limit): one query whatever their number, the rows joined to their organisations."""
    page = stmt.subquery()
    rows = session.execute(
        select(
            page,
            Membership.organisation_id,
            Organisation.name.label("organisation_name"),
            Membership.position,
            Membership.since,
            Membership.until,
        )
        .select_from(page)
        .outerjoin(Membership, Membership.member_id == page.c.id)
        .outerjoin(Organisation, Organisation.id == Membership.organisation_id)
        .order_by(page.c.id, Membership.id)
    )
    organiser = _organiser()
    found: list[dict] = []
    for row in rows:
        if not found or found[-1]["id"] != row.id:
            found.append(member_out(row, [], organiser))
        if row.organisation_id is not None:
            found[-1]["organisations"].append(_organisation(row))
    return found


def member_out(row, organisations: list[dict], organiser: bool) -> dict:
    """A member's record (a row of ``COLUMNS``) as ``MemberOut`` describes it."""
    reason = not_mailed_reason(row)
    return {
        "id": row.id,
        "name": row.name,
        "email": row.email,
        "role": str(row.role),
        "themes": list(row.themes or []),
        "time_zone": row.time_zone,
        "consent_given_at": iso(row.consent_given_at),
        "unsubscribed_at": iso(row.unsubscribed_at),
        "may_be_mailed": reason is None,
        "not_mailed_because": reason,
        "is_former": row.is_former,
        "is_erased": row.erased_at is not None,
        "organisations": organisations,
        "notes": row.notes if organiser else None,
        "created_at": iso(row.created_dt),
        "updated_at": iso(row.updated_dt),
    }


def one_record(session, condition):
    """The record of the member ``condition`` selects, or 404."""
    found = records(session, select(*COLUMNS).where(condition))
    if not found:
        abort(404)
    return found[0]


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
    session = get_session()
    stmt = member_filter_query(filters).with_only_columns(*COLUMNS)
    page = paginate(session, stmt, Member, args, fetch=lambda ordered: records(session, ordered))
    return as_described(page)


@bp.route(f"{V1}/members/<int:member_id>", endpoint="member", methods=["GET"])
@same_access_as(member_pages.show)
@bp.response(200, MemberOut)
def show_member(member_id: int):
    """One member, as the member page shows them."""
    return as_described(one_record(get_session(), Member.id == member_id))


@bp.route(f"{V1}/me", endpoint="me", methods=["GET"])
@same_access_as(self_views.profile)
@bp.response(200, MemberOut)
def own_record():
    """The record of the member whose token this is (as "My profile" shows it)."""
    if current_user.member_id is None:
        abort(404, description="This account is not linked to a member of the network.")
    record = one_record(get_session(), Member.id == current_user.member_id)
    return as_described({**record, "notes": None})


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
    return as_described(one_record(session, Member.email == email)), 201 if created else 200
