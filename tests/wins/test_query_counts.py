"""Pages list many rows with a fixed number of queries: none grows with the page size."""

from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy import event

from arena.auth.models import Role
from arena.wins.models import Mechanism


@contextmanager
def counting(app):
    engine = app.extensions["arena_db"].engine
    statements: list[str] = []

    def record(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def _count(app, client, url: str) -> int:
    with counting(app) as statements:
        assert client.get(url).status_code == 200
    return len(statements)


def test_listing_pages_do_not_query_per_row(
    app, db, make_account, make_win, make_example, make_organisation, make_member, login
):
    client = login(make_account(role=Role.ORGANISER))
    urls = ["/wins/", "/wins/mechanisms", "/examples/", "/collaborations/"]

    def add(n: int) -> None:
        for _ in range(n):
            organisation = make_organisation()
            make_win(
                author_id=make_member().id,
                organisation_id=organisation.id,
                mechanisms=[Mechanism.ENERGIZING, Mechanism.CONNECTION],
            )
            make_example(organisations=[organisation])

    add(2)
    few = [_count(app, client, url) for url in urls]
    add(10)
    many = [_count(app, client, url) for url in urls]
    assert many == few
