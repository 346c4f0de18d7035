"""The API's one blueprint and its OpenAPI description, made by flask-smorest.

flask-smorest (with marshmallow) was chosen over APIFlask because it extends the plain Flask
app Arena already has (APIFlask wants its own app class to describe routes), keeps webargs'
parsing and marshmallow's schemas (unknown fields refused, fields named in every error) and
writes the OpenAPI 3 description from the same decorators that validate. Its own error handler
and documentation blueprint are left out: errors are RFC 9457 problem details for every
``/api/`` URL (``arena/errors.py``), and the description and its reference page are URLs of
this blueprint, so the package keeps one blueprint named after it.

Every view declares its access as the page it mirrors does (``same_access_as``): the rule
lives on the page's view and the API reads it from there, never a copy.
"""

from __future__ import annotations

from collections.abc import Callable

import marshmallow as ma
from flask import Response, jsonify
from flask_smorest import Api, Blueprint

from arena.auth.access import ACCESS_ATTRIBUTE
from arena.extensions import csrf

V1 = "/api/v1"

bp = Blueprint("api", "arena.api", description="Arena's JSON API, version 1.")


def same_access_as(page_view: Callable) -> Callable:
    """Give an API view the access rule of the page view it mirrors."""

    def mark(view: Callable) -> Callable:
        setattr(view, ACCESS_ATTRIBUTE, getattr(page_view, ACCESS_ATTRIBUTE))
        return view

    return mark


def as_described(data) -> Response:
    """``data`` sent as it is, already in the form its response schema describes (values
    JSON can hold: dates as ISO 8601 text). flask-smorest passes a Response through without
    dumping it, so a long list is not walked field by field a second time; the schema still
    describes the answer in the OpenAPI description, and the schema tests hold us to it."""
    return jsonify(data)


def iso(value) -> str | None:
    """A date or time as marshmallow's Date and AwareDateTime write it."""
    return None if value is None else value.isoformat()


class FieldProblem(ma.Schema):
    #: where the field is: json (the body), query or path
    in_ = ma.fields.String(data_key="in")
    field = ma.fields.String()
    detail = ma.fields.String()


class Problem(ma.Schema):
    """RFC 9457 problem details, as ``arena/errors.py: problem`` writes them."""

    type = ma.fields.String()
    title = ma.fields.String()
    status = ma.fields.Integer()
    detail = ma.fields.String(allow_none=True)
    errors = ma.fields.List(ma.fields.Nested(FieldProblem))


class ArenaApi(Api):
    """flask-smorest without its app-wide error handler (Arena's answers problem details)."""

    ERROR_SCHEMA = Problem

    def _register_error_handlers(self) -> None:
        return None


SPEC_SETTINGS = {
    "API_TITLE": "Arena API",
    "API_VERSION": "1",
    "OPENAPI_VERSION": "3.0.3",
    "API_SPEC_OPTIONS": {
        "info": {
            "description": "Members, organisations, sessions, small wins and the graph of an "
            "Arena, for other tools. Send a personal API token: Authorization: Bearer <token>. "
            "Lists use cursors (next_cursor) and take updated_since; errors are RFC 9457 "
            "problem details."
        },
        "security": [{"bearer": []}],
        "servers": [{"url": "/"}],
    },
}


def describe(state) -> None:
    """When the app registers the blueprint, after its routes (``blueprint.py`` records this
    last): describe its views and exempt it from CSRF (the API takes Bearer tokens, never
    the session cookie)."""
    app = state.app
    for key, value in SPEC_SETTINGS.items():
        app.config.setdefault(key, value)
    api = ArenaApi()
    api.init_app(app)
    api.spec.components.security_scheme(
        "bearer", {"type": "http", "scheme": "bearer", "description": "A personal API token."}
    )
    app.extensions["flask-smorest"]["blp_name_to_api"][bp.name] = api
    bp.register_views_in_doc(api, app, api.spec, name=bp.name, parameters=None)
    api.spec.tag({"name": bp.name, "description": bp.description})
    app.extensions["arena_api"] = api
    csrf.exempt(bp)
