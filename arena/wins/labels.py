"""Human words for the six accelerating mechanisms of small wins and for what became of one
("did it stick?"), translatable."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from arena.wins.models import Mechanism, StickAnswer

MECHANISMS = {
    Mechanism.ENERGIZING: _l("Energizing"),
    Mechanism.EXPERIMENTING: _l("Experimenting"),
    Mechanism.ATTRACTION: _l("Attraction"),
    Mechanism.OIL_SPOT: _l("Oil spot"),
    Mechanism.CONNECTION: _l("Connection"),
    Mechanism.ROBUSTNESS: _l("Robustness"),
}

#: one line each, shown beside the mechanism on forms
MECHANISM_EXPLANATIONS = {
    Mechanism.ENERGIZING: _l(
        "A success inspires going on: commitment, optimism, trust in each other and the results."
    ),
    Mechanism.EXPERIMENTING: _l(
        "Every small win is an experiment that gives insight and ideas for new ones."
    ),
    Mechanism.ATTRACTION: _l("Visible results show what is possible and attract people and means."),
    Mechanism.OIL_SPOT: _l("People follow others and adapt to each other."),
    Mechanism.CONNECTION: _l(
        "A small change in one place causes change elsewhere: other levels or policy domains."
    ),
    Mechanism.ROBUSTNESS: _l(
        "It stayed unnoticed long enough to embed; once noticed it is hard to reverse."
    ),
}

STICK_LABELS = {
    StickAnswer.HOLDS: _l("It still holds"),
    StickAnswer.GREW: _l("It grew"),
    StickAnswer.SPREAD: _l("It spread to others"),
    StickAnswer.REVERSED: _l("It was reversed"),
}
