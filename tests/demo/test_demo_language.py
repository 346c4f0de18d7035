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
def dutch(make_database):
    return _load(make_database, {})


@pytest.fixture(scope="module")
def english(make_database):
    return _load(make_database, {"language": "en"})


def _load(make_database, language: dict):
    engine = make_database("sqlite")
    return Demo(engine, generate_demo(engine, members=120, seed=7, password="pw", **language))


def test_the_demo_is_dutch_by_default(dutch):
    texts = _texts(dutch)
    assert len(texts) > 100
    english = [text for text in texts if ENGLISH.search(text)]
    assert english == []
    (instructions, body) = dutch.rows(
        "SELECT presenter_instructions, invitation_body FROM arena_series"
    )[0]
    assert "zoekverhaal" in instructions and body.startswith("Beste {{ member.first_name }},")
    titles = [t for (t,) in dutch.rows("SELECT title FROM practice_examples")]
    assert any(" bij " in title for title in titles)
    assert all(t.startswith(demo_texts("nl").initiatives) for t in titles)
    assert {s for (s,) in dutch.rows("SELECT DISTINCT sector FROM organisations")} >= {
        "overheid", "zorg", "welzijn", "bedrijfsleven", "onderzoek"
    }  # fmt: skip


def test_the_english_demo_is_english(english):
    texts = _texts(english)
    assert len(texts) > 100
    dutch = [text for text in texts if DUTCH.search(text)]
    assert dutch == []
    (instructions, body) = english.rows(
        "SELECT presenter_instructions, invitation_body FROM arena_series"
    )[0]
    assert "search story" in instructions and body.startswith("Dear {{ member.first_name }},")
    assert {s for (s,) in english.rows("SELECT DISTINCT sector FROM organisations")} >= {
        "government", "care", "welfare", "business", "research"
    }  # fmt: skip


def test_both_languages_hold_the_same_network(dutch, english, canonical_dump):
    """Only the words differ: ids, dates, numbers and links are the same for the same seed."""
    assert dutch.summary.small_wins == english.summary.small_wins
    nl, en = canonical_dump(dutch.engine), canonical_dump(english.engine)
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
