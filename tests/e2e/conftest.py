"""Browser journeys: a live Django server in a thread, driven by the system Chromium.

The live server runs in this process, so mail sent by the site lands in the test's
locmem outbox (``django.core.mail.outbox``) and Celery runs eagerly, as in every test.
"""

import os
from pathlib import Path

import pytest

# Playwright's sync API keeps an event loop running in this thread; without this Django
# refuses the test's own database calls ("You cannot call this from an async context").
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
# A journey that waits longer than this for an element has found a broken page.
TIMEOUT_MS = 10_000


def pytest_collection_modifyitems(config, items):
    """Every test in this folder is a browser journey: mark it and give it a live database."""
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.e2e)
            # serialized_rollback restores what the migrations created (roles, home page,
            # the publishing workflow) after each journey's flush.
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


@pytest.fixture(scope="session")
def browser(django_db_setup):
    """One headless Chromium for the whole session; each test gets its own context."""
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing: the browser journeys must run in CI.",
                        pytrace=False)
        pytest.skip("Chromium not installed: browser journeys not run")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    snapshots = {conn.alias: conn._test_serialized_contents for conn in connections.all()
                 if hasattr(conn, "_test_serialized_contents")}
    playwright = sync_playwright().start()
    # From here on an event loop runs in this thread, so Django hands out connections
    # from context-local storage: new objects without the snapshot of the migrations'
    # data that serialized_rollback restores after another transactional test's flush.
    for alias, contents in snapshots.items():
        connections[alias]._test_serialized_contents = contents
    chromium = playwright.chromium.launch(
        executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
    yield chromium
    chromium.close()
    playwright.stop()


@pytest.fixture
def new_page(browser, live_server):
    """Open pages in fresh browser contexts (one per person); all closed after the test."""
    from tests.e2e.helpers import track_navigations

    contexts = []

    def open_page(*, viewport=DESKTOP, locale="en-GB"):
        context = browser.new_context(
            base_url=live_server.url, viewport=viewport, locale=locale, accept_downloads=True)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return track_navigations(context.new_page())

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def mailbox():
    """The live server's outgoing mail (same process, locmem backend)."""
    from django.core import mail

    return mail.outbox
