"""Every URL of the JSON API, in one blueprint: /api/v1/... (flask-smorest, ``base.py``) and
the older /api/graph/<kind>.

The views live in the API's modules, one per area (``members.py``, ``network.py``,
``sessions.py``, ``activity.py``, ``graph.py``); importing them adds their routes to ``bp``.
The description (``/api/v1/openapi.json``) and its readable reference (``/api/v1/docs``) are
``docs.py``.
"""

from __future__ import annotations

import flask

from arena.api import activity, docs, feeds, graph, members, network, sessions  # noqa: F401
from arena.api.base import V1, bp, describe

# graph.py (the first, unversioned endpoint; the session cookie, as the graph pages)
# Flask's own add_url_rule: these URLs stay out of the OpenAPI description
flask.Blueprint.add_url_rule(bp, "/api/graph/<kind>", "graph", graph.show)
bp.add_url_rule(f"{V1}/graph/<kind>", "graph_v1", graph.show_v1)

# docs.py
flask.Blueprint.add_url_rule(bp, f"{V1}/openapi.json", "openapi", docs.openapi)
flask.Blueprint.add_url_rule(bp, f"{V1}/docs", "docs", docs.reference)

# feeds.py (iCalendar, not JSON: out of the description too)
flask.Blueprint.add_url_rule(
    bp, f"{V1}/feeds/series/<int:series_id>.ics", "series_feed", feeds.series_feed
)
flask.Blueprint.add_url_rule(
    bp, f"{V1}/feeds/members/<token>.ics", "member_feed", feeds.member_feed
)

# last, so that every route above is in the description
bp.record_once(describe)
