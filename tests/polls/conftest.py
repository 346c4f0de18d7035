from tests.examples.conftest import (  # noqa: F401 - fixtures shared with the examples tests
    attend,
    make_example,
    make_meeting,
    make_organisation,
    make_series,
    make_win,
)
