"""Network tests: sessions were held a month before NOW, so attendance counts as history."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from arena.arenas.models import MeetingState
from tests.queries import recorded_statements

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def factory_defaults(factory_defaults):
    factory_defaults["meeting"].update(starts=NOW - timedelta(days=30), state=MeetingState.HELD)
    return factory_defaults


@pytest.fixture
def statements_to_get(app):
    """How many SQL statements each page takes: ``few, many = statements_to_get(client, *urls)``.

    Every page must answer 200.
    """

    def count(client, *urls: str) -> list[int]:
        counts = []
        for url in urls:
            with recorded_statements(app.extensions["arena_db"].engine) as statements:
                assert client.get(url).status_code == 200, url
            counts.append(len(statements))
        return counts

    return count
