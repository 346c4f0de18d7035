"""Story pages: a member tells one, an organiser selects it with the reason, others read it."""

from __future__ import annotations

from arena.auth.models import Role
from arena.stories.models import ChangeStory

STORY = {
    "title": "The baker hired Sam",
    "what_changed": "The bakery hires without a subsidy now.",
    "why_it_matters": "The whole street asked how.",
    "mechanism": "oil-spot",
}


def test_a_member_tells_a_story_and_an_organiser_selects_it_with_the_reason(
    app, make_account, login, db, make_win, make_member
):
    teller = make_account(Role.MEMBER)
    client = login(teller)
    someone_elses = make_win(author_id=make_member().id)
    refused = client.post("/stories/new", data={**STORY, "small_wins": str(someone_elses.id)})
    assert refused.status_code == 400
    assert "only name small wins you took part in" in refused.get_data(as_text=True)
    assert db.query(ChangeStory).count() == 0

    told = client.post("/stories/new", data=STORY)
    assert told.status_code == 302
    story = db.query(ChangeStory).one()
    assert story.teller_id == teller.member_id

    organiser = app.test_client()
    organiser.post("/auth/login", data={"email": make_account(Role.ORGANISER).email,
                                        "password": "correct horse battery"})  # fmt: skip
    year = story.told_on.year
    no_reason = organiser.post(
        f"/stories/{story.id}/select", data={"start": f"{year}-01-01", "end": f"{year}-12-31"}
    )
    assert no_reason.status_code == 400
    chosen = organiser.post(
        f"/stories/{story.id}/select",
        data={"start": f"{year}-01-01", "end": f"{year}-12-31", "reason": "The oil spot at work."},
    )
    assert chosen.status_code == 302
    assert "The oil spot at work." in organiser.get(f"/stories/{story.id}").get_data(as_text=True)
