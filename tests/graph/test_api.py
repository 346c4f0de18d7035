"""The JSON API answers with the stored findings, never computing, and only to staff."""

from __future__ import annotations

from arena.auth.models import Role
from arena.graph.build import org_node
from arena.graph.services import refresh_stale_views


def test_staff_read_the_stored_findings_as_json(db, client, make_account, login, broker_network):
    login(make_account(role=Role.PROGRAMME_LEAD))
    missing = client.get("/api/graph/organisations")
    assert missing.status_code == 404
    assert "not been computed" in missing.get_json()["detail"]
    refresh_stale_views(db)
    db.commit()
    body = client.get("/api/graph/organisations").get_json()
    assert body["fresh"] is True and body["scope"] == "all"
    assert body["summary"]["nodes"] == 13
    assert body["brokers"][0]["id"] == org_node(broker_network["broker"].id)
    assert "drawing" not in body


def test_bad_queries_and_kinds_get_json_errors(client, make_account, login):
    login(make_account(role=Role.ORGANISER))
    bad = client.get("/api/graph/people?as_of=soon")
    assert bad.status_code == 400 and "YYYY-MM-DD" in bad.get_json()["detail"]
    assert client.get("/api/graph/nonsense").status_code == 404


def test_members_are_refused(client, make_account, login):
    login(make_account(role=Role.MEMBER))
    assert client.get("/api/graph/organisations").status_code == 403
