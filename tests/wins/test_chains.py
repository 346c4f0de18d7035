"""Oil-spot chains: no cycles, and the chain view across three generations and organisations."""

from __future__ import annotations

from arena.auth.models import Role
from arena.wins.chains import chain_of, cycle_makers


def test_chain_view_shows_three_generations_across_organisations(
    app, db, make_win, make_organisation, make_account, login
):
    a = make_win(title="Grandparent", organisation_id=make_organisation(name="Org A").id)
    b = make_win(
        title="Parent", inspired_by=[a], organisation_id=make_organisation(name="Org B").id
    )
    c = make_win(title="Child", inspired_by=[b], organisation_id=make_organisation(name="Org C").id)
    d = make_win(
        title="Grandchild", inspired_by=[c], organisation_id=make_organisation(name="Org D").id
    )
    sibling = make_win(title="Sibling", inspired_by=[b])

    chain = chain_of(db, c)
    assert [[w.title for w in g] for g in chain.ancestors] == [["Parent"], ["Grandparent"]]
    assert [[w.title for w in g] for g in chain.descendants] == [["Grandchild"]]
    assert chain.organisations == {"Org A", "Org B", "Org C", "Org D"}

    top = chain_of(db, a)
    assert [sorted(w.title for w in g) for g in top.descendants] == [
        ["Parent"],
        ["Child", "Sibling"],
        ["Grandchild"],
    ]
    body = login(make_account(role=Role.MEMBER)).get(f"/wins/{c.id}/chain").get_data(as_text=True)
    assert "It spans 4 organisations." in body
    for title in ("Grandparent", "Parent", "Grandchild", "Org A", "Org D"):
        assert title in body
    assert "Sibling" not in body
    assert d.id and sibling.id


def test_a_link_that_would_make_a_cycle_is_refused_with_a_form_error(
    app, db, make_win, make_account, login
):
    account = make_account(role=Role.ORGANISER)
    a = make_win(title="First")
    b = make_win(inspired_by=[a])
    c = make_win(inspired_by=[b])
    assert cycle_makers(db, a.id, [c.id, b.id]) == [c.id, b.id]
    client = login(account)
    response = client.post(
        f"/wins/{a.id}/edit",
        data={
            "title": "First",
            "happened_on": "2025-01-01",
            "mechanisms": ["energizing"],
            "meeting": "0",
            "practice_example": "0",
            "inspired_by": str(c.id),
        },
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f"Small win #{c.id} was itself inspired by this one" in body
    db.refresh(a)
    assert a.inspired_by == []


def test_a_win_cannot_inspire_itself_or_name_an_unknown_win(app, db, make_win, make_account, login):
    win = make_win()
    client = login(make_account(role=Role.ORGANISER))
    data = {
        "title": "T",
        "happened_on": "2025-01-01",
        "mechanisms": ["energizing"],
        "meeting": "0",
        "practice_example": "0",
    }
    body = client.post(f"/wins/{win.id}/edit", data=dict(data, inspired_by=str(win.id)))
    assert "A small win cannot inspire itself." in body.get_data(as_text=True)
    body = client.post(f"/wins/{win.id}/edit", data=dict(data, inspired_by="99999"))
    assert "There is no small win #99999." in body.get_data(as_text=True)
    body = client.post(f"/wins/{win.id}/edit", data=dict(data, inspired_by="abc"))
    assert "“abc” is not a small win number." in body.get_data(as_text=True)
