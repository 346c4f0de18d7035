"""Organisations and segments, as their pages list them (organisers and programme leads)."""

from __future__ import annotations

import marshmallow as ma
from sqlalchemy import select

from arena.api.base import V1, bp, same_access_as
from arena.api.paging import ListArgs, page_schema, paginate
from arena.db import get_session
from arena.members import organisation_views, segment_views
from arena.members.listing import ORGANISATION_FILTERS, organisation_filter_query
from arena.members.models import Organisation, Segment


class OrganisationOut(ma.Schema):
    id = ma.fields.Integer(required=True)
    name = ma.fields.String(required=True)
    sector = ma.fields.String(allow_none=True)
    policy_domain = ma.fields.String(allow_none=True)
    place = ma.fields.String(allow_none=True)
    updated_at = ma.fields.AwareDateTime(attribute="updated_dt")


class SegmentOut(ma.Schema):
    id = ma.fields.Integer(required=True)
    name = ma.fields.String(required=True)
    filters = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.Raw())
    updated_at = ma.fields.AwareDateTime(attribute="updated_dt")


OrganisationArgs = ListArgs.from_dict(
    {key: ma.fields.String(load_default=None) for key in ORGANISATION_FILTERS},
    name="OrganisationArgs",
)


@bp.route(f"{V1}/organisations", endpoint="organisations", methods=["GET"])
@same_access_as(organisation_views.index)
@bp.arguments(OrganisationArgs, location="query", as_kwargs=False, unknown=ma.RAISE)
@bp.response(200, page_schema(OrganisationOut, "OrganisationPage"))
def list_organisations(args: dict):
    """Organisations, filtered as their list is (q, sector, policy_domain, place)."""
    stmt = organisation_filter_query({k: args.get(k) for k in ORGANISATION_FILTERS})
    return paginate(get_session(), stmt, Organisation, args)


@bp.route(f"{V1}/segments", endpoint="segments", methods=["GET"])
@same_access_as(segment_views.index)
@bp.arguments(ListArgs, location="query", as_kwargs=False, unknown=ma.RAISE)
@bp.response(200, page_schema(SegmentOut, "SegmentPage"))
def list_segments(args: dict):
    """Saved member filters, used as invitation audiences."""
    return paginate(get_session(), select(Segment), Segment, args)
