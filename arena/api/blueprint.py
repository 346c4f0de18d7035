"""Every URL of the JSON API, in one place: /api/....

The views are plain functions in the API's modules (``graph.py``); this blueprint names them.
"""

from __future__ import annotations

from flask import Blueprint

from arena.api import graph

bp = Blueprint("api", __name__)

# graph.py
bp.add_url_rule("/api/graph/<kind>", "graph", graph.show)
