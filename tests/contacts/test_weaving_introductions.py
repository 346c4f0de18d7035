"""The weaving panel of the people map lets organisers introduce a suggested pair by mail."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from arena.auth.models import Role
from arena.members.models import Member

CONSENT = datetime.now(UTC) - timedelta(days=30)


def test_an_organiser_introduces_a_suggested_pair_from_the_weaving_panel(
    db, client, make_account, login, plant
):
    orgs = [plant.org(f"Org {i}") for i in range(3)]
    people = [plant.member(o) for o in orgs]
    people[0].name = "Ann <script>alert(1)</script>"
    for person in people:
        person.consent_given_at = CONSENT
    plant.collaborate(date(2021, 1, 5), people[0], people[1])
    plant.collaborate(date(2021, 1, 5), people[1], people[2])
    plant.commit()
    organiser = login(make_account(Role.ORGANISER))
    assert organiser.post("/graph/people/recompute", data={}).status_code == 302
    page = organiser.get("/graph/people").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    link = re.search(r'href="(/contacts/introduce\?a=member-\d+&amp;b=member-\d+)"', page)
    assert link, "no introduction link in the weaving panel"
    url = link.group(1).replace("&amp;", "&")
    ids = {int(i) for i in re.findall(r"member-(\d+)", url)}
    assert ids == {people[0].id, people[2].id}
    form = organiser.get(url).get_data(as_text=True)
    assert "Introduce" in form and "&lt;script&gt;" in form
    assert organiser.post(url, data={"purpose": "practice-visit"}).status_code == 302
    again = organiser.post(url, data={"purpose": "practice-visit"}).get_data(as_text=True)
    assert "A new one can be made from" in again
    assert db.get(Member, people[0].id) is not None


def test_a_programme_lead_sees_suggestions_but_no_introduction_link(
    client, make_account, login, plant
):
    orgs = [plant.org(f"Org {i}") for i in range(3)]
    people = [plant.member(o) for o in orgs]
    plant.collaborate(date(2021, 1, 5), people[0], people[1])
    plant.collaborate(date(2021, 1, 5), people[1], people[2])
    plant.commit()
    lead = login(make_account(Role.PROGRAMME_LEAD))
    lead.post("/graph/people/recompute", data={})
    page = lead.get("/graph/people").get_data(as_text=True)
    assert "data-suggestion" in page and "/contacts/introduce" not in page
