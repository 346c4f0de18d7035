"""Downloads: JSON and CSV files with a name, never cached by a shared proxy."""

from __future__ import annotations

import json

from flask import Response


def _download(body: str | bytes, mimetype: str, filename: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


def json_download(data: dict, filename: str) -> Response:
    return _download(json.dumps(data, ensure_ascii=False, indent=2), "application/json", filename)


def csv_download(text: str, filename: str) -> Response:
    return _download(text.encode("utf-8"), "text/csv; charset=utf-8", filename)
