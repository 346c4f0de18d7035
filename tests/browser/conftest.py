"""Real-browser journeys: Debian's Chromium driven by Playwright against a live Arena.

The server runs in a thread on a free loopback port, on a migrated SQLite database holding a
small demo network. Never downloads a browser: /usr/bin/chromium must be installed
(scripts/test installs it).
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from arena import create_app
from arena.db import make_engine
from arena.demo import generate_demo
from arena.migrate import upgrade
from tests.databases import free_port
from tests.factories import Factories

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DEMO_PASSWORD = "demo password for journeys"
DEMO_ACCOUNTS = {
    "organiser": "organiser@example.org",
    "programme-lead": "lead@example.org",
    "member": "member@example.org",
}


class LiveServer:
    def __init__(self, app) -> None:
        self.app = app
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._server = make_server("127.0.0.1", self.port, app, threaded=True)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self) -> LiveServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self.app.extensions["arena_db"].engine.dispose()


@pytest.fixture(scope="session")
def live_database(tmp_path_factory) -> str:
    path: Path = tmp_path_factory.mktemp("live") / "arena.sqlite3"
    url = f"sqlite:///{path}"
    upgrade(url)
    engine = make_engine(url)
    generate_demo(engine, members=120, seed=7, password=DEMO_PASSWORD)
    engine.dispose()
    return url


@pytest.fixture(scope="session")
def live_server(live_database, tmp_path_factory):
    app = create_app(
        {
            "ENV_NAME": "testing",
            "DATABASE_URL": live_database,
            "INSTANCE_PATH": str(tmp_path_factory.mktemp("live-instance")),
            "SECRET_KEY": "browser-test-secret",
        }
    )
    server = LiveServer(app).start()
    app.config["BASE_URL"] = server.url
    yield server
    server.stop()


@pytest.fixture
def live_factories(live_server, factory_defaults):
    """The shared factories, writing into the live server's database."""
    session = live_server.app.extensions["arena_db"].sessionmaker()
    yield Factories(session, factory_defaults)
    session.close()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (scripts/test does)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture(scope="session")
def axe() -> Axe:
    return Axe()


@pytest.fixture
def assert_accessible(axe):
    """No serious or critical axe-core violation on the page as it is now."""

    def check(page) -> None:
        results = axe.run(page)
        bad = [
            f"{v['id']} ({v['impact']}): {v['help']} at "
            + ", ".join(str(node["target"]) for node in v["nodes"][:3])
            for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert bad == [], f"accessibility violations on {page.url}:\n" + "\n".join(bad)

    return check


@pytest.fixture
def sign_in(live_server):
    def do(page, role: str) -> None:
        page.goto(f"{live_server.url}/auth/login")
        page.get_by_label("Email").fill(DEMO_ACCOUNTS[role])
        page.get_by_label("Password").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state()

    return do


def follow_nav(page, name: str) -> None:
    """Follow the main navigation's link called ``name``, opening its group first when the
    navigation is grouped (organisers and programme leads)."""
    nav = page.get_by_role("navigation", name="Main")
    link = nav.get_by_role("link", name=name, exact=True)
    if not link.is_visible():
        group = nav.locator(".nav-group").filter(has=page.locator("a", has_text=name))
        group.get_by_role("button").click()
    link.click()
