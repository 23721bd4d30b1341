"""The app in a real browser: every page draws its charts without an exception box; markup stays text."""

import urllib.parse

import pytest
from conftest import screenshot

from deploy.browser import wait_until_idle
from pages import PAGES


@pytest.mark.parametrize("url_path", [p[1] for p in PAGES])
def test_every_page_renders_in_chromium(server, page, url_path):
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{server}/{'' if url_path == PAGES[0][1] else url_path}")  # the default page lives at /
    wait_until_idle(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator(".rnnviz-plot .main-svg").count() >= 1 or url_path == "lesson"
    assert page.get_by_text("Page not found").count() == 0
    assert errors == []
    screenshot(page, f"page-{url_path}")


def test_markup_in_text_is_shown_never_run(server, page):
    text = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'
    page.goto(f"{server}/?text={urllib.parse.quote(text)}")
    wait_until_idle(page)
    assert page.evaluate("window.__pwned") is None
    assert page.locator('[data-testid="stException"]').count() == 0
    svg_text = page.evaluate("[...document.querySelectorAll('.main-svg text')].map(t => t.textContent)")
    assert "<" in svg_text and "img" in svg_text  # the token strip shows the markup as text
    screenshot(page, "markup-as-text")


def test_tampered_link_shows_a_note_and_a_repaired_url(server, page):
    page.goto(f"{server}/?hidden=999&cells=lstm&cells=cnn")
    wait_until_idle(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.get_by_text("Some link settings were repaired").count() == 1
    query = urllib.parse.parse_qs(urllib.parse.urlparse(page.url).query)
    assert query == {"hidden": ["128"], "cells": ["LSTM"]}
    screenshot(page, "repaired-link")


def test_a_repaired_link_stays_on_its_page(server, page):
    page.goto(f"{server}/gradients?hidden=999&rho=0")
    wait_until_idle(page)
    assert urllib.parse.urlparse(page.url).path == "/gradients"
    assert urllib.parse.parse_qs(urllib.parse.urlparse(page.url).query) == {"hidden": ["128"]}
    assert page.get_by_text("Some link settings were repaired").count() == 1
