"""Where each kind of record lives: one map from a record kind to its page, for every list that
links records (the report's figures, a learning question's trail).

Endpoints are named, not imported, so this core module depends on no feature package.
"""

from __future__ import annotations

from flask import current_app, url_for

#: record kind -> (endpoint, the endpoint's id argument)
RECORD_ENDPOINTS = {
    "session": ("arenas.meeting", "meeting_id"),
    "session-reflections": ("wins.meeting_reflections", "meeting_id"),
    "member": ("members.show", "member_id"),
    "organisation": ("members.organisation", "organisation_id"),
    "practice-example": ("examples.detail", "example_id"),
    "small-win": ("wins.detail", "win_id"),
    "collaboration": ("collaborations.detail", "collaboration_id"),
    "learning-question": ("learning.question", "question_id"),
    "story": ("stories.show", "story_id"),
    "poll": ("polls.show", "poll_id"),
}


def record_url(kind: str, record_id: int) -> str | None:
    """The page of a record, or None when no page of this app shows that kind."""
    endpoint, argument = RECORD_ENDPOINTS.get(kind, (None, None))
    if endpoint is None or endpoint not in current_app.view_functions:
        return None
    return url_for(endpoint, **{argument: record_id})


def init_app(app) -> None:
    app.jinja_env.globals.update(record_url=record_url)
