"""The agenda's pages: organisers steer, followers read and propose, others are kept out."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from arena.arenas.models import SeriesFollower
from arena.auth.models import Role
from arena.learning.models import LearningQuestion, QuestionState
from arena.learning.services import propose_question

QUESTION = "How do we get employers to offer a first job without a subsidy?"


@pytest.fixture
def series(make_series):
    return make_series(name="Waardevol Werk")


def test_an_organiser_adds_a_question_and_links_a_small_win_to_it(
    series, make_account, login, make_win, db
):
    client = login(make_account(Role.ORGANISER))
    added = client.post(f"/learning/series/{series.id}/questions", data={"text": QUESTION})
    assert added.status_code == 302
    question = db.query(LearningQuestion).one()
    assert (question.number, question.state) == (1, QuestionState.OPEN)
    win = make_win(title="A first job without subsidy")
    linked = client.post(
        "/learning/link",
        data={"question": question.id, "kind": "small-win", "record": win.id, "note": "It worked"},
    )
    assert linked.status_code == 302
    page = client.get(f"/learning/questions/{question.id}").get_data(as_text=True)
    assert "A first job without subsidy" in page and f'href="/wins/{win.id}"' in page
    refused = client.post(
        "/learning/link", data={"question": question.id, "kind": "small-win", "record": 999999}
    )
    assert refused.status_code == 400 and "There is no such record." in refused.get_data(
        as_text=True
    )


def test_a_follower_reads_the_agenda_and_proposes_others_are_kept_out(
    series, make_account, login, db, client
):
    follower = make_account(Role.MEMBER)
    db.add(SeriesFollower(series_id=series.id, member_id=follower.member_id,
                          followed_dt=datetime.now(UTC)))  # fmt: skip
    db.commit()
    login(follower)
    assert client.get(f"/learning/series/{series.id}").status_code == 200
    proposed = client.post(f"/learning/series/{series.id}/proposals", data={"text": QUESTION})
    assert proposed.status_code == 302
    assert db.query(LearningQuestion).one().state == QuestionState.PROPOSED
    assert (
        client.post(f"/learning/series/{series.id}/questions", data={"text": "x"}).status_code
        == 403
    )

    client.post("/auth/logout")
    outsider = login(make_account(Role.MEMBER))
    assert outsider.get(f"/learning/series/{series.id}").status_code == 403


def test_a_question_number_no_row_can_have_is_a_clear_refusal(
    series, make_account, login, make_win, db
):
    """A merge target or question id beyond the database's range (a tampered form) is
    refused with a message, never a server error, and nothing changes."""
    member = make_account(Role.MEMBER).member
    question = propose_question(db, series.id, member.id, QUESTION, now=datetime.now(UTC))
    db.commit()
    client = login(make_account(Role.ORGANISER))
    huge = "99999999999999999999"
    merged = client.post(
        f"/learning/questions/{question.id}/merge", data={"into": huge}, follow_redirects=True
    )
    assert merged.status_code == 200
    assert "Choose an open question of this series to merge into." in merged.get_data(as_text=True)
    db.expire_all()
    assert db.get(LearningQuestion, question.id).state == QuestionState.PROPOSED
    client.post(f"/learning/series/{series.id}/questions", data={"text": "Who pays?"})
    win = make_win(title="A first job without subsidy")
    linked = client.post(
        "/learning/link", data={"question": huge, "kind": "small-win", "record": win.id}
    )
    assert linked.status_code == 400
    assert "Choose a learning question." in linked.get_data(as_text=True)
