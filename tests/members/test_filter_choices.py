"""The member list's drop-downs offer each sector, policy domain and place in use, once.

They are worked out on every view of the list, so they hop through each column's index, one
seek per value, instead of reading all 40,000 organisations of a national network.
"""

from __future__ import annotations

import pytest

from arena.members.listing import filter_options, values_in_use
from arena.members.models import Organisation
from tests.queries import query_plan


def test_the_choices_are_the_values_in_use_once_each_in_order(db, make_organisation):
    for place, sector in [
        ("Zwolle", "care"), ("Almere", None), ("Zwolle", "education"), ("Den Haag", ""),
        (None, "care"), ("'s-Hertogenbosch", "care"), ("Almere", "Care"),
    ]:  # fmt: skip
        make_organisation(place=place, sector=sector)
    db.flush()
    options = filter_options(db)
    assert options["place"] == ["'s-Hertogenbosch", "Almere", "Den Haag", "Zwolle"]
    assert options["sector"] == ["Care", "care", "education"]
    assert options["policy_domain"] == []


@pytest.mark.parametrize("column", [Organisation.sector, Organisation.place])
def test_the_choices_seek_in_the_index_instead_of_reading_every_organisation(db, column):
    plan = query_plan(db, values_in_use(column))
    if db.connection().dialect.name == "sqlite":
        assert "SCAN organisations" not in plan and "SCAN later" not in plan
        assert f"ix_organisations_{column.key}" in plan
    else:
        assert "Recursive Union" in plan and "Unique" not in plan
        assert f"ix_organisations_{column.key}" in plan
