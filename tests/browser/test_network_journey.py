"""An organiser imports members from a CSV file and finds them; a member opens their profile."""

from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import follow_nav

pytestmark = pytest.mark.browser


def test_organiser_imports_a_csv_previews_confirms_and_finds_the_new_member(
    page, live_server, sign_in, assert_accessible
):
    tag = uuid.uuid4().hex[:8]
    name = f"Journey Jansen {tag}"
    csv_text = (
        "\ufeffnaam;e-mail;organisatie;rol;thema's;toestemming\r\n"
        f"{name};journey-{tag}@example.nl;Journey Organisatie {tag};gemeente;werk|zorg;ja\r\n"
        f"Second {tag};second-{tag}@example.nl;Journey Organisatie {tag};werkgever;;nee\r\n"
    )
    sign_in(page, "organiser")
    follow_nav(page, "Members")
    expect(page.get_by_role("heading", level=1)).to_have_text("Members")
    assert_accessible(page)

    page.get_by_role("link", name="Import a CSV file").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import members from a CSV file")
    assert_accessible(page)
    page.get_by_label("CSV file").set_input_files(
        files=[
            {
                "name": f"journey-{tag}.csv",
                "mimeType": "text/csv",
                "buffer": csv_text.encode("utf-8"),
            }
        ]
    )
    page.get_by_role("button", name="Upload and preview").click()

    expect(page.get_by_text("Preview: nothing has been written yet.")).to_be_visible()
    expect(page.locator('[data-count="create"]')).to_have_text("2")
    expect(page.get_by_role("cell", name=name)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Confirm and import").click()

    expect(page.get_by_text(re.compile(r"^Imported: 2 rows\."))).to_be_visible()
    assert_accessible(page)

    follow_nav(page, "Members")
    page.get_by_label("Search name, email or organisation").fill(tag)
    page.get_by_role("button", name="Show members").click()
    expect(page.get_by_text("2 members found")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    expect(page.get_by_role("link", name=f"Journey Organisatie {tag}")).to_be_visible()
    assert_accessible(page)


def test_a_bad_file_is_refused_in_the_browser_with_the_row_and_reason(
    page, live_server, sign_in, assert_accessible
):
    sign_in(page, "organiser")
    page.goto(f"{live_server.url}/network/import")
    page.get_by_label("CSV file").set_input_files(
        files=[
            {
                "name": "bad.csv",
                "mimeType": "text/csv",
                "buffer": b"email;name;organisation;role\nnot-an-email;X;Y;provider\n",
            }
        ]
    )
    page.get_by_role("button", name="Upload and preview").click()
    expect(page.get_by_text("Refused: nothing was written.")).to_be_visible()
    expect(
        page.get_by_role("cell", name="“not-an-email” is not a valid email address.").first
    ).to_be_visible()
    assert_accessible(page)


def test_member_sees_own_profile_and_programme_lead_reads_the_network(
    page, live_server, sign_in, assert_accessible
):
    tag = uuid.uuid4().hex[:8]
    sign_in(page, "member")
    page.get_by_role("link", name="My profile").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My profile")
    expect(page.get_by_role("link", name="Members", exact=True)).to_have_count(0)
    assert_accessible(page)
    page.get_by_role("link", name="Edit my profile").click()
    assert_accessible(page)

    # their organisations: add a period, correct it, end it; it stays in the history
    page.get_by_role("link", name="My organisations").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My organisations")
    page.get_by_label("Organisation", exact=True).fill(f"Wijkteam {tag}")
    page.get_by_label("Position").fill("buurtcoach")
    page.get_by_label("Since").fill("2021-09-01")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.get_by_text(f"Added Wijkteam {tag}.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=f"Edit Wijkteam {tag}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Period at Wijkteam {tag}")
    assert_accessible(page)
    page.get_by_label("Position").fill("senior buurtcoach")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("button", name=f"End today Wijkteam {tag}").click()
    row = page.get_by_role("row", name=re.compile(f"Wijkteam {tag}"))
    expect(row).to_contain_text("senior buurtcoach")
    expect(row).not_to_contain_text("current")
    page.get_by_role("link", name="Back to my profile").click()
    expect(page.get_by_text(f"Wijkteam {tag}")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, "programme-lead")
    follow_nav(page, "Organisations")
    expect(page.get_by_role("heading", level=1)).to_have_text("Organisations")
    assert_accessible(page)
    follow_nav(page, "Members")
    page.locator("table tbody a").first.click()
    expect(page.get_by_role("link", name="Erase personal data")).to_have_count(0)
    assert_accessible(page)
