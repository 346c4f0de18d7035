"""Every URL of series and sessions, in one place: /series/... and /sessions/....

The views are plain functions in ``views.py`` (series), ``meeting_views.py`` (sessions) and
``checkin_views.py`` (the door); this blueprint names them.
"""

from __future__ import annotations

from flask import Blueprint

from arena.arenas import checkin_views, meeting_views, views

bp = Blueprint("arenas", __name__)

# views.py
bp.add_url_rule("/series/", "index", views.index)
bp.add_url_rule("/series/new", "create", views.create, methods=["GET", "POST"])
bp.add_url_rule("/series/<int:series_id>/edit", "edit", views.edit, methods=["GET", "POST"])
bp.add_url_rule("/series/<int:series_id>", "show", views.show)
bp.add_url_rule(
    "/series/<int:series_id>/header-image", "header_image_file", views.header_image_file
)
bp.add_url_rule("/series/<int:series_id>/follow", "follow", views.follow, methods=["POST"])
bp.add_url_rule("/series/<int:series_id>/leave", "leave", views.leave, methods=["POST"])

# meeting_views.py
bp.add_url_rule("/sessions/", "meetings", meeting_views.index)
bp.add_url_rule(
    "/sessions/new/<int:series_id>", "new_meeting", meeting_views.create, methods=["GET", "POST"]
)
bp.add_url_rule("/sessions/<int:meeting_id>", "meeting", meeting_views.show)
bp.add_url_rule(
    "/sessions/<int:meeting_id>/edit", "edit_meeting", meeting_views.edit, methods=["GET", "POST"]
)
bp.add_url_rule(
    "/sessions/<int:meeting_id>/cancel",
    "cancel_meeting",
    meeting_views.cancel,
    methods=["GET", "POST"],
)
bp.add_url_rule(
    "/sessions/<int:meeting_id>/answers.json", "answers_json", meeting_views.answers_json
)
bp.add_url_rule("/sessions/<int:meeting_id>/answers.csv", "answers_csv", meeting_views.answers_csv)
# moved to /invitations/<id>: old bookmarks and form posts follow with a 308
bp.add_url_rule(
    "/sessions/<int:meeting_id>/invite",
    "invite_moved",
    meeting_views.invite_moved,
    methods=["GET", "POST"],
)
bp.add_url_rule(
    "/sessions/<int:meeting_id>/messages/retry",
    "retry_moved",
    meeting_views.retry_moved,
    methods=["POST"],
)

# checkin_views.py
bp.add_url_rule(
    "/sessions/<int:meeting_id>/check-in",
    "check_in",
    checkin_views.check_in,
    methods=["GET", "POST"],
)
bp.add_url_rule(
    "/sessions/<int:meeting_id>/walk-in", "walk_in", checkin_views.walk_in, methods=["POST"]
)
bp.add_url_rule("/sessions/<int:meeting_id>/print", "printable", checkin_views.printable)
