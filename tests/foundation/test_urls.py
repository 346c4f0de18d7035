"""A URL's first segment alone names the package that serves it (arena/layers.py), and each
package has one blueprint, named after it."""

from __future__ import annotations

from arena import BLUEPRINT_MODULES
from arena.layers import URL_PREFIXES, level_of


def _first_segment(rule: str) -> str:
    return rule.lstrip("/").split("/", 1)[0]


def _package(endpoint: str) -> str:
    return endpoint.split(".", 1)[0] if "." in endpoint else "arena"


def test_every_url_is_served_by_the_package_its_first_segment_names(app):
    wrong = [
        f"{rule.rule} is served by {_package(rule.endpoint)} ({rule.endpoint}), but "
        f"arena/layers.py gives /{_first_segment(rule.rule)} to "
        f"{URL_PREFIXES.get(_first_segment(rule.rule), 'no package')}"
        for rule in app.url_map.iter_rules()
        if URL_PREFIXES.get(_first_segment(rule.rule)) != _package(rule.endpoint)
    ]
    assert wrong == []


def test_every_first_segment_in_the_map_is_in_use(app):
    used = {_first_segment(rule.rule) for rule in app.url_map.iter_rules()}
    assert set(URL_PREFIXES) == used


def test_one_blueprint_per_package_named_after_it(app):
    assert len(app.blueprints) == len(BLUEPRINT_MODULES)
    for name, blueprint in app.blueprints.items():
        package = blueprint.import_name.split(".")[1]
        assert name == package, f"the blueprint of arena/{package}/ is called {name}"
        level_of(package)  # a package of the layers


def test_old_invitation_urls_lead_to_the_new_ones_keeping_the_method(
    app, client, make_account, login
):
    login(make_account())
    invite = client.get("/sessions/7/invite?preview_member=3")
    assert invite.status_code == 308
    assert invite.location.endswith("/invitations/7?preview_member=3")
    retry = client.post("/sessions/7/messages/retry", data={"message_id": "1"})
    assert retry.status_code == 308 and retry.location.endswith("/invitations/7/retry")
