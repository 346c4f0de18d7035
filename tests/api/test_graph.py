"""The graph views through /api/v1: the stored findings, as the description says they are."""

from __future__ import annotations

from datetime import timedelta

import schemathesis
from schemathesis.specs.openapi.checks import response_schema_conformance

from arena.auth.models import Role
from arena.db import utcnow
from arena.graph.analysis import KINDS
from arena.graph.services import refresh_stale_views


def test_the_findings_of_every_view_match_their_description(
    app, db, factories, make_account, make_token
):
    sectors = ("care", "business", "government")
    organisations = [factories.organisation(sector=s, policy_domain="Wmo") for s in sectors]
    members = [factories.member(themes=["work", "care"]) for _ in range(9)]
    for n, member in enumerate(members):
        factories.employ(member, organisations[n % 3])
    series = factories.series()
    for week in range(3):
        meeting = factories.meeting(series=series, starts=utcnow() - timedelta(weeks=week + 1))
        for member in members[week : week + 6]:
            factories.attend(member, meeting)
    factories.win(author=members[0])
    factories.collaboration(organisations[0], organisations[1])
    refresh_stale_views(db)
    db.commit()
    headers = {"Authorization": f"Bearer {make_token(make_account(role=Role.ORGANISER))}"}
    app.config.update(SERVER_NAME=None)
    described = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operation = described["/api/v1/graph/{kind}"]["GET"]
    answer = operation.definition.raw["responses"]["200"]["content"]["application/json"]
    assert answer["schema"] == {"$ref": "#/components/schemas/GraphFindings"}
    counts = {}
    for kind in KINDS:
        case = operation.Case(path_parameters={"kind": kind})
        response = case.call(headers=headers)
        assert response.status_code == 200, response.text
        assert response.json()["kind"] == kind and response.json()["summary"]["nodes"] > 0
        assert "steps" not in response.json()  # every session: page by page, below
        counts[kind] = response.json()
        case.validate_response(response, checks=[response_schema_conformance])
    assert counts["people"]["step_count"] == 3
    for path in ("/api/v1/graph/{kind}/sessions", "/api/v1/graph/{kind}/legend/{colouring}"):
        operation = described[path]["GET"]
        for kind in KINDS:
            expected = (
                counts[kind]["step_count"]
                if path.endswith("sessions")
                else counts[kind]["legend_count"]["sector"]
            )
            seen, query = [], {"limit": 2}
            while True:
                case = operation.Case(
                    path_parameters={"kind": kind, "colouring": "sector"}, query=query
                )
                response = case.call(headers=headers)
                assert response.status_code == 200, response.text
                case.validate_response(response, checks=[response_schema_conformance])
                seen += response.json()["items"]
                if not response.json()["next_cursor"]:
                    break
                assert len(response.json()["items"]) == 2
                query = {"limit": 2, "cursor": response.json()["next_cursor"]}
            assert len(seen) == expected, (path, kind)


def test_sessions_and_legend_come_page_by_page_in_the_stored_order(
    db, factories, make_account, make_token, api
):
    series = factories.series()
    members = [factories.member(), factories.member()]
    titles = []
    for week in (5, 4, 3, 2, 1):
        title = f"Session <{week}> & more"
        meeting = factories.meeting(series=series, starts=utcnow() - timedelta(weeks=week))
        meeting.title = title
        titles.append(title)
        for member in members:
            factories.attend(member, meeting)
    db.flush()
    refresh_stale_views(db)
    db.commit()
    caller = api(make_token(make_account(role=Role.PROGRAMME_LEAD)))
    seen, cursor = [], None
    while True:
        query = {"limit": 2} | ({"cursor": cursor} if cursor else {})
        body = caller.get("/api/v1/graph/people/sessions", query_string=query).get_json()
        seen += [s["title"] for s in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert seen == titles  # oldest first, as stored, names as they are (JSON, not HTML)
    legend = caller.get("/api/v1/graph/people/legend/community?limit=1").get_json()
    assert len(legend["items"]) == 1 and set(legend["items"][0]) == {"value", "colour", "count"}
    elsewhere = caller.get(
        "/api/v1/graph/people/sessions", query_string={"cursor": legend["next_cursor"] or "x"}
    )
    assert elsewhere.status_code == 400 and elsewhere.get_json()["errors"][0]["field"] == "cursor"
    assert caller.get("/api/v1/graph/people/legend/nonsense").status_code == 404
    assert caller.get("/api/v1/graph/nonsense/sessions").status_code == 404
    member_caller = api(make_token(make_account(role=Role.MEMBER)))
    assert member_caller.get("/api/v1/graph/people/sessions").status_code == 403
