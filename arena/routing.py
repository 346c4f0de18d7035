"""URL converters: an id in a URL that no database column can hold is simply not found."""

from __future__ import annotations

from werkzeug.routing import IntegerConverter

from arena.db import MAX_DATABASE_ID


class DatabaseIdConverter(IntegerConverter):
    """`<int:...>` with an upper bound, so /members/99999999999999999999 is a 404, not a 500."""

    def __init__(self, url_map, *args, **kwargs) -> None:
        kwargs.setdefault("max", MAX_DATABASE_ID)
        super().__init__(url_map, *args, **kwargs)


def init_app(app) -> None:
    app.url_map.converters["int"] = DatabaseIdConverter
