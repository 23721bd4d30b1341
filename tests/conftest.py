"""Shared fixtures: a headless Streamlit server on 127.0.0.1 and a headless Chromium driven by playwright."""

import urllib.parse
from pathlib import Path

import pytest

from deploy.browser import launch, wait_until_idle
from deploy.serve import Replica

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "tests" / "screenshots"


def pytest_collection_modifyitems(items):
    """Every test that drives the browser is marked ``browser`` (``-m "not browser"`` leaves them out)."""
    for item in items:
        if {"browser", "page"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def server():
    """Base URL of `streamlit run app.py`, started once for the session and stopped after it."""
    with Replica() as replica:
        yield replica.url


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium (playwright cannot download its own browser here)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    yield pg
    context.close()


def screenshot(pg, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    pg.screenshot(path=str(path), full_page=True)
    return path


def open_page(
    page,
    server: str,
    path: str,
    query=None,
    *,
    height: int = 1000,
    init_script: str | None = None,
    timeout: float = 60_000,
) -> list[str]:
    """Open ``server/path?query`` 1400 px wide and wait until it is idle; the list fills with the page's
    JavaScript errors as they come (``init_script`` runs in the page before its own scripts)."""
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    if init_script:
        page.add_init_script(init_script)
    page.set_viewport_size({"width": 1400, "height": height})
    page.goto(f"{server}/{path}?{urllib.parse.urlencode(query or {}, doseq=True)}")
    wait_until_idle(page, timeout)
    return errors


def full_page(page, name: str, max_height: int = 6000) -> Path:
    """A screenshot of the whole page (the viewport grown to its height: Streamlit scrolls inside the page)."""
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": 1400, "height": min(max_height, height + 100)})
    wait_until_idle(page)
    return screenshot(page, name)
