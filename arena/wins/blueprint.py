"""Every URL of small wins and reflections, in one place: /wins/..., /reflections/... and the
/answer/... pages reached from links in emails.

The views are plain functions in ``views.py``, ``reflection_views.py`` and ``answer_views.py``;
this blueprint names them.
"""

from __future__ import annotations

from flask import Blueprint

from arena.wins import answer_views, reflection_views, views

bp = Blueprint("wins", __name__)

# views.py
bp.add_url_rule("/wins/", "index", views.index)
bp.add_url_rule("/wins/mechanisms", "mechanisms", views.mechanisms)
bp.add_url_rule("/wins/new", "new", views.new, methods=["GET", "POST"])
bp.add_url_rule("/wins/quick", "quick", views.quick, methods=["GET", "POST"])
bp.add_url_rule("/wins/<int:win_id>", "detail", views.detail)
bp.add_url_rule("/wins/<int:win_id>/edit", "edit", views.edit, methods=["GET", "POST"])
bp.add_url_rule("/wins/<int:win_id>/chain", "chain", views.chain)

# reflection_views.py
bp.add_url_rule("/reflections/", "reflections", reflection_views.index)
bp.add_url_rule(
    "/reflections/sessions/<int:meeting_id>", "meeting_reflections", reflection_views.meeting
)
bp.add_url_rule(
    "/reflections/series/<int:series_id>", "series_reflections", reflection_views.series
)

# answer_views.py
bp.add_url_rule(
    "/answer/reflection/<token>",
    "answer_reflection",
    answer_views.reflection,
    methods=["GET", "POST"],
)
bp.add_url_rule(
    "/answer/stick/<token>", "answer_stick", answer_views.stick, methods=["GET", "POST"]
)
