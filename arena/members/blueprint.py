"""Every URL of the network, in one place: members, organisations, segments, import and
export, a member's own pages, their organisations, and the organisation type-ahead.

The views are plain functions in the ``*_views.py`` modules; this blueprint names them.
"""

from __future__ import annotations

from flask import Blueprint
from werkzeug.exceptions import RequestEntityTooLarge

from arena.members import (
    files_views,
    language_views,
    lookup_views,
    membership_views,
    organisation_views,
    segment_views,
    self_views,
    views,
)

bp = Blueprint("members", __name__)
bp.register_error_handler(RequestEntityTooLarge, files_views.too_large)

# views.py
bp.add_url_rule("/members/", "index", views.index)
bp.add_url_rule("/members/new", "create", views.create, methods=["GET", "POST"])
bp.add_url_rule("/members/<int:member_id>", "show", views.show)
bp.add_url_rule("/members/<int:member_id>/edit", "edit", views.edit, methods=["GET", "POST"])
bp.add_url_rule("/members/<int:member_id>/consent", "consent", views.consent, methods=["POST"])
bp.add_url_rule(
    "/members/<int:member_id>/unsubscribe", "unsubscribe", views.unsubscribe, methods=["POST"]
)
bp.add_url_rule(
    "/members/<int:member_id>/merge", "merge_choose", views.merge_choose, methods=["GET", "POST"]
)
bp.add_url_rule(
    "/members/<int:member_id>/merge/<int:other>",
    "merge_confirm",
    views.merge_confirm,
    methods=["GET", "POST"],
)
bp.add_url_rule("/members/<int:member_id>/erase", "erase", views.erase, methods=["GET", "POST"])
bp.add_url_rule("/members/<int:member_id>/data.json", "data", views.data)
bp.add_url_rule("/members/retention", "retention", views.retention)

# organisation_views.py
bp.add_url_rule("/organisations/", "organisations", organisation_views.index)
bp.add_url_rule(
    "/organisations/new", "new_organisation", organisation_views.create, methods=["GET", "POST"]
)
bp.add_url_rule(
    "/organisations/<int:organisation_id>/edit",
    "edit_organisation",
    organisation_views.edit,
    methods=["GET", "POST"],
)
bp.add_url_rule("/organisations/<int:organisation_id>", "organisation", organisation_views.show)
bp.add_url_rule(
    "/organisations/<int:organisation_id>/merge",
    "organisation_merge_choose",
    organisation_views.merge_choose,
    methods=["GET", "POST"],
)
bp.add_url_rule(
    "/organisations/<int:organisation_id>/merge/<int:other>",
    "organisation_merge_confirm",
    organisation_views.merge_confirm,
    methods=["GET", "POST"],
)

# segment_views.py
bp.add_url_rule("/segments/", "segments", segment_views.index)
bp.add_url_rule("/segments/new", "new_segment", segment_views.create, methods=["POST"])
bp.add_url_rule(
    "/segments/<int:segment_id>/delete", "delete_segment", segment_views.delete, methods=["POST"]
)

# files_views.py
bp.add_url_rule("/network/import", "import_upload", files_views.upload, methods=["GET", "POST"])
bp.add_url_rule("/network/import/<int:batch_id>", "import_batch", files_views.batch)
bp.add_url_rule(
    "/network/import/<int:batch_id>/confirm",
    "import_confirm",
    files_views.confirm,
    methods=["POST"],
)
bp.add_url_rule(
    "/network/import/<int:batch_id>/resume", "import_resume", files_views.resume, methods=["POST"]
)
bp.add_url_rule(
    "/network/import/<int:batch_id>/discard",
    "import_discard",
    files_views.discard,
    methods=["POST"],
)
bp.add_url_rule(
    "/network/import/<int:batch_id>/progress.json", "import_progress", files_views.progress
)
bp.add_url_rule("/network/export/members.csv", "export_members", files_views.export_members)
bp.add_url_rule(
    "/network/export/organisations.csv", "export_organisations", files_views.export_organisations
)
bp.add_url_rule(
    "/network/export/segments/<int:segment_id>.csv", "export_segment", files_views.export_segment
)

# language_views.py
bp.add_url_rule("/me/language", "own_language", language_views.choose, methods=["POST"])

# self_views.py
bp.add_url_rule("/me/", "own_profile", self_views.profile)
bp.add_url_rule("/me/edit", "own_edit", self_views.edit, methods=["GET", "POST"])
bp.add_url_rule("/me/consent", "own_consent", self_views.consent, methods=["POST"])
bp.add_url_rule("/me/data.json", "own_data", self_views.data)
bp.add_url_rule("/me/calendar", "own_calendar", self_views.renew_calendar, methods=["POST"])

# membership_views.py
bp.add_url_rule(
    "/members/<int:member_id>/organisations",
    "memberships",
    membership_views.member_list,
    methods=["GET", "POST"],
)
bp.add_url_rule(
    "/members/<int:member_id>/organisations/<int:membership_id>",
    "edit_membership",
    membership_views.member_edit,
    methods=["GET", "POST"],
)
bp.add_url_rule(
    "/members/<int:member_id>/organisations/<int:membership_id>/end",
    "end_membership",
    membership_views.member_end,
    methods=["POST"],
)
bp.add_url_rule(
    "/me/organisations", "own_organisations", membership_views.own_list, methods=["GET", "POST"]
)
bp.add_url_rule(
    "/me/organisations/<int:membership_id>",
    "own_organisation_edit",
    membership_views.own_edit,
    methods=["GET", "POST"],
)
bp.add_url_rule(
    "/me/organisations/<int:membership_id>/end",
    "own_organisation_end",
    membership_views.own_end,
    methods=["POST"],
)

# lookup_views.py
bp.add_url_rule("/lookup/organisations", "lookup_organisations", lookup_views.organisations)
