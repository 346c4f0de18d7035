"""The main navigation: grouped for organisers and programme leads (not a dozen flat links),
flat for members, every page of the role still one link away; the groups are buttons that
static/js/nav.js opens and closes, with every link present in the page without JavaScript."""

from __future__ import annotations

import re

import pytest

from arena.auth.models import Role
from tests.catalogues import compile_catalogues

TOP_LEVEL = re.compile(r'<ul class="nav">(.*?)</ul>\s*</nav>', re.S)


def _nav(html: str) -> str:
    return TOP_LEVEL.search(html).group(1)


def _top_entries(nav: str) -> int:
    # top-level entries: the groups plus the links that stand alone
    grouped = nav.count('class="nav-group')
    alone = len(
        re.findall(
            r"^\s*<li><a ", re.sub(r'<ul class="nav-menu".*?</ul>', "", nav, flags=re.S), re.M
        )
    )
    return grouped + alone


@pytest.mark.parametrize("role", [Role.ORGANISER, Role.PROGRAMME_LEAD])
def test_staff_navigation_is_grouped_with_every_link_still_there(client, make_account, login, role):
    login(make_account(role))
    html = client.get("/").get_data(as_text=True)
    nav = _nav(html)
    assert _top_entries(nav) <= 5
    for group in ("Sessions and examples", "Network", "Wins and learning"):
        assert re.search(rf'<button type="button" class="nav-toggle" aria-expanded="true" '
                         rf'aria-controls="nav-\w+">{group}</button>', nav), group  # fmt: skip
    links = re.findall(r'<a href="[^"]+"(?: aria-current="page")?>([^<]+)</a>', nav)
    assert len(links) >= 15
    assert "Members" in links and "Graph" in links and "Report" in links
    assert ("Accounts" in links) is (role == Role.ORGANISER)
    assert 'src="/static/js/nav.js"' in html


def test_member_navigation_stays_flat(client, make_account, login):
    login(make_account(Role.MEMBER))
    nav = _nav(client.get("/").get_data(as_text=True))
    assert "nav-toggle" not in nav
    assert "My profile" in nav and "Members" not in nav


def test_the_current_page_is_marked_inside_its_group(client, make_account, login):
    login(make_account(Role.ORGANISER))
    nav = _nav(client.get("/members/").get_data(as_text=True))
    assert '<li class="nav-group active">' in nav
    assert re.search(r'<a href="/members/" aria-current="page">Members</a>', nav)


def test_errors_are_summarised_by_a_script_with_a_translated_title(client, make_account, login):
    login(make_account(Role.ORGANISER))
    html = client.get("/").get_data(as_text=True)
    assert 'data-error-title="There is a problem"' in html
    assert 'src="/static/js/errors.js"' in html
    compile_catalogues()
    dutch = client.get("/", headers={"Accept-Language": "nl"}).get_data(as_text=True)
    assert 'data-error-title="Controleer deze punten"' in dutch
