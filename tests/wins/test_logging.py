"""Logging small wins: the quick and the full form, bad input, who may edit."""

from __future__ import annotations

from sqlalchemy import select

from arena.arenas.models import MeetingState
from arena.auth.models import Role
from arena.examples.models import ExampleStatus
from arena.wins.models import Mechanism, SmallWin


def _full(**overrides) -> dict:
    data = {
        "title": "Job coach joins the benefits desk",
        "what_changed": "We now plan *together*.",
        "happened_on": "2025-02-03",
        "mechanisms": ["connection", "oil-spot"],
        "meeting": "0",
        "practice_example": "0",
    }
    data.update(overrides)
    return data


def _quick(title: str, meeting) -> dict:
    """The quick form as sent from a session's email link."""
    return {
        "title": title,
        "happened_on": "2025-02-03",
        "mechanisms": ["energizing"],
        "meeting": str(meeting.id),
    }


def test_a_member_logs_a_full_small_win(
    app,
    db,
    make_account,
    make_member,
    make_organisation,
    make_meeting,
    make_example,
    make_win,
    login,
):
    organisation = make_organisation(name="Gemeente Breda", sector="government")
    meeting = make_meeting(state=MeetingState.HELD)
    example = make_example(status=ExampleStatus.PRESENTED)
    colleague = make_member()
    earlier = make_win()
    account = make_account(role=Role.MEMBER)
    client = login(account)
    response = client.post(
        "/wins/new",
        data=_full(
            organisation="gemeente breda",
            friction="The rules said no.",
            reach="work and income",
            meeting=str(meeting.id),
            practice_example=str(example.id),
            inspired_by=f"#{earlier.id}",
            members=colleague.email,
        ),
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    win = db.scalar(select(SmallWin).where(SmallWin.author_id == account.member_id))
    assert win.mechanisms == [Mechanism.OIL_SPOT, Mechanism.CONNECTION]
    assert (win.organisation_id, win.meeting_id, win.practice_example_id) == (
        organisation.id,
        meeting.id,
        example.id,
    )
    assert [w.id for w in win.inspired_by] == [earlier.id]
    assert [m.id for m in win.members] == [colleague.id]
    assert win.reach == "work and income"
    page = client.get(response.location).get_data(as_text=True)
    assert "<em>together</em>" in page and "Gemeente Breda" in page


def test_the_quick_form_takes_the_session_from_the_email_link(
    app, db, make_account, make_meeting, login
):
    meeting = make_meeting(state=MeetingState.HELD)
    client = login(make_account(role=Role.MEMBER))
    page = client.get(f"/wins/quick?meeting={meeting.id}").get_data(as_text=True)
    assert f'<option selected value="{meeting.id}">' in page
    response = client.post("/wins/quick", data=_quick("Asked my manager", meeting))
    assert response.status_code == 302
    assert db.scalar(select(SmallWin)).meeting_id == meeting.id


def test_a_small_win_without_a_mechanism_is_refused(app, db, make_account, login):
    client = login(make_account(role=Role.MEMBER))
    response = client.post("/wins/new", data=_full(mechanisms=[]))
    body = response.get_data(as_text=True)
    assert "Choose at least one mechanism." in body
    assert "Job coach joins the benefits desk" in body  # what was typed is kept
    assert db.scalar(select(SmallWin)) is None


def test_empty_and_oversized_fields_are_refused(app, db, make_account, login):
    client = login(make_account(role=Role.MEMBER))
    assert "This field is required." in client.post("/wins/new", data=_full(title="")).get_data(
        as_text=True
    )
    body = client.post("/wins/new", data=_full(title="x" * 201)).get_data(as_text=True)
    assert "Field cannot be longer than 200 characters." in body
    body = client.post("/wins/new", data=_full(organisation="Nowhere Inc")).get_data(as_text=True)
    assert "No organisation in the network has this name: Nowhere Inc" in body
    assert db.scalar(select(SmallWin)) is None


def test_html_and_script_in_every_field_stay_inert(app, db, make_account, login):
    client = login(make_account(role=Role.MEMBER))
    payload = '<script>window.__xss=1</script><img src=x onerror="window.__xss=1">'
    response = client.post(
        "/wins/new",
        data=_full(title=payload, what_changed=payload, friction=payload, reach=payload),
    )
    body = client.get(response.location).get_data(as_text=True)
    assert "<script>window" not in body and "<img" not in body
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in body
    assert "<script>window" not in client.get("/wins/").get_data(as_text=True)


def test_only_the_author_and_organisers_may_edit(app, db, make_account, make_win, login):
    author = make_account(role=Role.MEMBER)
    win = make_win(author_id=author.member_id)
    other = login(make_account(role=Role.MEMBER))
    assert other.get(f"/wins/{win.id}").status_code == 200  # everyone may read
    assert other.get(f"/wins/{win.id}/edit").status_code == 403
    other.post("/auth/logout")
    client = login(author)
    response = client.post(f"/wins/{win.id}/edit", data=_full(title="Renamed"))
    assert response.status_code == 302
    db.refresh(win)
    assert win.title == "Renamed"
    assert win.mechanisms == [Mechanism.OIL_SPOT, Mechanism.CONNECTION]


def test_programme_leads_browse_but_do_not_log(app, db, make_account, make_win, login):
    make_win(title="Visible win")
    client = login(make_account(role=Role.PROGRAMME_LEAD))
    assert "Visible win" in client.get("/wins/").get_data(as_text=True)
    assert client.get("/wins/new").status_code == 403


def test_the_members_dashboard_links_to_the_quick_form(app, make_account, login):
    page = login(make_account(role=Role.MEMBER)).get("/").get_data(as_text=True)
    assert '<a class="button" href="/wins/quick">Log a small win</a>' in page


def test_an_email_link_to_an_older_session_still_offers_that_session(
    app, db, make_account, make_meeting, login, monkeypatch
):
    from datetime import UTC, datetime

    from arena.arenas import choices

    monkeypatch.setattr(choices, "RECENT_MEETINGS", 1)
    old = make_meeting(state=MeetingState.HELD, starts=datetime(2023, 5, 1, 14, tzinfo=UTC))
    recent = make_meeting(state=MeetingState.HELD, starts=datetime(2025, 5, 1, 14, tzinfo=UTC))
    client = login(make_account(role=Role.MEMBER))
    assert f'value="{old.id}"' not in client.get("/wins/quick").get_data(as_text=True)
    page = client.get(f"/wins/quick?meeting={old.id}").get_data(as_text=True)
    assert f'<option selected value="{old.id}">' in page and f'value="{recent.id}"' in page
    response = client.post(f"/wins/quick?meeting={old.id}", data=_quick("Asked", old))
    assert response.status_code == 302
    assert db.scalar(select(SmallWin)).meeting_id == old.id


def test_a_win_keeps_its_older_practice_example_when_edited(
    app, db, make_account, make_example, make_win, login, monkeypatch
):
    from arena.examples import choices

    monkeypatch.setattr(choices, "RECENT_EXAMPLES", 1)
    old = make_example(status=ExampleStatus.PRESENTED, title="Old story")
    make_example(status=ExampleStatus.PRESENTED, title="New story")
    account = make_account(role=Role.MEMBER)
    win = make_win(author_id=account.member_id, practice_example_id=old.id)
    client = login(account)
    page = client.get(f"/wins/{win.id}/edit").get_data(as_text=True)
    assert f'<option selected value="{old.id}">Old story</option>' in page
    data = _full(practice_example=str(old.id))
    assert client.post(f"/wins/{win.id}/edit", data=data).status_code == 302
    db.refresh(win)
    assert win.practice_example_id == old.id


def test_the_example_page_leads_to_a_win_inspired_by_it(
    app, db, make_account, make_example, make_meeting, login
):
    meeting = make_meeting(state=MeetingState.HELD)
    account = make_account(role=Role.MEMBER)
    example = make_example(
        presenters=[account.member], status=ExampleStatus.PRESENTED, meeting_id=meeting.id, slot=1
    )
    client = login(account)
    page = client.get(f"/examples/{example.id}").get_data(as_text=True)
    link = f"/wins/new?practice_example={example.id}&amp;meeting={meeting.id}"
    assert link in page
    form = client.get(link.replace("&amp;", "&")).get_data(as_text=True)
    assert f'<option selected value="{example.id}">' in form
    assert f'<option selected value="{meeting.id}">' in form
