"""The demo speaks Dutch by default and English on request, with the same network underneath."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from sqlalchemy import text

from arena.cli import demo_command
from arena.db import Database
from arena.demo import generate_demo
from arena.demo.texts import demo_texts
from arena.i18n import init_app as init_i18n
from tests.demo.conftest import Demo

#: every free text a person reads in the demo, as (table, columns)
TEXTS = {
    "arena_series": ("theme", "description", "header_text", "presenter_instructions",
                     "invitation_subject", "invitation_body", "reminder_subject",
                     "reminder_body", "practical_note_body", "default_programme"),
    "meetings": ("introduction_topic", "programme", "cancellation_reason"),
    "practice_examples": ("initiative", "goals", "underlying_values", "goes_well",
                          "goes_less_well", "chafes", "decline_reason"),
    "small_wins": ("title", "what_changed", "friction", "reach"),
    "small_win_follow_ups": ("note",),
    "reflections": ("of_value", "want_more_of", "do_differently"),
    "collaborations": ("description",),
    "members": ("consent_source",),
    "memberships": ("position",),
    "organisations": ("sector", "policy_domain"),
}  # fmt: skip
#: short words that give a sentence away as English or as Dutch
ENGLISH = re.compile(
    r"\b(the|and|with|you|your|to|for|are|session|I|my|our|us|can|what|that|it|not|from|at|on"
    r"|who|this|when|by|more|than|new)\b",
    re.I,
)
DUTCH = re.compile(
    r"\b(de|het|een|en|van|je|jouw|niet|voor|bij|bijeenkomst|ik|wat|dat|op|naar|met|ons|onze"
    r"|meer|dan|wie|zijn|heeft|wordt|als|ook|nu)\b",
    re.I,
)


def _texts(demo: Demo) -> list[str]:
    found = []
    for table, columns in TEXTS.items():
        for column in columns:
            found += [v for (v,) in demo.rows(f"SELECT DISTINCT {column} FROM {table}") if v]  # noqa: S608
    # placeholders such as {{ session.title }} are code, not words
    return [re.sub(r"\{\{.*?\}\}", "", value) for value in found]


@pytest.fixture(scope="module")
def demos(make_database) -> dict[str, Demo]:
    """The same small network loaded once by default (Dutch) and once in English."""
    made = {}
    for language, option in (("nl", {}), ("en", {"language": "en"})):
        engine = make_database("sqlite")
        summary = generate_demo(engine, members=120, seed=7, password="pw", **option)
        made[language] = Demo(engine, summary)
    return made


#: per language: words of the other language that must not appear, a word the presenter
#: instructions use, how the invitation opens, and sectors the organisations belong to
EXPECTED = {
    "nl": (ENGLISH, "zoekverhaal", "Beste ", {"overheid", "zorg", "welzijn", "onderzoek"}),
    "en": (DUTCH, "search story", "Dear ", {"government", "care", "welfare", "research"}),
}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_each_language_reads_as_itself(demos, language):
    demo, (foreign, story, greeting, sectors) = demos[language], EXPECTED[language]
    texts = _texts(demo)
    assert len(texts) > 100
    assert [text for text in texts if foreign.search(text)] == []
    instructions, body = demo.rows(
        "SELECT presenter_instructions, invitation_body FROM arena_series"
    )[0]
    assert story in instructions and body.startswith(greeting + "{{ member.first_name }},")
    words = demo_texts(language)
    titles = [t for (t,) in demo.rows("SELECT title FROM practice_examples")]
    assert all(title.startswith(words.initiatives) for title in titles)
    joiner = words.example_at.format(initiative="", organisation="")
    assert any(joiner in title for title in titles)
    assert {s for (s,) in demo.rows("SELECT DISTINCT sector FROM organisations")} >= sectors


def test_both_languages_hold_the_same_network(demos, canonical_dump):
    """Only the words differ: ids, dates, numbers and links are the same for the same seed."""
    assert demos["nl"].summary.small_wins == demos["en"].summary.small_wins
    nl, en = canonical_dump(demos["nl"].engine), canonical_dump(demos["en"].engine)
    words_differ = 0
    for table, rows in nl.items():
        assert len(rows) == len(en[table]), table
        assert _without_words(rows) == _without_words(en[table]), table
        words_differ += rows != en[table]
    assert words_differ >= 8


def _without_words(rows: list[tuple]) -> list[tuple]:
    return sorted((tuple(v for v in row if type(v) not in (str, list)) for row in rows), key=repr)


def test_the_pools_of_both_languages_match_one_to_one():
    nl, en = demo_texts("nl"), demo_texts("en")
    for name, value in vars(en).items():
        if isinstance(value, tuple | dict) and name not in ("sectors", "domains"):
            assert len(getattr(nl, name)) == len(value), name
    assert nl.positions.keys() == en.positions.keys()
    assert {len(v) for v in nl.positions.values()} == {len(v) for v in en.positions.values()}
    assert [len(t.topics) for t in nl.other_themes] == [len(t.topics) for t in en.other_themes]
    assert len(nl.flagship.topics) == len(en.flagship.topics)


def test_the_command_takes_a_language_and_refuses_an_unknown_one(make_database):
    engine = make_database("sqlite")
    app = Flask(__name__)
    app.config.update(LANGUAGES=["nl", "en"], BABEL_DEFAULT_LOCALE="en", TIME_ZONE="UTC")
    init_i18n(app)  # the command's messages are translated
    Database(engine.url.render_as_string(hide_password=False)).init_app(app)
    app.cli.add_command(demo_command)
    runner = app.test_cli_runner()

    refused = runner.invoke(args=["demo", "--members", "20", "--language", "fr"])
    assert refused.exit_code == 2 and "nl or en" in refused.output
    loaded = runner.invoke(args=["demo", "--members", "20", "--language", "en"])
    assert loaded.exit_code == 0, loaded.output
    with engine.connect() as connection:
        body = connection.execute(text("SELECT invitation_body FROM arena_series")).scalar()
    assert body.startswith("Dear ")
