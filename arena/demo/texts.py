"""The words of the demo network in one language: what its organisers and members write.

Arena's people are Dutch, so the demo is Dutch unless asked otherwise; English keeps the
demo readable for others. Each language module holds the same pools in the same order and
of the same length, so a seed draws the same network in either language and only the words
differ. Keys that code compares (sectors, policy domains, reach) are drawn in English and
shown through the language's own names.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType

from arena.demo import series_texts, series_texts_nl, stories, stories_nl
from arena.demo.series_texts import Theme
from arena.members.models import StakeholderRole
from arena.wins.models import StickAnswer

#: the languages the demo can be written in; the first is the default
LANGUAGES = ("nl", "en")


@dataclass(frozen=True)
class DemoTexts:
    language: str
    # the series and their standard form (see series_texts)
    flagship: Theme
    other_themes: tuple[Theme, ...]
    header: str
    description: str
    presenter_instructions: str
    invitation_subject: str
    invitation_body: str
    reminder_subject: str
    reminder_body: str
    practical_note_body: str
    default_programme: str
    programme_topic: str
    introductions: tuple[str, ...]
    general_topics: tuple[str, ...]
    cancellation_reason: str
    # what members write (see stories)
    initiatives: tuple[str, ...]
    example_at: str
    goals: tuple[str, ...]
    values: tuple[str, ...]
    goes_well: tuple[str, ...]
    goes_less_well: tuple[str, ...]
    chafes: tuple[str, ...]
    decline_reason: str
    win_actions: tuple[str, ...]
    what_changed: tuple[str, ...]
    friction: tuple[str, ...]
    reach: tuple[str, ...]
    stick_notes: dict[StickAnswer, str]
    of_value: tuple[str, ...]
    want_more_of: tuple[str, ...]
    do_differently: tuple[str, ...]
    collaboration_titles: tuple[str, ...]
    collaboration_text: tuple[str, ...]
    in_the_region: str
    consent_sources: tuple[str, ...]
    member_themes: tuple[str, ...]
    positions: dict[StakeholderRole, tuple[str, ...]]
    sectors: dict[str, str]
    domains: dict[str, str]

    @property
    def own_reach(self) -> tuple[str, ...]:
        """The reach of a win that stayed inside the author's own team or organisation."""
        return self.reach[:2]

    def sector(self, key: str) -> str:
        return self.sectors.get(key, key)

    def domain(self, key: str) -> str:
        return self.domains.get(key, key)


_SERIES_FIELDS = (
    "header", "description", "presenter_instructions", "invitation_subject", "invitation_body",
    "reminder_subject", "reminder_body", "practical_note_body", "default_programme",
    "programme_topic", "introductions", "general_topics", "cancellation_reason",
)  # fmt: skip
_STORY_FIELDS = (
    "initiatives", "example_at", "goals", "values", "goes_well", "goes_less_well", "chafes",
    "decline_reason", "win_actions", "what_changed", "friction", "reach", "stick_notes",
    "of_value", "want_more_of", "do_differently", "collaboration_titles", "collaboration_text",
    "in_the_region", "consent_sources", "member_themes", "positions", "sectors", "domains",
)  # fmt: skip


def _texts(language: str, series: ModuleType, story: ModuleType) -> DemoTexts:
    return DemoTexts(
        language=language,
        flagship=series.FLAGSHIP,
        other_themes=series.OTHER_THEMES,
        **{name: getattr(series, name.upper()) for name in _SERIES_FIELDS},
        **{name: getattr(story, name.upper()) for name in _STORY_FIELDS},
    )


_BY_LANGUAGE = {
    "nl": _texts("nl", series_texts_nl, stories_nl),
    "en": _texts("en", series_texts, stories),
}


def demo_texts(language: str) -> DemoTexts:
    """The demo's words in `language` ("nl" or "en"); ValueError for any other."""
    try:
        return _BY_LANGUAGE[language]
    except KeyError:
        raise ValueError(
            f"The demo is written in {' or '.join(LANGUAGES)}, not {language!r}."
        ) from None
