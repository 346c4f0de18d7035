"""Reading a list page's query string: the filters it knows, the page number, the page size.

Every list reads its filters the same way: only the keys it knows, each value trimmed, empty
ones left out, so a saved segment, an export or the link to the next page carries exactly what
narrows the list. Works on ``request.args``, a form and a plain dict alike. The links between
pages are one macro, ``templates/shared/pagination.html``.
"""

from __future__ import annotations

from collections.abc import Iterable

from arena.db import MAX_DATABASE_ID


def query_filters(args, keys: Iterable[str]) -> dict[str, str]:
    """The known keys with a non-empty value, trimmed, in the order of ``keys``."""
    found = {}
    for key in keys:
        value = args.get(key)
        if value is not None and str(value).strip():
            found[key] = str(value).strip()
    return found


def page_number(args, per_page: int) -> int:
    """The page asked for, from 1 up to the last page any row id could be on."""
    try:
        page = int(args.get("page", 1))
    except (TypeError, ValueError):
        page = 1
    return min(max(page, 1), MAX_DATABASE_ID // per_page)


def page_count(total: int, per_page: int) -> int:
    """How many pages ``total`` rows fill; an empty list still has its one page."""
    return max(1, -(-total // per_page))


def page_size(args, sizes: tuple[int, ...]) -> int:
    """One of the offered page sizes (the first when the query asks for another)."""
    try:
        size = int(args.get("per_page", sizes[0]))
    except (TypeError, ValueError):
        return sizes[0]
    return size if size in sizes else sizes[0]
