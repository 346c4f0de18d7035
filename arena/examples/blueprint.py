"""Every URL of practice examples, in one place: /examples/....

The views are plain functions in ``views.py`` (proposing, reading) and ``planning_views.py``
(the organisers' planning); this blueprint names them.
"""

from __future__ import annotations

from flask import Blueprint

from arena.examples import planning_views, views

bp = Blueprint("examples", __name__)

# views.py
bp.add_url_rule("/examples/", "index", views.index)
bp.add_url_rule("/examples/new", "new", views.new, methods=["GET", "POST"])
bp.add_url_rule("/examples/<int:example_id>", "detail", views.detail)
bp.add_url_rule("/examples/<int:example_id>/edit", "edit", views.edit, methods=["GET", "POST"])

# planning_views.py
bp.add_url_rule(
    "/examples/<int:example_id>/accept", "accept", planning_views.accept, methods=["POST"]
)
bp.add_url_rule(
    "/examples/<int:example_id>/decline", "decline", planning_views.decline, methods=["GET", "POST"]
)
bp.add_url_rule(
    "/examples/<int:example_id>/schedule", "schedule", planning_views.schedule, methods=["POST"]
)
bp.add_url_rule(
    "/examples/<int:example_id>/unschedule",
    "unschedule",
    planning_views.unschedule,
    methods=["POST"],
)
bp.add_url_rule(
    "/examples/<int:example_id>/presented", "presented", planning_views.presented, methods=["POST"]
)
bp.add_url_rule("/examples/balance", "balance", planning_views.year)
