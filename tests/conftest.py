"""Shared fixtures: a headless Streamlit server on 127.0.0.1 and a headless Chromium driven by playwright."""

from pathlib import Path

import pytest

from deploy.browser import launch
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
