"""The OpenAPI description and a readable reference of it, served by the app itself.

The reference is plain HTML rendered from the description on the server: no script, no CDN,
so it works under the strict Content-Security-Policy (a Swagger UI page needs an inline
initialiser and styles from elsewhere) and in a browser without JavaScript.
"""

from __future__ import annotations

from flask import current_app, jsonify, render_template

from arena.auth.access import public

METHODS = ("get", "post", "put", "patch", "delete")


def spec() -> dict:
    """The description, with error answers as application/problem+json (RFC 9457)."""
    description = current_app.extensions["arena_api"].spec.to_dict()
    for answer in description.get("components", {}).get("responses", {}).values():
        content = answer.get("content", {})
        if "application/json" in content:
            content["application/problem+json"] = content.pop("application/json")
    return description


@public
def openapi():
    """The OpenAPI 3 description of /api/v1."""
    return jsonify(spec())


def _schema_name(ref: dict | None) -> str:
    ref = (ref or {}).get("$ref", "")
    return ref.rpartition("/")[2]


def operations(description: dict) -> list[dict]:
    """Each path and method with its summary, parameters, body and answers, for the page."""
    found = []
    for path, item in description.get("paths", {}).items():
        for method in METHODS:
            if method not in item:
                continue
            operation = item[method]
            body = operation.get("requestBody", {}).get("content", {}).get("application/json", {})
            found.append(
                {
                    "anchor": f"{method}-{path}".replace("/", "-").strip("-"),
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "parameters": operation.get("parameters", []) + item.get("parameters", []),
                    "body": _schema_name(body.get("schema")),
                    "responses": {
                        code: _schema_name(
                            answer.get("content", {}).get("application/json", {}).get("schema")
                        )
                        for code, answer in operation.get("responses", {}).items()
                    },
                }
            )
    return found


@public
def reference():
    """The API's reference, readable in any browser."""
    description = spec()
    schemas = description.get("components", {}).get("schemas", {})
    return render_template(
        "api/docs.html",
        info=description["info"],
        operations=operations(description),
        schemas=dict(sorted(schemas.items())),
    )
