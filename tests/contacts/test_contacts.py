"""Contact between members, end to end through the real SMTP server: ask, answer by the mailed
link, both get the other's address, and the graph draws the tie; every refusal writes nothing."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from arena.auth.models import Role
from arena.collaborations.models import Collaboration
from arena.contacts.models import ContactRequest, ContactStatus
from arena.graph.build import build_people_graph, member_node
from arena.graph.queries import Scope, load_rows
from arena.invitations.delivery import deliver_due_messages
from arena.invitations.models import OutboxMessage

NOW = datetime.now(UTC)
CONSENT = {"consent_given_at": NOW - timedelta(days=30)}


@pytest.fixture
def asker(db, make_account, make_member, login):
    """A signed-in member who may be mailed; ``asker.member`` is their network row."""
    member = make_member(name="Anna Asker", **CONSENT)
    account = make_account(Role.MEMBER, member_id=member.id)
    client = login(account)
    client.member = member
    return client


def _deliver(app, smtp_server, count: int):
    config = dict(app.config, SMTP_HOST=smtp_server.host, SMTP_PORT=smtp_server.port)
    deliver_due_messages(app.extensions["arena_db"].sessionmaker, config)
    return smtp_server.wait_for(count)


def _text(message) -> str:
    return message.get_body(("plain",)).get_content()


def _link(message, choice: str) -> str:
    return re.search(rf"https?://[^/\s]+(/contacts/answer/\S+/{choice})", _text(message)).group(1)


def _counts(db) -> tuple[int, int, int]:
    db.expire_all()
    return (
        db.scalar(select(func.count()).select_from(ContactRequest)),
        db.scalar(select(func.count()).select_from(OutboxMessage)),
        db.scalar(select(func.count()).select_from(Collaboration)),
    )


def test_a_member_asks_the_other_accepts_from_the_mail_and_both_get_the_address(
    app, db, client, asker, make_member, smtp_server
):
    bram = make_member(name="Bram Boer", email="bram@example.nl", **CONSENT)
    found = asker.get("/contacts/?q=bram").get_data(as_text=True)
    assert "Bram Boer" in found and "bram@example.nl" not in found
    page = asker.get(f"/contacts/new/{bram.id}").get_data(as_text=True)
    assert "bram@example.nl" not in page
    response = asker.post(
        f"/contacts/new/{bram.id}",
        data={"purpose": "practice-visit", "message": "May I see your <b>buurtteam</b>?"},
    )
    assert response.status_code == 302
    assert "bram@example.nl" not in asker.get("/contacts/").get_data(as_text=True)

    (question,) = _deliver(app, smtp_server, 1)
    assert question["To"] == "bram@example.nl"
    assert "Anna Asker" in question["Subject"]
    assert "visit each other's practice" in _text(question)
    assert "<b>buurtteam</b>" not in question.get_body(("html",)).get_content()
    assert asker.member.email not in _text(question)

    accept = _link(question, "accept")
    confirm = client.get(accept)
    assert confirm.status_code == 200 and "Yes, put us in touch" in confirm.get_data(as_text=True)
    assert _counts(db)[2] == 0  # opening the link (a mail scanner) changes nothing
    done = client.post(accept).get_data(as_text=True)
    assert "You are now in touch with Anna Asker" in done

    messages = _deliver(app, smtp_server, 3)
    addresses = {m["To"]: _text(m) for m in messages[1:]}
    assert "bram@example.nl" in addresses[asker.member.email]
    assert asker.member.email in addresses["bram@example.nl"]

    graph = build_people_graph(load_rows(db, Scope()))
    assert graph.has_edge(member_node(asker.member.id), member_node(bram.id))
    again = client.post(accept).get_data(as_text=True)
    assert "answered already" in again
    assert _counts(db) == (1, 3, 1)


def test_a_declined_request_shares_nothing_and_records_no_tie(
    app, db, client, asker, make_member, smtp_server
):
    bram = make_member(name="Bram Boer", **CONSENT)
    asker.post(f"/contacts/new/{bram.id}", data={"purpose": "funding", "message": ""})
    (question,) = _deliver(app, smtp_server, 1)
    assert "talk about funding" in _text(question)
    decline = _link(question, "decline")
    assert "your address is not shared" in client.get(decline).get_data(as_text=True)
    assert "Your address was not shared" in client.post(decline).get_data(as_text=True)
    db.expire_all()
    assert db.scalar(select(ContactRequest.status)) == ContactStatus.DECLINED
    assert _counts(db) == (1, 1, 0)
    assert "Not accepted" in asker.get("/contacts/").get_data(as_text=True)


@pytest.mark.parametrize(
    ("who", "message"),
    [
        ("self", "You cannot ask to be put in touch with yourself."),
        ("unsubscribed", "does not receive mail from Arena"),
        ("no-consent", "does not receive mail from Arena"),
        ("erased", "This member is no longer in the network."),
    ],
)
def test_a_request_to_oneself_or_someone_not_reachable_is_refused_and_nothing_written(
    db, asker, make_member, who, message
):
    others = {
        "self": lambda: asker.member,
        "unsubscribed": lambda: make_member(unsubscribed_at=NOW, **CONSENT),
        "no-consent": lambda: make_member(),
        "erased": lambda: make_member(name="Erased", email=None, erased_at=NOW, **CONSENT),
    }
    other = others[who]()
    before = _counts(db)
    response = asker.post(f"/contacts/new/{other.id}", data={"purpose": "other"})
    assert response.status_code == 200
    assert message in response.get_data(as_text=True).replace("&#39;", "'")
    assert _counts(db) == before


def test_an_asker_who_may_not_be_mailed_is_told_to_give_consent_first(
    db, make_account, make_member, login
):
    member = make_member()  # no consent
    client = login(make_account(Role.MEMBER, member_id=member.id))
    other = make_member(**CONSENT)
    page = client.post(f"/contacts/new/{other.id}", data={"purpose": "other"})
    assert "Give your consent on your profile page first" in page.get_data(as_text=True)
    assert _counts(db) == (0, 0, 0)


def test_asking_the_same_person_again_is_refused_for_a_while(db, asker, make_member):
    bram = make_member(name="Bram Boer", **CONSENT)
    asker.post(f"/contacts/new/{bram.id}", data={"purpose": "other"})
    before = _counts(db)
    again = asker.post(f"/contacts/new/{bram.id}", data={"purpose": "funding"})
    assert "A new one can be made from" in again.get_data(as_text=True)
    assert _counts(db) == before
    db.execute(ContactRequest.__table__.update().values(created_dt=NOW - timedelta(days=31)))
    db.commit()
    assert asker.post(f"/contacts/new/{bram.id}", data={"purpose": "other"}).status_code == 302


def test_a_tampered_or_someone_elses_link_is_refused_and_nothing_changes(
    app, db, client, asker, make_member, smtp_server
):
    bram = make_member(name="Bram Boer", **CONSENT)
    asker.post(f"/contacts/new/{bram.id}", data={"purpose": "other"})
    (question,) = _deliver(app, smtp_server, 1)
    accept = _link(question, "accept")
    token = accept.split("/")[3]
    tampered = accept.replace(token, token[:-3] + ("AAA" if token[-3:] != "AAA" else "BBB"))
    response = client.post(tampered)
    assert response.status_code == 400
    assert "This link does not work" in response.get_data(as_text=True)
    with app.test_request_context():
        from arena.contacts.mails import answer_token

        stranger = make_member(**CONSENT)
        foreign = f"/contacts/answer/{answer_token(1, stranger.id)}/accept"
    assert client.post(foreign).status_code == 400
    db.expire_all()
    assert db.scalar(select(ContactRequest.status)) == ContactStatus.PENDING
    assert _counts(db) == (1, 1, 0)


def test_an_organisers_introduction_waits_for_both_to_agree(
    app, db, client, make_account, make_member, login, smtp_server
):
    organiser = login(make_account(Role.ORGANISER))
    ann = make_member(name="Ann Eerst", **CONSENT)
    ben = make_member(name="Ben Tweede", **CONSENT)
    form = organiser.get(f"/contacts/introduce?a=member-{ann.id}&b=member-{ben.id}")
    assert "Introduce Ann Eerst and Ben Tweede" in form.get_data(as_text=True)
    response = organiser.post(
        f"/contacts/introduce?a=member-{ann.id}&b=member-{ben.id}",
        data={"purpose": "practice-visit", "message": "You both run a repair café."},
    )
    assert response.status_code == 302
    questions = {m["To"]: m for m in _deliver(app, smtp_server, 2)}
    assert "organisers of the arena would like to introduce you" in _text(questions[ann.email])
    client.post(_link(questions[ann.email], "accept"))
    assert _counts(db) == (1, 2, 0)  # one side agreed: nothing shared yet
    client.post(_link(questions[ben.email], "accept"))
    messages = _deliver(app, smtp_server, 4)
    assert {m["To"] for m in messages[2:]} == {ann.email, ben.email}
    assert _counts(db) == (1, 4, 1)


def test_only_organisers_introduce_members(make_account, make_member, login, asker):
    a, b = make_member(**CONSENT), make_member(**CONSENT)
    assert asker.get(f"/contacts/introduce?a={a.id}&b={b.id}").status_code == 403
    lead = login(make_account(Role.PROGRAMME_LEAD))
    assert lead.get(f"/contacts/introduce?a={a.id}&b={b.id}").status_code == 403
