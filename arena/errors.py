"""Error pages that answer JSON or HTML, by what the client accepts; and the one page for a
signed link that cannot be used."""

from __future__ import annotations

import math

from flask import jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from arena import throttle
from arena.db import utcnow
from arena.tokens import TokenError

#: the pages' words for werkzeug's (English) error names and standard descriptions
ERROR_TEXTS = {
    400: (_l("Bad request"), _l("The request could not be understood. Go back and try again.")),
    403: (_l("No access"), _l("You do not have access to this page.")),
    404: (
        _l("Page not found"),
        _l("This page does not exist (any more). Check the address or go to the start page."),
    ),
    405: (_l("Not possible"), _l("This page cannot be used in this way.")),
    410: (_l("Gone"), _l("This is no longer available.")),
    413: (_l("Too large"), _l("What you sent is too large.")),
    429: (_l("Too many attempts"), _l("Too many attempts in a short time. Wait a moment.")),
    500: (_l("Something went wrong"), _l("Something went wrong on our side. Try again later.")),
}


def page_texts(error: HTTPException) -> tuple[str, str]:
    """The error's name and description in the page's language; a description a view gave
    (not werkzeug's standard one) is kept."""
    name, description = ERROR_TEXTS.get(error.code, (error.name, error.description))
    if error.description != type(error).description:
        description = error.description
    return str(name), str(description)


def _wants_json() -> bool:
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    return best == "application/json" or request.path.startswith("/api/")


def _flatten(messages, path: str = "") -> list[dict]:
    """Validation messages ({"json": {"email": ["Not a valid email."]}}) as a flat list of
    {"field": "email", "in": "json", "detail": ...}."""
    found: list[dict] = []
    if isinstance(messages, dict):
        for key, value in messages.items():
            found += _flatten(value, f"{path}.{key}" if path else str(key))
    elif isinstance(messages, list | tuple) and all(isinstance(m, str) for m in messages):
        where, _, field = path.partition(".")
        found += [{"in": where, "field": field or where, "detail": m} for m in messages]
    elif isinstance(messages, list | tuple):
        for index, value in enumerate(messages):
            found += _flatten(value, f"{path}.{index}")
    else:
        where, _, field = path.partition(".")
        found.append({"in": where, "field": field or where, "detail": str(messages)})
    return found


def problem(error: HTTPException):
    """RFC 9457 problem details for the JSON API: type, title, status, detail, and for
    invalid input the fields named in ``errors``."""
    body: dict = {
        "type": "about:blank",
        "title": error.name,
        "status": error.code,
        "detail": error.description,
    }
    data = getattr(error, "data", None) or {}
    if "messages" in data:
        body["errors"] = _flatten(data["messages"])
        fields = ", ".join(sorted({e["field"] for e in body["errors"]}))
        body["detail"] = f"Invalid input in: {fields}."
    elif "errors" in data:
        body["errors"] = data["errors"]
        body["detail"] = data.get("detail", body["detail"])
    response = jsonify(body)
    response.status_code = error.code or 500
    response.mimetype = "application/problem+json"
    for name, value in error.get_headers():
        if name.lower() != "content-type":
            response.headers[name] = value
    if error.code == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="arena"'
    return response


def handle_http_error(error: HTTPException):
    if request.path.startswith("/api/"):
        return problem(error)
    if _wants_json():
        return jsonify(error=error.name, description=error.description), error.code
    name, description = page_texts(error)
    return render_template(
        "errors/error.html", error=error, name=name, description=description
    ), error.code


def handle_csrf_error(error: CSRFError):
    error.description = str(
        _l(
            "The form was sent without a valid security token (it may have expired). "
            "Go back, reload the page and try again."
        )
    )
    return handle_http_error(error)


def handle_link_error(error: TokenError):
    """Every signed link that cannot be used (arena/tokens.py), on one page; each counts as
    a failed guess of this address (arena/throttle.py)."""
    throttle.record_failure(error.purpose.name if error.purpose else "link")
    return render_template("errors/link_problem.html", message=error.message), 400


def handle_throttled(error: throttle.Throttled):
    """Too many failed sign-ins or links: 429, with the time to try again."""
    seconds = max(1, math.ceil((error.until - utcnow()).total_seconds()))
    if _wants_json():
        response = jsonify(error="Too Many Requests", retry_after=seconds)
    else:
        response = render_template("errors/throttled.html", until=error.until)
    return response, 429, {"Retry-After": str(seconds)}


def init_app(app) -> None:
    app.register_error_handler(TokenError, handle_link_error)
    app.register_error_handler(throttle.Throttled, handle_throttled)
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(HTTPException, handle_http_error)
