"""The same seed gives the same network, on SQLite and PostgreSQL alike; another seed does not."""

from __future__ import annotations

import pytest

from arena.demo import generate_demo
from arena.models import Base

NAME = Base.metadata.tables["members"].c.keys().index("name")


@pytest.fixture(scope="module")
def networks(make_database, canonical_dump):
    """Dumps of networks by (backend, seed, run), made on first use."""
    made: dict[tuple[str, int, int], dict] = {}

    def network(backend: str, seed: int, run: int = 1) -> dict:
        key = (backend, seed, run)
        if key not in made:
            engine = make_database(backend)
            summary = generate_demo(engine, members=400, seed=seed, password="same-password")
            made[key] = {"summary": summary, "tables": canonical_dump(engine)}
        return made[key]

    return network


def test_the_same_seed_gives_an_identical_network(networks):
    first, second = networks("sqlite", 2014, 1), networks("sqlite", 2014, 2)
    assert first["summary"] == second["summary"]
    for name, rows in first["tables"].items():
        assert rows == second["tables"][name], name
    assert len(first["tables"]["members"]) == 400


def test_another_seed_gives_another_network(networks):
    first, other = networks("sqlite", 2014), networks("sqlite", 2015)
    names = {row[NAME] for row in first["tables"]["members"]}
    other_names = {row[NAME] for row in other["tables"]["members"]}
    assert len(names & other_names) < 100
    assert first["tables"]["attendances"] != other["tables"]["attendances"]
    assert first["tables"]["small_win_inspirations"] != other["tables"]["small_win_inspirations"]


def test_postgresql_holds_the_same_network_as_sqlite(networks):
    on_sqlite, on_postgres = networks("sqlite", 2014), networks("postgresql", 2014)
    assert on_sqlite["summary"] == on_postgres["summary"]
    for name, rows in on_sqlite["tables"].items():
        assert rows == on_postgres["tables"][name], name
