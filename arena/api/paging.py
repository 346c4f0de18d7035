"""Cursor pagination for every list: opaque, signed, bound to the list and its filters.

A cursor holds the last id of the page and a digest of the list's name and filters, signed
with the app's secret. A cursor that was changed, or made for another list or other filters,
is refused with 400 naming the ``cursor`` parameter. Rows come in id order, so a full sync
by cursor sees every row once even while rows change; ``updated_since`` narrows any list to
the rows changed strictly after that moment.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import UTC

import marshmallow as ma
from flask import current_app, request
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import Select
from werkzeug.exceptions import BadRequest

DEFAULT_LIMIT = 50
MAX_LIMIT = 200


def _has_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, list | tuple):
        return any(_has_nul(v) for v in value)
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    return False


class ApiSchema(ma.Schema):
    """The base of every input schema: text with a NUL character is refused, naming the
    field (PostgreSQL cannot store it, and no person types it); so is a query parameter of one
    value given twice (``?role=a&role=b``), which would otherwise filter by the first alone."""

    @ma.pre_load
    def _refuse_repeated(self, data, **_kwargs):
        given = getattr(data, "data", None)  # webargs' view of the query string
        if hasattr(given, "getlist"):
            for name, field in self.load_fields.items():
                key = field.data_key or name
                if not isinstance(field, ma.fields.List) and len(given.getlist(key)) > 1:
                    raise ma.ValidationError("Give this parameter once.", key)
        return data

    @ma.pre_load
    def _refuse_nul(self, data, **_kwargs):
        if hasattr(data, "keys"):
            for key in list(data.keys()):
                if _has_nul(key) or _has_nul(data[key]):
                    raise ma.ValidationError("Text may not hold NUL characters.", key)
        return data


class ListArgs(ApiSchema):
    """What every list takes; a list's own filters extend it."""

    cursor = ma.fields.String(
        load_default=None, metadata={"description": "next_cursor of the previous page"}
    )
    limit = ma.fields.Integer(
        load_default=DEFAULT_LIMIT,
        validate=ma.validate.Range(1, MAX_LIMIT),
        metadata={"description": f"rows per page, at most {MAX_LIMIT}"},
    )
    updated_since = ma.fields.AwareDateTime(
        load_default=None,
        default_timezone=UTC,
        metadata={"description": "only rows changed strictly after this moment (ISO 8601)"},
    )


def page_schema(item: type[ma.Schema], name: str) -> type[ma.Schema]:
    """The schema of one page of ``item``: the rows and the cursor of the next page."""
    return ma.Schema.from_dict(
        {
            "items": ma.fields.List(ma.fields.Nested(item), required=True),
            "next_cursor": ma.fields.String(allow_none=True, required=True),
        },
        name=name,
    )


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="arena.api-cursor")


def _scope(args: dict) -> str:
    """The list (endpoint and path) and its filters, as a short digest."""
    filters = {k: str(v) for k, v in args.items() if k not in ("cursor", "limit")}
    text = json.dumps([request.endpoint, request.view_args, filters], sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def bad_cursor() -> BadRequest:
    error = BadRequest("The cursor is not one this list gave out.")
    error.data = {
        "detail": "The cursor is not one this list gave out.",
        "errors": [{"in": "query", "field": "cursor", "detail": "Unknown or changed cursor."}],
    }
    return error


def _cursor_position(args: dict, scope, key: str) -> int | None:
    """The position a signed cursor holds under ``key`` (the last id, or the last index),
    None without a cursor; a cursor that is forged, of another list or filter, or holds no
    such position is refused."""
    if not args.get("cursor"):
        return None
    try:
        payload = _serializer().loads(args["cursor"])
    except BadSignature:
        raise bad_cursor() from None
    if not isinstance(payload, dict) or payload.get("s") != scope:
        raise bad_cursor()
    after = payload.get(key)
    if not isinstance(after, int) or isinstance(after, bool) or after < 0:
        raise bad_cursor()
    return after


def paginate(
    session, stmt: Select, model, args: dict, *, fetch: Callable[[Select], list] | None = None
) -> dict:
    """One page of ``stmt`` (a select of ``model``) as {"items": rows, "next_cursor": ...}.

    ``fetch`` reads the page's statement (ordered and limited) when the items are not
    ``model`` objects: e.g. records built from plain rows, in one query. Its items carry
    the row's ``id`` (an attribute, or a key of a dict)."""
    if args.get("updated_since") is not None:
        stmt = stmt.where(model.updated_dt > args["updated_since"])
    scope = _scope(args)
    after = _cursor_position(args, scope, "a")
    if after is not None:
        stmt = stmt.where(model.id > after)
    limit = args["limit"]
    stmt = stmt.order_by(model.id).limit(limit + 1)
    items = fetch(stmt) if fetch else list(session.scalars(stmt).unique())
    next_cursor = None
    if len(items) > limit:
        items = items[:limit]
        last = items[-1]
        after = last["id"] if isinstance(last, dict) else last.id
        next_cursor = _serializer().dumps({"s": scope, "a": after})
    return {"items": items, "next_cursor": next_cursor}


def paginate_list(items: list, args: dict) -> dict:
    """One page of a stored list (a graph view's sessions, its legend), by position: the
    same signed cursor, holding the position of the page's last item. The list is the one
    computed last, so a sync by cursor sees it whole unless the view is recomputed."""
    scope = _scope(args)
    after = _cursor_position(args, scope, "p")
    start = 0 if after is None else after + 1
    end = start + args["limit"]
    next_cursor = None
    if end < len(items):
        next_cursor = _serializer().dumps({"s": scope, "p": end - 1})
    return {"items": items[start:end], "next_cursor": next_cursor}
